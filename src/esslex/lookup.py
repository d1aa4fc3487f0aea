"""The matching ladder: exact label → alternative label → folded form → fuzzy."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from esslex.errors import AmbiguousTerm, TermNotFound
from esslex.index import GlossaryIndex, index_of, nfc, sorted_words
from esslex.model import Glossary, Term
from esslex.normalize import fold, fold_key

# Fuzzy scores (0–100): a confident match, a candidate worth listing, a suggestion.
CONFIDENT = 88.0
CLOSE = 80.0
SUGGEST = 70.0
# A confident match must lead the next entry by this much, or the query is ambiguous.
LEAD = 6.0
MAX_CANDIDATES = 6
# Above this many names, C scorers pick the names the Python `_score` could rate a suggestion.
PREFILTER_ABOVE = 5000


@dataclass(frozen=True)
class LookupResult:
    term: Term
    kind: str  # "exact", "alt_label", "folded", "fuzzy"
    score: float
    matched: str  # the label or alternative label that matched
    how: str = ""  # how the match was made, in a few French words


def _describe(kind: str, query: str, name: str, score: float) -> str:
    # Read after "Trouvé :", so no second colon.
    quoted = f"«\u00a0{name}\u00a0»"
    if kind == "exact":
        return "libellé exact"
    if kind == "alt_label":
        return f"autre appellation {quoted}"
    if kind == "folded":
        if query.casefold() == name.casefold():
            return f"{quoted}, sans tenir compte des majuscules"
        if _strip_accents(query.casefold()) == _strip_accents(name.casefold()):
            return f"{quoted}, sans tenir compte des accents"
        if fold(query).replace(" ", "") == fold(name).replace(" ", ""):
            return f"{quoted}, sans tenir compte des accents ni de la ponctuation"
        return f"{quoted}, sans tenir compte du pluriel"
    query_words, name_words = fold(query).split(), fold(name).split()
    if sorted(query_words) == sorted(name_words):
        return f"{quoted}, mots dans un autre ordre"
    if len(query_words) < len(name_words):
        return f"{quoted}, d’après une partie du libellé ({score:.0f}\u00a0%)"
    return f"{quoted}, faute de frappe probable ({score:.0f}\u00a0%)"


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _result(term: Term, kind: str, score: float, query: str, name: str) -> LookupResult:
    return LookupResult(term, kind, score, name, _describe(kind, query, name, score))


def _unique_terms(index: GlossaryIndex, owners: list[tuple[str, str]]) -> list[tuple[Term, str]]:
    seen: dict[str, tuple[Term, str]] = {}
    for term_id, name in owners:
        seen.setdefault(term_id, (index[term_id], name))
    return list(seen.values())


def find_term(glossary: Glossary | GlossaryIndex, query: str) -> LookupResult:
    """The entry `query` designates; TermNotFound or AmbiguousTerm otherwise."""
    index = index_of(glossary)
    text = nfc(query)
    if not fold(text):
        raise TermNotFound(query.strip() or query)

    labels = index.labels_exactly(text)
    if len(labels) == 1:
        term = index[labels[0]]
        return _result(term, "exact", 100.0, text, term.label)
    alts = _unique_terms(index, index.other_names_exactly(text))
    if not labels and len(alts) == 1:
        return _result(alts[0][0], "alt_label", 100.0, text, alts[0][1])

    key = fold_key(text)
    if len(key) > 2 and all(len(word) == 1 for word in key.split()):
        key = key.replace(" ", "")  # an acronym written with dots or spaces: "P.T.C.E."
    folded = _unique_terms(index, index.names_folded(key))
    if len(folded) == 1:
        term, name = folded[0]
        return _result(term, "folded", 100.0, text, name)
    if len(folded) > 1 or len(labels) > 1 or len(alts) > 1:
        ids = tuple(dict.fromkeys([*labels, *(t.id for t, _ in alts), *(t.id for t, _ in folded)]))
        raise AmbiguousTerm(query, tuple(index[i].label for i in ids), ids)

    ranked = fuzzy_candidates(index, key)
    if ranked and ranked[0][1] >= CONFIDENT:
        best, score, name = ranked[0]
        # A whole name with a typo beats longer names that merely contain the same word.
        words = len(key.split())
        whole = len(fold_key(name).split()) == words
        rivals = [
            s for _, s, other in ranked[1:] if not (whole and len(fold_key(other).split()) > words)
        ]
        if not rivals or rivals[0] <= score - LEAD:
            return _result(best, "fuzzy", score, text, name)
    close = [term for term, score, _ in ranked if score >= CLOSE][:MAX_CANDIDATES]
    if len(close) > 1:
        raise AmbiguousTerm(
            query, tuple(term.label for term in close), tuple(term.id for term in close)
        )
    suggestions = tuple(term.label for term, score, _ in ranked if score >= SUGGEST)
    if not suggestions:
        suggestions = _prefix_suggestions(index, key)
    raise TermNotFound(query, suggestions[:MAX_CANDIDATES])


def _prefix_suggestions(index: GlossaryIndex, key: str) -> tuple[str, ...]:
    """Entries with a word that starts like a short query ("coop" → Coopération)."""
    if len(key) < 3 or " " in key:
        return ()
    ids: dict[str, None] = {}
    for word in index.choice_vocabulary():
        if word.startswith(key):
            positions = index.choices_with_word(word)
            ids.update((index.choice_owner(position)[0], None) for position in positions)
    labels = sorted((index[term_id].label for term_id in ids), key=fold)
    return tuple(labels)


def fuzzy_candidates(glossary: Glossary | GlossaryIndex, key: str) -> list[tuple[Term, float, str]]:
    """Entries whose names resemble the folded query, best first, one row per entry."""
    from rapidfuzz import process

    index = index_of(glossary)
    choices = index.choices() if key else ()
    if not choices:
        return []
    best: dict[str, tuple[float, str]] = {}
    if len(choices) > PREFILTER_ABOVE:
        matches = _prefiltered_matches(key, index)
    else:
        matches = process.extract(
            key, choices, scorer=_score, limit=MAX_CANDIDATES * 8, score_cutoff=SUGGEST
        )
    for _choice, score, position in matches:
        term_id, name = index.choice_owner(position)
        if term_id not in best or score > best[term_id][0]:
            best[term_id] = (float(score), name)
    ranked = sorted(best.items(), key=lambda item: -item[1][0])
    return [(index[term_id], score, name) for term_id, (score, name) in ranked]


def _prefiltered_matches(key: str, index: GlossaryIndex) -> list[tuple[str, float, int]]:
    """What `process.extract` with `_score` returns, scoring only the names that can reach
    SUGGEST: those C scorers rate close by ratio or token sort, and those with a word near
    each word of the query (the part-of-a-name rule of `_score`)."""
    from rapidfuzz import fuzz, process

    choices = index.choices()
    positions: set[int] = set()
    # token_sort_ratio as ratio on words sorted once for all: five times faster.
    for query, names in ((key, choices), (sorted_words(key), index.sorted_choices())):
        found = process.extract(
            query, names, scorer=fuzz.ratio, limit=None, score_cutoff=SUGGEST - 1
        )
        positions.update(position for _, _, position in found)
    query_words = key.split()
    if sum(len(word) for word in query_words) >= 5:
        vocabulary = index.choice_vocabulary()
        common: set[int] | None = None
        for word in dict.fromkeys(query_words):
            near = process.extract(word, vocabulary, scorer=fuzz.ratio, limit=None, score_cutoff=79)
            having = {p for other, _, _ in near for p in index.choices_with_word(other)}
            common = having if common is None else common & having
        positions |= common or set()
    scored = [(choices[p], _score(key, choices[p]), p) for p in positions]
    kept = sorted((match for match in scored if match[1] >= SUGGEST), key=lambda m: (-m[1], m[2]))
    return kept[: MAX_CANDIDATES * 8]


def _score(query: str, choice: str, **_: object) -> float:
    """Typos (ratio), words out of order (token sort), a part of a multi-word name."""
    from rapidfuzz import fuzz

    score = max(fuzz.ratio(query, choice), fuzz.token_sort_ratio(query, choice))
    query_words = query.split()
    choice_words = choice.split()
    # Part of a longer name ("action publique"): every word of the query found, typos allowed.
    if len(choice_words) > len(query_words) and sum(len(word) for word in query_words) >= 5:
        found = [max(fuzz.ratio(word, other) for other in choice_words) for word in query_words]
        if min(found) >= 80:
            coverage = sum(len(word) for word in query_words) / max(1, len(choice.replace(" ", "")))
            partial = min(found) * (0.86 + 0.12 * coverage)
            if len(query_words) == 1 and partial > CLOSE:
                # One word of a longer name ("projet", "pratique") is a candidate, not the
                # name: its score is squeezed below CONFIDENT, keeping the order.
                partial = CLOSE + (partial - CLOSE) * (CONFIDENT - CLOSE) / (100.0 - CLOSE)
            score = max(score, partial)
    return score


def complete_labels(glossary: Glossary | GlossaryIndex, incomplete: str) -> list[str]:
    """Labels and alternative labels that start like `incomplete` (shell completion)."""
    prefix = fold(incomplete)
    names = []
    for term in index_of(glossary).sorted_terms():
        for name in (term.label, *term.alt_labels):
            if fold(name).startswith(prefix):
                # Shells keep only candidates that start with what was typed: keep the
                # user's own prefix (case, accents) and complete the rest of the label.
                typed = name[: len(incomplete)]
                if not name.startswith(incomplete) and len(fold(typed)) == len(prefix):
                    name = incomplete + name[len(incomplete) :]
                names.append(name)
    return sorted(dict.fromkeys(names), key=fold)
