"""`esslex review`: a session played through the CLI, its answers kept (end of input, Ctrl-C,
kill -9, two terminals at once), FSRS's dates, changed and removed entries, statistics,
and the state exported and imported."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.cli import run
from support.learner import (
    LEARNER_GLOSSARY,
    START,
    at,
    exported,
    fsrs_replay,
    later,
    learner_glossary,
    review,
    script_command,
    stats,
    tmux,
)

# Four entries, both directions: four « terme → définition » (Entrée, then a grade), then
# four « définition → terme » (the term typed, then Entrée for the grade suggested or a grade).
WHOLE_SESSION = [
    *("", "3", "", "4", "", "1", "", "3"),
    *("scop", "", "mutuele", "", "rien du tout", "", "", "2"),
]


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    return learner_glossary(tmp_path)


def test_without_a_terminal_it_refuses_in_french(glossary: Path) -> None:
    result = run("--no-bundled", "-g", str(glossary), "review")
    assert result.exit_code == 2
    assert "la révision se fait dans un terminal" in result.stderr.lower()
    assert "esslex review --stats --json" in result.stderr
    assert not result.stdout


def test_a_whole_session_grades_and_keeps_every_answer(glossary: Path, tmp_path: Path) -> None:
    result = review(glossary, "--new", "8", typed=WHOLE_SESSION)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Révision\u00a0: 0 carte à revoir, 8 nouvelles." in out
    assert "Carte 1/8 · nouvelle · terme → définition" in out
    assert "Carte 5/8 · nouvelle · définition → terme" in out
    # Each grade shows the wait it would give (FSRS's first steps: 1 and 10 minutes).
    assert "1 À revoir (1\u00a0min) · 2 Difficile (6\u00a0min) · 3 Correct (10\u00a0min)" in out
    assert "Correct\u00a0: «\u00a0Scop\u00a0»." in out
    assert "Presque\u00a0: c’était «\u00a0Mutuelle\u00a0»." in out
    assert "Non\u00a0: c’était «\u00a0Fondation\u00a0»." in out
    assert "Pas de réponse. C’était «\u00a0Tiers-lieu\u00a0»." in out
    assert "Session\u00a0: 8 cartes notées" in out
    state = exported(tmp_path)
    assert [log["rating"] for log in state["review_logs"]] == [3, 4, 1, 3, 3, 2, 1, 2]
    answers = [log["answer"] for log in state["review_logs"]][4:]
    assert answers == ["scop", "mutuele", "rien du tout", ""]
    figures = stats()
    assert figures["reviews"] == 8
    assert figures["cards"]["total"] == 8
    assert figures["reviews_per_day"][-1] == {"date": "2026-03-02", "reviews": 8}


def test_a_wrong_key_is_asked_again_and_the_suggestion_can_be_changed(glossary: Path) -> None:
    result = review(glossary, "--new", "1", typed=["", "9", "oui", "2"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Répondez par un chiffre de 1 à 4.") == 2
    assert "Difficile\u00a0: prochaine révision dans 6\u00a0min." in result.stdout


def test_end_of_input_ends_the_session_keeping_the_answers(glossary: Path) -> None:
    result = review(glossary, "--new", "8", typed=["", "3", "", "3", ""])
    assert result.exit_code == 130
    assert "Session interrompue\u00a0: chaque réponse donnée est enregistrée." in result.stdout
    assert "Session\u00a0: 2 cartes notées (2 Correct)." in result.stdout
    assert stats()["reviews"] == 2


def test_new_cards_a_day_are_limited(glossary: Path) -> None:
    first = review(glossary, "--new", "3", typed=["", "3"] * 3)
    assert first.exit_code == 0, first.output
    assert "3 nouvelles." in first.stdout
    # The same day: the three new cards of today are used up; not due again yet (10 min).
    again = review(glossary, "--new", "3", typed=[])
    assert "Rien à réviser pour le moment." in again.stdout
    assert again.exit_code == 0
    # The next day, three more, after the cards due.
    next_day = review(glossary, "--new", "3", "--limit", "4", when=later(1), typed=[])
    assert "Révision\u00a0: 3 cartes à revoir, 1 nouvelle." in next_day.stdout


def test_ten_days_later_the_due_cards_are_those_fsrs_gives(glossary: Path, tmp_path: Path) -> None:
    assert review(glossary, "--new", "8", typed=WHOLE_SESSION).exit_code == 0
    # The next day every card is due again (learning steps); each graded anew.
    grades = ["", "4", "", "3", "", "2", "", "1", "", "4", "", "3", "", "4", "", "1"]
    day_after = review(glossary, when=later(1), typed=grades)
    assert day_after.exit_code == 0, day_after.output
    state = exported(tmp_path)
    expected = fsrs_replay(state)
    stored = {card["card_id"]: datetime.fromisoformat(card["due"]) for card in state["cards"]}
    assert stored == expected
    ten_days = later(10)
    due = sorted(card_id for card_id, when in expected.items() if when <= ten_days)
    assert 1 < len(due) < len(expected)  # some cards due, others later: the test can tell
    result = review(glossary, when=ten_days, typed=[])
    assert result.exit_code == 130  # no answer typed: the first card ends it
    assert f"Révision\u00a0: {len(due)} cartes à revoir, 0 nouvelle." in result.stdout


def test_a_changed_definition_is_flagged(glossary: Path) -> None:
    assert review(glossary, "--new", "1", typed=["", "3"]).exit_code == 0
    changed = LEARNER_GLOSSARY.replace("élisent la direction", "choisissent leurs dirigeants")
    glossary.write_text(changed, encoding="utf-8")
    result = review(glossary, "--new", "0", when=later(1), typed=["", "3"])
    assert result.exit_code == 0, result.output
    assert "Définition modifiée depuis votre dernière révision." in result.stdout
    # Seen again: no longer flagged.
    result = review(glossary, "--new", "0", when=later(30), typed=["", "3"])
    assert "Définition modifiée" not in result.stdout


def test_a_removed_entry_is_suspended_not_deleted(glossary: Path, tmp_path: Path) -> None:
    assert review(glossary, "--new", "1", typed=["", "3"]).exit_code == 0
    without = LEARNER_GLOSSARY.split('[[term]]\nid = "mutuelle"')[0]
    without = without.replace('[[term]]\nid = "scop"', '[[term]]\nid = "scop-bis"')
    glossary.write_text(without, encoding="utf-8")
    result = review(glossary, "--new", "0", when=later(1), typed=[])
    assert "Rien à réviser" in result.stdout
    (card,) = exported(tmp_path)["cards"]
    assert card["entry_id"] == "scop" and card["suspended"] is True
    assert stats(later(1))["cards"]["suspended"] == 1
    assert len(exported(tmp_path)["review_logs"]) == 1
    glossary.write_text(LEARNER_GLOSSARY, encoding="utf-8")  # back: the card comes back
    result = review(glossary, "--new", "0", when=later(1), typed=["", "3"])
    assert "1 carte à revoir" in result.stdout


def test_stats_json_shape(glossary: Path) -> None:
    review(glossary, "--new", "8", typed=WHOLE_SESSION)
    figures = stats(later(0.5))
    assert list(figures) == [
        "now",
        "cards",
        "due_today",
        "due_in_7_days",
        "reviews",
        "reviews_per_day",
        "retention",
    ]
    assert figures["cards"] == {
        "total": 8,
        "new": 0,
        "learning": 7,
        "review": 1,  # graded Facile at once: eight days off
        "relearning": 0,
        "suspended": 0,
    }
    assert figures["due_today"] == 7 and figures["due_in_7_days"] == 7
    assert len(figures["reviews_per_day"]) == 30
    assert figures["retention"] is None  # no card learnt yet: nothing to measure
    plain = run("review", "--stats", env={"ESSLEX_NOW": later(0.5).isoformat()})
    assert "À réviser aujourd’hui\u00a0: 7\u00a0; d’ici 7 jours\u00a0: 7" in plain.stdout
    assert "Rétention observée\u00a0: pas encore mesurée" in plain.stdout


def test_observed_retention_counts_reviews_of_learnt_cards(glossary: Path) -> None:
    review(glossary, "--new", "2", typed=["", "4", "", "4"])  # Facile: learnt at once
    review(glossary, "--new", "0", when=later(30), typed=["", "3", "", "1"])
    assert stats(later(30))["retention"] == 0.5


def test_usage_errors(glossary: Path) -> None:
    result = run("review", "--json")
    assert result.exit_code == 2 and "--json va avec --stats" in result.stderr
    result = run("review", "--stats", env={"ESSLEX_NOW": "2026-03-02 09:00"})
    assert result.exit_code == 2
    assert "ESSLEX_NOW doit être une date ISO 8601 avec son fuseau" in result.stderr
    result = run("review", "--export", "a.json", "--import", "b.json")
    assert result.exit_code == 2
    result = review(glossary, "--retention", "0.5", typed=[])
    assert result.exit_code == 2


def test_export_never_overwrites_and_import_merges(glossary: Path, tmp_path: Path) -> None:
    review(glossary, "--new", "8", typed=WHOLE_SESSION)
    run("favourites", "add", "coopération")
    target = tmp_path / "etat.json"
    assert run("review", "--export", str(target)).exit_code == 0
    before = target.read_bytes()
    result = run("review", "--export", str(target))
    assert result.exit_code == 1 and "existe déjà" in result.stderr
    assert target.read_bytes() == before
    assert run("review", "--export", str(target), "--force").exit_code == 0
    state = json.loads(before)
    # FSRS's own names: FSRS reads the cards and logs back.
    from fsrs import Card, ReviewLog

    fields = ("card_id", "state", "step", "stability", "difficulty", "due", "last_review")
    for card in state["cards"]:
        assert Card.from_dict({name: card[name] for name in fields}).card_id == card["card_id"]
    log_fields = ("card_id", "rating", "review_datetime", "review_duration")
    for log in state["review_logs"]:
        assert ReviewLog.from_dict({name: log[name] for name in log_fields}).rating == log["rating"]
    # Another machine: a new home; importing twice adds nothing the second time.
    other = {"ESSLEX_HOME": str(tmp_path / "autre")}
    result = run("review", "--import", str(target), env=other)
    assert result.exit_code == 0, result.output
    assert "8 cartes, 8 réponses, 1 favori," in result.stderr
    result = run("review", "--import", str(target), env=other)
    assert "0 carte, 0 réponse, 0 favori, 0 consultation" in result.stderr
    moved = exported_from(tmp_path, other)
    assert moved["cards"] == state["cards"]
    assert [log["rating"] for log in moved["review_logs"]] == [3, 4, 1, 3, 3, 2, 1, 2]
    assert moved["favourites"] == state["favourites"]


def exported_from(folder: Path, env: dict[str, str | None]) -> dict[str, object]:
    target = folder / "depuis-autre.json"
    assert run("review", "--export", str(target), "--force", env=env).exit_code == 0
    data: dict[str, object] = json.loads(target.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(
    "content",
    [
        b"pas du json",
        b'{"format": "autre"}',
        b'{"format": "esslex-learner", "version": 1, "cards": [{"glossary_id": "g"}]}',
    ],
)
def test_a_bad_import_is_refused_whole(tmp_path: Path, content: bytes) -> None:
    source = tmp_path / "mauvais.json"
    source.write_bytes(content)
    result = run("review", "--import", str(source))
    assert result.exit_code == 3
    assert "ce n’est pas un export d’esslex review" in result.stderr
    assert stats()["cards"]["total"] == 0


def test_a_missing_import_file_is_one_french_line(tmp_path: Path) -> None:
    result = run("review", "--import", str(tmp_path / "absent.json"))
    assert result.exit_code == 3  # a named file that cannot be read, as for every option
    assert "fichier introuvable" in result.stderr and result.stderr.count("\n") == 1


# --- real processes: kill -9, two terminals, Ctrl-C in tmux ---


def _environment(moment: datetime = START) -> dict[str, str]:
    """The test's environment (its own ESSLEX_HOME) at `moment`, as if in a terminal."""
    env = {**os.environ, **at(moment)}
    return {key: value for key, value in env.items() if value is not None}


def _read_until(process: subprocess.Popen[str], text: str) -> str:
    assert process.stdout is not None
    seen = ""
    while text not in seen:
        char = process.stdout.read(1)
        assert char, f"{text!r} absent:\n{seen}"
        seen += char
    return seen


def _store() -> Path:
    return Path(os.environ["ESSLEX_HOME"]) / "apprentissage.sqlite3"


@pytest.mark.slow
def test_kill_9_during_a_session_loses_no_answer(glossary: Path) -> None:
    process = subprocess.Popen(
        script_command(glossary, "--new", "8"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=_environment(),
    )
    assert process.stdin is not None
    for _ in range(3):
        _read_until(process, "Entrée pour voir la définition")
        process.stdin.write("\n3\n")
        process.stdin.flush()
    # The fourth card on screen: the third answer was committed before it was shown.
    _read_until(process, "Carte 4/8")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert stats()["reviews"] == 3
    with sqlite3.connect(_store()) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.slow
def test_two_terminals_at_once_lose_nothing(glossary: Path) -> None:
    # Both sessions plan the same eight cards; a card the other has answered meanwhile is
    # skipped (no longer due), or answered on top of the other's answer: all are logged.
    answers = "".join(f"{typed}\n" for typed in WHOLE_SESSION * 2)
    processes = [
        subprocess.Popen(
            script_command(glossary, "--new", "8"),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=_environment(),
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(answers, timeout=120) for process in processes]
    noted = sum(out.count("prochaine révision dans") for out, _ in outputs)
    assert noted >= 8
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode in (0, 130), err
        assert "Traceback" not in out + err
    figures = stats()
    assert figures["reviews"] == noted
    assert figures["cards"]["total"] == 8  # one card per entry and direction, never two
    with sqlite3.connect(_store()) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.slow
def test_played_in_tmux_reveal_typo_new_card_then_ctrl_c(glossary: Path, tmp_path: Path) -> None:
    # Yesterday: Scop and Mutuelle learnt, both ways (the term typed: nothing, then Correct).
    assert review(glossary, "--new", "4", typed=["", "3"] * 4).exit_code == 0
    env = {key: value for key, value in _environment(later(1)).items() if key != "NO_COLOR"}
    del env["ESSLEX_FORCE_TERMINAL"]  # a real terminal
    command = " ".join(script_command(glossary, "--term", "mutuelle", "--term", "fondation"))
    with tmux(tmp_path, f"{command}; echo CODE=$?; sleep 30", env) as screen:
        screen.wait_for("Révision\u00a0: 2 cartes à revoir, 2 nouvelles.")
        screen.wait_for("Carte 1/4 · à revoir · terme → définition")
        screen.wait_for("Entrée pour voir la définition")
        screen.send("Enter")  # the reveal
        screen.wait_for("Votre note (1 à 4)")
        screen.send("3", "Enter")
        screen.wait_for("Carte 2/4 · à revoir · définition → terme")
        screen.wait_for("Votre réponse")
        screen.send("mutuele", "Enter")  # a typo: Difficile suggested
        screen.wait_for("Votre note (1 à 4, Entrée pour 2)")
        screen.send("Enter")
        screen.wait_for("Carte 3/4 · nouvelle · terme → définition")  # a new card
        screen.wait_for("Entrée pour voir la définition", 2)
        screen.send("Enter")
        screen.wait_for("Votre note (1 à 4)", 2)
        screen.send("4", "Enter")
        screen.wait_for("Carte 4/4")
        screen.wait_for("Votre réponse", 2)
        screen.send("C-c")  # in the middle of the session
        shown = screen.wait_for("CODE=")
    print(shown)  # `pytest -s` shows the screen
    assert "Presque\u00a0: c’était «\u00a0Mutuelle\u00a0»." in shown
    assert "Session interrompue\u00a0: chaque réponse donnée est enregistrée." in shown
    assert "Session\u00a0: 3 cartes notées (1 Difficile, 1 Correct, 1 Facile)." in shown
    assert "CODE=130" in shown
    assert "Traceback" not in shown
    assert "╭" in shown  # Rich's panels: a real terminal
    state = exported(tmp_path)
    assert len(state["review_logs"]) == 7
    last = [(log["entry_id"], log["rating"], log["answer"]) for log in state["review_logs"][-3:]]
    assert last == [("mutuelle", 3, None), ("mutuelle", 2, "mutuele"), ("fondation", 4, None)]
    assert stats(later(1))["reviews"] == 7


def test_without_fsrs_a_session_says_which_extra_to_install(
    glossary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "fsrs", None)  # `import fsrs` fails as if absent
    for name in ("esslex.learner.scheduling", "esslex.learner.session"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    result = review(glossary, typed=[])
    assert result.exit_code == 4
    assert ".venv/bin/pip install '.[review]'" in result.stderr
    assert run("review", "--stats").exit_code == 0  # the statistics need no scheduler


@pytest.mark.parametrize("colours", [False, True])
def test_untrusted_text_is_shown_as_text(tmp_path: Path, colours: bool) -> None:
    hostile = learner_glossary(
        tmp_path,
        text='[glossary]\nid = "piege"\ntitle = "Piège"\n\n[[term]]\nid = "fondation"\n'
        'label = "Fondation [bold]x[/bold]"\n'
        'definition = "Des biens\\u00a0: \\u001b[31mrouge\\u001b]0;titre\\u0007 fin."\n',
    )
    env = {**at(START), "NO_COLOR": None if colours else "1"}
    result = run(
        "--no-bundled", "-g", str(hostile), "review", "--new", "1", env=env, input="\n3\n"
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Fondation [bold]x[/bold]" in result.stdout  # markup shown, not interpreted
    assert "rouge fin." in result.stdout
    assert "\x07" not in result.stdout and "]0;titre" not in result.stdout
    if not colours:
        assert "\x1b" not in result.stdout


@pytest.mark.slow  # a dozen histories, each several sessions through the CLI: 8 s
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sessions=st.lists(
        st.tuples(st.integers(0, 12), st.lists(st.integers(1, 4), max_size=8)),
        min_size=1,
        max_size=4,
    )
)
def test_whatever_the_grades_the_dates_are_fsrs_s_and_every_answer_is_logged(
    glossary: Path, tmp_path_factory: pytest.TempPathFactory, sessions: list[tuple[int, list[int]]]
) -> None:
    home = {"ESSLEX_HOME": str(tmp_path_factory.mktemp("apprenant"))}
    day, answered = 0, 0
    for gap, grades in sessions:
        day += gap
        # Each card: Entrée (reveal, or no term typed), then the grade.
        typed = "".join(f"\n{grade}\n" for grade in grades)
        result = run(
            "--no-bundled", "-g", str(glossary), "review", "--new", "8",
            env={**home, **at(later(day))}, input=typed,
        )  # fmt: skip
        assert result.exit_code in (0, 130), result.output
        answered += result.stdout.count("prochaine révision dans")
    target = tmp_path_factory.mktemp("export") / "etat.json"
    assert run("review", "--export", str(target), env=home).exit_code == 0
    state = json.loads(target.read_text(encoding="utf-8"))
    assert len(state["review_logs"]) == answered
    stored = {card["card_id"]: datetime.fromisoformat(card["due"]) for card in state["cards"]}
    replayed = fsrs_replay(state)
    assert {card_id: stored[card_id] for card_id in replayed} == replayed


def test_jurisdiction_keeps_the_cards_of_a_place(tmp_path: Path) -> None:
    from support.glossaries import PLACES, write_glossary

    places = write_glossary(tmp_path / "places.toml", text=PLACES)
    result = review(places, "--jurisdiction", "be", typed=[])
    assert result.exit_code == 130, result.output  # ended at once: no answer typed
    # Three Belgian entries (BE and BE-WAL), two cards each.
    assert "Révision\u00a0: 0 carte à revoir, 6 nouvelles." in result.stdout
