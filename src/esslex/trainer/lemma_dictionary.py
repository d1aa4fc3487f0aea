"""simplemma's French dictionary, kept decoded in esslex's cache folder.

simplemma ships each dictionary compressed (lzma) and front-coded: decoding the French one
takes about 140 ms at every `esslex annotate`, twice the search itself. Its words and lemmas,
taken through simplemma's public `DictionaryFactory`, are written once to the cache folder,
framed and checksummed like the glossary caches and named after simplemma's version, and
read back in about 25 ms. The file holds simplemma's own data, never a word of a user's text.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar, overload

from esslex.cache import codec
from esslex.cache.codec import CacheDamaged
from esslex.cache.folder import read_private, usable, write_private

_T = TypeVar("_T")

# The French dictionary decoded is about 5 MB; a larger file is not one esslex wrote.
MOST_BYTES = 64 * 1024 * 1024


class BytesDictionary(Mapping[str, str]):
    """A word → lemma mapping over UTF-8 keys and values, decoded on access (as simplemma's
    own dictionaries are), with the `get` simplemma calls for every lookup."""

    __slots__ = ("_entries",)

    def __init__(self, entries: dict[bytes, bytes]) -> None:
        self._entries = entries

    @overload
    def get(self, key: str, /) -> str | None: ...
    @overload
    def get(self, key: str, default: str, /) -> str: ...
    @overload
    def get(self, key: str, default: _T, /) -> str | _T: ...
    def get(self, key: str, default: object = None, /) -> object:
        found = self._entries.get(key.encode())
        return default if found is None else found.decode()

    def __getitem__(self, key: str) -> str:
        found = self._entries.get(key.encode())
        if found is None:
            raise KeyError(key)
        return found.decode()

    def __iter__(self) -> Iterator[str]:
        return (key.decode() for key in self._entries)

    def __len__(self) -> int:
        return len(self._entries)


class CachedDictionaries:
    """A simplemma `DictionaryFactory` that reads each language's dictionary from `folder`,
    writing it there from simplemma's own the first time (or when the file is missing,
    damaged or not this user's). Without a usable folder, simplemma's own is used."""

    def __init__(self, folder: Path, version: str, fallback: Any) -> None:
        self._folder = folder
        self._version = version
        self._fallback = fallback  # simplemma's DictionaryFactory
        self._loaded: dict[str, Mapping[str, str]] = {}

    def file(self, lang: str) -> Path:
        # marshal's format may change between Pythons: its version is in the name.
        name = f"simplemma-{self._version}-{lang}-m{marshal.version}.dictionary"
        return self._folder / name

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        found = self._loaded.get(lang)
        if found is None:
            found = self._read(lang) or self._written(lang)
            self._loaded[lang] = found
        return found

    def _read(self, lang: str) -> BytesDictionary | None:
        data = read_private(self.file(lang), MOST_BYTES)
        if data is None:
            return None
        try:
            entries = codec.loads(codec.unframed(data))
        except CacheDamaged:
            return None
        if not isinstance(entries, dict):
            return None
        # The checksum vouches for the contents; one pair shows they are what was written.
        first = next(iter(entries.items()), (b"", b""))
        if not all(isinstance(part, bytes) for part in first):
            return None
        return BytesDictionary(entries)

    def _written(self, lang: str) -> Mapping[str, str]:
        """simplemma's dictionary for `lang`, written to the folder for the next time."""
        own: Mapping[str, str] = self._fallback.get_dictionary(lang)
        if usable(self._folder):
            entries = {word.encode(): lemma.encode() for word, lemma in own.items()}
            write_private(self.file(lang), codec.framed(marshal.dumps(entries)))
        return own
