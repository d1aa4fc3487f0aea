"""The read interface: what the commands ask of the glossaries in use (`GlossaryIndex`),
the few methods lookup and search ask besides, each documented; both indexes answer all of
it; the index of a loaded glossary is kept with the glossary, not in the module."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from esslex.cache import policy
from esslex.cache.store import StoredIndex
from esslex.find import index
from esslex.find.index import GlossaryIndex, MemoryIndex, NameIndex, SearchText, index_of
from esslex.glossary import loader
from support.glossaries import write_glossary

INTERFACES = (GlossaryIndex, NameIndex, SearchText)


def members(interface: type) -> list[str]:
    return [
        name
        for name in vars(interface)
        if not name.startswith("_") or name in ("__len__", "__getitem__")
    ]


def test_the_commands_ask_a_few_questions_each_documented() -> None:
    asked = members(GlossaryIndex)
    # parts: the files an entry may come from (learner keys); mention_names: annotate's
    # names; whole: a mini-glossary counts the entries it leaves out.
    assert len(asked) <= 13
    for interface in INTERFACES:
        for name in members(interface):
            member = vars(interface)[name]
            doc = inspect.getdoc(member.fget if isinstance(member, property) else member)
            assert doc, f"{interface.__name__}.{name}"


@pytest.mark.parametrize("implementation", [MemoryIndex, StoredIndex])
def test_both_indexes_answer_every_question(implementation: type) -> None:
    for interface in INTERFACES:
        for name in members(interface):
            assert hasattr(implementation, name) or name in ("info", "themes", "parts"), name


def test_the_index_of_a_loaded_glossary_lives_with_it(tmp_path: Path) -> None:
    path = write_glossary(tmp_path / "essai.toml", count=30)
    first, second = loader.load_glossary([path]), loader.load_glossary([path])
    assert index_of(first) is index_of(first)
    assert index_of(second) is not index_of(first)
    kept = [value for value in vars(index).values() if isinstance(value, (list, dict, set))]
    assert not any(isinstance(item, MemoryIndex) for value in kept for item in value)


def test_an_index_is_its_own_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESSLEX_CACHE_DIR", str(tmp_path / "cache"))
    path = write_glossary(tmp_path / "essai.toml", count=300)
    stored = policy.open_index([path])
    assert index_of(stored) is stored
    assert stored.names() is not None and stored.search_text() is not None
