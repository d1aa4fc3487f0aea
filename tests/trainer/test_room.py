"""The room quiz's logic: screens in order, the reveal on a key, the timer, the tally."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from esslex.find.selection import select
from esslex.glossary.model import Glossary, GlossaryInfo, Term, Theme
from esslex.trainer.questions import Kind, answers_expected, generate
from esslex.trainer.room import Room, Screen

GLOSSARY = Glossary(
    GlossaryInfo("essai", "Essai"),
    (Theme("statuts", "Statuts"),),
    tuple(
        Term(term_id, label, f"Une {label.lower()} est {text}.", themes=("statuts",))
        for term_id, label, text in [
            ("association", "Association", "un contrat"),
            ("mutuelle", "Mutuelle", "un groupement de personnes"),
            ("fondation", "Fondation", "une affectation de biens"),
            ("cooperative", "Coopérative", "une société de personnes"),
            ("scic", "Société coopérative d’intérêt collectif", "une coopérative"),
        ]
    ),
)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def play(
    kinds: list[Kind], pressed: list[str | None], seconds: int | None = None, count: int = 3
) -> tuple[list[Screen], Room]:
    questions = [q for group in generate(select(GLOSSARY), kinds, count, 4).values() for q in group]
    screens: list[Screen] = []
    clock = Clock()
    keys: Iterator[str | None] = iter(pressed)

    def key(timeout: float | None) -> str | None:
        value = next(keys)  # StopIteration would mean the room asked one key too many
        if value is None:
            assert timeout is not None and timeout <= 1.0
            clock.now += timeout
        return value

    room = Room(questions, screens.append, key, clock, seconds)
    room.play()
    assert answers_expected(questions) == len(room.items)
    return screens, room


def test_each_question_is_revealed_on_a_key_and_the_count_is_kept() -> None:
    screens, room = play([Kind.choice], ["\r", " ", "x", "\n", "\r", "\n", " "])
    assert [(s.title, s.answer is not None) for s in screens] == [
        ("Question 1/3 · Choix multiple", False),
        ("Question 1/3 · Choix multiple", True),
        ("Question 2/3 · Choix multiple", False),
        # « x » is no key of the question: the same screen again.
        ("Question 2/3 · Choix multiple", False),
        ("Question 2/3 · Choix multiple", True),
        ("Question 3/3 · Choix multiple", False),
        ("Question 3/3 · Choix multiple", True),
        ("Fin du quiz", False),
    ]
    assert screens[-2].hint == "Entrée ou espace\u00a0: fin du quiz"
    assert screens[-1].lines == ("3 questions posées.",)
    assert room.tally.recorded == 0


def test_the_rooms_answers_are_tallied_without_a_personal_score() -> None:
    screens, room = play([Kind.choice], ["\r"] * 6)  # nothing typed: no tally line
    assert not any("salle" in line for line in screens[-1].lines)
    first = room.items[0]
    wrong = next(o for o in first.options if o.id != first.answer.id)
    right = [item.answer.key for item in room.items]
    typed = [wrong.key, "\r", "\r", right[1], "\r", "\r", "\r", "\r"]
    screens, room = play([Kind.choice], typed)
    assert screens[2].room == wrong and screens[2].answer == first.answer
    assert room.tally.recorded == 2 and room.tally.right == 1
    assert (
        "Réponses de la salle\u00a0: 1 juste sur 2 enregistrées (50\u00a0%)." in screens[-1].lines
    )
    assert f"À revoir ensemble\u00a0: {first.answer.label}." in screens[-1].lines


def test_the_timer_counts_down_and_reveals_when_it_runs_out() -> None:
    screens, _ = play([Kind.choice], [None, None, None, "\r", "q"], seconds=3, count=1)
    assert [s.seconds for s in screens[:3]] == [3, 2, 1]
    assert screens[3].answer is not None and screens[3].seconds is None
    assert screens[-1].title == "Fin du quiz"


def test_q_stops_with_the_tally_so_far() -> None:
    screens, room = play([Kind.choice], ["\r", "\r", "q"])
    assert room.tally.interrupted and room.tally.asked == 1
    assert screens[-1].lines[:2] == ("Quiz interrompu.", "1 question posée.")


@pytest.mark.parametrize("count", [3, 4])
def test_matching_asks_one_definition_at_a_time(count: int) -> None:
    screens, room = play([Kind.matching], ["\r"] * (2 * count), count=count)
    assert len(room.items) == count
    assert screens[0].title == f"Question 1/{count} · Associer termes et définitions"
    # The series' terms are the options; the text is one definition, not the whole series.
    assert len(screens[0].options) == count and "\n" not in screens[0].text
