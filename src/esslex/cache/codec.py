"""How the cache encodes what it stores and checks all it reads back: entries as marshal
data, rows and snapshots with a checksum, shapes and types verified; what fails is
`CacheDamaged`, and the cache is rebuilt."""

from __future__ import annotations

import marshal
import struct
import zlib
from collections.abc import Iterable, Sequence
from itertools import chain
from operator import itemgetter
from typing import Any

from esslex.glossary.model import Equivalent, GlossaryInfo, Rights, Source, Term, Theme

# Bumped whenever the layout of the cache changes.
FORMAT = 12


class CacheDamaged(Exception):
    """What was read from the cache is not what esslex wrote there: it is rebuilt."""


# --- checksums ------------------------------------------------------------------------------


def row_check(values: Sequence[Any]) -> int:
    """The checksum of a row's values (text and integers, bytes last if any), stored beside
    them. One text joined and one checksum: 100,000 rows checked in a tenth of a second."""
    last = values[-1]
    if type(last) is bytes:
        text = "\x1f".join(map(str, values[:-1]))
        return zlib.crc32(last, zlib.crc32(text.encode("utf-8", "surrogatepass")))
    return zlib.crc32("\x1f".join(map(str, values)).encode("utf-8", "surrogatepass"))


def checked_rows(rows: Iterable[Sequence[Any]]) -> list[tuple[Any, ...]]:
    """The rows, each without its last column, the checksum of the others; CacheDamaged if
    one does not match (SQLite gave back something esslex did not write)."""
    found = []
    for row in rows:
        values = tuple(row[:-1])
        if row_check(values) != row[-1]:
            raise CacheDamaged("ligne du cache altérée")
        found.append(values)
    return found


# A snapshot: this header (a mark, the length and checksum of the payload), then the payload.
_HEADER = struct.Struct("<8sQI")
_MARK = b"esslex" + bytes([0, FORMAT])


def framed(payload: bytes) -> bytes:
    return _HEADER.pack(_MARK, len(payload), zlib.crc32(payload)) + payload


def unframed(data: bytes) -> memoryview:
    """The payload of `framed` data (a view of it: not copied); CacheDamaged unless its
    mark, length and checksum hold (checked before marshal reads it: a few forged bytes can
    make marshal ask for 16 GiB)."""
    if len(data) < _HEADER.size:
        raise CacheDamaged("instantané tronqué")
    mark, length, check = _HEADER.unpack_from(data)
    payload = memoryview(data)[_HEADER.size :]
    if mark != _MARK or length != len(payload) or zlib.crc32(payload) != check:
        raise CacheDamaged("instantané altéré")
    return payload


def loads(data: bytes | memoryview) -> Any:
    try:
        return marshal.loads(data)
    except (ValueError, EOFError, TypeError) as error:
        raise CacheDamaged("données du cache illisibles") from error


# --- shapes -----------------------------------------------------------------------------------
# A shape is a type (exactly that type), or ("or", a, b), ("seq", item) for a list or tuple of
# any length, ("row", [a, b, …]) for a list or tuple of exactly these, ("map", key, value).

Shape = Any
TEXTS: Shape = ("seq", str)
OPTIONAL_TEXT: Shape = ("or", str, type(None))
# title, author, publisher, year, then texts up to read_in, a (title, address) pair.
SOURCE: Shape = (
    "row",
    [
        str,
        *[OPTIONAL_TEXT] * 2,
        ("or", int, type(None)),
        *[OPTIONAL_TEXT] * 11,
        ("or", ("row", [str, str]), type(None)),
    ],
)
RIGHTS: Shape = ("row", [str, str, str, str])
_TEXT_FIELDS = [str, str, str]  # id, label, definition
TERM: Shape = (
    "row",
    [
        *_TEXT_FIELDS,
        TEXTS,
        TEXTS,
        TEXTS,
        TEXTS,
        ("seq", SOURCE),
        TEXTS,
        TEXTS,
        TEXTS,
        str,
        str,
        RIGHTS,
        TEXTS,  # editorial_notes
        str,  # annotate
        TEXTS,  # jurisdictions
        ("seq", ("row", [str, str, str, str])),  # equivalents
    ],
)
INFO: Shape = (
    "row",
    [str, str, str, str, TEXTS, str, str, str, ("seq", ("row", [str, str, str, str, str]))],
)
THEME: Shape = ("row", [str, str, str])
OVERRIDE: Shape = ("row", [str, str, str])
PAIRS: Shape = ("seq", ("row", [str, str]))


def conforms(value: Any, shape: Shape) -> bool:
    """Whether `value` has `shape` (see above), all the way down."""
    if isinstance(shape, type):
        return type(value) is shape
    # Texts by the hundred, checked by `str.join` (in C: the bundled glossary's snapshot is
    # checked in a tenth of the time).
    if shape is TEXTS:
        return type(value) in (list, tuple) and _texts(value)
    if shape is PAIRS:
        return (
            type(value) in (list, tuple)
            and set(map(type, value)) <= {list, tuple}
            and set(map(len, value)) <= {2}
            and _texts(chain.from_iterable(value))
        )
    kind = shape[0]
    if kind == "or":
        return conforms(value, shape[1]) or conforms(value, shape[2])
    if kind == "map":
        if type(value) is not dict or not conforms(list(value), ("seq", shape[1])):
            return False
        items = list(value.values())
        if shape[2] is TEXTS or shape[2] is PAIRS:  # every list's items checked together
            return set(map(type, items)) <= {list, tuple} and conforms(
                list(chain.from_iterable(items)), ("seq", str) if shape[2] is TEXTS else PAIRS
            )
        return conforms(items, ("seq", shape[2]))
    if type(value) not in (list, tuple):
        return False
    if kind == "seq":
        if shape[1] is str:
            return _texts(value)
        return all(conforms(item, shape[1]) for item in value)
    return len(value) == len(shape[1]) and all(map(conforms, value, shape[1]))


def _texts(values: Iterable[Any]) -> bool:
    """Whether every value is a text (`str.join` refuses anything else)."""
    try:
        "".join(values)
    except TypeError:
        return False
    return True


def shaped(value: Any, shape: Shape) -> Any:
    """`value` if it has `shape`; CacheDamaged otherwise."""
    if not conforms(value, shape):
        raise CacheDamaged("données du cache d’un type inattendu")
    return value


# --- the model as plain data --------------------------------------------------------------------

_TERM_FIELDS = Term._fields
_SOURCES = _TERM_FIELDS.index("sources")
_RIGHTS = _TERM_FIELDS.index("rights")
_EQUIVALENTS = _TERM_FIELDS.index("equivalents")
_TUPLES = [i for i, name in enumerate(_TERM_FIELDS) if Term._field_defaults.get(name) == ()]


def term_data(term: Term) -> bytes:
    # marshal takes plain tuples only, not named ones.
    values: list[Any] = list(term)
    values[_SOURCES] = tuple(tuple(source) for source in term.sources)
    values[_RIGHTS] = tuple(term.rights)
    values[_EQUIVALENTS] = tuple(tuple(equivalent) for equivalent in term.equivalents)
    return marshal.dumps(tuple(values))


def term_from(data: bytes) -> Term:
    """The entry of `term_data` in a store's row, whose checksum held (`checked_rows`): its
    shape is checked, not each field's type (`terms_from` does that)."""
    values = marshal.loads(data)
    if type(values) is not tuple or len(values) != len(_TERM_FIELDS):
        raise CacheDamaged("entrée du cache mal formée")
    values = list(values)
    values[_SOURCES] = tuple(map(_source, values[_SOURCES]))
    values[_RIGHTS] = Rights(*values[_RIGHTS])
    values[_EQUIVALENTS] = tuple(Equivalent(*item) for item in values[_EQUIVALENTS])
    return Term._make(values)


_TEXT_POSITIONS = [i for i, shape in enumerate(TERM[1]) if shape is str]
_TEXTS_POSITIONS = [i for i, shape in enumerate(TERM[1]) if shape is TEXTS]
_YEAR = Source._fields.index("year")
_READ_IN = Source._fields.index("read_in")
_NOT_YEAR = [i for i in range(len(Source._fields)) if i not in (_YEAR, _READ_IN)]


def terms_from(data: Sequence[bytes]) -> tuple[Term, ...]:
    """The entries of `term_data`, every field's type verified first (all entries at once,
    the checks in C: the bundled glossary's snapshot is read at each command)."""
    rows = [loads(item) for item in data]
    if not _are_terms(rows):
        raise CacheDamaged("entrée du cache d’un type inattendu")
    return tuple(_term(list(row)) for row in rows)


def _are_terms(rows: list[Any]) -> bool:
    """Whether every row has the shape TERM (as `conforms` tells, all rows together)."""
    if not rows:
        return True
    if set(map(type, rows)) != {tuple} or set(map(len, rows)) != {len(_TERM_FIELDS)}:
        return False
    sequences = list(chain.from_iterable(map(itemgetter(*_TEXTS_POSITIONS), rows)))
    rights = list(map(itemgetter(_RIGHTS), rows))
    if not (
        _texts(chain.from_iterable(map(itemgetter(*_TEXT_POSITIONS), rows)))
        and _sequences(sequences)
        and _texts(chain.from_iterable(sequences))
        and _sequences(rights)
        and set(map(len, rights)) <= {len(Rights._fields)}
        and _texts(chain.from_iterable(rights))
        and _sequences(map(itemgetter(_SOURCES), rows))
        and _sequences(map(itemgetter(_EQUIVALENTS), rows))
    ):
        return False
    equivalents = list(chain.from_iterable(map(itemgetter(_EQUIVALENTS), rows)))
    if not (
        _sequences(equivalents)
        and set(map(len, equivalents)) <= {len(Equivalent._fields)}
        and _texts(chain.from_iterable(equivalents))
    ):
        return False
    sources = list(chain.from_iterable(map(itemgetter(_SOURCES), rows)))
    return (
        _sequences(sources)
        and set(map(len, sources)) <= {len(Source._fields)}
        and set(map(type, map(itemgetter(0), sources))) <= {str}
        and set(map(type, map(itemgetter(_YEAR), sources))) <= {int, type(None)}
        and set(map(type, chain.from_iterable(map(itemgetter(*_NOT_YEAR), sources))))
        <= {str, type(None)}
        and all(
            copy is None or (type(copy) in (list, tuple) and len(copy) == 2 and _texts(copy))
            for copy in map(itemgetter(_READ_IN), sources)
        )
    )


def _sequences(values: Iterable[Any]) -> bool:
    return set(map(type, values)) <= {list, tuple}


def _source(values: Sequence[Any]) -> Source:
    source = Source(*values)
    if source.read_in is None:
        return source
    title, address = source.read_in
    return source._replace(read_in=(title, address))


def _term(values: list[Any]) -> Term:
    for position in _TEXTS_POSITIONS:
        values[position] = tuple(values[position])
    values[_SOURCES] = tuple(map(_source, values[_SOURCES]))
    values[_RIGHTS] = Rights(*values[_RIGHTS])
    values[_EQUIVALENTS] = tuple(Equivalent(*item) for item in values[_EQUIVALENTS])
    return Term._make(values)


def info_data(info: GlossaryInfo) -> list[Any]:
    return [
        info.id,
        info.title,
        info.language,
        info.version,
        info.publishers,
        info.description,
        info.licence,
        info.path,
        [[origin, *rights] for origin, rights in info.origins],
    ]


def info_from(data: Any) -> GlossaryInfo:
    values = list(shaped(data, INFO))
    values[4] = tuple(values[4])
    values[8] = tuple((origin, Rights(*rights)) for origin, *rights in values[8])
    return GlossaryInfo(*values)


def theme_data(theme: Theme) -> list[str]:
    return [theme.id, theme.label, theme.description]


def themes_from(data: Any) -> tuple[Theme, ...]:
    return tuple(Theme(*theme) for theme in shaped(data, ("seq", THEME)))


def overrides_from(data: Any) -> tuple[tuple[str, str, str], ...]:
    return tuple((a, b, c) for a, b, c in shaped(data, ("seq", OVERRIDE)))
