"""Questions made from glossary entries (matching, cloze, choice), for worksheets, quizzes and Moodle.

Built as data, never printed: the quiz, the worksheet and the GIFT export render them.
Every question is correct by construction: the definition shown is the right answer's
(its defining sentence, its names blanked: masking.py); the wrong options are other
entries of the same kind and theme (distractors.py), and no two options read the same.
Each kind asks about its own entries of the selection (`quotas`, `_draw`).
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from esslex.documents.printable import printable_selection
from esslex.errors import UsageError
from esslex.find.selection import Selection
from esslex.glossary.model import Glossary, Term
from esslex.text.normalize import fold_key, sort_key
from esslex.trainer.distractors import Kinds, choose, ranked_candidates
from esslex.trainer.kinds import CHOICE_OPTIONS
from esslex.trainer.kinds import Kind as Kind  # where the trainer's modules have found it
from esslex.trainer.masking import BLANK, names_of, question_text, typeset

# Pairs of one matching exercise, and entries of one cloze word bank: a learner keeps
# six in mind; a longer list becomes a search, not an exercise.
GROUP_SIZE = 6
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class SelectionTooSmall(UsageError):
    def __init__(self, kind: Kind, found: int) -> None:
        noun = "entrée" if found == 1 else "entrées"
        super().__init__(
            f"sélection trop petite pour l’exercice «\u00a0{kind.label}\u00a0» ({kind.value})\u00a0:"
            f" il faut au moins {kind.minimum} entrées à portée, il y en a {found} ({noun})."
            " Élargissez la sélection (--theme, --term, --with-related) ou changez de --kind."
        )


@dataclass(frozen=True)
class Option:
    """A term to choose or place: `key` is what the learner writes (A, B… or 1, 2…)."""

    key: str
    id: str
    label: str


@dataclass(frozen=True)
class Definition:
    """A definition of a matching exercise, its entry's names masked."""

    key: str
    id: str
    text: str


@dataclass(frozen=True)
class Question:
    kind: Kind
    prompt: str
    choices: tuple[Option, ...]
    # The entry whose definition is shown (choice, cloze).
    answer: str = ""
    # Matching: the definitions, and (term key, definition key) for each term.
    definitions: tuple[Definition, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()

    def option(self, entry_id: str) -> Option:
        return next(option for option in self.choices if option.id == entry_id)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind.value,
            "prompt": self.prompt,
            "choices": [
                {"key": option.key, "id": option.id, "label": option.label}
                for option in self.choices
            ],
        }
        if self.kind is Kind.matching:
            data["definitions"] = [
                {"key": item.key, "id": item.id, "text": item.text} for item in self.definitions
            ]
            data["pairs"] = [{"term": term, "definition": text} for term, text in self.pairs]
        else:
            data["answer"] = self.answer
        return data


def _readable(terms: Sequence[Term]) -> list[Term]:
    """Entries that cannot be confused: no label reads like another entry's name (two
    alike could not be told apart, and a word bank would hold two right answers)."""
    labels: set[str] = set()
    names: set[str] = set()
    kept = []
    for term in terms:
        label = fold_key(term.label)
        own = {fold_key(name) for name in names_of(term)}
        if label and label not in names and not own & labels:
            labels.add(label)
            names |= own
            kept.append(term)
    return kept


def _option(key: str, term: Term) -> Option:
    return Option(key, term.id, typeset(term.label))


def _groups(
    terms: Sequence[Term], kind: Kind, rng: random.Random
) -> list[tuple[tuple[Option, ...], list[Term]]]:
    """Groups of entries that cannot be confused: each one's terms numbered in
    alphabetical order, and its entries in the order the questions ask them."""
    readable = _readable(terms)
    chunks = [readable[start : start + GROUP_SIZE] for start in range(0, len(readable), GROUP_SIZE)]
    if len(chunks) > 1 and len(chunks[-1]) < kind.minimum:
        chunks[-2].extend(chunks.pop())  # a group of one gives its answer away
    groups = []
    for chunk in chunks or [[]]:
        if len(chunk) < kind.minimum:
            raise SelectionTooSmall(kind, len(chunk))
        order = sorted(chunk, key=lambda term: sort_key(term.label))
        options = tuple(_option(str(n), term) for n, term in enumerate(order, 1))
        asked = list(chunk)
        rng.shuffle(asked)
        groups.append((options, asked))
    return groups


def matching(terms: Sequence[Term], rng: random.Random, full: bool = False) -> list[Question]:
    questions: list[Question] = []
    for choices, asked in _groups(terms, Kind.matching, rng):
        definitions = tuple(
            Definition(LETTERS[n], term.id, question_text(term, full))
            for n, term in enumerate(asked)
        )
        letter = {item.id: item.key for item in definitions}
        pairs = tuple((option.key, letter[option.id]) for option in choices)
        questions.append(
            Question(
                Kind.matching,
                "Associez chaque terme à sa définition.",
                choices,
                definitions=definitions,
                pairs=pairs,
            )
        )
    return questions


def cloze_text(term: Term, full: bool = False) -> str:
    """The definition with its names blanked; the blank leads when it never names them."""
    text = question_text(term, full)
    return text if BLANK in text else f"{BLANK}\u00a0: {text}"


def cloze(terms: Sequence[Term], rng: random.Random, full: bool = False) -> list[Question]:
    return [
        Question(Kind.cloze, cloze_text(term, full), bank, term.id)
        for bank, asked in _groups(terms, Kind.cloze, rng)
        for term in asked
    ]


def choice(
    terms: Sequence[Term], glossary: Glossary, rng: random.Random, full: bool = False
) -> list[Question]:
    """One question per entry, its wrong options drawn from `glossary` (distractors.py)."""
    kinds = Kinds(glossary)
    questions: list[Question] = []
    for term in terms:
        prompt = question_text(term, full)
        ranked = ranked_candidates(term, glossary, kinds, rng)
        wrong = choose(term, prompt, ranked, CHOICE_OPTIONS - 1, kinds)
        if len(wrong) < CHOICE_OPTIONS - 1:
            raise SelectionTooSmall(Kind.choice, len(wrong) + 1)
        options = [term, *wrong]
        rng.shuffle(options)
        choices = tuple(_option(LETTERS[n], o) for n, o in enumerate(options))
        questions.append(Question(Kind.choice, prompt, choices, term.id))
    return questions


def random_seed() -> int:
    """A seed for a run without --seed (shown, so the same questions can be asked again)."""
    return random.SystemRandom().randrange(1, 1_000_000)


def quotas(
    kinds: Sequence[Kind], available: int, count: int | None, per_kind: Mapping[Kind, int]
) -> dict[Kind, int]:
    """Entries each kind asks about: its own count (--choice 8), else an even share of
    `count` (-n) left over, else of every entry of the selection; kinds in the order
    given, the first ones taking the remainder."""
    asked = list(dict.fromkeys(kinds))
    fixed = {kind: per_kind[kind] for kind in asked if kind in per_kind}
    shared = [kind for kind in asked if kind not in fixed]
    total = count if count is not None else max(available, len(shared))
    left = max(0, total - sum(fixed.values())) if count is not None else total
    result = dict(fixed)
    for position, kind in enumerate(shared):
        result[kind] = left // len(shared) + (1 if position < left % len(shared) else 0)
    for kind in asked:
        # A matching series or a word bank of one entry gives its answer away.
        least = 1 if kind is Kind.choice else 2
        if result[kind] >= least:
            continue
        if count is None and kind not in fixed:
            # Every entry once, a selection too small to share: this kind asks again
            # entries another kind asked (`_draw` wraps round the selection).
            if available < least:
                raise SelectionTooSmall(kind, available)
            result[kind] = least
            continue
        raise UsageError(
            f"l’exercice «\u00a0{kind.label}\u00a0» demande au moins {least} entrées, il"
            f" en reçoit {result[kind]}\u00a0: augmentez --count ou donnez --{kind.value}"
            f" {least}."
        )
    return {kind: result[kind] for kind in asked}


def _draw(terms: Sequence[Term], quota: dict[Kind, int], seed: int) -> dict[Kind, list[Term]]:
    """The entries of each kind: one shuffled order of the selection, cut in consecutive
    slices, so no entry is asked twice while there are enough (then the order wraps)."""
    rng = random.Random(f"{seed}:entries")
    order = list(terms)
    rng.shuffle(order)
    drawn: dict[Kind, list[Term]] = {}
    start = 0
    for kind, wanted in quota.items():
        size = min(wanted, len(order))
        drawn[kind] = [order[(start + step) % len(order)] for step in range(size)]
        start += size
    return drawn


def _variant(questions: list[Question], rng: random.Random) -> list[Question]:
    """Another version of the same questions: their order and their options' order changed
    (terms of matching and word banks stay in alphabetical order)."""
    shuffled: list[Question] = []
    for question in questions:
        if question.kind is Kind.choice:
            order = list(question.choices)
            rng.shuffle(order)
            choices = tuple(dataclasses.replace(o, key=LETTERS[n]) for n, o in enumerate(order))
            question = dataclasses.replace(question, choices=choices)
        elif question.kind is Kind.matching:
            items = list(question.definitions)
            rng.shuffle(items)
            definitions = tuple(
                dataclasses.replace(item, key=LETTERS[n]) for n, item in enumerate(items)
            )
            letter = {item.id: item.key for item in definitions}
            pairs = tuple((option.key, letter[option.id]) for option in question.choices)
            question = dataclasses.replace(question, definitions=definitions, pairs=pairs)
        shuffled.append(question)
    if questions and questions[0].kind is not Kind.cloze:
        rng.shuffle(shuffled)
    else:  # a cloze question stays beside its word bank
        banks: dict[tuple[Option, ...], list[Question]] = {}
        for question in shuffled:
            banks.setdefault(question.choices, []).append(question)
        for bank in banks.values():
            rng.shuffle(bank)
        shuffled = [question for bank in banks.values() for question in bank]
    return shuffled


def generate(
    selection: Selection,
    kinds: Sequence[Kind],
    count: int | None = None,
    seed: int = 0,
    *,
    per_kind: Mapping[Kind, int] | None = None,
    full: bool = False,
    version: int = 0,
) -> dict[Kind, list[Question]]:
    """The questions of each kind asked for, each kind on its own entries of the selection
    (`quotas`), on their defining sentence unless `full`; the same for one seed. Version
    1, 2… asks the same questions in another order, their options in another order."""
    if count is not None and count < 1:
        raise UsageError("--count doit être un entier positif.")
    # Untrusted text: no control character or terminal escape reaches a question.
    selection = printable_selection(selection)
    terms = selection.glossary.terms
    quota = quotas(kinds, len(terms), count, per_kind or {})
    drawn = _draw(terms, quota, seed)
    result: dict[Kind, list[Question]] = {}
    for kind, chosen in drawn.items():
        rng = random.Random(f"{seed}:{kind.value}")
        if kind is Kind.matching:
            questions = matching(chosen, rng, full)
        elif kind is Kind.cloze:
            questions = cloze(chosen, rng, full)
        else:
            questions = choice(chosen, selection.source, rng, full)
        if version:
            questions = _variant(questions, random.Random(f"{seed}:{kind.value}:{version}"))
        result[kind] = questions
    return result


def entries_used(questions: Iterable[Question]) -> list[str]:
    """The ids of the entries the questions ask about, each once, in the order met."""
    ids: dict[str, None] = {}
    for question in questions:
        if question.kind is Kind.matching:
            ids.update(dict.fromkeys(item.id for item in question.definitions))
        else:
            ids[question.answer] = None
    return list(ids)


def answers_expected(questions: Iterable[Question]) -> int:
    """How many answers the questions ask for: one per term of a matching series."""
    return sum(len(q.choices) if q.kind is Kind.matching else 1 for q in questions)
