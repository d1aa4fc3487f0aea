"""The learner store: one SQLite file in the user's data folder holding the review cards
(their FSRS state, under FSRS's own field names), the review log, the favourites and the
history of lookups. It never imports the scheduler: `browse` and the other commands use it
without loading FSRS.

Shared interface (the full-screen `browse` uses it):

    with open_learner_store() as store:
        store.is_favourite(glossary_id, entry_id) -> bool
        store.set_favourite(glossary_id, entry_id, on)
        store.record_lookup(glossary_id, entry_id, query)  # nothing when history is off
        store.queue_for_review(glossary_id, entry_id)      # the entry's cards, as new cards

Every change is its own transaction, committed before the call returns (WAL journal, a busy
timeout): a process killed at any moment loses nothing already answered, and two processes
using the store at once wait for each other instead of failing.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

from esslex.errors import EXIT_BAD_DATA, EsslexError, os_error_text
from esslex.glossary.paths import user_data_dir
from esslex.learner import journal
from esslex.learner.clock import now, stored

STORE_NAME = "apprentissage.sqlite3"
# Another process holding the write lock (a review answered in a second terminal) takes
# milliseconds; a minute covers a slow disk without hanging forever.
BUSY_TIMEOUT_SECONDS = 60.0
SCHEMA_VERSION = 1

# The two directions of a card: the term shown (reveal the definition, then grade), or the
# definition shown (type the term).
TERM_TO_DEFINITION = "term-to-definition"
DEFINITION_TO_TERM = "definition-to-term"
DIRECTIONS = (TERM_TO_DEFINITION, DEFINITION_TO_TERM)

# FSRS's State values (fsrs.State), kept here so the store needs no scheduler.
LEARNING, REVIEW, RELEARNING = 1, 2, 3

_SCHEMA = """
CREATE TABLE IF NOT EXISTS card (
    card_id INTEGER PRIMARY KEY,
    glossary_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    direction TEXT NOT NULL,
    state INTEGER NOT NULL DEFAULT 1,
    step INTEGER,
    stability REAL,
    difficulty REAL,
    due TEXT NOT NULL,
    last_review TEXT,
    content_hash TEXT,
    suspended INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL,
    UNIQUE (glossary_id, entry_id, direction)
);
CREATE INDEX IF NOT EXISTS card_due ON card (due);
CREATE TABLE IF NOT EXISTS review_log (
    review_log_id INTEGER PRIMARY KEY,
    card_id INTEGER NOT NULL REFERENCES card (card_id),
    rating INTEGER NOT NULL,
    review_datetime TEXT NOT NULL,
    review_duration INTEGER,
    previous_state INTEGER,
    answer TEXT
);
CREATE TABLE IF NOT EXISTS favourite (
    glossary_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    added TEXT NOT NULL,
    PRIMARY KEY (glossary_id, entry_id)
);
CREATE TABLE IF NOT EXISTS lookup (
    lookup_id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    glossary_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    query TEXT NOT NULL,
    UNIQUE (time, glossary_id, entry_id, query)
);
"""

CARD_COLUMNS = (
    "card_id",
    "glossary_id",
    "entry_id",
    "direction",
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "content_hash",
    "suspended",
    "created",
)


class LearnerStoreError(EsslexError):
    """The store cannot be opened or read (unreadable file, not esslex's, disk full)."""

    exit_code = EXIT_BAD_DATA


@dataclass(frozen=True)
class CardRow:
    """A card as stored: FSRS's fields under FSRS's names, and what esslex adds."""

    card_id: int
    glossary_id: str
    entry_id: str
    direction: str
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: str
    last_review: str | None
    content_hash: str | None
    suspended: bool
    created: str

    @property
    def is_new(self) -> bool:
        return self.last_review is None


@dataclass(frozen=True)
class Lookup:
    time: str
    glossary_id: str
    entry_id: str
    query: str


def learner_store_path() -> Path:
    return user_data_dir() / STORE_NAME


def open_learner_store(path: Path | None = None) -> LearnerStore:
    """The store in the user's data folder (ESSLEX_HOME honoured), created if absent; the
    lookups `define` has recorded since are taken in."""
    store = LearnerStore(path or learner_store_path())
    # A journal that cannot be read waits for the next time; the store itself is usable.
    with contextlib.suppress(OSError):
        journal.take_journal(store.add_lookups)
    return store


class LearnerStore:
    """The learner's cards, review log, favourites and history (see the module's doc)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Transactions are ours (BEGIN IMMEDIATE … COMMIT): autocommit mode.
            self.connection = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None
            )
        except (OSError, sqlite3.Error) as error:
            raise self._error(error) from None
        try:
            self._write_ahead_log()
            # In WAL mode, NORMAL loses the last commits on a power cut; FULL keeps them.
            self.connection.execute("PRAGMA synchronous=FULL")
            self.connection.execute("PRAGMA foreign_keys=ON")
            with self.transaction():
                version = self.connection.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise LearnerStoreError(
                        f"{path}\u00a0: ce fichier vient d’une version plus récente d’esslex"
                        "\u00a0; mettez esslex à jour."
                    )
                # One statement at a time: `executescript` would commit the transaction first.
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self.connection.execute(statement)
                self.connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.Error as error:
            self.connection.close()
            raise self._error(error) from None
        except BaseException:
            self.connection.close()
            raise

    def _write_ahead_log(self) -> None:
        """The WAL journal, set once for the file. Switching to it needs the file alone, and
        SQLite answers « locked » at once, without its busy timeout, while another process
        opens the same new file: so wait and try again, as the timeout would."""
        import time

        deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
        while True:
            try:
                mode = self.connection.execute("PRAGMA journal_mode").fetchone()[0]
                if mode != "wal":
                    self.connection.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _error(self, error: BaseException) -> LearnerStoreError:
        if isinstance(error, OSError):
            reason = os_error_text(error)
        elif isinstance(error, sqlite3.DatabaseError) and "not a database" in str(error):
            reason = "ce fichier n’est pas une base SQLite d’esslex"
        elif isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
            reason = "la base est occupée par un autre processus esslex"
        else:
            reason = "la base d’apprentissage est illisible ou ne peut être écrite"
        return LearnerStoreError(f"{self.path}\u00a0: {reason}")

    # --- the connection ---

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (BEGIN IMMEDIATE: a second process waits
        for the first instead of failing midway) and committed on leaving."""
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise self._error(error) from None
        try:
            yield self.connection
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self.connection.execute("ROLLBACK")
            raise
        try:
            self.connection.execute("COMMIT")
        except sqlite3.Error as error:
            raise self._error(error) from None

    def query(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[object, ...]]:
        try:
            return list(self.connection.execute(sql, parameters))
        except sqlite3.Error as error:
            raise self._error(error) from None

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> LearnerStore:
        return self

    def __exit__(
        self,
        *_exception: type[BaseException] | BaseException | TracebackType | None,
    ) -> None:
        self.close()

    # --- favourites ---

    def is_favourite(self, glossary_id: str, entry_id: str) -> bool:
        rows = self.query(
            "SELECT 1 FROM favourite WHERE glossary_id = ? AND entry_id = ?",
            (glossary_id, entry_id),
        )
        return bool(rows)

    def set_favourite(self, glossary_id: str, entry_id: str, on: bool) -> None:
        with self.transaction() as connection:
            if on:
                connection.execute(
                    "INSERT OR IGNORE INTO favourite (glossary_id, entry_id, added)"
                    " VALUES (?, ?, ?)",
                    (glossary_id, entry_id, stored(now())),
                )
            else:
                connection.execute(
                    "DELETE FROM favourite WHERE glossary_id = ? AND entry_id = ?",
                    (glossary_id, entry_id),
                )

    def favourites(self) -> list[tuple[str, str, str]]:
        """(glossary id, entry id, time added), in the order they were added."""
        rows = self.query("SELECT glossary_id, entry_id, added FROM favourite ORDER BY added")
        return [(str(g), str(e), str(a)) for g, e, a in rows]

    # --- history ---

    def record_lookup(self, glossary_id: str, entry_id: str, query: str) -> None:
        """Record a lookup now; nothing when history is off (ESSLEX_NO_HISTORY=1 or
        `esslex history --off`)."""
        if journal.history_on():
            self.add_lookups([(stored(now()), glossary_id, entry_id, journal.one_field(query))])

    def add_lookups(self, rows: Sequence[journal.JournalRow]) -> None:
        with self.transaction() as connection:
            connection.executemany(
                "INSERT OR IGNORE INTO lookup (time, glossary_id, entry_id, query)"
                " VALUES (?, ?, ?, ?)",
                rows,
            )

    def lookups(self, limit: int | None = None) -> list[Lookup]:
        """The lookups recorded, the latest first."""
        rows = self.query(
            "SELECT time, glossary_id, entry_id, query FROM lookup"
            " ORDER BY time DESC, lookup_id DESC LIMIT ?",
            (-1 if limit is None else limit,),
        )
        return [Lookup(str(t), str(g), str(e), str(q)) for t, g, e, q in rows]

    def clear_history(self) -> int:
        """Forget every lookup; how many there were."""
        with self.transaction() as connection:
            return connection.execute("DELETE FROM lookup").rowcount

    # --- cards ---

    def queue_for_review(self, glossary_id: str, entry_id: str) -> None:
        """The entry's cards (both directions), created as new cards if absent."""
        with self.transaction() as connection:
            for direction in DIRECTIONS:
                self._create_card(connection, glossary_id, entry_id, direction)

    def _create_card(
        self, connection: sqlite3.Connection, glossary_id: str, entry_id: str, direction: str
    ) -> None:
        # A new card as FSRS makes it (fsrs.Card()): learning, step 0, due now.
        moment = stored(now())
        connection.execute(
            "INSERT OR IGNORE INTO card (glossary_id, entry_id, direction, state, step, due,"
            " created) VALUES (?, ?, ?, ?, 0, ?, ?)",
            (glossary_id, entry_id, direction, LEARNING, moment, moment),
        )

    def card(self, glossary_id: str, entry_id: str, direction: str) -> CardRow | None:
        rows = self.cards(
            "glossary_id = ? AND entry_id = ? AND direction = ?",
            (
                glossary_id,
                entry_id,
                direction,
            ),
        )
        return rows[0] if rows else None

    def card_by_id(self, card_id: int) -> CardRow | None:
        rows = self.cards("card_id = ?", (card_id,))
        return rows[0] if rows else None

    def cards(self, where: str = "1", parameters: Sequence[object] = ()) -> list[CardRow]:
        rows = self.query(
            f"SELECT {', '.join(CARD_COLUMNS)} FROM card WHERE {where} ORDER BY due, card_id",
            parameters,
        )
        return [_card_row(row) for row in rows]

    def ensure_card(self, glossary_id: str, entry_id: str, direction: str) -> CardRow:
        """The card, created as a new card if absent."""
        with self.transaction() as connection:
            self._create_card(connection, glossary_id, entry_id, direction)
        found = self.card(glossary_id, entry_id, direction)
        assert found is not None
        return found

    def suspend_missing(self, glossary_ids: Sequence[str], present: set[tuple[str, str]]) -> int:
        """Suspend the cards of these glossaries whose entry is gone (kept with their
        history), and bring back those whose entry is there again; how many were suspended."""
        wanted = set(glossary_ids)
        suspended = 0
        with self.transaction() as connection:
            for card_id, glossary_id, entry_id, was in connection.execute(
                "SELECT card_id, glossary_id, entry_id, suspended FROM card"
            ).fetchall():
                if glossary_id not in wanted:
                    continue
                gone = (glossary_id, entry_id) not in present
                if gone != bool(was):
                    connection.execute(
                        "UPDATE card SET suspended = ? WHERE card_id = ?", (int(gone), card_id)
                    )
                    suspended += gone
        return suspended

    def new_cards_started_since(self, moment: datetime) -> int:
        """How many cards had their first answer at or after `moment` (today's new cards)."""
        rows = self.query(
            "SELECT COUNT(*) FROM (SELECT card_id, MIN(review_datetime) AS first"
            " FROM review_log GROUP BY card_id) WHERE first >= ?",
            (stored(moment),),
        )
        return int(str(rows[0][0]))

    def save_review(
        self,
        before: CardRow,
        after: CardRow,
        rating: int,
        review_datetime: str,
        answer: str | None,
        review_duration: int | None = None,
    ) -> bool:
        """Write one answer: the card's new state and its log row, in one transaction,
        provided the card has not changed since `before` was read (another terminal may
        have answered it): False then, and nothing written."""
        with self.transaction() as connection:
            current = connection.execute(
                "SELECT last_review, due FROM card WHERE card_id = ?", (before.card_id,)
            ).fetchone()
            if current is None or tuple(current) != (before.last_review, before.due):
                return False
            connection.execute(
                "UPDATE card SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?,"
                " last_review = ?, content_hash = ? WHERE card_id = ?",
                (
                    after.state,
                    after.step,
                    after.stability,
                    after.difficulty,
                    after.due,
                    after.last_review,
                    after.content_hash,
                    before.card_id,
                ),
            )
            connection.execute(
                "INSERT INTO review_log (card_id, rating, review_datetime, review_duration,"
                " previous_state, answer) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    before.card_id,
                    rating,
                    review_datetime,
                    review_duration,
                    None if before.is_new else before.state,
                    answer,
                ),
            )
        return True

    def review_logs(self) -> list[tuple[object, ...]]:
        """(card_id, rating, review_datetime, review_duration, previous_state, answer), in
        time order."""
        return self.query(
            "SELECT card_id, rating, review_datetime, review_duration, previous_state, answer"
            " FROM review_log ORDER BY review_datetime, review_log_id"
        )


def _card_row(row: tuple[object, ...]) -> CardRow:
    values = dict(zip(CARD_COLUMNS, row, strict=True))
    values["suspended"] = bool(values["suspended"])
    return CardRow(**values)  # type: ignore[arg-type]
