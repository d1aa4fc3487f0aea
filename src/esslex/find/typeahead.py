"""What a query typed so far finds, as a list filtered while one types: the entry `define`
would show, the names it hesitates between, then the entries whose text has the words."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from esslex.errors import AmbiguousTerm, TermNotFound
from esslex.find.index import GlossaryIndex
from esslex.find.search import search
from esslex.glossary.model import Term

# A screenful and more: the list is read, not exported.
LIMIT = 60


class Match(NamedTuple):
    term: Term
    how: str  # how the query found it, in a few French words
    kind: str  # "lookup" (what `define` shows), "candidate", "suggestion", "text"


def matches(
    index: GlossaryIndex,
    query: str,
    keep: Callable[[Term], bool] = lambda term: True,
    limit: int = LIMIT,
) -> list[Match]:
    """The entries `query` finds, best first, each once, those `keep` accepts: the lookup
    ladder's answer (accents, articles, typos, other names), or its candidates, or its
    suggestions; then the full-text search's hits."""
    from esslex.find import resolve

    found: dict[str, Match] = {}

    def add(term: Term, how: str, kind: str) -> None:
        if term.id not in found and keep(term):
            found[term.id] = Match(term, how, kind)

    try:
        result = resolve.entry(index, query)
        add(result.term, result.how, "lookup")
    except AmbiguousTerm as error:
        for term_id in error.candidate_ids:
            add(index[term_id], "nom proche de la recherche", "candidate")
    except TermNotFound as error:
        for label in error.suggestions:
            for term_id in index.names().labels_exactly(label):
                add(index[term_id], "nom proche de la recherche", "suggestion")
    for hit in search(index, query):
        if len(found) >= limit:
            break
        # No word highlighted in the passage: the words are in the entry's names.
        how = f"dans le texte\u00a0: {hit.snippet}" if hit.spans else "dans ses noms"
        add(hit.term, how, "text")
    return list(found.values())[:limit]
