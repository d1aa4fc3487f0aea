"""The neighbourhood of an entry: broader, narrower and related entries, to a depth."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from esslex.find.index import GlossaryIndex
from esslex.glossary.model import Term


@dataclass
class Neighbourhood:
    term: Term
    relation: str = ""  # "broader", "narrower" or "related": how it relates to its parent
    children: list[Neighbourhood] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.term.id,
            "label": self.term.label,
            "relation": self.relation or None,
            "children": [child.as_dict() for child in self.children],
        }


RELATIONS = ("broader", "narrower", "related")
RELATION_NAMES = {
    "broader": "terme générique",
    "narrower": "terme spécifique",
    "related": "voir aussi",
}


def neighbourhood(glossary: GlossaryIndex, term: Term, depth: int = 1) -> Neighbourhood:
    """A tree rooted at `term`, each entry shown once, breadth first."""
    root = Neighbourhood(term)
    seen = {term.id}
    level = [root]
    for _ in range(max(0, depth)):
        next_level: list[Neighbourhood] = []
        for node in level:
            for key in RELATIONS:
                for other_id in getattr(node.term, key):
                    other = glossary.get(other_id)
                    if other is None or other.id in seen:
                        continue
                    seen.add(other.id)
                    child = Neighbourhood(other, key)
                    node.children.append(child)
                    next_level.append(child)
        level = next_level
    return root
