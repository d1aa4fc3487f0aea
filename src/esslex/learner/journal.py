"""The lookups `define` and `related` record: one line appended to a journal file, which
the learner store takes in when it next opens (`define` never imports sqlite3: its start-up
must not grow), and the switch that stops recording."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from esslex.errors import UsageError
from esslex.glossary.paths import user_data_dir
from esslex.learner.clock import now, stored

JOURNAL_NAME = "historique-en-attente.tsv"
# Its presence stops recording (`esslex history --off`); a file, so `define` reads no SQLite.
OFF_MARKER_NAME = "historique-arrete"
NO_HISTORY_VARIABLE = "ESSLEX_NO_HISTORY"
# (time, glossary id, entry id, query)
JournalRow = tuple[str, str, str, str]


def journal_path() -> Path:
    return user_data_dir() / JOURNAL_NAME


def off_marker() -> Path:
    return user_data_dir() / OFF_MARKER_NAME


def history_on() -> bool:
    """Whether lookups are recorded: not with ESSLEX_NO_HISTORY=1, nor after `history --off`."""
    if os.environ.get(NO_HISTORY_VARIABLE, "") not in ("", "0"):
        return False
    return not off_marker().exists()


def one_field(text: str) -> str:
    """Text fit for one tab-separated field: tabs, line breaks and NULs become spaces."""
    return " ".join(text.replace("\0", " ").split())


def journal_line(glossary_id: str, entry_id: str, query: str) -> str:
    fields = (stored(now()), glossary_id, entry_id, query)
    return "\t".join(one_field(field) for field in fields) + "\n"


def append_lookup(glossary_id: str, entry_id: str, query: str) -> None:
    """Record a lookup, unless history is off. A folder that cannot be written is no
    reason to fail a lookup: nothing is said then."""
    if not history_on():
        return
    # Nor is a malformed ESSLEX_NOW (`review` and `history` say what is wrong with it).
    with contextlib.suppress(OSError, UsageError):
        path = journal_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        data = journal_line(glossary_id, entry_id, query).encode("utf-8")
        # One write on a file opened for appending: lines of processes writing at once stay whole.
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            _lock(descriptor)
            os.write(descriptor, data)
        finally:
            os.close(descriptor)


def _lock(descriptor: int) -> None:
    """An exclusive lock (released when the file is closed), so the store never empties the
    journal while a line is being written; where there is no fcntl, appends stay whole."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return
    fcntl.flock(descriptor, fcntl.LOCK_EX)


def parse_journal(text: str) -> list[JournalRow]:
    """The (time, glossary id, entry id, query) rows of a journal; a line cut short by a
    crash is left out."""
    rows = []
    for line in text.split("\n"):
        fields = line.split("\t")
        if len(fields) == 4 and all(fields[:3]):
            rows.append((fields[0], fields[1], fields[2], fields[3]))
    return rows


def take_journal(receive: Callable[[list[JournalRow]], None]) -> None:
    """Hand the journal's rows to `receive(rows)` (which commits them), then empty it, all
    under the lock: a line appended meanwhile waits for the next time."""
    path = journal_path()
    try:
        descriptor = os.open(path, os.O_RDWR)
    except OSError:
        return  # no journal: nothing recorded since
    try:
        _lock(descriptor)
        chunks = []
        while chunk := os.read(descriptor, 1 << 16):
            chunks.append(chunk)
        rows = parse_journal(b"".join(chunks).decode("utf-8", "replace"))
        if rows:
            receive(rows)
        # The rows are committed (a crash before this line only repeats them: the store
        # ignores a row it has already).
        os.ftruncate(descriptor, 0)
    finally:
        os.close(descriptor)
