"""The learner's tests: a small glossary, `esslex review` run at a chosen moment (ESSLEX_NOW)
as if in a terminal, its state read back through `--export`, and FSRS's own replay of the
review log (what the dates must be)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from support.cli import SCRIPT, run
from support.glossaries import write_glossary

LEARNER_GLOSSARY = """
[glossary]
id = "essai"
title = "Glossaire de l’apprenant"

[[theme]]
id = "structures"
label = "Structures de l’ESS"

[[term]]
id = "scop"
label = "Scop"
alt_labels = ["société coopérative et participative"]
themes = ["structures"]
definition = "Entreprise dont les salariés sont les associés majoritaires et élisent la direction."

[[term]]
id = "mutuelle"
label = "Mutuelle"
themes = ["structures"]
definition = "Organisme à but non lucratif où les adhérents se protègent les uns les autres."

[[term]]
id = "fondation"
label = "Fondation"
definition = "Affectation irrévocable de biens à une œuvre d’intérêt général."

[[term]]
id = "tiers-lieu"
label = "Tiers-lieu"
definition = "Un lieu partagé, ni domicile ni travail, où se croisent habitants et projets."
"""

START = datetime.fromisoformat("2026-03-02T09:00:00+01:00")
TERMINAL = {"ESSLEX_FORCE_TERMINAL": "1"}


def learner_glossary(folder: Path, text: str = LEARNER_GLOSSARY) -> Path:
    return write_glossary(folder / "essai.toml", text=text)


def at(moment: datetime) -> dict[str, str | None]:
    return {"ESSLEX_NOW": moment.isoformat(), **TERMINAL}


def review(glossary: Path, *args: str, when: datetime = START, typed: list[str]) -> Result:
    """`esslex review` on `glossary` at `when`, in a terminal where `typed` is typed."""
    return run(
        "--no-bundled",
        "-g",
        str(glossary),
        "review",
        *args,
        env=at(when),
        input="".join(line + "\n" for line in typed),
    )


def exported(folder: Path) -> dict[str, Any]:
    """The learner state, as `esslex review --export` writes it."""
    target = folder / f"etat-{time.monotonic_ns()}.json"
    result = run("review", "--export", str(target))
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return data


def stats(when: datetime = START) -> dict[str, Any]:
    result = run("review", "--stats", "--json", env={"ESSLEX_NOW": when.isoformat()})
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def fsrs_replay(state: dict[str, Any]) -> dict[int, datetime]:
    """Each card's due date computed by FSRS itself from the exported review log."""
    from fsrs import Card, Rating, Scheduler

    scheduler = Scheduler(enable_fuzzing=False)
    cards: dict[int, Card] = {}
    for log in sorted(state["review_logs"], key=lambda log: log["review_datetime"]):
        card = cards.get(log["card_id"]) or Card(card_id=log["card_id"])
        moment = datetime.fromisoformat(log["review_datetime"])
        cards[log["card_id"]], _ = scheduler.review_card(card, Rating(log["rating"]), moment)
    return {card_id: card.due for card_id, card in cards.items()}


def later(days: float) -> datetime:
    return START + timedelta(days=days)


class Tmux:
    """A command in a detached tmux session: keys sent, the screen read."""

    def __init__(self, folder: Path, command: str, env: dict[str, str]) -> None:
        if shutil.which("tmux") is None:
            pytest.skip("tmux absent")
        self.tmux = ["tmux", "-S", str(folder / "tmux.sock")]
        self.name = f"esslex-{os.getpid()}"
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-s", self.name, "-x", "100", "-y", "60", command],
            check=True,
            env=env,
        )

    def screen(self) -> str:
        return subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-J", "-S", "-200", "-t", self.name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def wait_for(self, text: str, count: int = 1) -> str:
        for _ in range(150):
            shown = self.screen()
            if shown.count(text) >= count:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} absent:\n{self.screen()}")

    def send(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True)

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], check=False)


@contextmanager
def tmux(folder: Path, command: str, env: dict[str, str]) -> Iterator[Tmux]:
    session = Tmux(folder, command, env)
    try:
        yield session
    finally:
        session.close()


def script_command(glossary: Path, *args: str) -> list[str]:
    return [str(SCRIPT), "--no-bundled", "-g", str(glossary), "review", *args]
