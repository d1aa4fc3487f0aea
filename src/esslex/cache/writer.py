"""Writing a large glossary's cache: two SQLite files (entries and names; search text),
every row with its checksum, and the names a course may mention (`cache.mentions`), written
beside and renamed, the last two by a forked helper."""

from __future__ import annotations

import os
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from esslex import __version__
from esslex.cache import codec
from esslex.cache.codec import row_check
from esslex.cache.folder import create_private, remove, temporary_name
from esslex.find.index import lookup_names, nfc, search_candidate, sorted_words
from esslex.glossary.model import Glossary, Term
from esslex.text.normalize import WordFolder, fold, fold_key

if TYPE_CHECKING:
    import sqlite3


class Progress(Protocol):
    """Told each step of a long load and how far it is (`done` of `total`; 0 when the step
    is not counted), then "" once done."""

    def __call__(self, text: str, done: int = 0, total: int = 0) -> None: ...


def silent(text: str, done: int = 0, total: int = 0) -> None:
    pass


# Each table ends with `crc`, the checksum of the row's other columns (`codec.row_check`):
# the reader (`store.CheckedReader`) refuses a row that is not what was written.
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL, crc INTEGER NOT NULL);
CREATE TABLE terms (row INTEGER PRIMARY KEY, id TEXT NOT NULL, label_fold TEXT NOT NULL,
                    label TEXT NOT NULL, data BLOB NOT NULL, crc INTEGER NOT NULL);
CREATE TABLE theme_rows (theme TEXT PRIMARY KEY, rows BLOB NOT NULL, crc INTEGER NOT NULL)
                         WITHOUT ROWID;
CREATE TABLE names (seq INTEGER PRIMARY KEY, term_id TEXT NOT NULL, name TEXT NOT NULL,
                    exact TEXT NOT NULL, folded TEXT NOT NULL, is_label INTEGER NOT NULL,
                    choice INTEGER, crc INTEGER NOT NULL);
CREATE TABLE choice_words (word TEXT PRIMARY KEY, positions BLOB NOT NULL,
                           crc INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE lists (name TEXT PRIMARY KEY, value TEXT NOT NULL, crc INTEGER NOT NULL);
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
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL, crc INTEGER NOT NULL);
CREATE TABLE search_text (row INTEGER PRIMARY KEY, names TEXT NOT NULL,
                          definition TEXT NOT NULL, notes TEXT NOT NULL, crc INTEGER NOT NULL);
"""
FULL_TEXT = """
CREATE VIRTUAL TABLE fields_index USING fts5(names, definition, notes,
    content='search_text', content_rowid='row', detail=none, columnsize=0,
    tokenize='unicode61 remove_diacritics 2');
INSERT INTO fields_index(fields_index) VALUES ('rebuild');
"""
# From this many entries, the search text is written by a second process: the cache of
# 100,000 entries is written in 2.7-2.9 s instead of 3.4-3.6 s on two cores (a little more
# processor time: the pages the helper changes are copied).
PARALLEL_FROM = 5_000


def search_file(file: Path) -> Path:
    """The file of the search text of the cache `file`."""
    return file.with_suffix(".search.sqlite")


def checked(values: tuple[Any, ...]) -> tuple[Any, ...]:
    """The row with its checksum appended."""
    return (*values, row_check(values))


def _run(connection: sqlite3.Connection, script: str) -> None:
    # Statement by statement: `executescript` would commit the open transaction first.
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)


def write_store(
    file: Path, key: list[list[Any]], glossary: Glossary, progress: Progress = silent
) -> bool:
    """Write the cache of `glossary` (atomically, readable by its owner alone), telling
    `progress` how far it is; False if the folder refuses it.

    A large glossary's search text and the names a course may mention are written by a
    second process meanwhile (forked: it has the glossary already), or after the entries
    where there is none."""
    import sqlite3

    from esslex.cache.mentions import mentions_file, write_mentions  # annotate's: not define's

    searched = search_file(file)
    mentioned = mentions_file(file)
    temporary = temporary_name(file)
    search_temporary = temporary_name(searched)
    mentions_temporary = temporary_name(mentioned)
    descriptors: list[int] = []

    def write_search() -> None:
        held = create_private(search_temporary)  # held until this process ends
        try:
            write_mentions(mentions_temporary, key, glossary.terms)
            _write_database(search_temporary, SEARCH_SCHEMA, _fill_search, key, glossary, silent)
        finally:
            os.close(held)

    helper = None
    try:
        descriptors.append(create_private(temporary))
        if len(glossary) >= PARALLEL_FROM:
            helper = _start_helper(write_search, abandoned=(search_temporary, mentions_temporary))
        _write_database(temporary, SCHEMA, _fill_entries, key, glossary, progress)
        written, helper = _helper_succeeded(helper), None  # waited for: never to be killed
        if not written:
            write_search()
        os.replace(mentions_temporary, mentioned)
        os.replace(search_temporary, searched)
        os.replace(temporary, file)
    except BaseException as error:  # Ctrl-C too: no half-written file left behind
        _stop_helper(helper)
        remove(temporary)
        remove(search_temporary)
        remove(mentions_temporary)
        # UnicodeError: a file name with bytes that are not UTF-8, which SQLite cannot store.
        if isinstance(error, (OSError, sqlite3.Error, MemoryError, UnicodeError)):
            return False
        raise
    finally:
        for descriptor in descriptors:
            os.close(descriptor)
    return True


def _start_helper(work: Callable[[], None], abandoned: Sequence[Path]) -> int | None:
    """Fork a process that does `work` and exits, 0 if it went well; its pid, or None where
    a process cannot be forked (Windows; macOS, where forking is unsafe; any refusal).
    Should this process be gone when the work is done (killed), the helper removes the
    files `abandoned` that nobody will put in place."""
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
            for path in abandoned:
                remove(path)
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
    from contextlib import suppress

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

    rows = ((name, json.dumps(value, ensure_ascii=False)) for name, value in meta.items())
    connection.executemany("INSERT INTO meta VALUES (?, ?, ?)", map(checked, rows))


def _fill_search(
    connection: sqlite3.Connection, key: list[list[Any]], glossary: Glossary, progress: Progress
) -> None:
    import sqlite3

    connection.executemany(
        "INSERT INTO search_text VALUES (?, ?, ?, ?, ?)", _search_rows(glossary.terms)
    )
    try:
        _run(connection, FULL_TEXT)
        full_text = True
    except sqlite3.OperationalError:  # this SQLite lacks FTS5: search reads the table
        full_text = False
    _write_meta(
        connection,
        {"format": codec.FORMAT, "version": __version__, "key": key, "full_text": full_text},
    )


def _fill_entries(
    connection: sqlite3.Connection, key: list[list[Any]], glossary: Glossary, progress: Progress
) -> None:
    terms = glossary.terms
    # Rows are made as SQLite takes them: a large glossary is in memory once only.
    connection.executemany(
        "INSERT INTO terms VALUES (?, ?, ?, ?, ?, ?)", _term_rows(terms, progress)
    )
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
        "INSERT INTO names (seq, term_id, name, exact, folded, is_label, choice, crc)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        name_rows,
    )
    del name_rows
    connection.executemany(
        "INSERT INTO theme_rows VALUES (?, ?, ?)",
        (checked((theme, array("i", rows).tobytes())) for theme, rows in theme_rows.items()),
    )
    connection.executemany(
        "INSERT INTO choice_words VALUES (?, ?, ?)",
        (checked((word, array("i", found).tobytes())) for word, found in choice_words.items()),
    )
    _run(connection, NAMES_INDEXES)
    connection.executemany(
        "INSERT INTO lists VALUES (?, ?, ?)",
        (checked((name, "\n".join(values))) for name, values in lists.items()),
    )
    _write_meta(
        connection,
        {
            "format": codec.FORMAT,
            "version": __version__,
            "key": key,
            "count": len(glossary),
            "info": codec.info_data(glossary.info),
            "parts": [codec.info_data(part) for part in glossary.parts],
            "overrides": glossary.overrides,
            "themes": [codec.theme_data(theme) for theme in glossary.themes],
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
    seq = 0
    for term in terms:
        for name, is_label in lookup_names(term):
            choice = None
            folded = key_folder(name)
            if folded:
                choice = len(choices)
                choices.append(folded)
                for word in dict.fromkeys(folded.split()):
                    choice_words.setdefault(word, []).append(choice)
            seq += 1
            # The row's order (seq) is not read back: not in its checksum.
            yield (seq, *checked((term.id, name, nfc(name), folded, int(is_label), choice)))


def _search_rows(terms: Sequence[Term]) -> Iterator[tuple[Any, ...]]:
    """Rows of the search_text table: the folded text the search scores."""
    folder = WordFolder(fold)
    for row, term in enumerate(terms):
        text = search_candidate(row, term, folder)
        fields = text.fields
        yield checked((row, "\n".join(text.names), fields["definition"], fields["notes"]))


def _term_rows(terms: Sequence[Term], progress: Progress) -> Iterator[tuple[Any, ...]]:
    """Rows of the terms table: each entry, with its folded label."""
    total = len(terms)
    count = f"{total:,}".replace(",", "\u202f")
    folder = WordFolder(fold)
    term_data = codec.term_data
    for row, term in enumerate(terms):
        if row % 1000 == 0:
            progress(f"Construction du cache ({count} entrées)…", row, total)
        yield checked((row, term.id, folder(term.label), term.label, term_data(term)))
