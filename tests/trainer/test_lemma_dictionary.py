"""simplemma's dictionary kept decoded in the cache folder: written once, read back instead
of simplemma's own, never believed when damaged or not the user's, and the same lemmas as
simplemma gives."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pytest

from esslex.trainer.lemma_dictionary import BytesDictionary, CachedDictionaries

WORDS = {"coopératives": "coopérative", "sociales": "social", "Œuvres": "œuvre"}


class CountingFactory:
    """A stand-in for simplemma's factory that says how often it was asked."""

    def __init__(self) -> None:
        self.asked = 0

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        self.asked += 1
        return dict(WORDS)


def dictionaries(folder: Path) -> tuple[CachedDictionaries, CountingFactory]:
    own = CountingFactory()
    return CachedDictionaries(folder, "9.9", own), own


def test_written_once_then_read_from_the_folder(tmp_path: Path) -> None:
    first, own = dictionaries(tmp_path)
    assert dict(first.get_dictionary("fr")) == WORDS and own.asked == 1
    assert first.get_dictionary("fr") is first.get_dictionary("fr")  # once per process
    assert first.file("fr").name.startswith("simplemma-9.9-fr-")
    assert first.file("fr").stat().st_mode & 0o777 == 0o600

    again, own_again = dictionaries(tmp_path)
    read = again.get_dictionary("fr")
    assert own_again.asked == 0
    assert isinstance(read, BytesDictionary)
    assert dict(read) == WORDS and len(read) == len(WORDS)
    assert read.get("sociales") == "social" and read["Œuvres"] == "œuvre"
    assert read.get("absent") is None and read.get("absent", "x") == "x"
    with pytest.raises(KeyError):
        read["absent"]


def test_another_version_of_simplemma_has_its_own_file(tmp_path: Path) -> None:
    dictionaries(tmp_path)[0].get_dictionary("fr")
    own = CountingFactory()
    other = CachedDictionaries(tmp_path, "10.0", own)
    assert not other.file("fr").exists()
    assert dict(other.get_dictionary("fr")) == WORDS and own.asked == 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-3],  # cut short
        lambda data: data[:40] + bytes([data[40] ^ 1]) + data[41:],  # one bit flipped
        lambda data: b"",  # empty
        lambda data: b"\x00" * len(data),  # overwritten
    ],
    ids=["truncated", "flipped", "empty", "zeroed"],
)
def test_a_damaged_file_is_rebuilt_from_simplemma(tmp_path: Path, damage: object) -> None:
    first, _ = dictionaries(tmp_path)
    first.get_dictionary("fr")
    file = first.file("fr")
    file.write_bytes(damage(file.read_bytes()))  # type: ignore[operator]

    again, own = dictionaries(tmp_path)
    assert dict(again.get_dictionary("fr")) == WORDS and own.asked == 1
    third, own_third = dictionaries(tmp_path)  # and written afresh
    assert dict(third.get_dictionary("fr")) == WORDS and own_third.asked == 0


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="owners and modes are POSIX")
def test_a_file_others_may_write_is_not_believed(tmp_path: Path) -> None:
    first, _ = dictionaries(tmp_path)
    first.get_dictionary("fr")
    first.file("fr").chmod(0o666)
    again, own = dictionaries(tmp_path)
    assert dict(again.get_dictionary("fr")) == WORDS and own.asked == 1


def test_without_a_usable_folder_simplemma_own_serves(tmp_path: Path) -> None:
    blocked = tmp_path / "un fichier"
    blocked.write_text("pas un dossier", encoding="utf-8")
    cached, own = dictionaries(blocked / "cache")
    assert dict(cached.get_dictionary("fr")) == WORDS and own.asked == 1
    assert blocked.read_text(encoding="utf-8") == "pas un dossier"


def test_the_same_lemmas_as_simplemma(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every word of the test course, and every 50th word of simplemma's French dictionary
    (as written, capitalised and in capitals), read through the kept dictionary, after it
    was written and read back, gives simplemma's own lemma."""
    simplemma = pytest.importorskip("simplemma")
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    from esslex.trainer.annotate import Lemmatizer, _simplemma_for, words

    course = Path(__file__).parents[1] / "fixtures" / "cours-annote.md"
    known = list(DefaultDictionaryFactory().get_dictionary("fr"))[::50]
    sample = [w.text for w in words(course.read_text("utf-8"))]
    sample += known + [w.capitalize() for w in known] + [w.upper() for w in known]
    expected = [simplemma.lemmatize(w, lang="fr") for w in sample]  # before the patch
    Lemmatizer(tmp_path).key("écrit")  # writes the file
    assert next(tmp_path.glob("simplemma-*-fr-*.dictionary"))
    _simplemma_for.cache_clear()  # as in a new process, where simplemma's own is not read:

    def not_read(self: object, lang: str) -> None:
        raise AssertionError("simplemma's own dictionary read again")

    monkeypatch.setattr(DefaultDictionaryFactory, "get_dictionary", not_read)
    kept = Lemmatizer(tmp_path)
    assert [kept._lemmatize(w, lang="fr") for w in sample] == expected
