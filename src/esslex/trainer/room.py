"""The quiz for a room: one question at a time, the answer revealed on a key, a timer if asked.

Built as screens (data), never printed: `show` draws a `Screen`, `key` waits for one key
(None when `timeout` seconds pass without one) and `clock` tells the time; the command
gives them the terminal, a test gives them lists. Nobody is scored: the trainer may type
the room's answer (its letter or number) before revealing, and the tally of those answers
closes the quiz. Each term of a matching series is asked on its own, as a choice among the
series' terms, so the room reads one definition at a time.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from esslex.trainer.questions import Kind, Option, Question
from esslex.trainer.quiz import parse_answer

REVEAL = ("\r", "\n", " ")
QUIT = ("q", "Q")
HEADINGS = {
    Kind.choice: "Quel terme correspond à cette définition\u00a0?",
    Kind.cloze: "Quel terme complète ce texte\u00a0?",
    Kind.matching: "Quel terme de la série correspond à cette définition\u00a0?",
}


@dataclass(frozen=True)
class Item:
    """One question as the room sees it."""

    kind: Kind
    text: str
    options: tuple[Option, ...]
    answer: Option


@dataclass(frozen=True)
class Screen:
    title: str
    heading: str
    text: str
    options: tuple[Option, ...] = ()
    # The right option once revealed; the room's answer once typed.
    answer: Option | None = None
    room: Option | None = None
    # Seconds left on the timer (None: no timer, or revealed).
    seconds: int | None = None
    hint: str = ""
    # The closing screen's lines.
    lines: tuple[str, ...] = ()


@dataclass
class Tally:
    asked: int = 0
    recorded: int = 0
    right: int = 0
    missed: dict[str, str] = field(default_factory=dict)
    interrupted: bool = False

    def add(self, item: Item, room: Option | None) -> None:
        self.asked += 1
        if room is None:
            return
        self.recorded += 1
        if room.id == item.answer.id:
            self.right += 1
        else:
            self.missed.setdefault(item.answer.id, item.answer.label)


def items_of(questions: Sequence[Question]) -> list[Item]:
    items: list[Item] = []
    for question in questions:
        if question.kind is Kind.matching:
            items.extend(
                Item(question.kind, d.text, question.choices, question.option(d.id))
                for d in question.definitions
            )
        else:
            items.append(
                Item(
                    question.kind,
                    question.prompt,
                    question.choices,
                    question.option(question.answer),
                )
            )
    return items


def closing_lines(tally: Tally) -> tuple[str, ...]:
    noun = "question posée" if tally.asked == 1 else "questions posées"
    lines = [f"{tally.asked} {noun}."]
    if tally.interrupted:
        lines.insert(0, "Quiz interrompu.")
    if tally.recorded:
        right = "juste" if tally.right < 2 else "justes"
        recorded = "enregistrée" if tally.recorded < 2 else "enregistrées"
        lines.append(
            f"Réponses de la salle\u00a0: {tally.right} {right} sur {tally.recorded} {recorded}"
            f" ({round(100 * tally.right / tally.recorded)}\u00a0%)."
        )
    if tally.missed:
        lines.append("À revoir ensemble\u00a0: " + ", ".join(tally.missed.values()) + ".")
    return tuple(lines)


Show = Callable[[Screen], None]
Key = Callable[[float | None], str | None]


class Room:
    def __init__(
        self,
        questions: Sequence[Question],
        show: Show,
        key: Key,
        clock: Callable[[], float],
        seconds: int | None = None,
    ) -> None:
        self.items = items_of(questions)
        self.show = show
        self.key = key
        self.clock = clock
        self.seconds = seconds
        self.tally = Tally()

    def _screen(
        self,
        number: int,
        item: Item,
        room: Option | None,
        answer: Option | None = None,
        seconds: int | None = None,
    ) -> Screen:
        total = len(self.items)
        keys = f"{item.options[0].key} à {item.options[-1].key}"
        if answer is None:
            hint = (
                f"Entrée ou espace\u00a0: la réponse · {keys}\u00a0: réponse de la salle"
                " · q\u00a0: quitter"
            )
        elif number < total:
            hint = "Entrée ou espace\u00a0: question suivante · q\u00a0: quitter"
        else:
            hint = "Entrée ou espace\u00a0: fin du quiz"
        return Screen(
            f"Question {number}/{total} · {item.kind.label}",
            HEADINGS[item.kind],
            item.text,
            item.options,
            answer=answer,
            room=room,
            seconds=seconds,
            hint=hint,
        )

    def _ask(self, number: int, item: Item) -> Option | None:
        """The room's answer, if typed, once the trainer reveals or the time is up."""
        room: Option | None = None
        deadline = self.clock() + self.seconds if self.seconds else None
        while True:
            left = None if deadline is None else deadline - self.clock()
            if left is not None and left <= 0:
                return room
            shown = None if left is None else math.ceil(left)
            self.show(self._screen(number, item, room, seconds=shown))
            pressed = self.key(None if left is None else min(1.0, left))
            if pressed is None:
                continue
            if pressed in QUIT:
                raise KeyboardInterrupt
            if pressed in REVEAL:
                return room
            room = parse_answer(pressed, item.options) or room

    def play(self) -> Tally:
        """Every question, then the closing screen; q, Ctrl-C or the end of input stops
        early (the tally so far is shown)."""
        try:
            for number, item in enumerate(self.items, 1):
                room = self._ask(number, item)
                self.tally.add(item, room)
                self.show(self._screen(number, item, room, answer=item.answer))
                while (pressed := self.key(None)) not in REVEAL:
                    if pressed in QUIT:
                        raise KeyboardInterrupt
        except (KeyboardInterrupt, EOFError):
            self.tally.interrupted = True
        self.show(Screen("Fin du quiz", "Merci\u00a0!", "", lines=closing_lines(self.tally)))
        return self.tally
