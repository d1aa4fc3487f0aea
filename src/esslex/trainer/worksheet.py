"""What a worksheet shows, built once for its Markdown, HTML, PDF and DOCX renderers.

Parts (one per kind of exercise, in the order asked), each made of the generated questions,
then the answer key, which every renderer puts on its own page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from esslex.trainer.questions import Kind, Question

if TYPE_CHECKING:
    from esslex.documents.branding import Branding
    from esslex.documents.handout import Handout
    from esslex.find.selection import Selection

# A/B versions of one worksheet (`exercises --versions`): the same questions, another order.
VERSION_LETTERS = "ABCD"
MAX_VERSIONS = len(VERSION_LETTERS)

INSTRUCTIONS = {
    Kind.matching: "Reliez chaque terme à sa définition\u00a0: écrivez la lettre de la"
    " définition à côté du numéro du terme.",
    Kind.cloze: "Complétez chaque définition avec un terme de la liste.",
    Kind.choice: "Cochez le terme qui correspond à chaque définition.",
}


@dataclass(frozen=True)
class Part:
    number: int
    kind: Kind
    questions: tuple[Question, ...]

    @property
    def title(self) -> str:
        return f"Exercice {self.number}\u00a0— {self.kind.label}"

    @property
    def instructions(self) -> str:
        return INSTRUCTIONS[self.kind]

    @property
    def bank_starts(self) -> set[int]:
        """Cloze: the numbers of the questions that open a new word bank."""
        return {
            number
            for number, question in enumerate(self.questions, 1)
            if number == 1 or question.choices != self.questions[number - 2].choices
        }


@dataclass(frozen=True)
class KeyLine:
    """One answer of the key: « 3. B — Coopération », « 1 → C »."""

    number: str
    answer: str
    label: str


@dataclass(frozen=True)
class KeySection:
    title: str
    lines: tuple[KeyLine, ...]


@dataclass(frozen=True)
class Worksheet:
    # The handout's cover (branding, title, credits): one header for every printed thing.
    cover: Handout
    seed: int
    parts: tuple[Part, ...]
    key: tuple[KeySection, ...]
    show_questions: bool = True
    show_key: bool = True
    # "A", "B"… for one of several versions, "" for a worksheet alone.
    version: str = ""

    @property
    def title(self) -> str:
        return self.cover.title

    @property
    def seed_line(self) -> str:
        if self.version:
            return (
                f"Version {self.version}, graine du tirage\u00a0: {self.seed} (--seed"
                f" {self.seed} --versions redonne ces questions)"
            )
        return f"Graine du tirage\u00a0: {self.seed} (--seed {self.seed} redonne ces questions)"


def _key(part: Part) -> KeySection:
    lines: list[KeyLine] = []
    if part.kind is Kind.matching:
        for group, question in enumerate(part.questions, 1):
            labels = {option.key: option.label for option in question.choices}
            for term, letter in question.pairs:
                name = f"série {group}, {term}" if len(part.questions) > 1 else term
                lines.append(KeyLine(name, letter, labels[term]))
    else:
        for position, question in enumerate(part.questions, 1):
            right = question.option(question.answer)
            answer = right.key if part.kind is Kind.choice else right.label
            lines.append(KeyLine(str(position), answer, right.label))
    return KeySection(part.title, tuple(lines))


def build(
    cover: Handout,
    questions: dict[Kind, list[Question]],
    kinds: Sequence[Kind],
    *,
    seed: int,
    version: str = "",
    show_questions: bool = True,
    show_key: bool = True,
) -> Worksheet:
    parts = tuple(
        Part(number, kind, tuple(questions[kind]))
        for number, kind in enumerate(dict.fromkeys(kinds), 1)
    )
    return Worksheet(
        cover=cover,
        seed=seed,
        parts=parts,
        key=tuple(_key(part) for part in parts),
        show_questions=show_questions,
        show_key=show_key,
        version=version,
    )


def version_path(path: Path, number: int, versions: int) -> Path:
    """The file of version `number` (0 for A): « fiche.pdf » → « fiche-A.pdf »."""
    if versions == 1:
        return path
    return path.with_name(f"{path.stem}-{VERSION_LETTERS[number]}{path.suffix}")


def for_selection(
    selection: Selection,
    branding: Branding,
    questions: dict[Kind, list[Question]],
    kinds: Sequence[Kind],
    *,
    seed: int,
    version: str = "",
    show_questions: bool = True,
    show_key: bool = True,
) -> Worksheet:
    """The worksheet of `questions` under the handout's cover: its title (« Exercices »
    unless the branding gives one, then the version letter, « — corrigé » for the key
    alone), branding, and the count and credits of the entries the questions use."""
    from esslex.documents.handout import build as build_cover
    from esslex.documents.options import ExportOptions
    from esslex.find.selection import select_ids
    from esslex.trainer.questions import entries_used

    heading = " ".join((branding.title or "").split()) or "Exercices"
    heading += f" {version}" if version else ""
    suffix = "\u00a0— corrigé" if show_key and not show_questions else ""
    branding = dataclasses.replace(branding, title=heading + suffix)
    options = ExportOptions(branding=branding, notes=False, sources=False, index=False, toc=False)
    # The cover counts and credits the entries asked about, not the whole selection.
    asked = entries_used(question for group in questions.values() for question in group)
    used = dataclasses.replace(select_ids(selection.source, asked), themes=selection.themes)
    return build(
        build_cover(used, options),
        questions,
        kinds,
        seed=seed,
        version=version,
        show_questions=show_questions,
        show_key=show_key,
    )
