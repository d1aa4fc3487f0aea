"""The cache of a small glossary: one marshal snapshot of all of it, with its folded names
and search text, read whole into a `MemoryIndex`; checked before it is believed."""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any

from esslex import __version__
from esslex.cache import codec
from esslex.cache.codec import PAIRS, TEXTS, CacheDamaged, shaped
from esslex.cache.folder import read_private, write_private
from esslex.find.index import MemoryIndex
from esslex.glossary.model import Glossary

# Names tables (`MemoryIndex.name_tables`) and search text (`search_tables`), as stored.
NAMES = (
    "row",
    [("map", str, TEXTS), ("map", str, PAIRS), ("map", str, PAIRS), TEXTS, PAIRS],
)
SEARCH_FIELDS = {"label", "alt", "definition", "notes"}


def write_snapshot(file: Path, key: list[list[Any]], index: MemoryIndex) -> bool:
    """Write the whole of a small glossary as one file (atomically, readable by its owner
    alone), with the folded names and search text of its index; False if refused."""
    glossary = index.glossary
    payload = marshal.dumps(
        (
            codec.FORMAT,
            __version__,
            key,
            codec.info_data(glossary.info),
            [codec.info_data(part) for part in glossary.parts],
            glossary.overrides,
            [codec.theme_data(theme) for theme in glossary.themes],
            [codec.term_data(term) for term in glossary.terms],
            index.name_tables(),
            index.search_tables(),
        )
    )
    return write_private(file, codec.framed(payload))


def open_snapshot(file: Path, key: list[list[Any]]) -> MemoryIndex | None:
    """The index of the snapshot `file` when it is a sound, fresh snapshot of `key`; None
    otherwise (missing, stale, or failing any check: it is then rebuilt)."""
    # Far larger than the files it was made from: not a snapshot esslex wrote.
    most = 64 * 1024 + 4 * sum(size for _, size, _ in key)
    data = read_private(file, most)
    if data is None:
        return None
    try:
        return _index(codec.loads(codec.unframed(data)), key)
    except CacheDamaged:
        return None


def _is_search(search: Any) -> bool:
    """Whether `search` is the search text `MemoryIndex.search_tables` gives: for each entry,
    its folded fields by name and its folded names."""
    return type(search) is list and all(
        type(entry) is tuple
        and len(entry) == 2
        and type(entry[0]) is dict
        and entry[0].keys() == SEARCH_FIELDS
        and codec.conforms(list(entry[0].values()), TEXTS)
        and codec.conforms(entry[1], TEXTS)
        for entry in search
    )


def _index(data: Any, key: list[list[Any]]) -> MemoryIndex | None:
    if type(data) is not tuple or len(data) != 10:
        raise CacheDamaged("instantané mal formé")
    form, version, stored_key, *rest = data
    if form != codec.FORMAT or version != __version__ or stored_key != key:
        return None
    info, parts, overrides, themes, terms, names, search = rest
    glossary = Glossary(
        codec.info_from(info),
        codec.themes_from(themes),
        codec.terms_from(shaped(terms, ("seq", bytes))),
        tuple(codec.info_from(part) for part in shaped(parts, ("seq", codec.INFO))),
        codec.overrides_from(overrides),
    )
    labels, others, folded, choices, owners = shaped(names, NAMES)
    if not _is_search(search):
        raise CacheDamaged("texte de recherche de l’instantané d’un type inattendu")
    ids = {term.id for term in glossary.terms}
    named = [*(i for found in labels.values() for i in found)]
    named += [i for pairs in (*others.values(), *folded.values(), owners) for i, _ in pairs]
    if (
        not ids.issuperset(named)
        or len(choices) != len(owners)
        or len(search) != len(glossary.terms)
    ):
        raise CacheDamaged("tables de l’instantané incohérentes")
    # Checked all the way down: used as they are (lists where lists were written, tuples
    # where tuples were).
    return MemoryIndex(glossary, (labels, others, folded, choices, owners), search)
