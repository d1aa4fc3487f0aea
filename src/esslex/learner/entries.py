"""How the learner names an entry: its glossary's id and its own id, the same on every
machine (a file's path is not)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from esslex.find.index import GlossaryIndex
    from esslex.glossary.model import Glossary, Term


def entry_key(term: Term, glossary: Glossary | GlossaryIndex) -> tuple[str, str]:
    """(glossary id, entry id): the id of the file the entry was read from (`[glossary]
    id`), else the first glossary's."""
    for part in glossary.parts:
        if part.path == term.glossary:
            return part.id, term.id
    return glossary.info.id, term.id
