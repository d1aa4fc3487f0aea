"""Fingerprints of a passage: hashes of its normalised runs of ten words, never its words.

`data/sources/` keeps the fingerprint of each passage of law an entry was written from, so
that a test can tell whether a definition repeats a run of ten words of its text without
the repository holding the text itself. Two texts share a run exactly when their
fingerprints share a hash.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from collections.abc import Iterable

WINDOW = 10
# Sixteen hex digits: 64 bits, so that two different runs never share a hash by chance.
DIGITS = 16
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of `text`, compared as a reader would: case, accents, apostrophes,
    punctuation and line breaks aside (« l’économie » gives « l », « economie »)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WORD.findall(plain)


def runs(text: str, window: int = WINDOW) -> list[str]:
    """Every run of `window` consecutive words of `text`, as one string each."""
    found = words(text)
    return [" ".join(found[i : i + window]) for i in range(len(found) - window + 1)]


def digest(run: str) -> str:
    return hashlib.sha256(run.encode("utf-8")).hexdigest()[:DIGITS]


def fingerprint(text: str, window: int = WINDOW) -> list[str]:
    """The sorted, distinct hashes of the runs of `text`."""
    return sorted({digest(run) for run in runs(text, window)})


def shared_runs(text: str, hashes: Iterable[str], window: int = WINDOW) -> list[str]:
    """The runs of `text` whose hash is among `hashes` (a passage's fingerprint)."""
    known = set(hashes)
    return [run for run in runs(text, window) if digest(run) in known]


def main() -> None:
    """`python -m esslex.text.fingerprint < passage.txt`: the passage's hashes, one a line,
    for a maintainer recording a text in data/sources/."""
    for value in fingerprint(sys.stdin.read()):
        print(value)


if __name__ == "__main__":
    main()
