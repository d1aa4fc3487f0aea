"""Questions made from glossary entries (matching, cloze, choice), for worksheets, quizzes and Moodle.

Built as data, never printed: the quiz, the worksheet and the GIFT export render them.
Every question is correct by construction: the definition shown is the right answer's,
with its own names masked; the wrong options are other entries, drawn first from the
right one's siblings, and no two options read the same.
"""

from __future__ import annotations

import enum
import random
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from esslex.documents.printable import printable_selection
from esslex.errors import UsageError
from esslex.find.selection import Selection
from esslex.glossary.model import Glossary, Term
from esslex.text.normalize import fold_key, sort_key

BLANK = "______"
# Options of a multiple-choice question: the right one and three wrong ones.
CHOICE_OPTIONS = 4
# Pairs of one matching exercise, and entries of one cloze word bank: a learner keeps
# six in mind; a longer list becomes a search, not an exercise.
GROUP_SIZE = 6
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class Kind(str, enum.Enum):
    matching = "matching"
    cloze = "cloze"
    choice = "choice"

    @property
    def label(self) -> str:
        return {
            Kind.matching: "Associer termes et définitions",
            Kind.cloze: "Texte à trous",
            Kind.choice: "Choix multiple",
        }[self]

    @property
    def minimum(self) -> int:
        """Entries in reach a question of this kind needs."""
        return CHOICE_OPTIONS if self is Kind.choice else 2


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


# -- masking --------------------------------------------------------------------------


def names_of(term: Term) -> list[str]:
    """Every name an entry goes by: label, alternative and hidden labels."""
    return [term.label, *term.alt_labels, *term.hidden_labels]


def _name_keys(names: Iterable[str]) -> list[list[str]]:
    keys = {tuple(fold_key(name).split()) for name in names}
    # The longest first, so "économie sociale et solidaire" is masked whole, not "économie".
    return sorted((list(key) for key in keys if key), key=lambda key: (-len(key), key))


def _tokens(text: str) -> list[tuple[int, int]]:
    """Spans of the words of `text` as `fold` sees them: runs of letters, digits and the
    marks `fold` drops; punctuation, spaces and symbols separate them."""
    spans: list[tuple[int, int]] = []
    start = -1
    for position, char in enumerate(text):
        inside = _in_word(char)
        if inside and start < 0:
            start = position
        elif not inside and start >= 0:
            spans.append((start, position))
            start = -1
    if start >= 0:
        spans.append((start, len(text)))
    return spans


# Categories `fold` removes without separating words (accents, format characters).
_DROPPED = ("Mn", "Me", "Mc", "Cf", "Cs", "Co", "Cn")


def _in_word(char: str) -> bool:
    category = unicodedata.category(char)
    if category[0] in ("L", "N") or category in _DROPPED:
        return True
    # A symbol that `fold` spells out in letters (℀ → « a c », ㎏ → « kg ») is words too.
    return any(
        unicodedata.category(part)[0] in ("L", "N") for part in unicodedata.normalize("NFKD", char)
    )


def mask(text: str, names: Iterable[str]) -> str:
    """`text` with every mention of `names` blanked, in any form the folding matches
    (case, accents, ligatures, final plural s)."""
    keys = _name_keys(names)
    if not keys:
        return text
    # One folded word per item, with the span of the written word it comes from.
    words: list[tuple[str, tuple[int, int]]] = [
        (word, span) for span in _tokens(text) for word in fold_key(text[span[0] : span[1]]).split()
    ]
    folded = [word for word, _ in words]
    spans: list[tuple[int, int]] = []
    position = 0
    while position < len(words):
        for key in keys:
            end = position + len(key)
            if folded[position:end] == key:
                start, stop = words[position][1][0], words[end - 1][1][1]
                if spans and start < spans[-1][1]:
                    start = spans.pop()[0]  # two names in one written word: one blank
                spans.append((start, stop))
                position = end
                break
        else:
            position += 1
    for start, end in reversed(spans):
        text = text[:start] + BLANK + text[end:]
    return text


def shown_definition(term: Term) -> str:
    """The definition as a question shows it: one paragraph per line, its names masked."""
    paragraphs = [" ".join(chunk.split()) for chunk in re.split(r"\n\s*\n", term.definition)]
    return mask("\n".join(part for part in paragraphs if part), names_of(term))


# -- wrong options ---------------------------------------------------------------------


def siblings(term: Term, glossary: Glossary) -> list[Term]:
    """Entries a learner could mistake for `term`: related, same broader, same theme."""
    near: dict[str, Term] = {}
    for neighbour in glossary.neighbours(term):
        near.setdefault(neighbour.id, neighbour)
    for broader_id in term.broader:
        broader = glossary.get(broader_id)
        if broader is not None:
            for narrower in (glossary.get(i) for i in broader.narrower):
                if narrower is not None:
                    near.setdefault(narrower.id, narrower)
        for other in glossary:
            if broader_id in other.broader:
                near.setdefault(other.id, other)
    for theme_id in term.themes:
        for other in glossary.terms_of_theme(theme_id):
            near.setdefault(other.id, other)
    near.pop(term.id, None)
    return list(near.values())


def _distinct(right: Term, candidates: Iterable[Term]) -> list[Term]:
    """Candidates that cannot pass for the right answer nor for each other."""
    right_keys = {fold_key(name) for name in names_of(right)}
    seen = {fold_key(right.label)}
    kept: list[Term] = []
    for candidate in candidates:
        key = fold_key(candidate.label)
        if not key or key in seen or key in right_keys:
            continue  # reads like an option already there, or is a name of the right one
        if fold_key(right.label) in {fold_key(name) for name in names_of(candidate)}:
            continue  # the right answer is another name of this entry
        seen.add(key)
        kept.append(candidate)
    return kept


def wrong_options(
    right: Term, glossary: Glossary, pool: Sequence[Term], rng: random.Random, count: int
) -> list[Term]:
    """`count` wrong options: siblings first (in random order), then other selected entries."""
    near = sorted(siblings(right, glossary), key=lambda term: term.id)
    rng.shuffle(near)
    near_ids = {term.id for term in near}
    farther = sorted(
        (term for term in pool if term.id != right.id and term.id not in near_ids),
        key=lambda term: term.id,
    )
    rng.shuffle(farther)
    return _distinct(right, [*near, *farther])[:count]


# -- questions -------------------------------------------------------------------------


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
        options = tuple(Option(str(n), term.id, term.label) for n, term in enumerate(order, 1))
        asked = list(chunk)
        rng.shuffle(asked)
        groups.append((options, asked))
    return groups


def matching(terms: Sequence[Term], rng: random.Random) -> list[Question]:
    questions: list[Question] = []
    for choices, asked in _groups(terms, Kind.matching, rng):
        definitions = tuple(
            Definition(LETTERS[n], term.id, shown_definition(term)) for n, term in enumerate(asked)
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


def cloze_text(term: Term) -> str:
    """The definition with its names blanked; the blank leads when it never names them."""
    text = shown_definition(term)
    return text if BLANK in text else f"{BLANK}\u00a0: {text}"


def cloze(terms: Sequence[Term], rng: random.Random) -> list[Question]:
    return [
        Question(Kind.cloze, cloze_text(term), bank, term.id)
        for bank, asked in _groups(terms, Kind.cloze, rng)
        for term in asked
    ]


def choice(
    terms: Sequence[Term], glossary: Glossary, pool: Sequence[Term], rng: random.Random
) -> list[Question]:
    """One question per entry; wrong options from `glossary`, else from `pool`."""
    questions: list[Question] = []
    for term in terms:
        wrong = wrong_options(term, glossary, pool, rng, CHOICE_OPTIONS - 1)
        if len(wrong) < CHOICE_OPTIONS - 1:
            raise SelectionTooSmall(Kind.choice, len(wrong) + 1)
        options = [term, *wrong]
        rng.shuffle(options)
        choices = tuple(Option(LETTERS[n], o.id, o.label) for n, o in enumerate(options))
        questions.append(Question(Kind.choice, shown_definition(term), choices, term.id))
    return questions


def pick(selection: Selection, count: int | None, rng: random.Random) -> list[Term]:
    """The entries to ask about: all of the selection, or `count` of them drawn at random."""
    terms = list(selection.glossary.terms)
    if count is not None and count < len(terms):
        terms = rng.sample(terms, count)
    rng.shuffle(terms)
    return terms


def random_seed() -> int:
    """A seed for a run without --seed (shown, so the same questions can be asked again)."""
    return random.SystemRandom().randrange(1, 1_000_000)


def generate(
    selection: Selection,
    kinds: Sequence[Kind],
    count: int | None = None,
    seed: int = 0,
) -> dict[Kind, list[Question]]:
    """The questions of each kind asked for, from the same entries, the same for one seed."""
    if count is not None and count < 1:
        raise UsageError("--count doit être un entier positif.")
    # Untrusted text: no control character or terminal escape reaches a question.
    selection = printable_selection(selection)
    result: dict[Kind, list[Question]] = {}
    for kind in dict.fromkeys(kinds):
        # Each kind its own draw from the seed: adding a kind does not change the others.
        rng = random.Random(f"{seed}:{kind.value}")
        terms = pick(selection, count, rng)
        if kind is Kind.matching:
            result[kind] = matching(terms, rng)
        elif kind is Kind.cloze:
            result[kind] = cloze(terms, rng)
        else:
            result[kind] = choice(terms, selection.source, selection.glossary.terms, rng)
    return result
