"""On-disk cache of loaded glossaries, so a command answers without parsing the TOML.

One SQLite file per list of glossary files, in the user cache folder (ESSLEX_CACHE_DIR
overrides it). It is keyed by each file's path, size and modification time and by the
esslex version: when any changes, the files are loaded again (errors reported as usual)
and the cache rebuilt. A file gets cached only once it has loaded without errors. A
missing, stale, corrupt or unreadable cache is rebuilt, never an error; an unwritable
cache folder just means no cache.

`open_index` gives the `GlossaryIndex` of the glossary: a small glossary is kept as a
marshal snapshot and indexed in memory; a large one is answered by `StoredIndex`, which
reads only what a command asks: one entry by id, the names that match a query, the entries
whose folded text contains the words of a search (an FTS5 index pre-selects them, then
`search.search` scores them).
"""

from __future__ import annotations

import functools
import gc
import marshal
import os
import weakref
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from esslex import __version__
from esslex.find.index import (
    GlossaryIndex,
    MemoryIndex,
    SearchCandidate,
    names_of,
    nfc,
    search_candidate,
    search_fields,
    sorted_words,
)
from esslex.glossary.model import Glossary, GlossaryInfo, Rights, Source, Term, Theme, neighbours
from esslex.glossary.paths import cache_dir
from esslex.text.normalize import WordFolder, fold, fold_key

if TYPE_CHECKING:
    import sqlite3

# Bumped whenever the layout of the cache changes.
FORMAT = 8
# A file modified less than this long ago is read but not cached (see `_racy`).
RACY_SECONDS = 2
# Up to this many entries, a glossary is cached as a marshal snapshot of all of it: read
# whole, it answers sooner than SQLite is imported (bundled glossary, load + lookup +
# render: 1.9 ms, against 3.2 ms from SQLite and 10 ms parsing the TOML).
SNAPSHOT_UP_TO = 100
# From this many bytes of glossary files, the first load says what it does (on a terminal):
# 100,000 entries (96 MB) take seconds.
PROGRESS_FROM_BYTES = 2_000_000


class Progress(Protocol):
    """Told each step of a long load and how far it is (`done` of `total`; 0 when the step
    is not counted), then "" once done."""

    def __call__(self, text: str, done: int = 0, total: int = 0) -> None: ...


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

    names = "\n".join(str(path.absolute()) for path in paths)
    data = names.encode("utf-8", "surrogateescape")
    return folder / f"glossaire-{zlib.crc32(data):08x}{zlib.adler32(data):08x}.sqlite"


def open_index(paths: Sequence[Path], progress: Progress | None = None) -> GlossaryIndex:
    """The index of the glossary of `paths`: from the cache when it is fresh, else the files
    are loaded (errors reported as usual) and the cache rebuilt, saying so to `progress`
    when that takes a while."""
    key = stamps(paths)
    if key is None:
        from esslex.glossary.loader import load_glossary

        return MemoryIndex(load_glossary(paths))  # reports the file that cannot be read
    file = cache_file(paths, cache_dir())
    cached = open_snapshot(file.with_suffix(".snapshot"), key) or open_store(file, key, paths)
    return cached if cached is not None else rebuild(paths, key, file, progress=progress)


def rebuild(
    paths: Sequence[Path],
    key: list[list[Any]],
    file: Path,
    reopen: bool = True,
    progress: Progress | None = None,
) -> GlossaryIndex:
    """Load the glossary files and write their cache afresh, deleting what was there (stale
    or damaged). With `reopen`, a large glossary is then answered from the new cache (its
    entries are not all kept in memory); otherwise from the loaded glossary."""
    from esslex.glossary.loader import load_glossary

    size = sum(file_size for _, file_size, _ in key)
    say = progress if progress is not None and size >= PROGRESS_FROM_BYTES else _silent
    snapshot = file.with_suffix(".snapshot")
    for stale in (file, search_file(file), snapshot):
        _remove(stale)
    try:
        with collection_paused():  # millions of small objects: the cycle collector only slows
            say(
                f"Première lecture des glossaires ({size / 1e6:.0f}\u00a0Mo)\u00a0: analyse et vérification…"
            )
            glossary = load_glossary(paths, locate=False)
            if _racy(key):
                return MemoryIndex(glossary)
            if len(glossary) <= SNAPSHOT_UP_TO:
                index = MemoryIndex(glossary)
                write_snapshot(snapshot, key, index)
                return index
            if not write_store(file, key, glossary, say) or not reopen:
                return MemoryIndex(glossary)
        return open_store(file, key, paths) or MemoryIndex(glossary)
    finally:
        say("")


def _silent(text: str, done: int = 0, total: int = 0) -> None:
    pass


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
CREATE TABLE theme_rows (theme TEXT PRIMARY KEY, rows BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE names (seq INTEGER PRIMARY KEY, term_id TEXT NOT NULL, name TEXT NOT NULL,
                    exact TEXT NOT NULL, folded TEXT NOT NULL, is_label INTEGER NOT NULL,
                    choice INTEGER);
CREATE TABLE choice_words (word TEXT PRIMARY KEY, positions BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE lists (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
TERMS_INDEX = "CREATE UNIQUE INDEX terms_id ON terms (id)"
NAMES_INDEXES = """
CREATE INDEX names_exact ON names (exact);
CREATE INDEX names_folded ON names (folded);
CREATE INDEX names_choice ON names (choice);
"""
# The search text, in a file of its own (`search_file`): written by a second process while
# the first writes the entries, and read alone by a search (15,000 candidates of 100,000
# read in a third of the time when they are not among the entries' pages).
SEARCH_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE search_text (row INTEGER PRIMARY KEY, names TEXT NOT NULL,
                          definition TEXT NOT NULL, notes TEXT NOT NULL);
"""
FULL_TEXT = """
CREATE VIRTUAL TABLE fields_index USING fts5(names, definition, notes,
    content='search_text', content_rowid='row', detail=none, columnsize=0,
    tokenize='unicode61 remove_diacritics 2');
INSERT INTO fields_index(fields_index) VALUES ('rebuild');
"""


_TERM_FIELDS = Term._fields
_SOURCES = _TERM_FIELDS.index("sources")
_RIGHTS = _TERM_FIELDS.index("rights")


def _rights_data(rights: Rights) -> tuple[str, ...]:
    return tuple(rights)


def _term_data(term: Term) -> bytes:
    # marshal takes plain tuples only, not named ones.
    values: list[Any] = list(term)
    values[_SOURCES] = tuple(tuple(source) for source in term.sources)
    values[_RIGHTS] = tuple(term.rights)
    return marshal.dumps(tuple(values))


def _term(data: bytes) -> Term:
    values = list(marshal.loads(data))
    if len(values) != len(_TERM_FIELDS):
        raise ValueError("entrée du cache mal formée")
    values[_SOURCES] = tuple(Source(*source) for source in values[_SOURCES])
    values[_RIGHTS] = Rights(*values[_RIGHTS])
    return Term._make(values)


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
        [[origin, *_rights_data(rights)] for origin, rights in info.origins],
    ]


def _info(data: list[Any]) -> GlossaryInfo:
    values = list(data)
    values[4] = tuple(values[4])
    values[8] = tuple((origin, Rights(*rights)) for origin, *rights in values[8])
    return GlossaryInfo(*values)


def _run(connection: sqlite3.Connection, script: str) -> None:
    # Statement by statement: `executescript` would commit the open transaction first.
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)


def search_file(file: Path) -> Path:
    """The file of the search text of the cache `file`."""
    return file.with_suffix(".search.sqlite")


def write_store(
    file: Path, key: list[list[Any]], glossary: Glossary, progress: Progress = _silent
) -> bool:
    """Write the cache of `glossary` (atomically), telling `progress` how far it is; False
    if the folder refuses it.

    A large glossary's search text is written by a second process meanwhile (forked: it
    has the glossary already), or after the entries where there is none."""
    import sqlite3

    try:
        file.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    searched = search_file(file)
    temporary = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    search_temporary = searched.with_name(f"{searched.name}.{os.getpid()}.tmp")

    def write_search() -> None:
        _write_database(search_temporary, SEARCH_SCHEMA, _fill_search, key, glossary, _silent)

    helper = None
    if len(glossary) >= PARALLEL_FROM:
        helper = _start_helper(write_search, abandoned=search_temporary)
    try:
        _write_database(temporary, SCHEMA, _fill_entries, key, glossary, progress)
        written, helper = _helper_succeeded(helper), None  # waited for: never to be killed
        if not written:
            write_search()
        os.replace(search_temporary, searched)
        os.replace(temporary, file)
    except BaseException as error:  # Ctrl-C too: no half-written file left behind
        _stop_helper(helper)
        _remove(temporary)
        _remove(search_temporary)
        # UnicodeError: a file name with bytes that are not UTF-8, which SQLite cannot store.
        if isinstance(error, (OSError, sqlite3.Error, MemoryError, UnicodeError)):
            return False
        raise
    return True


# From this many entries, the search text is written by a second process: the cache of
# 100,000 entries is written in 2.7-2.9 s instead of 3.4-3.6 s on two cores (a little more
# processor time: the pages the helper changes are copied).
PARALLEL_FROM = 5_000


def _start_helper(work: Callable[[], None], abandoned: Path) -> int | None:
    """Fork a process that does `work` and exits, 0 if it went well; its pid, or None where
    a process cannot be forked (Windows; macOS, where forking is unsafe; any refusal).
    Should this process be gone when the work is done (killed), the helper removes the
    file `abandoned` that nobody will put in place."""
    import sys
    import warnings

    if not hasattr(os, "fork") or sys.platform == "darwin":
        return None
    parent = os.getpid()
    with warnings.catch_warnings():
        # Python 3.12 warns when a process with threads (a progress bar's) forks: the
        # helper only writes its file with SQLite, takes no lock a thread may hold.
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            pid = os.fork()
        except OSError:
            return None
    if pid:
        return pid
    code = 1
    try:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the first process cleans up
        work()
        code = 0
        if os.getppid() != parent:
            _remove(abandoned)
    finally:
        os._exit(code)  # no exit handlers, no flushing of the first process's buffers


def _helper_succeeded(pid: int | None) -> bool:
    if pid is None:
        return False
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def _stop_helper(pid: int | None) -> None:
    if pid is None:
        return
    import signal

    with suppress(OSError):  # already waited for, or gone
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def _write_database(
    file: Path,
    schema: str,
    fill: Callable[[sqlite3.Connection, list[list[Any]], Glossary, Progress], None],
    key: list[list[Any]],
    glossary: Glossary,
    progress: Progress,
) -> None:
    import sqlite3

    # A thread indexes the tables while this one fills others (`_meanwhile`).
    connection = sqlite3.connect(file, isolation_level=None, check_same_thread=False)
    try:
        # 16 KB pages: 100,000 entries written in 4.3 s of processor time instead of 4.8 s.
        _run(
            connection,
            "PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN;",
        )
        _run(connection, schema)
        fill(connection, key, glossary, progress)
        connection.execute("COMMIT")
    finally:
        connection.close()


def _write_meta(connection: sqlite3.Connection, meta: dict[str, Any]) -> None:
    import json

    connection.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        ((name, json.dumps(value, ensure_ascii=False)) for name, value in meta.items()),
    )


def _fill_search(
    connection: sqlite3.Connection, key: list[list[Any]], glossary: Glossary, progress: Progress
) -> None:
    import sqlite3

    connection.executemany(
        "INSERT INTO search_text VALUES (?, ?, ?, ?)", _search_rows(glossary.terms)
    )
    try:
        _run(connection, FULL_TEXT)
        full_text = True
    except sqlite3.OperationalError:  # this SQLite lacks FTS5: search reads the table
        full_text = False
    _write_meta(
        connection, {"format": FORMAT, "version": __version__, "key": key, "full_text": full_text}
    )


def _fill_entries(
    connection: sqlite3.Connection, key: list[list[Any]], glossary: Glossary, progress: Progress
) -> None:
    terms = glossary.terms
    # Rows are made as SQLite takes them: a large glossary is in memory once only.
    connection.executemany("INSERT INTO terms VALUES (?, ?, ?, ?, ?)", _term_rows(terms, progress))
    progress("Construction du cache\u00a0: index des noms et de la recherche…")
    # SQLite indexes the entries on its own, without Python's global lock: a thread has it
    # do so while Python prepares the other tables.
    with _meanwhile(connection, lambda connection: connection.execute(TERMS_INDEX)):
        choices: list[str] = []
        choice_words: dict[str, list[int]] = {}
        name_rows = list(_name_rows(terms, WordFolder(fold_key), choices, choice_words))
        theme_rows: dict[str, list[int]] = {}
        for row, term in enumerate(terms):
            for theme in term.themes:
                theme_rows.setdefault(theme, []).append(row)
        # Read whole by fuzzy matching: one text each, split on line breaks (no name has one).
        lists = {
            "choices": choices,
            "sorted_choices": [sorted_words(choice) for choice in choices],
            "vocabulary": list(choice_words),
        }
    connection.executemany(
        "INSERT INTO names (term_id, name, exact, folded, is_label, choice)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        name_rows,
    )
    del name_rows
    connection.executemany(
        "INSERT INTO theme_rows VALUES (?, ?)",
        ((theme, array("i", rows).tobytes()) for theme, rows in theme_rows.items()),
    )
    connection.executemany(
        "INSERT INTO choice_words VALUES (?, ?)",
        ((word, array("i", found).tobytes()) for word, found in choice_words.items()),
    )
    _run(connection, NAMES_INDEXES)
    connection.executemany(
        "INSERT INTO lists VALUES (?, ?)",
        ((name, "\n".join(values)) for name, values in lists.items()),
    )
    _write_meta(
        connection,
        {
            "format": FORMAT,
            "version": __version__,
            "key": key,
            "count": len(glossary),
            "info": _info_data(glossary.info),
            "parts": [_info_data(part) for part in glossary.parts],
            "overrides": glossary.overrides,
            "themes": [[t.id, t.label, t.description] for t in glossary.themes],
        },
    )


@contextmanager
def _meanwhile(
    connection: sqlite3.Connection, work: Callable[[sqlite3.Connection], object]
) -> Iterator[None]:
    """Run `work(connection)` in a thread while the block runs (the block must not use the
    connection), waited for when the block ends; its error is raised then. Interrupted
    (Ctrl-C, an error), the work is stopped and waited for."""
    import threading

    errors: list[BaseException] = []

    def run() -> None:
        try:
            work(connection)
        except BaseException as error:  # re-raised in the calling thread
            errors.append(error)

    thread = threading.Thread(target=run, name="esslex-cache-index", daemon=True)
    thread.start()
    try:
        yield
    except BaseException:
        _stop(connection, thread)
        raise
    try:
        thread.join()
    except BaseException:  # Ctrl-C while waiting
        _stop(connection, thread)
        raise
    if errors:
        raise errors[0]


def _stop(connection: sqlite3.Connection, thread: Any) -> None:
    """Interrupt what the thread has SQLite do and wait for it to end. Again and again: an
    interruption is lost on a statement not yet started."""
    while thread.is_alive():
        connection.interrupt()
        thread.join(0.05)


def _name_rows(
    terms: Sequence[Term],
    key_folder: Callable[[str], str],
    choices: list[str],
    choice_words: dict[str, list[int]],
) -> Iterator[tuple[Any, ...]]:
    """Rows of the names table; fills the fuzzy choices and their words on the way."""
    for term in terms:
        for name, is_label in names_of(term):
            choice = None
            folded = key_folder(name)
            if folded:
                choice = len(choices)
                choices.append(folded)
                for word in dict.fromkeys(folded.split()):
                    choice_words.setdefault(word, []).append(choice)
            yield (term.id, name, nfc(name), folded, is_label, choice)


def _search_rows(terms: Sequence[Term]) -> Iterator[tuple[Any, ...]]:
    """Rows of the search_text table: the folded text the search scores."""
    folder = WordFolder(fold)
    for row, term in enumerate(terms):
        text = search_candidate(row, term, folder)
        yield (row, "\n".join(text.names), text.fields["definition"], text.fields["notes"])


def _term_rows(terms: Sequence[Term], progress: Progress) -> Iterator[tuple[Any, ...]]:
    """Rows of the terms table: each entry, with its folded label."""
    total = len(terms)
    count = f"{total:,}".replace(",", "\u202f")
    folder = WordFolder(fold)
    for row, term in enumerate(terms):
        if row % 1000 == 0:
            progress(f"Construction du cache ({count} entrées)…", row, total)
        yield (row, term.id, folder(term.label), term.label, _term_data(term))


def write_snapshot(file: Path, key: list[list[Any]], index: MemoryIndex) -> bool:
    """Write the whole of a small glossary as one marshal file (atomically), with the
    folded names and search text of its index."""
    glossary = index.glossary
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
            index.name_tables(),
            index.search_tables(),
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


def open_snapshot(file: Path, key: list[list[Any]]) -> MemoryIndex | None:
    """The index of a fresh, readable snapshot of `key`; None otherwise."""
    try:
        data = file.read_bytes()
    except (OSError, UnicodeError):
        return None
    try:
        form, version, stored_key, *rest = marshal.loads(data)
        if form != FORMAT or version != __version__ or stored_key != key:
            return None
        info, parts, overrides, themes, terms, names, search = rest
        glossary = Glossary(
            _info(info),
            tuple(Theme(*theme) for theme in themes),
            tuple(_term(term) for term in terms),
            tuple(_info(part) for part in parts),
            tuple(tuple(item) for item in overrides),
        )
        if [type(table) for table in (*names, search)] != [dict, dict, dict, list, list, list]:
            return None
        return MemoryIndex(glossary, tuple(names), search)
    except (ValueError, TypeError, EOFError, KeyError, IndexError):
        return None


# --- reading ----------------------------------------------------------------------------

# What a damaged or truncated cache raises while it is read.
DAMAGE = (ValueError, TypeError, KeyError, IndexError, EOFError)


def open_store(file: Path, key: list[list[Any]], paths: Sequence[Path]) -> StoredIndex | None:
    """The index in `file` if it is a fresh, readable cache of `key`; None otherwise."""
    opened = _open_database(file, key, ("count", "info", "parts", "overrides", "themes"))
    return None if opened is None else StoredIndex(*opened, paths, key, file)


def _open_database(
    file: Path, key: list[list[Any]], wanted: Sequence[str]
) -> tuple[sqlite3.Connection, dict[str, Any]] | None:
    """A read-only connection to `file` and the `wanted` items of its meta table, if it is a
    readable cache of `key` written by this version; None otherwise."""
    if not file.is_file():
        return None
    import json  # a large glossary's cache only (the bundled one is a marshal snapshot)
    import sqlite3

    try:
        connection = sqlite3.connect(f"{file.absolute().as_uri()}?mode=ro", uri=True)
    except (OSError, sqlite3.Error, ValueError):
        return None
    try:
        names = ("format", "version", "key", *wanted)
        meta = {
            name: json.loads(value)
            for name, value in connection.execute(
                f"SELECT key, value FROM meta WHERE key IN ({', '.join('?' * len(names))})",
                names,
            )
        }
        if (
            meta.get("format") == FORMAT
            and meta.get("version") == __version__
            and meta.get("key") == key
            and meta.keys() >= set(wanted)
        ):
            return connection, meta
    except (sqlite3.Error, *DAMAGE):
        pass
    connection.close()
    return None


Method = TypeVar("Method", bound=Callable[..., Any])


def _answered_from_files_if_damaged(method: Method) -> Method:
    """A query of the cache; once the cache proves damaged, it is deleted and rebuilt from
    the glossary files, which answer this query and the next ones from memory."""
    name = method.__name__

    @functools.wraps(method)
    def answer(self: StoredIndex, *args: Any) -> Any:
        if self.from_files is None:
            import sqlite3

            try:
                return method(self, *args)
            except (sqlite3.Error, *DAMAGE):
                self.rebuild()
        return getattr(self.from_files, name)(*args)

    return cast(Method, answer)


class StoredIndex:
    """The `GlossaryIndex` of a glossary cached in SQLite: each answer is one query, and
    entries are read one by one (and kept)."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        meta: dict[str, Any],
        paths: Sequence[Path],
        key: list[list[Any]],
        file: Path,
    ) -> None:
        self.info = _info(meta["info"])
        self.themes = tuple(Theme(*theme) for theme in meta["themes"])
        self.parts = tuple(_info(part) for part in meta["parts"])
        self.overrides = tuple(tuple(item) for item in meta["overrides"])
        self.count = int(meta["count"])
        self.paths = tuple(paths)
        self.key = key
        self.file = file
        self.from_files: GlossaryIndex | None = None
        self._connection = connection
        self._search: tuple[sqlite3.Connection, bool] | None = None  # opened when needed
        # Closed when the index goes, or at exit at the latest (not left to the collector).
        weakref.finalize(self, connection.close)
        self._themes_by_id = {theme.id: theme for theme in self.themes}
        self._by_id: dict[str, Term] = {}
        self._lists: dict[str, list[str]] = {}

    def __repr__(self) -> str:
        return f"StoredIndex({self.info.id!r}, {self.count} entrées)"

    def rebuild(self) -> None:
        import sqlite3

        with suppress(sqlite3.Error):
            self._connection.close()
            if self._search is not None:
                self._search[0].close()
        self.from_files = rebuild(self.paths, self.key, self.file, reopen=False)

    def _rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        rows: list[Any] = self._connection.execute(sql, parameters).fetchall()
        return rows

    def _list(self, name: str) -> list[str]:
        if name not in self._lists:
            text: str = self._rows("SELECT value FROM lists WHERE name = ?", (name,))[0][0]
            self._lists[name] = text.split("\n") if text else []
        return self._lists[name]

    def _kept(self, data: bytes) -> Term:
        term = _term(data)
        return self._by_id.setdefault(term.id, term)

    def __len__(self) -> int:
        return self.count

    def theme(self, theme_id: str) -> Theme | None:
        return self._themes_by_id.get(theme_id)

    @_answered_from_files_if_damaged
    def get(self, term_id: str) -> Term | None:
        if term_id not in self._by_id:
            found = self._rows("SELECT data FROM terms WHERE id = ?", (term_id,))
            if not found:
                return None
            self._kept(found[0][0])
        return self._by_id[term_id]

    def __getitem__(self, term_id: str) -> Term:
        term = self.get(term_id)
        if term is None:
            raise KeyError(term_id)
        return term

    def neighbours(self, term: Term) -> list[Term]:
        return neighbours(term, self.get)

    @_answered_from_files_if_damaged
    def theme_counts(self) -> dict[str, int]:
        counts = dict.fromkeys((theme.id for theme in self.themes), 0)
        for theme, rows in self._rows("SELECT theme, rows FROM theme_rows"):
            if theme in counts:
                counts[theme] = len(array("i", rows))
        return counts

    @_answered_from_files_if_damaged
    def sorted_terms(self, theme_id: str | None = None) -> Sequence[Term]:
        """Each entry is built when it is read: a command going through them all in order
        keeps only a few in memory."""
        # Read in table order and sorted here: faster than following an index row by row.
        columns = "label_fold, label, data"
        if theme_id is None:
            rows = self._rows(f"SELECT {columns} FROM terms ORDER BY row")
        else:
            found = self._rows("SELECT rows FROM theme_rows WHERE theme = ?", (theme_id,))
            rows = self._rows_at(columns, array("i", found[0][0]) if found else [])
        rows.sort(key=lambda row: (row[0], row[1]))  # (fold(label), label): sort_key
        return _TermsOnDemand([data for _, _, data in rows])

    _NAMES = "SELECT {} FROM names WHERE {} ORDER BY seq"

    @_answered_from_files_if_damaged
    def labels_exactly(self, name: str) -> list[str]:
        sql = self._NAMES.format("term_id", "exact = ? AND is_label")
        return [term_id for (term_id,) in self._rows(sql, (name,))]

    @_answered_from_files_if_damaged
    def other_names_exactly(self, name: str) -> list[tuple[str, str]]:
        sql = self._NAMES.format("term_id, name", "exact = ? AND NOT is_label")
        return [(term_id, found) for term_id, found in self._rows(sql, (name,))]

    @_answered_from_files_if_damaged
    def names_folded(self, key: str) -> list[tuple[str, str]]:
        sql = self._NAMES.format("term_id, name", "folded = ? AND choice IS NOT NULL")
        return [(term_id, found) for term_id, found in self._rows(sql, (key,))]

    @_answered_from_files_if_damaged
    def choices(self) -> Sequence[str]:
        return self._list("choices")

    @_answered_from_files_if_damaged
    def sorted_choices(self) -> Sequence[str]:
        return self._list("sorted_choices")

    @_answered_from_files_if_damaged
    def choice_vocabulary(self) -> Sequence[str]:
        return self._list("vocabulary")

    @_answered_from_files_if_damaged
    def choice_owner(self, position: int) -> tuple[str, str]:
        rows = self._rows("SELECT term_id, name FROM names WHERE choice = ?", (position,))
        return (rows[0][0], rows[0][1])

    @_answered_from_files_if_damaged
    def choices_with_word(self, word: str) -> Sequence[int]:
        rows = self._rows("SELECT positions FROM choice_words WHERE word = ?", (word,))
        return array("i", rows[0][0]) if rows else []

    @_answered_from_files_if_damaged
    def search_candidates(self, words: Sequence[str]) -> list[SearchCandidate]:
        if self._search is None:
            opened = _open_database(search_file(self.file), self.key, ("full_text",))
            if opened is None:
                raise ValueError("texte de recherche du cache absent ou périmé")
            self._search = (opened[0], bool(opened[1]["full_text"]))
            weakref.finalize(self, opened[0].close)
        searched, full_text = self._search
        columns = "row, names, definition, notes"
        # The index pre-selects on plain ASCII words (token prefixes); the exact test of
        # every word, as the search defines it, is then made on the folded text.
        indexed = [word for word in words if word.isascii() and word.isalnum()]
        if full_text and indexed:
            query = " AND ".join(f'"{word}"*' for word in indexed)
            rows = searched.execute(
                f"SELECT {columns} FROM search_text WHERE row IN "
                "(SELECT rowid FROM fields_index WHERE fields_index MATCH ?) ORDER BY row",
                (query,),
            ).fetchall()
        else:
            rows = searched.execute(f"SELECT {columns} FROM search_text ORDER BY row").fetchall()
        candidates = []
        for row, names, definition, notes in rows:
            folded_names = tuple(names.split("\n"))
            fields = search_fields(folded_names, definition, notes)
            candidates.append(SearchCandidate(row, fields, folded_names))
        return candidates

    @_answered_from_files_if_damaged
    def entries_at(self, positions: Sequence[int]) -> dict[int, Term]:
        return {row: self._kept(data) for row, data in self._rows_at("row, data", positions)}

    def _rows_at(self, columns: str, positions: Sequence[int]) -> list[Any]:
        """`columns` of the entries at these positions, in the order of the positions when
        they go up (each chunk is read in table order)."""
        rows: list[Any] = []
        for start in range(0, len(positions), 500):  # SQLite's limit on parameters
            chunk = positions[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT {columns} FROM terms WHERE row IN ({marks}) ORDER BY row"
            rows += self._rows(sql, chunk)
        return rows


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
