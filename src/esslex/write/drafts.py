"""Drafts of imported entries, as read, and the problems found with the place of each."""

from __future__ import annotations

from dataclasses import dataclass, field

from esslex.glossary.model import Equivalent, Rights, Source


@dataclass(frozen=True)
class RowProblem:
    place: str
    reason: str

    def __str__(self) -> str:
        return f"{self.place}\u00a0: {self.reason}"

    def as_dict(self) -> dict[str, str]:
        return {"place": self.place, "reason": self.reason}


@dataclass
class Draft:
    """One row or JSON entry, as read, before ids and links are settled."""

    place: str
    label: str
    definition: str
    id: str | None = None
    alt_labels: list[str] = field(default_factory=list)
    hidden_labels: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    origin: str = ""
    editorial_notes: list[str] = field(default_factory=list)
    annotate: str = ""
    jurisdictions: list[str] = field(default_factory=list)
    equivalents: list[Equivalent] = field(default_factory=list)
    # The rights an export gave the entry (its origin's default in the exported glossary).
    rights: Rights = field(default_factory=Rights)
