"""The finder's index of names kept in the cache: read back, it finds what a finder made
afresh finds; stale or damaged, it is made again, never believed."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

import pytest

from esslex.glossary.loader import load_glossary
from esslex.glossary.model import Glossary
from esslex.glossary.paths import bundled_path
from esslex.trainer.annotate import MentionFinder, policy_of
from esslex.trainer.annotate_cache import finder_for
from support.glossaries import GOOD_HEAD, age

COURSE = (Path(__file__).parents[1] / "fixtures" / "cours-annote.md").read_text(encoding="utf-8")
SOURCE = (
    GOOD_HEAD
    + """\
[[term]]
id = "scop"
label = "Société coopérative et participative"
alt_labels = ["SCOP", "Scop"]
definition = "Une coopérative."

[[term]]
id = "acteurs"
label = "Acteurs"
annotate = "never"
definition = "Des acteurs."
"""
)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ESSLEX_CACHE_DIR", str(folder))
    return folder


def _mentions(finder: MentionFinder, text: str) -> list[dict[str, object]]:
    return [mention.as_dict() for mention in finder.find(text)]


def test_the_index_read_back_finds_what_a_new_finder_finds(cache: Path) -> None:
    paths = [bundled_path()]
    glossary = load_glossary(paths)
    first = finder_for(paths, lambda: glossary)
    assert list(cache.glob("*.mentions"))
    with patch("esslex.trainer.annotate._grouped", side_effect=AssertionError("regrouped")):
        second = finder_for(paths, lambda: glossary)
    fresh = _mentions(MentionFinder(glossary, policy_of), COURSE)
    assert len(fresh) >= 20
    assert _mentions(first, COURSE) == fresh
    assert _mentions(second, COURSE) == fresh


def test_a_changed_glossary_is_grouped_again(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "essai.toml"
    path.write_text(SOURCE, encoding="utf-8")
    age(path)
    finder_for([path], lambda: load_glossary([path]))
    path.write_text(SOURCE.replace('alt_labels = ["SCOP", "Scop"]\n', ""), encoding="utf-8")
    age(path, 30)
    finder = finder_for([path], lambda: load_glossary([path]))
    assert finder.find("Une SCOP, des acteurs, une Scop.") == []


@pytest.mark.parametrize("damage", ["flipped", "truncated", "empty"])
def test_a_damaged_index_is_made_again(cache: Path, tmp_path: Path, damage: str) -> None:
    path = tmp_path / "essai.toml"
    path.write_text(SOURCE, encoding="utf-8")
    age(path)
    finder_for([path], lambda: load_glossary([path]))
    (stored,) = cache.glob("*.mentions")
    data = bytearray(stored.read_bytes())
    if damage == "flipped":
        data[-3] ^= 0xFF
    if damage == "truncated":
        del data[len(data) // 2 :]
    elif damage == "empty":
        data.clear()
    stored.write_bytes(data)
    finder = finder_for([path], lambda: load_glossary([path]))
    assert [m.text for m in finder.find("Une SCOP, des acteurs.")] == ["SCOP"]
    # Made again and rewritten: read back as it was first written.
    with patch("esslex.trainer.annotate._grouped", side_effect=AssertionError("regrouped")):
        again = finder_for([path], lambda: load_glossary([path]))
    assert [m.text for m in again.find("Une SCOP, des acteurs.")] == ["SCOP"]


def test_an_index_of_other_entries_is_not_believed(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "essai.toml"
    path.write_text(SOURCE, encoding="utf-8")
    age(path)
    glossary = load_glossary([path])
    finder_for([path], lambda: glossary)
    # The same files, read otherwise: the index's positions would name other entries.
    fewer = Glossary(glossary.info, glossary.themes, glossary.terms[1:])
    finder = finder_for([path], lambda: fewer)
    assert finder.find("Une SCOP, des acteurs.") == []
