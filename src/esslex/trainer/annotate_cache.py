"""The finder's index of names kept beside the glossary's cache: `esslex annotate` groups a
glossary's names once per change of its files, not at each run.

Keyed like the cache (each file's path, size and date, esslex's version): the index holds
the names' first words as written and where each name stands among the entries, no lemma,
so simplemma's version does not enter the key. Checked before it is believed (its checksum,
its shape, the number of entries it was made from); a missing, stale or damaged index is
made again from the entries and rewritten, never an error.
"""

from __future__ import annotations

import marshal
import os
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from esslex import __version__
from esslex.cache import codec
from esslex.cache.codec import CacheDamaged
from esslex.cache.folder import create_private, remove, temporary_name, trusted, usable
from esslex.cache.policy import cache_file, racy, stamps
from esslex.glossary.model import Glossary
from esslex.glossary.paths import cache_dir
from esslex.trainer.annotate import ITEM, MentionFinder, NameIndex, policy_of

# Changed whenever the stored form of `NameIndex` changes.
FORMAT = 1


def finder_for(paths: Sequence[Path], load: Callable[[], Glossary]) -> MentionFinder:
    """The finder of the glossary of `paths` (`load` reads it), its index of names read from
    the cache when it is there and fresh, else made and written there."""
    key = stamps(paths)  # before the files are read: a change meanwhile is not hidden
    folder = cache_dir()
    terms = load().terms
    if key is None or not usable(folder):
        return MentionFinder(terms, policy_of)
    file = cache_file(paths, folder).with_suffix(".mentions")
    index = read_index(file, key, len(terms))
    if index is not None:
        return MentionFinder(terms, policy_of, index=index)
    finder = MentionFinder(terms, policy_of)
    if not racy(key):
        write_index(file, key, finder.index)
    return finder


def write_index(file: Path, key: list[list[Any]], index: NameIndex) -> bool:
    """Write the index atomically, readable by its owner alone; False if refused."""

    def stored(groups: dict[str, Any]) -> dict[str, bytes]:
        return {
            word: group if type(group) is bytes else array("I", group).tobytes()
            for word, group in groups.items()
        }

    payload = codec.framed(
        marshal.dumps(
            (
                FORMAT,
                __version__,
                key,
                ITEM,
                index.entries,
                stored(index.by_first_word),
                stored(index.by_acronym),
            )
        )
    )
    temporary = temporary_name(file)
    try:
        descriptor = create_private(temporary)
        try:
            with os.fdopen(os.dup(descriptor), "wb") as out:
                out.write(payload)
            os.replace(temporary, file)
        finally:
            os.close(descriptor)
    except OSError:
        remove(temporary)
        return False
    return True


def read_index(file: Path, key: list[list[Any]], entries: int) -> NameIndex | None:
    """The index stored in `file` for the files of `key` and a glossary of `entries`
    entries; None when it is missing, stale, or fails a check."""
    try:
        with open(file, "rb") as stream:
            if not trusted(os.fstat(stream.fileno())):
                return None
            data = stream.read()
    except OSError:
        return None
    try:
        stored = codec.loads(codec.unframed(data))
    except CacheDamaged:
        return None
    if type(stored) is not tuple or len(stored) != 7:
        return None
    form, version, stored_key, item, count, by_first_word, by_acronym = stored
    if (form, version, stored_key, item, count) != (FORMAT, __version__, key, ITEM, entries):
        return None
    if not (_is_groups(by_first_word) and _is_groups(by_acronym)):
        return None
    return NameIndex(entries, by_first_word, by_acronym)


def _is_groups(groups: Any) -> bool:
    """Whether `groups` is what `write_index` stores: names (words) to arrays of pairs."""
    pair = 2 * ITEM
    return type(groups) is dict and all(
        type(word) is str and type(group) is bytes and len(group) % pair == 0
        for word, group in groups.items()
    )
