"""FSRS scheduling through the `fsrs` library (imported by `esslex review` alone): a stored
card to FSRS's Card and back, the answer's effect, and the interval each grade would give."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

from esslex.errors import MissingDependency
from esslex.learner.clock import fixed_now, parsed, stored
from esslex.learner.store import CardRow

try:
    from fsrs import Card, Rating, Scheduler, State
except ImportError:  # pragma: no cover - the extra is missing
    Card = Rating = Scheduler = State = None  # type: ignore[assignment,misc]

# The four grades, as FSRS numbers them, with their French names.
GRADES = {1: "À revoir", 2: "Difficile", 3: "Correct", 4: "Facile"}
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
DEFAULT_RETENTION = 0.9


def scheduler(retention: float = DEFAULT_RETENTION) -> Scheduler:
    """FSRS with its default parameters; fuzzing (a small random spread of the intervals,
    so cards learnt together do not stay together) is off when ESSLEX_NOW fixes the clock,
    so that a test or a demonstration gives the same dates every time."""
    if Scheduler is None:
        raise MissingDependency.for_extra("la révision espacée", "fsrs", "review")
    return Scheduler(desired_retention=retention, enable_fuzzing=fixed_now() is None)


def utc(moment: datetime) -> datetime:
    """The moment in UTC, which FSRS requires."""
    return moment.astimezone(timezone.utc)


def to_fsrs(row: CardRow) -> Card:
    return Card(
        card_id=row.card_id,
        state=State(row.state),
        step=row.step,
        stability=row.stability,
        difficulty=row.difficulty,
        due=parsed(row.due),
        last_review=None if row.last_review is None else parsed(row.last_review),
    )


def answered(
    fsrs: Scheduler, row: CardRow, rating: int, moment: datetime, content_hash: str
) -> CardRow:
    """The card after this answer, as the store keeps it."""
    card, _log = fsrs.review_card(to_fsrs(row), Rating(rating), review_datetime=utc(moment))
    return dataclasses.replace(
        row,
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=stored(card.due),
        last_review=None if card.last_review is None else stored(card.last_review),
        content_hash=content_hash,
    )


def intervals(fsrs: Scheduler, row: CardRow, moment: datetime) -> dict[int, timedelta]:
    """The wait each grade would give the card (without fuzzing, which only spreads it)."""
    plain = Scheduler(
        parameters=fsrs.parameters,
        desired_retention=fsrs.desired_retention,
        learning_steps=fsrs.learning_steps,
        relearning_steps=fsrs.relearning_steps,
        maximum_interval=fsrs.maximum_interval,
        enable_fuzzing=False,
    )
    card = to_fsrs(row)
    moment = utc(moment)
    waits = {}
    for grade in GRADES:
        after, _log = plain.review_card(card, Rating(grade), review_datetime=moment)
        waits[grade] = after.due - moment
    return waits


def duration_text(wait: timedelta) -> str:
    """A wait in a few French characters: « 1\u00a0min », « 6\u00a0h », « 3\u00a0j »,
    « 2\u00a0mois », « 1,5\u00a0an »."""
    seconds = max(0.0, wait.total_seconds())
    minutes = seconds / 60
    if minutes < 60:
        return f"{max(1, round(minutes))}\u00a0min"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}\u00a0h"
    days = hours / 24
    if days < 31:
        return f"{round(days)}\u00a0j"
    if days < 365:
        return f"{round(days / 30.4)}\u00a0mois"
    years = f"{days / 365:.1f}".replace(".", ",").removesuffix(",0")
    return f"{years}\u00a0an{'s' if days >= 730 else ''}"
