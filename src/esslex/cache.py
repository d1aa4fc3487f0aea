"""On-disk cache of loaded glossaries, so a command answers without parsing the TOML.

One SQLite file per list of glossary files, in the user cache folder (ESSLEX_CACHE_DIR
overrides it). It is keyed by each file's path, size and modification time and by the
esslex version: when any changes, the files are loaded again (errors reported as usual)
and the cache rebuilt. A file gets cached only once it has loaded without errors. A
missing, stale, corrupt or unreadable cache is rebuilt, never an error; an unwritable
cache folder just means no cache.

A cached glossary (`StoredGlossary`) reads only what a command needs: one entry by id,
the names that match a query (`name_index`, for the lookup ladder), the entries whose
folded text contains the words of a search (`search_index`, an FTS5 index used to
pre-select them, then scored exactly as `search.search` does).
"""

from __future__ import annotations

import dataclasses
import gc
import json
import marshal
import os
import unicodedata
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from esslex import __version__
from esslex.model import Glossary, GlossaryInfo, Source, Term, Theme
from esslex.normalize import fold, fold_key

if TYPE_CHECKING:
    import sqlite3

# Bumped whenever the layout of the cache changes.
FORMAT = 3
# A file modified less than this long ago is read but not cached (see `_racy`).
RACY_SECONDS = 2
# Up to this many entries, a glossary is cached as a marshal snapshot of all of it: read
# whole, it answers sooner than SQLite is imported (bundled glossary, load + lookup +
# render: 1.9 ms, against 3.2 ms from SQLite and 10 ms parsing the TOML).
SNAPSHOT_UP_TO = 100
Result = TypeVar("Result")


def cache_dir() -> Path:
    """ESSLEX_CACHE_DIR, else the platform's user cache folder for esslex."""
    override = os.environ.get("ESSLEX_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    from esslex.loader import user_folder

    return user_folder("cache")


def stamps(paths: Sequence[Path]) -> list[list[Any]] | None:
    """Path, size and modification time of each file; None if one cannot be read."""
    key: list[list[Any]] = []
    for path in paths:
        try:
            status = path.stat()
        except OSError:
            return None
        key.append([str(path.absolute()), status.st_size, status.st_mtime_ns])
    return key


def cache_file(paths: Sequence[Path], folder: Path) -> Path:
    import zlib  # not hashlib: loading OpenSSL costs start-up time; a clash only rebuilds

    names = json.dumps([str(path.absolute()) for path in paths], ensure_ascii=False)
    data = names.encode("utf-8", "surrogateescape")
    return folder / f"glossaire-{zlib.crc32(data):08x}{zlib.adler32(data):08x}.sqlite"


def load_glossaries(paths: Sequence[Path]) -> Glossary:
    """The glossary of `paths`, from the cache when it is fresh, else loaded and cached."""
    key = stamps(paths)
    if key is None:
        from esslex.loader import load_glossary

        return load_glossary(paths)  # reports the file that cannot be read
    file = cache_file(paths, cache_dir())
    snapshot = file.with_suffix(".snapshot")
    cached = open_snapshot(snapshot, key) or open_store(file, key, paths)
    if cached is not None:
        return cached
    from esslex.loader import load_glossary

    with collection_paused():  # millions of small objects: the cycle collector only slows
        glossary = load_glossary(paths, locate=False)
        if _racy(key):
            return glossary
        if len(glossary) <= SNAPSHOT_UP_TO:
            if write_snapshot(snapshot, key, glossary):
                _remove(file)
            return glossary
        if not write_store(file, key, glossary):
            return glossary
        _remove(snapshot)
    return open_store(file, key, paths) or glossary


def _remove(file: Path) -> None:
    with suppress(OSError):
        file.unlink()


def _racy(key: list[list[Any]]) -> bool:
    """True when a file was modified so recently that a second change within the same
    clock tick, keeping its size, would go unnoticed: such a file is not cached yet."""
    import time

    recent = time.time_ns() - RACY_SECONDS * 1_000_000_000
    return any(mtime > recent for _, _, mtime in key)


@contextmanager
def collection_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- writing ----------------------------------------------------------------------------

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE terms (row INTEGER PRIMARY KEY, id TEXT NOT NULL, label_fold TEXT NOT NULL,
                    label TEXT NOT NULL, data BLOB NOT NULL);
CREATE TABLE term_themes (theme TEXT NOT NULL, row INTEGER NOT NULL);
CREATE TABLE names (seq INTEGER PRIMARY KEY, term_id TEXT NOT NULL, name TEXT NOT NULL,
                    exact TEXT NOT NULL, folded TEXT NOT NULL, is_label INTEGER NOT NULL,
                    choice INTEGER);
CREATE TABLE choice_words (word TEXT PRIMARY KEY, positions BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE lists (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE fields (row INTEGER PRIMARY KEY, label TEXT, alt TEXT, definition TEXT,
                     notes TEXT, names TEXT);
"""
FULL_TEXT = """
CREATE VIRTUAL TABLE fields_index USING fts5(label, alt, definition, notes,
    content='fields', content_rowid='row', detail=none,
    tokenize='unicode61 remove_diacritics 2');
INSERT INTO fields_index(fields_index) VALUES ('rebuild');
"""
INDEXES = """
CREATE UNIQUE INDEX terms_id ON terms (id);
CREATE INDEX term_themes_theme ON term_themes (theme, row);
CREATE INDEX names_exact ON names (exact);
CREATE INDEX names_folded ON names (folded);
CREATE INDEX names_choice ON names (choice);
"""


class _WordFolder(dict[str, str]):
    """`fold` word by word, each distinct word once: the same result (folding never joins
    two words), many times faster on large texts."""

    def __init__(self, function: Callable[[str], str]) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, word: str) -> str:
        value = self[word] = self.function(word)
        return value

    def __call__(self, text: str) -> str:
        return " ".join(filter(None, map(self.__getitem__, text.split())))


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


_TERM_FIELDS = tuple(field.name for field in dataclasses.fields(Term))
# Filling the instance's dict skips the frozen dataclass's 13 guarded assignments (a third
# of the time of `list --json` on a large glossary); only while Term is a plain dataclass.
_FILL_TERM = not hasattr(Term, "__post_init__") and not hasattr(Term, "__slots__")


_SOURCES = _TERM_FIELDS.index("sources")
_SOURCE_FIELDS = tuple(field.name for field in dataclasses.fields(Source))


def _term_data(term: Term) -> bytes:
    values = [getattr(term, name) for name in _TERM_FIELDS]
    values[_SOURCES] = tuple(
        tuple(getattr(source, name) for name in _SOURCE_FIELDS) for source in term.sources
    )
    return marshal.dumps(tuple(values))


def _term(data: bytes) -> Term:
    values = list(marshal.loads(data))
    if len(values) != len(_TERM_FIELDS):
        raise ValueError("entrée du cache mal formée")
    values[_SOURCES] = tuple(Source(*source) for source in values[_SOURCES])
    if not _FILL_TERM:
        return Term(*values)
    term = object.__new__(Term)
    term.__dict__.update(zip(_TERM_FIELDS, values, strict=True))
    return term


def _info_data(info: GlossaryInfo) -> list[Any]:
    return [
        info.id,
        info.title,
        info.language,
        info.version,
        info.publishers,
        info.description,
        info.licence,
        info.path,
    ]


def _info(data: list[Any]) -> GlossaryInfo:
    values = list(data)
    values[4] = tuple(values[4])
    return GlossaryInfo(*values)


def _run(connection: sqlite3.Connection, script: str) -> None:
    # Statement by statement: `executescript` would commit the open transaction first.
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)


def write_store(file: Path, key: list[list[Any]], glossary: Glossary) -> bool:
    """Write the cache of `glossary` (atomically); False if the folder refuses it."""
    import sqlite3

    from esslex.search import folded_names, search_fields

    try:
        file.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    temporary = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    folder = _WordFolder(fold)
    key_folder = _WordFolder(fold_key)
    try:
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            _run(connection, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN;")
            _run(connection, SCHEMA)
            # Rows are made as SQLite takes them: a large glossary is in memory once only.
            terms = glossary.terms
            choices: list[str] = []
            choice_words: dict[str, list[int]] = {}
            connection.executemany(
                "INSERT INTO terms VALUES (?, ?, ?, ?, ?)",
                (
                    (row, term.id, folder(term.label), term.label, _term_data(term))
                    for row, term in enumerate(terms)
                ),
            )
            connection.executemany(
                "INSERT INTO term_themes VALUES (?, ?)",
                ((theme, row) for row, term in enumerate(terms) for theme in term.themes),
            )
            connection.executemany(
                "INSERT INTO names (term_id, name, exact, folded, is_label, choice)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                _name_rows(terms, key_folder, choices, choice_words),
            )
            connection.executemany(
                "INSERT INTO choice_words VALUES (?, ?)",
                ((word, array("i", found).tobytes()) for word, found in choice_words.items()),
            )
            connection.executemany(
                "INSERT INTO fields VALUES (?, ?, ?, ?, ?, ?)",
                _field_rows(terms, folder, search_fields, folded_names),
            )
            full_text = True
            try:
                _run(connection, FULL_TEXT)
            except sqlite3.OperationalError:  # this SQLite lacks FTS5: search reads `fields`
                full_text = False
            _run(connection, INDEXES)
            meta = {
                "format": FORMAT,
                "version": __version__,
                "key": key,
                "full_text": full_text,
                "count": len(glossary),
                "info": _info_data(glossary.info),
                "parts": [_info_data(part) for part in glossary.parts],
                "overrides": glossary.overrides,
                "themes": [[t.id, t.label, t.description] for t in glossary.themes],
            }
            # Read whole by fuzzy matching: one text each, split on line breaks (no name has one).
            from esslex.lookup import sorted_words

            lists = {
                "choices": choices,
                "sorted_choices": [sorted_words(choice) for choice in choices],
                "vocabulary": list(choice_words),
            }
            connection.executemany(
                "INSERT INTO lists VALUES (?, ?)",
                ((name, "\n".join(values)) for name, values in lists.items()),
            )
            connection.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                ((name, json.dumps(value, ensure_ascii=False)) for name, value in meta.items()),
            )
            connection.execute("COMMIT")
        finally:
            connection.close()
        os.replace(temporary, file)
    except (OSError, sqlite3.Error, MemoryError, UnicodeError):
        # UnicodeError: a file name with bytes that are not UTF-8, which SQLite cannot store.
        with suppress(OSError):
            temporary.unlink()
        return False
    return True


def _name_rows(
    terms: Sequence[Term],
    key_folder: Callable[[str], str],
    choices: list[str],
    choice_words: dict[str, list[int]],
) -> Iterator[tuple[Any, ...]]:
    """Rows of the names table; fills the fuzzy choices and their words on the way."""
    for term in terms:
        for name in dict.fromkeys((term.label, *term.alt_labels, *term.hidden_labels)):
            choice = None
            folded = key_folder(name)
            if folded:
                choice = len(choices)
                choices.append(folded)
                for word in dict.fromkeys(folded.split()):
                    choice_words.setdefault(word, []).append(choice)
            yield (term.id, name, _nfc(name), folded, name == term.label, choice)


def _field_rows(
    terms: Sequence[Term],
    folder: Callable[[str], str],
    search_fields: Callable[[Term, Callable[[str], str]], dict[str, str]],
    folded_names: Callable[[Term, Callable[[str], str]], tuple[str, ...]],
) -> Iterator[tuple[Any, ...]]:
    """Rows of the folded text the search reads, as `search.search` folds it."""
    for row, term in enumerate(terms):
        text = search_fields(term, folder)
        names = "\n".join(folded_names(term, folder))
        yield (row, text["label"], text["alt"], text["definition"], text["notes"], names)


def write_snapshot(file: Path, key: list[list[Any]], glossary: Glossary) -> bool:
    """Write the whole of a small glossary as one marshal file (atomically)."""
    data = marshal.dumps(
        (
            FORMAT,
            __version__,
            key,
            _info_data(glossary.info),
            [_info_data(part) for part in glossary.parts],
            glossary.overrides,
            [[t.id, t.label, t.description] for t in glossary.themes],
            [_term_data(term) for term in glossary.terms],
        )
    )
    temporary = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, file)
    except (OSError, UnicodeError):
        _remove(temporary)
        return False
    return True


def open_snapshot(file: Path, key: list[list[Any]]) -> Glossary | None:
    """The glossary of a fresh, readable snapshot of `key`; None otherwise."""
    try:
        data = file.read_bytes()
    except (OSError, UnicodeError):
        return None
    try:
        form, version, stored_key, info, parts, overrides, themes, terms = marshal.loads(data)
        if form != FORMAT or version != __version__ or stored_key != key:
            return None
        return Glossary(
            _info(info),
            tuple(Theme(*theme) for theme in themes),
            tuple(_term(term) for term in terms),
            tuple(_info(part) for part in parts),
            tuple(tuple(item) for item in overrides),
        )
    except (ValueError, TypeError, EOFError, KeyError, IndexError):
        return None


# --- reading ----------------------------------------------------------------------------


def open_store(file: Path, key: list[list[Any]], paths: Sequence[Path]) -> StoredGlossary | None:
    """The cached glossary if `file` is a fresh, readable cache of `key`; None otherwise."""
    if not file.is_file():
        return None
    import sqlite3

    try:
        connection = sqlite3.connect(f"{file.absolute().as_uri()}?mode=ro", uri=True)
    except (OSError, sqlite3.Error, ValueError):
        return None
    try:
        meta = {
            name: json.loads(value)
            for name, value in connection.execute(
                "SELECT key, value FROM meta WHERE key IN "
                "('format', 'version', 'key', 'full_text', 'count', 'info', 'parts', "
                "'overrides', 'themes')"
            )
        }
        if (
            meta.get("format") != FORMAT
            or meta.get("version") != __version__
            or meta.get("key") != key
        ):
            connection.close()
            return None
        return StoredGlossary(connection, meta, paths)
    except (sqlite3.Error, ValueError, TypeError, KeyError, IndexError, EOFError):
        connection.close()
        return None


class StoredGlossary(Glossary):
    """A glossary read from the cache on demand; behaves as the Glossary it was built from.

    Entries are read one by one (and kept); iterating or `terms` reads them all. If the
    cache turns out to be unreadable midway, the glossary is loaded from its files and
    answers from memory.
    """

    _connection: sqlite3.Connection
    _count: int
    _full_text: bool
    _paths: tuple[Path, ...]
    _all: tuple[Term, ...] | None
    _memory: Glossary | None
    _names: StoredNames | None

    def __init__(self, connection: sqlite3.Connection, meta: dict[str, Any], paths: Sequence[Path]):
        setattr_ = object.__setattr__
        setattr_(self, "info", _info(meta["info"]))
        setattr_(self, "themes", tuple(Theme(*theme) for theme in meta["themes"]))
        setattr_(self, "parts", tuple(_info(part) for part in meta["parts"]))
        setattr_(self, "overrides", tuple(tuple(item) for item in meta["overrides"]))
        setattr_(self, "_by_id", {})
        setattr_(self, "_themes_by_id", {theme.id: theme for theme in self.themes})
        setattr_(self, "_connection", connection)
        setattr_(self, "_count", int(meta["count"]))
        setattr_(self, "_full_text", bool(meta["full_text"]))
        setattr_(self, "_paths", tuple(paths))
        setattr_(self, "_all", None)
        setattr_(self, "_memory", None)
        setattr_(self, "_names", None)

    # Identity, not field equality: comparing or hashing must not read every entry.
    __hash__ = object.__hash__

    def __eq__(self, other: object) -> bool:
        return self is other

    def __repr__(self) -> str:
        return f"StoredGlossary({self.info.id!r}, {self._count} entrées)"

    def _read(self, stored: Callable[[], Result], memory: Callable[[Glossary], Result]) -> Result:
        import sqlite3

        if self._memory is None:
            try:
                return stored()
            except (sqlite3.Error, ValueError, TypeError, KeyError, IndexError, EOFError):
                self._fall_back()
        return memory(cast(Glossary, self._memory))

    def _fall_back(self) -> None:
        import sqlite3

        from esslex.loader import load_glossary

        with suppress(sqlite3.Error):
            self._connection.close()
        object.__setattr__(self, "_memory", load_glossary(self._paths))

    def _rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        rows: list[Any] = self._connection.execute(sql, parameters).fetchall()
        return rows

    def _list(self, name: str) -> list[str]:
        text: str = self._rows("SELECT value FROM lists WHERE name = ?", (name,))[0][0]
        return text.split("\n") if text else []

    @property
    def terms(self) -> tuple[Term, ...]:
        if self._all is None:
            object.__setattr__(
                self,
                "_all",
                self._read(
                    lambda: tuple(
                        _term(data) for (data,) in self._rows("SELECT data FROM terms ORDER BY row")
                    ),
                    lambda memory: memory.terms,
                ),
            )
        return cast(tuple[Term, ...], self._all)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def get(self, term_id: str) -> Term | None:
        if term_id in self._by_id:
            return self._by_id[term_id]

        def stored() -> Term | None:
            found = self._rows("SELECT data FROM terms WHERE id = ?", (term_id,))
            return _term(found[0][0]) if found else None

        term = self._read(stored, lambda memory: memory.get(term_id))
        if term is not None:
            self._by_id[term_id] = term
        return term

    def __getitem__(self, term_id: str) -> Term:
        term = self.get(term_id)
        if term is None:
            raise KeyError(term_id)
        return term

    def _terms(self, sql: str, parameters: Sequence[Any] = ()) -> list[Term]:
        terms = []
        for data in self._rows(sql, parameters):
            term = _term(data[0])
            terms.append(self._by_id.setdefault(term.id, term))
        return terms

    def terms_of_theme(self, theme_id: str) -> list[Term]:
        return self._read(
            lambda: self._terms(
                "SELECT data FROM terms WHERE row IN "
                "(SELECT row FROM term_themes WHERE theme = ?) ORDER BY row",
                (theme_id,),
            ),
            lambda memory: memory.terms_of_theme(theme_id),
        )

    def theme_counts(self) -> dict[str, int]:
        """Number of entries of each theme, without reading the entries."""

        def stored() -> dict[str, int]:
            rows = self._rows("SELECT theme, count(*) FROM term_themes GROUP BY theme")
            counts = dict.fromkeys((theme.id for theme in self.themes), 0)
            counts.update({theme: int(count) for theme, count in rows})
            return counts

        return self._read(
            stored,
            lambda memory: {t.id: len(memory.terms_of_theme(t.id)) for t in memory.themes},
        )

    def neighbours(self, term: Term) -> list[Term]:
        seen: dict[str, Term] = {}
        for term_id in (*term.broader, *term.narrower, *term.related):
            neighbour = self.get(term_id)
            if neighbour is not None and neighbour.id != term.id:
                seen.setdefault(neighbour.id, neighbour)
        return list(seen.values())

    def name_index(self) -> Any:
        """The names of the entries, for `lookup.find_term` (read on demand)."""
        if self._memory is not None:
            from esslex.lookup import index_of

            return index_of(self._memory)
        if self._names is None:
            object.__setattr__(self, "_names", StoredNames(self))
        return self._names

    def search_index(self, words: Sequence[str], limit: int | None) -> list[Any]:
        """`search.search` for the folded query `words`, from the full-text index."""
        from esslex import search

        def stored() -> list[Any]:
            scored = []
            phrase = " ".join(words)
            for row, label, alt, definition, notes, names in self._candidates(words):
                fields = {"label": label, "alt": alt, "definition": definition, "notes": notes}
                score = search.match_score(fields, words)
                if score is not None:
                    if phrase in names.split("\n"):
                        score += search.NAME_BONUS
                    scored.append((round(score, 2), label, row, score))
            scored.sort(key=lambda item: (-item[0], item[1], item[2]))
            chosen = scored[:limit] if limit else scored
            terms = self._terms_by_row([row for _, _, row, _ in chosen])
            return [search._hit(terms[row], score, words) for _, _, row, score in chosen]

        def memory(glossary: Glossary) -> list[Any]:
            return search.search(glossary, " ".join(words), limit)

        return self._read(stored, memory)

    def _candidates(self, words: Sequence[str]) -> list[Any]:
        # The folded label is the search's label field: fields.label == terms.label_fold.
        columns = "row, label, alt, definition, notes, names"
        # The index pre-selects on plain ASCII words (token prefixes); the exact test of
        # every word, as the search defines it, is then made on the folded text.
        indexed = [word for word in words if word.isascii() and word.isalnum()]
        if self._full_text and indexed:
            query = " AND ".join(f'"{word}"*' for word in indexed)
            return self._rows(
                f"SELECT {columns} FROM fields WHERE row IN "
                "(SELECT rowid FROM fields_index WHERE fields_index MATCH ?) ORDER BY row",
                (query,),
            )
        return self._rows(f"SELECT {columns} FROM fields ORDER BY row")

    def _terms_by_row(self, rows: Sequence[int]) -> dict[int, Term]:
        found: dict[int, Term] = {}
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for row, data in self._rows(
                f"SELECT row, data FROM terms WHERE row IN ({marks})", chunk
            ):
                term = _term(data)
                found[row] = self._by_id.setdefault(term.id, term)
        return found

    def sorted_terms(self, theme_id: str | None = None) -> Sequence[Term]:
        """Entries in French alphabetical order (`normalize.sort_key`), of one theme or all.

        Each entry is built when it is read: a command going through them all in order
        keeps only a few in memory.
        """
        from esslex.normalize import sort_key

        # Read in table order and sorted here: faster than following an index row by row.
        if theme_id is None:
            sql = "SELECT label_fold, label, data FROM terms ORDER BY row"
            parameters: tuple[str, ...] = ()
        else:
            sql = (
                "SELECT label_fold, label, data FROM terms WHERE row IN "
                "(SELECT row FROM term_themes WHERE theme = ?) ORDER BY row"
            )
            parameters = (theme_id,)

        def stored() -> Sequence[Term]:
            rows = self._rows(sql, parameters)
            rows.sort(key=lambda row: (row[0], row[1]))  # (fold(label), label): sort_key
            return _TermsOnDemand([data for _, _, data in rows])

        def memory(glossary: Glossary) -> Sequence[Term]:
            terms = list(glossary) if theme_id is None else glossary.terms_of_theme(theme_id)
            return sorted(terms, key=lambda term: sort_key(term.label))

        return self._read(stored, memory)


class _TermsOnDemand(Sequence[Term]):
    """Entries stored as marshal data, each built when it is read (never kept)."""

    def __init__(self, data: list[bytes]) -> None:
        self.data = data

    def __len__(self) -> int:
        return len(self.data)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [_term(data) for data in self.data[index]]
        return _term(self.data[index])

    def __iter__(self) -> Iterator[Term]:
        return map(_term, self.data)


class _Query(Mapping[str, list[Any]]):
    """One mapping of the name index, answered by an SQL query (only `get` and `[]`)."""

    def __init__(self, glossary: StoredGlossary, sql: str, attribute: str) -> None:
        self.glossary = glossary
        self.sql = sql
        self.attribute = attribute

    def __getitem__(self, key: str) -> list[Any]:
        def stored() -> list[Any]:
            rows = self.glossary._rows(self.sql, (key,))
            return [row[0] if len(row) == 1 else tuple(row) for row in rows]

        found = self.glossary._read(
            stored, lambda memory: _memory_names(memory, self.attribute, key)
        )
        if not found:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[str]:
        raise TypeError(self.attribute)

    def __len__(self) -> int:
        raise TypeError(self.attribute)


def _memory_names(glossary: Glossary, attribute: str, key: str) -> list[Any]:
    from esslex.lookup import index_of

    return list(getattr(index_of(glossary), attribute).get(key, []))


class _Owners(Sequence[tuple[str, str]]):
    def __init__(self, glossary: StoredGlossary, size: int) -> None:
        self.glossary = glossary
        self.size = size

    def __getitem__(self, position: int) -> tuple[str, str]:  # type: ignore[override]
        def stored() -> tuple[str, str]:
            rows = self.glossary._rows(
                "SELECT term_id, name FROM names WHERE choice = ?", (position,)
            )
            return (rows[0][0], rows[0][1])

        def memory(glossary: Glossary) -> tuple[str, str]:
            from esslex.lookup import index_of

            return index_of(glossary).choice_owner[position]

        return self.glossary._read(stored, memory)

    def __len__(self) -> int:
        return self.size


class _Postings(Mapping[str, Sequence[int]]):
    """Each word of the fuzzy choices, with the positions of the choices containing it."""

    def __init__(self, glossary: StoredGlossary) -> None:
        self.glossary = glossary

    def __getitem__(self, word: str) -> Sequence[int]:
        def stored() -> Sequence[int]:
            rows = self.glossary._rows("SELECT positions FROM choice_words WHERE word = ?", (word,))
            return array("i", rows[0][0]) if rows else []

        def memory(glossary: Glossary) -> Sequence[int]:
            from esslex.lookup import index_of

            return index_of(glossary).choice_words.get(word, [])

        found = self.glossary._read(stored, memory)
        if not found:
            raise KeyError(word)
        return found

    def _words(self) -> list[str]:
        def memory(glossary: Glossary) -> list[str]:
            from esslex.lookup import index_of

            return list(index_of(glossary).choice_words)

        return self.glossary._read(lambda: self.glossary._list("vocabulary"), memory)

    def __iter__(self) -> Iterator[str]:
        return iter(self._words())

    def __len__(self) -> int:
        return len(self._words())


class StoredNames:
    """`lookup.NameIndex` read from the cache: one query per rung of the ladder."""

    def __init__(self, glossary: StoredGlossary) -> None:
        self.glossary = glossary
        select = "SELECT {} FROM names WHERE {} ORDER BY seq"
        self.exact_labels = _Query(
            glossary, select.format("term_id", "exact = ? AND is_label"), "exact_labels"
        )
        self.exact_alts = _Query(
            glossary, select.format("term_id, name", "exact = ? AND NOT is_label"), "exact_alts"
        )
        self.folded = _Query(
            glossary, select.format("term_id, name", "folded = ? AND choice IS NOT NULL"), "folded"
        )
        self.choice_words = _Postings(glossary)
        self._lists: dict[str, Sequence[str]] = {}

    def _stored_list(self, name: str) -> Sequence[str]:
        if name not in self._lists:

            def memory(glossary: Glossary) -> Sequence[str]:
                from esslex.lookup import index_of

                return getattr(index_of(glossary), name)  # type: ignore[no-any-return]

            self._lists[name] = self.glossary._read(lambda: self.glossary._list(name), memory)
        return self._lists[name]

    @property
    def choices(self) -> Sequence[str]:
        return self._stored_list("choices")

    @property
    def sorted_choices(self) -> Sequence[str]:
        return self._stored_list("sorted_choices")

    @property
    def choice_owner(self) -> Sequence[tuple[str, str]]:
        return _Owners(self.glossary, len(self.choices))
