"""The names a course may mention, kept beside a large glossary's cache: the same groups as
those made afresh, read without a glossary file; missing, stale or damaged, never believed:
the cache is rebuilt and the command answers as before."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import pytest

from esslex.cache import policy
from esslex.cache.mentions import read_mentions
from esslex.find.mentions import Stored, group_names, group_of, names_of
from esslex.glossary.loader import load_glossary
from support.cache import PROGRAMS
from support.cli import outcome
from support.glossaries import write_glossary

TEXT = (
    "La Coopérative sociale d’insertion et les coopératives solidaires de proximité ; une"
    " SCOP, l’économie sociale et solidaire, des mutuelles locales, des monnaies fondantes."
)
EXTRA = (
    '[[term]]\nid = "monnaie-fondante"\nlabel = "Monnaie fondante"\ndefinition = "Une monnaie."\n'
)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ESSLEX_CACHE_DIR", str(folder))
    return folder


def _refuse(what: str) -> Callable[..., NoReturn]:
    def refused(*args: object, **kwargs: object) -> NoReturn:
        pytest.fail(what)

    return refused


def _mentions(glossary: Path, course: Path) -> list[dict[str, object]]:
    code, out, err = outcome("-g", str(glossary), "annotate", str(course), "--json")
    assert code == 0, err
    found: list[dict[str, object]] = json.loads(out)
    return found


def _plain(stored: Stored) -> tuple[int, dict[str, tuple[int | str, ...]]]:
    group = group_of(stored)
    return group.size, {
        second: tuple(names_of(names)) for second, names in group.by_second_word.items()
    }


def test_the_stored_groups_are_those_made_afresh(cache: Path, tmp_path: Path) -> None:
    glossary = write_glossary(tmp_path / "grand.toml")
    assert outcome("--no-bundled", "-g", str(glossary), "list")[0] == 0
    (stored,) = cache.glob("*.mentions")
    names = read_mentions(stored, policy.stamps([glossary]) or [])
    fresh = group_names(load_glossary([glossary]).terms)
    for kept, made in (
        (names.by_first_word, fresh.by_first_word),
        (names.by_acronym, fresh.by_acronym),
    ):
        assert list(kept) == list(made)
        assert [_plain(kept[word]) for word in kept] == [_plain(made[word]) for word in made]
    assert sum(group_of(group).size for group in fresh.by_first_word.values()) > 300


@pytest.mark.parametrize("damage", ["flipped", "truncated", "empty", "missing", "stale"])
def test_damaged_names_are_made_again_with_the_cache(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    path = tmp_path / "grand.toml"
    course = tmp_path / "cours.txt"
    course.write_text(TEXT, encoding="utf-8")
    if damage == "stale":  # the names of the file as it was before a change
        _mentions(write_glossary(path), course)
        (stored,) = cache.glob("*.mentions")
        before = stored.read_bytes()
    glossary = write_glossary(path, extra=EXTRA)
    expected = _mentions(glossary, course)
    assert {"monnaie-fondante", "scop"} <= {mention["id"] for mention in expected}
    (stored,) = cache.glob("*.mentions")
    data = bytearray(stored.read_bytes())
    if damage == "flipped":
        data[-3] ^= 0xFF
    elif damage == "truncated":
        del data[len(data) // 2 :]
    elif damage == "empty":
        data.clear()
    elif damage == "stale":
        data = bytearray(before)
    if damage == "missing":
        stored.unlink()
    else:
        stored.write_bytes(data)
    assert _mentions(glossary, course) == expected
    # Made again with the cache: read back as they were first written.
    with monkeypatch.context() as refusing:
        refusing.setattr("esslex.glossary.loader.read_glossary_file", _refuse("TOML relu"))
        refusing.setattr("esslex.find.mentions.group_names", _refuse("noms regroupés"))
        assert _mentions(glossary, course) == expected


@pytest.mark.parametrize("esslex", PROGRAMS)
def test_a_second_run_answers_with_its_glossary_file_spoiled(
    tmp_path: Path, esslex: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    """The command as a user runs it: once its cache is built, the glossary file's text can
    be garbage (same size, same date, as the cache sees it) and the answer is the same."""
    folder = tmp_path / "cache"
    glossary = write_glossary(tmp_path / "grand.toml", extra=EXTRA)
    course = tmp_path / "cours.txt"
    course.write_text(TEXT, encoding="utf-8")
    args = ("-g", str(glossary), "annotate", str(course), "--json")
    first = esslex(folder, *args)
    assert first.returncode == 0, first.stderr
    status = glossary.stat()
    glossary.write_bytes(b"=" * status.st_size)
    os.utime(glossary, ns=(status.st_atime_ns, status.st_mtime_ns))
    second = esslex(folder, *args)
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout) == json.loads(first.stdout) != []
