"""The terminal quiz: asks generated questions one at a time, checks answers, keeps the score.

Reading and writing go through two injected functions, so a test plays it with a list of
answers and a list of lines; the command gives it the terminal.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from esslex.glossary.model import Glossary
from esslex.trainer.masking import BLANK, defining_sentence, mentions, names_of, typeset
from esslex.trainer.questions import LETTERS, Kind, Option, Question, answers_expected, entries_used

# (text, style): the style is a Rich style name, "" for plain text, "panel" for a framed
# block (the text a question is about).
Say = Callable[[str, str], None]
Ask = Callable[[str], str]


@dataclass
class Score:
    right: int = 0
    asked: int = 0
    # Entries answered wrong, in the order met, each once.
    missed: dict[str, str] = field(default_factory=dict)

    def add(self, correct: bool, entry_id: str, label: str) -> None:
        self.asked += 1
        if correct:
            self.right += 1
        else:
            self.missed.setdefault(entry_id, label)


def parse_answer(typed: str, options: Sequence[Option]) -> Option | None:
    """The option a typed key designates: its key, or its position as a letter or a number."""
    text = typed.strip().upper().rstrip(".)")
    for option in options:
        if text == option.key.upper():
            return option
    if text.isdigit() and 1 <= int(text) <= len(options):
        return options[int(text) - 1]
    if len(text) == 1 and text in LETTERS[: len(options)]:
        return options[LETTERS.index(text)]
    return None


def _keys_hint(options: Sequence[Option]) -> str:
    first, last = options[0].key, options[-1].key
    return f"{first} à {last}"


class Quiz:
    def __init__(self, questions: Sequence[Question], glossary: Glossary, say: Say, ask: Ask):
        self.questions = list(questions)
        self.glossary = glossary
        self.say = say
        self.ask = ask
        self.score = Score()
        self.total = answers_expected(self.questions)
        self.answers = entries_used(self.questions)
        self.number = 0

    def _definition(self, entry_id: str) -> str:
        return feedback_text(self.glossary, entry_id, self.answers)

    def _read(self, prompt: str, options: Sequence[Option]) -> Option:
        while True:
            chosen = parse_answer(self.ask(prompt), options)
            if chosen is not None:
                return chosen
            self.say(
                f"Répondez par {_keys_hint(options)} (lettre ou numéro de la réponse).", "yellow"
            )

    def _feedback(self, correct: bool, right: Option) -> None:
        if correct:
            self.say(f"Juste\u00a0! {right.label}", "bold green")
        else:
            self.say(f"Faux. La bonne réponse\u00a0: {right.key}. {right.label}", "bold red")
        self.say(self._definition(right.id), "dim")

    def _single(self, question: Question) -> None:
        if question.kind is Kind.choice:
            self.say("Quel terme correspond à cette définition\u00a0?", "bold")
        else:
            self.say("Quel terme complète ce texte\u00a0?", "bold")
        self.say(question.prompt, "panel")
        for option in question.choices:
            self.say(f"  {option.key}. {option.label}", "cyan")
        chosen = self._read(
            f"Votre réponse ({_keys_hint(question.choices)})\u00a0: ", question.choices
        )
        right = question.option(question.answer)
        correct = chosen.id == right.id
        self.score.add(correct, right.id, right.label)
        self._feedback(correct, right)

    def _heading(self, kind: Kind) -> None:
        self.number += 1
        self.say("", "")
        self.say(f"Question {self.number}/{self.total} · {kind.label}", "bold magenta")

    def _matching(self, question: Question) -> None:
        self.say(question.prompt, "bold")
        for item in question.definitions:
            self.say(f"{item.key}. {item.text}", "panel")
        letters = [Option(item.key, item.id, item.text) for item in question.definitions]
        answers = dict(question.pairs)
        for option in question.choices:
            self._heading(question.kind)
            chosen = self._read(
                f"{option.key}. {option.label} → définition ({_keys_hint(letters)})\u00a0: ",
                letters,
            )
            correct = chosen.key == answers[option.key]
            self.score.add(correct, option.id, option.label)
            if correct:
                self.say("Juste\u00a0!", "bold green")
            else:
                self.say(f"Faux. La bonne réponse\u00a0: {answers[option.key]}.", "bold red")

    def play(self) -> Score:
        """Asks every question; Ctrl-C or the end of input stops early, score kept. Each
        term of a matching series is one question, as `answers_expected` counts them."""
        for question in self.questions:
            if question.kind is Kind.matching:
                self._matching(question)
            else:
                self._heading(question.kind)
                self._single(question)
        return self.score


def feedback_text(glossary: Glossary, entry_id: str, answers: Sequence[str]) -> str:
    """What the answer's feedback recalls: its defining sentence, in which the answers of
    the other questions of the set are masked (feedback never gives the next one away)."""
    term = glossary.get(entry_id)
    if term is None:
        return ""
    others = [
        name
        for other_id in answers
        if other_id != entry_id and (other := glossary.get(other_id)) is not None
        for name in names_of(other)
    ]
    sentence = defining_sentence(term)
    own = mentions(sentence, names_of(term))
    # « Société coopérative et participative » keeps its « coopérative » whatever is asked.
    for start, end in reversed(mentions(sentence, others)):
        if not any(start < own_end and own_start < end for own_start, own_end in own):
            sentence = sentence[:start] + BLANK + sentence[end:]
    return typeset(sentence)


def review_command(label: str, glossary_options: Sequence[str] = ()) -> str:
    """The command that shows an entry again, ready to paste in a shell."""
    return shlex.join(["esslex", *glossary_options, "define", label])


def summary(
    score: Score, interrupted: bool = False, glossary_options: Sequence[str] = ()
) -> list[tuple[str, str]]:
    """The closing lines: score, then the entries to review with the command for each."""
    lines: list[tuple[str, str]] = []
    if interrupted:
        lines.append(("Quiz interrompu.", "yellow"))
    if score.asked:
        percent = round(100 * score.right / score.asked)
        lines.append((f"Score\u00a0: {score.right}/{score.asked} ({percent}\u00a0%)", "bold"))
    else:
        lines.append(("Aucune réponse donnée.", "bold"))
    if score.missed:
        lines.append(("À revoir\u00a0:", "bold"))
        for label in score.missed.values():
            lines.append((f"  {label} — {review_command(label, glossary_options)}", ""))
    return lines
