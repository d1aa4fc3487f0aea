"""The kinds of question a worksheet or a quiz asks: what the command line offers (--kind,
--matching…) without importing what makes the questions."""

from __future__ import annotations

import enum

# Options of a multiple-choice question: the right one and three wrong ones.
CHOICE_OPTIONS = 4


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
