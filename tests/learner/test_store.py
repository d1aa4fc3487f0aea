"""The learner store's shared interface (what `browse` calls), the lookup journal `define`
appends to, and the store's refusal of a file that is not its own."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from esslex.learner import journal
from esslex.learner.store import (
    DEFINITION_TO_TERM,
    TERM_TO_DEFINITION,
    LearnerStoreError,
    learner_store_path,
    open_learner_store,
)
from support.cli import run
from support.learner import learner_glossary


def test_favourites_through_the_shared_interface() -> None:
    with open_learner_store() as store:
        assert not store.is_favourite("essai", "scop")
        store.set_favourite("essai", "scop", True)
        store.set_favourite("essai", "scop", True)  # twice: still one
        assert store.is_favourite("essai", "scop")
        assert not store.is_favourite("autre", "scop")
    with open_learner_store() as store:  # committed: another opening sees it
        assert [row[:2] for row in store.favourites()] == [("essai", "scop")]
        store.set_favourite("essai", "scop", False)
        assert not store.is_favourite("essai", "scop")


def test_record_lookup_does_nothing_when_history_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_learner_store()
    try:
        store.record_lookup("essai", "scop", "scopp")
        monkeypatch.setenv("ESSLEX_NO_HISTORY", "1")
        store.record_lookup("essai", "mutuelle", "mutuelle")
        monkeypatch.delenv("ESSLEX_NO_HISTORY")
        assert run("history", "--off").exit_code == 0
        store.record_lookup("essai", "fondation", "fondation")
        assert [(x.entry_id, x.query) for x in store.lookups()] == [("scop", "scopp")]
    finally:
        store.close()


def test_queue_for_review_creates_new_cards_once(tmp_path: Path) -> None:
    with open_learner_store() as store:
        store.queue_for_review("essai", "fondation")
        store.queue_for_review("essai", "fondation")
        cards = store.cards()
    assert [(card.entry_id, card.direction, card.is_new) for card in cards] == [
        ("fondation", TERM_TO_DEFINITION, True),
        ("fondation", DEFINITION_TO_TERM, True),
    ]
    # A queued entry comes first among the new cards of a session.
    glossary = learner_glossary(tmp_path)
    result = run(
        "--no-bundled", "-g", str(glossary), "review", "--new", "1",
        env={"ESSLEX_FORCE_TERMINAL": "1"}, input="\n3\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Fondation" in result.stdout and "Scop" not in result.stdout


def test_a_file_that_is_not_a_store_is_one_french_error() -> None:
    path = learner_store_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"ceci n'est pas une base SQLite" * 100)
    with pytest.raises(LearnerStoreError, match="n’est pas une base SQLite d’esslex"):
        open_learner_store()
    result = run("favourites")
    assert result.exit_code == 3
    assert "n’est pas une base SQLite d’esslex" in result.stderr


def test_a_store_from_a_newer_esslex_is_refused() -> None:
    open_learner_store().close()
    with sqlite3.connect(learner_store_path()) as connection:
        connection.execute("PRAGMA user_version=99")
    result = run("history")
    assert result.exit_code == 3
    assert "version plus récente d’esslex" in result.stderr


@given(st.text(), st.text(min_size=1).filter(lambda text: bool(journal.one_field(text))))
def test_a_journal_line_gives_back_its_fields(query: str, entry_id: str) -> None:
    line = journal.journal_line("essai", entry_id, query)
    assert line.count("\n") == 1
    ((_, glossary_id, entry, typed),) = journal.parse_journal(line)
    assert (glossary_id, entry, typed) == (
        "essai",
        journal.one_field(entry_id),
        journal.one_field(query),
    )


def test_a_line_cut_by_a_crash_is_left_out() -> None:
    whole = journal.journal_line("essai", "scop", "scop")
    assert journal.parse_journal(whole + whole[:12]) == journal.parse_journal(whole)


def test_the_journal_is_emptied_once_taken_in() -> None:
    journal.append_lookup("essai", "scop", "scop")
    assert journal.journal_path().stat().st_size > 0
    with open_learner_store() as store:
        assert [x.entry_id for x in store.lookups()] == ["scop"]
    assert journal.journal_path().stat().st_size == 0
    with open_learner_store() as store:  # taken in once
        assert len(store.lookups()) == 1


APPENDER = """
import sys
from esslex.learner.journal import append_lookup
from esslex.learner.store import open_learner_store
for number in range(int(sys.argv[1])):
    append_lookup("essai", f"entree-{sys.argv[2]}-{number}", "requête")
    if number % 10 == 0:
        open_learner_store().close()  # takes the journal in while others append
"""


@pytest.mark.slow
def test_processes_appending_while_the_store_takes_the_journal_in_lose_nothing() -> None:
    processes = [
        subprocess.Popen([sys.executable, "-c", APPENDER, "60", str(worker)], env=os.environ)
        for worker in range(4)
    ]
    assert [process.wait(timeout=120) for process in processes] == [0] * 4
    with open_learner_store() as store:
        entries = {lookup.entry_id for lookup in store.lookups()}
    assert entries == {f"entree-{worker}-{number}" for worker in range(4) for number in range(60)}
