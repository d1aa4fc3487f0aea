"""Full-text search over labels, definitions and notes, accent- and case-insensitive."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from esslex.find.index import GlossaryIndex, index_of
from esslex.glossary.model import Glossary, Term
from esslex.text.normalize import fold, split_article, strip_controls

SNIPPET_WIDTH = 160
# Weights of a query word found in each field.
WEIGHTS = {"label": 10.0, "alt": 6.0, "definition": 1.0, "notes": 0.5}
# An entry named by the query itself (label or alternative label) comes first.
NAME_BONUS = 30.0
# Longer queries get no « esslex search … » hint.
HINT_QUERY_LIMIT = 60
# Words a shell takes as they are (accented letters included): no quotes in the hint.
_SHELL_SAFE = re.compile(r"[\w.,:/+@%=-]+")


@dataclass(frozen=True)
class SearchHit:
    term: Term
    score: float
    snippet: str
    spans: tuple[tuple[int, int], ...] = ()  # highlighted words, offsets in `snippet`


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Folded text char by char, with the offset in `text` of each folded character.

    Unlike `fold`, spaces are not collapsed, so positions map back to the original.
    """
    folded: list[str] = []
    offsets: list[int] = []
    for position, char in enumerate(text):
        piece = fold(char) if not char.isspace() else " "
        if not piece and unicodedata.category(char)[0] in "PZSC":
            piece = " "
        for folded_char in piece:
            folded.append(folded_char)
            offsets.append(position)
    return "".join(folded), offsets


def _word_positions(haystack: str, word: str) -> list[int]:
    """Where `word` starts a word of `haystack` (a prefix: « coop » finds « coopération »)."""
    positions, start = [], haystack.find(word)
    while start != -1:
        if start == 0 or not haystack[start - 1].isalnum():
            positions.append(start)
        start = haystack.find(word, start + 1)
    return positions


def search(
    glossary: Glossary | GlossaryIndex, query: str, limit: int | None = None
) -> list[SearchHit]:
    """Entries containing every word of the query (prefixes allowed), best first; a leading
    article is set aside, as `define` does (« l’économie solidaire »)."""
    words = [word for word in fold(split_article(query)[1]).split() if word]
    if not words:
        return []
    index = index_of(glossary)
    phrase = " ".join(words)
    scored: list[tuple[float, str, int, float]] = []
    for candidate in index.search_text().search_candidates(words):
        score = match_score(candidate.fields, words)
        if score is not None:
            if phrase in candidate.names:
                score += NAME_BONUS
            scored.append((round(score, 2), candidate.fields["label"], candidate.position, score))
    # Best score first, then the folded label, then the order of the glossary.
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    chosen = scored[:limit] if limit else scored
    terms = index.search_text().entries_at([position for _, _, position, _ in chosen])
    return [_hit(terms[position], score, words) for _, _, position, score in chosen]


def match_score(fields: Mapping[str, str], words: Sequence[str]) -> float | None:
    """The entry's score for the folded query words, None unless it contains every word.

    The caller adds NAME_BONUS when one of the entry’s names is the query itself.
    """
    score = 0.0  # sums of halves: exact in floating point, whatever the order
    for word in words:
        # Folded text is words separated by single spaces: a word starts the text or
        # follows a space.
        needle = f" {word}"
        found = False
        for name, text in fields.items():
            count = text.count(needle) + text.startswith(word)
            if count:
                found = True
                score += WEIGHTS[name] * min(count, 5)
        if not found:
            return None
    return score


def _hit(term: Term, score: float, words: Sequence[str]) -> SearchHit:
    text = " ".join(strip_controls(" ".join((term.definition, *term.notes))).split())
    folded, offsets = fold_with_offsets(text)
    first = min(
        (position for word in words for position in _word_positions(folded, word)), default=0
    )
    center = offsets[first] if offsets else 0
    start = max(0, center - SNIPPET_WIDTH // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < center else start
    end = min(len(text), start + SNIPPET_WIDTH)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > center else end
    snippet = text[start:end]
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    spans = []
    for word in words:
        for position in _word_positions(folded, word):
            begin, finish = offsets[position], offsets[position + len(word) - 1] + 1
            # Highlight the whole word the query word starts or falls in.
            while begin > 0 and text[begin - 1].isalnum():
                begin -= 1
            while finish < len(text) and text[finish].isalnum():
                finish += 1
            if start <= begin and finish <= end:
                spans.append((begin - start + len(prefix), finish - start + len(prefix)))
    return SearchHit(term, round(score, 2), prefix + snippet + suffix, tuple(sorted(set(spans))))


def occurrence_hint(glossary: Glossary | GlossaryIndex, query: str, shown: int = 3) -> str:
    """For a query that names no entry: the entries whose text has its words, and the
    command that lists them all (« Le mot apparaît dans : … — esslex search association »)."""
    import shlex

    if len(query) > HINT_QUERY_LIMIT:
        return ""  # a command line that long helps nobody
    hits = search(glossary, query, shown + 1)
    if not hits:
        return ""
    labels = [" ".join(strip_controls(hit.term.label, keep_newlines=False).split()) for hit in hits]
    listed = ", ".join(labels[:shown]) + (", …" if len(labels) > shown else "")
    words = query.split()
    subject = "Le mot apparaît" if len(words) == 1 else "Les mots apparaissent"
    command = " ".join(word if _SHELL_SAFE.fullmatch(word) else shlex.quote(word) for word in words)
    return f"{subject} dans\u00a0: {listed} — esslex search {command}"
