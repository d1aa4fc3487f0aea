"""Reading a large glossary's cache: `StoredIndex` answers each question with one query,
every row read through `CheckedReader`; at the first doubt the cache is rebuilt and the
files answer instead."""

from __future__ import annotations

import os
import weakref
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from esslex import __version__
from esslex.cache import codec
from esslex.cache.codec import CacheDamaged, checked_rows
from esslex.cache.folder import trusted
from esslex.cache.writer import search_file
from esslex.find.index import GlossaryIndex, SearchCandidate, search_fields
from esslex.glossary.model import Glossary, Term, Theme

if TYPE_CHECKING:
    import sqlite3

    from esslex.find.mentions import NameGroups


class CheckedReader:
    """The one reader of a cache database: each row's checksum verified, SQLite's errors and
    any mismatch raised as CacheDamaged."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of `sql`, whose last column must be `crc`, each without it."""
        import sqlite3

        try:
            found = self.connection.execute(sql, parameters).fetchall()
        except (sqlite3.Error, ValueError, OverflowError) as error:
            raise CacheDamaged("base du cache illisible") from error
        try:
            return checked_rows(found)
        except (TypeError, ValueError) as error:  # not even the columns asked for
            raise CacheDamaged("ligne du cache mal formée") from error

    def meta(self, wanted: Sequence[str]) -> dict[str, Any] | None:
        """The `wanted` items of the meta table if this is a cache written by this version
        (None for another version's); CacheDamaged if they cannot be read."""
        import json

        names = ("format", "version", "key", *wanted)
        marks = ", ".join("?" * len(names))
        rows = self.rows(f"SELECT key, value, crc FROM meta WHERE key IN ({marks})", names)
        try:
            meta = {name: json.loads(value) for name, value in rows}
        except (TypeError, ValueError, RecursionError) as error:
            raise CacheDamaged("métadonnées du cache illisibles") from error
        if meta.get("format") != codec.FORMAT or meta.get("version") != __version__:
            return None
        if not meta.keys() >= set(names):
            raise CacheDamaged("métadonnées du cache incomplètes")
        return meta

    def close(self) -> None:
        import sqlite3

        with suppress(sqlite3.Error):
            self.connection.close()


def open_reader(file: Path) -> CheckedReader | None:
    """A read-only reader of the database `file`, None if it cannot be opened or is not
    to be believed (`folder.trusted`)."""
    try:
        if not trusted(os.lstat(file)):
            return None
    except OSError:
        return None
    import sqlite3

    try:
        connection = sqlite3.connect(f"{file.absolute().as_uri()}?mode=ro", uri=True)
        connection.execute("PRAGMA cell_size_check = ON")  # damaged pages seen sooner
    except (OSError, sqlite3.Error, ValueError):
        return None
    return CheckedReader(connection)


def open_store(
    file: Path, key: list[list[Any]], from_files: Callable[[], GlossaryIndex]
) -> StoredIndex | None:
    """The index in `file` if it is a fresh, sound cache of `key`; None otherwise. Should it
    prove damaged later, `from_files` rebuilds it and gives the index that answers then."""
    reader = open_reader(file)
    if reader is None:
        return None
    try:
        meta = reader.meta(("count", "info", "parts", "overrides", "themes"))
        if meta is not None and meta["key"] == key:
            return StoredIndex(reader, meta, file, key, from_files)
    except (CacheDamaged, KeyError, TypeError, ValueError):
        pass
    reader.close()
    return None


Method = TypeVar("Method", bound=Callable[..., Any])


def _from_files_if_damaged(method: Method) -> Method:
    """A question to the cache; once the cache proves damaged, it is rebuilt from the
    glossary files, which answer this question and the next ones."""
    name = method.__name__

    def answer(self: StoredIndex, *args: Any) -> Any:
        if self.from_files is None:
            try:
                return method(self, *args)
            except (CacheDamaged, KeyError, IndexError, TypeError, ValueError, EOFError):
                self.rebuild()
        return getattr(self.from_files, name)(*args)

    answer.__name__ = name
    answer.__doc__ = method.__doc__
    return cast(Method, answer)


class StoredIndex:
    """The `GlossaryIndex` of a glossary cached in SQLite: each answer is one query, and
    entries are read one by one (and kept). It is also its own `NameIndex` and
    `SearchText` (what `find.lookup` and `find.search` ask)."""

    def __init__(
        self,
        reader: CheckedReader,
        meta: dict[str, Any],
        file: Path,
        key: list[list[Any]],
        from_files: Callable[[], GlossaryIndex],
    ) -> None:
        self.info = codec.info_from(meta["info"])
        self.themes = codec.themes_from(meta["themes"])
        self.parts = tuple(codec.info_from(part) for part in meta["parts"])
        self.overrides = codec.overrides_from(meta["overrides"])
        self.count = meta["count"]
        if type(self.count) is not int or self.count < 0:
            raise CacheDamaged("nombre d’entrées du cache invalide")
        self.file = file
        self.key = key
        self.from_files: GlossaryIndex | None = None
        self._rebuild = from_files
        self._reader = reader
        self._search: tuple[CheckedReader, bool] | None = None  # opened when needed
        # Closed when the index goes, or at exit at the latest (not left to the collector).
        weakref.finalize(self, reader.close)
        self._themes_by_id = {theme.id: theme for theme in self.themes}
        self._by_id: dict[str, Term] = {}
        self._lists: dict[str, list[str]] = {}

    def __repr__(self) -> str:
        return f"StoredIndex({self.info.id!r}, {self.count} entrées)"

    def rebuild(self) -> None:
        """Forget the damaged cache; the files, read again, rebuild it and answer."""
        self._reader.close()
        if self._search is not None:
            self._search[0].close()
        self.from_files = self._rebuild()

    # The questions of the commands (`GlossaryIndex`).

    def __len__(self) -> int:
        return int(self.count)

    def theme(self, theme_id: str) -> Theme | None:
        return self._themes_by_id.get(theme_id)

    @_from_files_if_damaged
    def get(self, term_id: str) -> Term | None:
        if term_id not in self._by_id:
            found = self._reader.rows(f"SELECT {_TERM} FROM terms WHERE id = ?", (term_id,))
            if not found:
                return None
            term = self._kept(found[0])
            if term.id != term_id:
                raise CacheDamaged("index des identifiants altéré")
        return self._by_id[term_id]

    def __getitem__(self, term_id: str) -> Term:
        term = self.get(term_id)
        if term is None:
            raise KeyError(term_id)
        return term

    @_from_files_if_damaged
    def theme_counts(self) -> dict[str, int]:
        counts = dict.fromkeys((theme.id for theme in self.themes), 0)
        for theme, rows in self._reader.rows("SELECT theme, rows, crc FROM theme_rows"):
            if theme in counts:
                counts[theme] = len(array("i", rows))
        return counts

    @_from_files_if_damaged
    def sorted_terms(self, theme_id: str | None = None) -> Sequence[Term]:
        """Every row is checked before the first entry is given; each entry is then built
        when it is read: a command going through them all keeps only a few in memory."""
        # Read in table order and sorted here: faster than following an index row by row.
        rows = self._all_rows() if theme_id is None else self._rows_at(self._theme_rows(theme_id))
        rows.sort(key=lambda row: (row[2], row[3]))  # (fold(label), label): sort_key
        return _TermsOnDemand([row[4] for row in rows])

    def names(self) -> StoredIndex:
        return self

    @_from_files_if_damaged
    def mention_names(self) -> NameGroups:
        from esslex.cache.mentions import mentions_file, read_mentions  # annotate's alone

        return read_mentions(mentions_file(self.file), self.key)

    @_from_files_if_damaged
    def whole(self) -> Glossary:
        terms = tuple(map(self._kept, self._all_rows()))
        return Glossary(self.info, self.themes, terms, self.parts, self.overrides)

    def search_text(self) -> StoredIndex:
        return self

    # The lookup ladder's questions (`find.index.NameIndex`).

    _NAMES = "SELECT term_id, name, exact, folded, is_label, choice, crc FROM names WHERE "

    def _names(self, where: str, value: Any) -> list[tuple[Any, ...]]:
        return self._reader.rows(f"{self._NAMES}{where} ORDER BY seq", (value,))

    @_from_files_if_damaged
    def labels_exactly(self, name: str) -> list[str]:
        return [row[0] for row in self._names("exact = ?", name) if row[4] and row[2] == name]

    @_from_files_if_damaged
    def other_names_exactly(self, name: str) -> list[tuple[str, str]]:
        rows = self._names("exact = ?", name)
        return [(row[0], row[1]) for row in rows if not row[4] and row[2] == name]

    @_from_files_if_damaged
    def names_folded(self, key: str) -> list[tuple[str, str]]:
        rows = self._names("folded = ?", key)
        return [(row[0], row[1]) for row in rows if row[5] is not None and row[3] == key]

    @_from_files_if_damaged
    def choices(self) -> Sequence[str]:
        return self._list("choices")

    @_from_files_if_damaged
    def sorted_choices(self) -> Sequence[str]:
        return self._list("sorted_choices")

    @_from_files_if_damaged
    def choice_vocabulary(self) -> Sequence[str]:
        return self._list("vocabulary")

    @_from_files_if_damaged
    def choice_owner(self, position: int) -> tuple[str, str]:
        rows = self._names("choice = ?", position)
        if len(rows) != 1 or rows[0][5] != position:
            raise CacheDamaged("nom approché introuvable")
        return (rows[0][0], rows[0][1])

    @_from_files_if_damaged
    def choices_with_word(self, word: str) -> Sequence[int]:
        return self._positions("SELECT word, positions, crc FROM choice_words WHERE word = ?", word)

    # The search's questions (`find.index.SearchText`).

    @_from_files_if_damaged
    def search_candidates(self, words: Sequence[str]) -> list[SearchCandidate]:
        searched, full_text = self._search_reader()
        columns = "row, names, definition, notes, crc"
        # The index pre-selects on plain ASCII words (token prefixes); the exact test of
        # every word, as the search defines it, is then made on the folded text.
        indexed = [word for word in words if word.isascii() and word.isalnum()]
        if full_text and indexed:
            query = " AND ".join(f'"{word}"*' for word in indexed)
            rows = searched.rows(
                f"SELECT {columns} FROM search_text WHERE row IN "
                "(SELECT rowid FROM fields_index WHERE fields_index MATCH ?) ORDER BY row",
                (query,),
            )
        else:
            rows = searched.rows(f"SELECT {columns} FROM search_text ORDER BY row")
            if len(rows) != self.count:
                raise CacheDamaged("texte de recherche du cache incomplet")
        candidates = []
        for row, names, definition, notes in rows:
            folded_names = tuple(names.split("\n"))
            fields = search_fields(folded_names, definition, notes)
            candidates.append(SearchCandidate(row, fields, folded_names))
        return candidates

    @_from_files_if_damaged
    def entries_at(self, positions: Sequence[int]) -> dict[int, Term]:
        return {row[0]: self._kept(row) for row in self._rows_at(positions)}

    # Reading.

    def _kept(self, row: tuple[Any, ...]) -> Term:
        term = codec.term_from(row[4])  # the row's checksum held
        return self._by_id.setdefault(term.id, term)

    def _list(self, name: str) -> list[str]:
        if name not in self._lists:
            rows = self._reader.rows("SELECT name, value, crc FROM lists WHERE name = ?", (name,))
            if len(rows) != 1 or rows[0][0] != name:
                raise CacheDamaged("liste du cache absente")
            text: str = rows[0][1]
            self._lists[name] = text.split("\n") if text else []
        return self._lists[name]

    def _all_rows(self) -> list[tuple[Any, ...]]:
        """Every entry's row, in load order; CacheDamaged if one is missing."""
        rows = self._reader.rows(f"SELECT {_TERM} FROM terms ORDER BY row")
        if [row[0] for row in rows] != list(range(self.count)):
            raise CacheDamaged("entrées du cache manquantes")
        return rows

    def _theme_rows(self, theme_id: str) -> Sequence[int]:
        return self._positions("SELECT theme, rows, crc FROM theme_rows WHERE theme = ?", theme_id)

    def _positions(self, sql: str, key: str) -> Sequence[int]:
        """The array of positions stored under `key` (none if there is no row)."""
        found = self._reader.rows(sql, (key,))
        if found and found[0][0] != key:
            raise CacheDamaged("index du cache altéré")
        return array("i", found[0][1]) if found else []

    def _search_reader(self) -> tuple[CheckedReader, bool]:
        if self._search is None:
            reader = open_reader(search_file(self.file))
            if reader is None:
                raise CacheDamaged("texte de recherche du cache absent")
            weakref.finalize(self, reader.close)
            meta = reader.meta(("full_text",))
            if meta is None or meta["key"] != self.key:
                raise CacheDamaged("texte de recherche du cache périmé")
            self._search = (reader, bool(meta["full_text"]))
        return self._search

    def _rows_at(self, positions: Sequence[int]) -> list[tuple[Any, ...]]:
        """The rows of the entries at these positions, in the order of the positions when
        they go up (each chunk is read in table order); CacheDamaged if one is missing."""
        rows: list[tuple[Any, ...]] = []
        for start in range(0, len(positions), 500):  # SQLite's limit on parameters
            chunk = positions[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT {_TERM} FROM terms WHERE row IN ({marks}) ORDER BY row"
            rows += self._reader.rows(sql, chunk)
        if sorted(row[0] for row in rows) != sorted(set(positions)):
            raise CacheDamaged("entrées du cache manquantes")
        return rows


# The columns of an entry's row, as every read of the terms table asks for them.
_TERM = "row, id, label_fold, label, data, crc"


class _TermsOnDemand(Sequence[Term]):
    """Entries stored as marshal data (checked already), each built when it is read (never
    kept)."""

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


def _term(data: bytes) -> Term:
    return codec.term_from(data)
