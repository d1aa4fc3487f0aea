"""The names a course may mention a large glossary's entries by (`find.mentions`), kept
beside its cache: grouped and written while the cache is built, in the same pass, under the
same key; read by `esslex annotate` without decoding a name (each group is marshal bytes in
one block after a small head, sliced out and decoded only for the words of the course);
checked before they are believed, else `CacheDamaged`."""

from __future__ import annotations

import marshal
import os
from array import array
from collections.abc import Iterator, Mapping, Sequence
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any

from esslex import __version__
from esslex.cache import codec
from esslex.cache.codec import CacheDamaged
from esslex.cache.folder import create_private, read_private

if TYPE_CHECKING:
    from esslex.find.mentions import NameGroups, Stored
    from esslex.glossary.model import Term

# The end of each group in the block, as stored (8 bytes: a block of any size).
_ENDS = "Q"


def mentions_file(file: Path) -> Path:
    """The file of the names a course may mention, beside the cache `file`."""
    return file.with_suffix(".mentions")


def write_mentions(file: Path, key: list[list[Any]], terms: Sequence[Term]) -> None:
    """Group the names of `terms` and write them as `file`, readable by its owner alone (a
    temporary file: the caller puts it in place with the rest of the cache); OSError if the
    folder refuses it."""
    from esslex.find.mentions import encoded, group_names, group_of

    groups = group_names(terms)
    words = [*groups.by_first_word, *groups.by_acronym]
    stored = [
        encoded(group_of(group))
        for group in (*groups.by_first_word.values(), *groups.by_acronym.values())
    ]
    ends = array(_ENDS, accumulate(map(len, stored)))
    head = (codec.FORMAT, __version__, key, words, len(groups.by_first_word), ends.tobytes())
    descriptor = create_private(file)
    try:
        with os.fdopen(os.dup(descriptor), "wb") as out:
            out.write(codec.framed(marshal.dumps(head) + b"".join(stored)))
    finally:
        os.close(descriptor)


def read_mentions(file: Path, key: list[list[Any]]) -> NameGroups:
    """The names stored in `file` for the files of `key`; CacheDamaged when they are
    missing, stale, or fail a check (the whole cache is then rebuilt)."""
    from esslex.find.mentions import NameGroups

    data = read_private(file)
    if data is None:
        raise CacheDamaged("noms des mentions illisibles ou d’un autre utilisateur")
    payload = codec.unframed(data)
    head = codec.loads(payload)  # what follows it, the block, is left to be sliced
    if type(head) is not tuple or len(head) != 6:
        raise CacheDamaged("noms des mentions mal formés")
    form, version, stored_key, words, first_words, ends_data = head
    if (form, version, stored_key) != (codec.FORMAT, __version__, key):
        raise CacheDamaged("noms des mentions périmés")
    ends = _ends(ends_data, len(payload))
    if not (
        codec.conforms(words, codec.TEXTS)
        and type(first_words) is int
        and 0 <= first_words <= len(words) == len(ends)
    ):
        raise CacheDamaged("noms des mentions d’un type inattendu")
    block = payload[len(payload) - (ends[-1] if ends else 0) :]
    return NameGroups(
        StoredGroups(words[:first_words], ends, block, 0),
        StoredGroups(words[first_words:], ends, block, first_words),
    )


def _ends(data: Any, most: int) -> array[int]:
    """The end of each group in the block: rising, none past `most` bytes."""
    if type(data) is not bytes or len(data) % array(_ENDS).itemsize:
        raise CacheDamaged("noms des mentions d’un type inattendu")
    ends = array(_ENDS, data)
    if (ends and ends[-1] > most) or any(map(int.__gt__, ends, ends[1:])):
        raise CacheDamaged("noms des mentions incohérents")
    return ends


class StoredGroups(Mapping[str, "Stored"]):
    """Groups of names kept in one block, each sliced out when asked for (a large
    glossary has tens of thousands; a course asks for a few hundred)."""

    def __init__(self, words: list[str], ends: array[int], block: memoryview, first: int):
        self._at = dict(zip(words, range(first, first + len(words)), strict=True))
        self._ends = ends
        self._block = block

    def __getitem__(self, word: str) -> Stored:
        at = self._at[word]
        return self._block[self._ends[at - 1] if at else 0 : self._ends[at]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)
