"""A review session: the cards due, then today's new cards, shown one at a time; each
answer graded, scheduled by FSRS and committed before the next card is shown.

Reading and writing go through two injected functions, as in the quiz: a test plays a
session with a list of answers; the command gives it the terminal.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from esslex.errors import AmbiguousTerm, TermNotFound
from esslex.find.lookup import find_term
from esslex.glossary.model import Glossary, Term
from esslex.learner.clock import now, parsed, stored
from esslex.learner.entries import entry_key
from esslex.learner.scheduling import (
    AGAIN,
    GOOD,
    GRADES,
    HARD,
    answered,
    duration_text,
    intervals,
)
from esslex.learner.store import (
    DEFINITION_TO_TERM,
    DIRECTIONS,
    TERM_TO_DEFINITION,
    CardRow,
    LearnerStore,
)
from esslex.trainer.masking import shown_definition

if TYPE_CHECKING:
    from fsrs import Scheduler

# (text, style) as in the quiz: a Rich style, "" for plain text, "panel" for a framed block.
Say = Callable[[str, str], None]
Ask = Callable[[str], str]

DEFAULT_NEW_PER_DAY = 10
CHANGED_NOTICE = "définition modifiée depuis votre dernière révision"
DIRECTION_NAMES = {
    TERM_TO_DEFINITION: "terme → définition",
    DEFINITION_TO_TERM: "définition → terme",
}


def content_hash(term: Term) -> str:
    """What a card shows of its entry (label and definition, spacing aside), hashed: a
    different hash at the next review means the definition was changed meanwhile."""
    text = " ".join(term.label.split()) + "\n" + " ".join(term.definition.split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Planned:
    """A card to show: an existing card, or one to create when it is shown (a new one)."""

    glossary_id: str
    entry_id: str
    direction: str
    card_id: int | None = None
    is_new: bool = False


@dataclass
class SessionResult:
    grades: Counter[int] = field(default_factory=Counter)
    interrupted: bool = False
    planned: int = 0

    @property
    def answered(self) -> int:
        return sum(self.grades.values())


def start_of_day(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def plan(
    store: LearnerStore,
    glossary: Glossary,
    deck: Sequence[Term],
    moment: datetime,
    new_per_day: int = DEFAULT_NEW_PER_DAY,
    limit: int | None = None,
) -> list[Planned]:
    """The session's cards: those of the deck due now (the longest waiting first in each
    direction), then new cards up to what is left of today's `new_per_day`, then cut at
    `limit`."""
    keys = list(dict.fromkeys(entry_key(term, glossary) for term in deck))
    in_deck = set(keys)
    # A removed entry's card is suspended, not deleted: its history stays.
    loaded = [part.id for part in glossary.parts] or [glossary.info.id]
    present = {entry_key(term, glossary) for term in glossary}
    store.suspend_missing(loaded, present)
    cards = store.cards("suspended = 0")
    due = [
        Planned(card.glossary_id, card.entry_id, card.direction, card.card_id)
        for card in cards
        if not card.is_new and card.due <= stored(moment)
        if (card.glossary_id, card.entry_id) in in_deck
    ]
    # One direction, then the other: an entry's definition just seen does not give its term.
    due.sort(key=lambda card: DIRECTIONS.index(card.direction))
    started = store.new_cards_started_since(start_of_day(moment))
    room = max(0, new_per_day - started)
    existing = {(card.glossary_id, card.entry_id, card.direction): card for card in cards}
    suspended = {
        (card.glossary_id, card.entry_id, card.direction) for card in store.cards("suspended = 1")
    }
    # Cards queued from elsewhere (`browse`) come first, then the deck in its order.
    queued = sorted(
        (card for card in cards if card.is_new and (card.glossary_id, card.entry_id) in in_deck),
        key=lambda card: card.created,
    )
    fresh: list[tuple[str, str, str]] = [
        (card.glossary_id, card.entry_id, card.direction) for card in queued
    ]
    for key in keys:
        for direction in DIRECTIONS:
            card_key = (*key, direction)
            if card_key not in existing and card_key not in suspended:
                fresh.append(card_key)
    chosen = list(dict.fromkeys(fresh))[:room]
    # An entry's term is shown before its definition is asked: one direction, then the other.
    chosen.sort(key=lambda card_key: DIRECTIONS.index(card_key[2]))
    new = [
        Planned(*card_key, existing[card_key].card_id if card_key in existing else None, True)
        for card_key in chosen
    ]
    planned = due + new
    return planned if limit is None else planned[:limit]


def grade_typed(glossary: Glossary, term: Term, typed: str) -> tuple[int, str]:
    """The grade a typed term suggests, graded by esslex's own lookup, and why: the entry
    found exactly, by another name or with other accents is Correct; with a typo (or a part
    of its name), Difficile; another entry or nothing, À revoir."""
    label = f"«\u00a0{term.label}\u00a0»"
    if not typed.strip():
        return AGAIN, f"Pas de réponse. C’était {label}."
    try:
        found = find_term(glossary, typed)
    except AmbiguousTerm as error:
        if term.id in error.candidate_ids:
            return HARD, f"Presque\u00a0: c’était {label}."
        return AGAIN, f"Non\u00a0: c’était {label}."
    except TermNotFound:
        return AGAIN, f"Non\u00a0: c’était {label}."
    if found.term.id != term.id:
        return (
            AGAIN,
            f"Non\u00a0: «\u00a0{found.term.label}\u00a0» n’est pas la réponse\u00a0; c’était {label}.",
        )
    if found.kind in ("exact", "alt_label", "id", "folded"):
        return GOOD, f"Correct\u00a0: {label}."
    return HARD, f"Presque\u00a0: c’était {label}."


def parse_grade(typed: str, suggested: int | None) -> int | None:
    text = typed.strip()
    if not text and suggested is not None:
        return suggested
    if text.isdigit() and int(text) in GRADES:
        return int(text)
    return None


class ReviewSession:
    def __init__(
        self,
        store: LearnerStore,
        glossary: Glossary,
        scheduler: Scheduler,
        say: Say,
        ask: Ask,
    ) -> None:
        self.store = store
        self.glossary = glossary
        self.scheduler = scheduler
        self.say = say
        self.ask = ask
        self.result = SessionResult()

    def play(self, planned: Sequence[Planned]) -> SessionResult:
        """Shows every planned card; Ctrl-C or the end of input stops early, each answer
        already given being in the store."""
        self.result.planned = len(planned)
        try:
            for number, card in enumerate(planned, 1):
                self._card(number, card)
        except (KeyboardInterrupt, EOFError):
            self.result.interrupted = True
        return self.result

    def _current(self, planned: Planned) -> CardRow | None:
        """The card as stored now, or None if it was answered elsewhere meanwhile (another
        terminal) and is not due any more."""
        card: CardRow | None
        if planned.card_id is None:
            card = self.store.ensure_card(planned.glossary_id, planned.entry_id, planned.direction)
        else:
            card = self.store.card_by_id(planned.card_id)
        if card is None or card.suspended:
            return None
        return card if card.is_new or card.due <= stored(now()) else None

    def _card(self, number: int, planned: Planned) -> None:
        card = self._current(planned)
        term = self.glossary.get(planned.entry_id)
        if card is None or term is None:
            return
        total = self.result.planned
        kind = "nouvelle" if card.is_new else "à revoir"
        self.say("", "")
        self.say(
            f"Carte {number}/{total} · {kind} · {DIRECTION_NAMES[card.direction]}", "bold magenta"
        )
        if card.content_hash and card.content_hash != content_hash(term):
            self.say(CHANGED_NOTICE[0].upper() + CHANGED_NOTICE[1:] + ".", "bold yellow")
        if card.direction == TERM_TO_DEFINITION:
            self.say(term.label, "panel")
            self.ask("Entrée pour voir la définition… ")
            self.say(" ".join(term.definition.split()), "panel")
            suggested, answer = None, None
        else:
            self.say("Quel terme correspond à cette définition\u00a0?", "bold")
            self.say(shown_definition(term), "panel")
            answer = self.ask("Votre réponse (Entrée si vous ne savez pas)\u00a0: ")
            suggested, verdict = grade_typed(self.glossary, term, answer)
            self.say(verdict, "bold green" if suggested == GOOD else "bold yellow")
        grade = self._read_grade(card, suggested)
        after = self._save(card, grade, answer, content_hash(term))
        wait = duration_text(parsed(after.due) - now())
        self.say(f"{GRADES[grade]}\u00a0: prochaine révision dans {wait}.", "dim")
        self.result.grades[grade] += 1

    def _read_grade(self, card: CardRow, suggested: int | None) -> int:
        waits = intervals(self.scheduler, card, now())
        buttons = " · ".join(
            f"{grade} {name} ({duration_text(waits[grade])})" for grade, name in GRADES.items()
        )
        self.say(buttons, "cyan")
        hint = f"1 à 4, Entrée pour {suggested}" if suggested else "1 à 4"
        while True:
            grade = parse_grade(self.ask(f"Votre note ({hint})\u00a0: "), suggested)
            if grade is not None:
                return grade
            again = f", ou Entrée pour {suggested}" if suggested else ""
            self.say(f"Répondez par un chiffre de 1 à 4{again}.", "yellow")

    def _save(self, card: CardRow, grade: int, answer: str | None, digest: str) -> CardRow:
        """Schedule and commit the answer. If another terminal answered the card meanwhile,
        this answer is applied on top of that one: both are kept."""
        while True:
            moment = now()
            after = answered(self.scheduler, card, grade, moment, digest)
            if self.store.save_review(card, after, grade, stored(moment), answer):
                return after
            fresh = self.store.card_by_id(card.card_id)
            if fresh is None:
                return after
            card = fresh


def summary(result: SessionResult) -> list[tuple[str, str]]:
    """The closing lines: what was answered, and that nothing is lost on an interruption."""
    lines: list[tuple[str, str]] = []
    if result.interrupted:
        lines.append(
            ("Session interrompue\u00a0: chaque réponse donnée est enregistrée.", "yellow")
        )
    if not result.planned:
        lines.append(("Rien à réviser pour le moment.", "bold"))
    elif result.answered:
        counts = ", ".join(
            f"{result.grades[grade]} {GRADES[grade]}" for grade in GRADES if result.grades[grade]
        )
        noun = "carte notée" if result.answered == 1 else "cartes notées"
        lines.append((f"Session\u00a0: {result.answered} {noun} ({counts}).", "bold"))
    else:
        lines.append(("Aucune carte notée.", "bold"))
    return lines
