"""The matching ladder: exact label → alternative label → folded form → id → fuzzy.

A query that does not match as written is read again without its leading article
(« l’ESS », « la coopération »); a single word that belongs to one entry's label names it.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from esslex.errors import AmbiguousTerm, TermNotFound
from esslex.find.index import GlossaryIndex, index_of, nfc, sorted_words, unqualified
from esslex.glossary.model import Glossary, Term, in_jurisdiction
from esslex.glossary.places import language_name
from esslex.text.normalize import fold, fold_key, split_article

# Fuzzy scores (0–100): a confident match, a candidate worth listing, a suggestion.
CONFIDENT = 88.0
CLOSE = 80.0
SUGGEST = 70.0
# A confident match must lead the next entry by this much, or the query is ambiguous.
LEAD = 6.0
MAX_CANDIDATES = 6
# Against a query one edit from a name, a rival this many edits away is no rival.
FAR_EDITS = 3
# Above this many names, C scorers pick the names the Python `_score` could rate a suggestion.
PREFILTER_ABOVE = 5000


# Words too common to name an entry on their own (« de », « et »…).
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "d",
        "de",
        "des",
        "du",
        "en",
        "et",
        "l",
        "la",
        "le",
        "les",
        "ou",
        "par",
        "pour",
        "sur",
        "un",
        "une",
    ]
)


class LookupResult(NamedTuple):
    term: Term
    # "exact", "alt_label", "equivalent", "folded", "id", "word", "fuzzy", "jurisdiction"
    # (and "choice" for a pick)
    kind: str
    score: float
    matched: str  # the label or alternative label that matched
    how: str = ""  # how the match was made, in a few French words


def _describe(kind: str, query: str, name: str, score: float, shape: str = "") -> str:
    # Read after "Trouvé :", so no second colon.
    quoted = f"«\u00a0{name}\u00a0»"
    if kind == "exact":
        return "libellé exact"
    if kind == "alt_label":
        return f"autre appellation {quoted}"
    if kind == "id":
        return f"identifiant «\u00a0{name}\u00a0»"
    if kind == "word":
        return f"{quoted}, seul libellé qui contient le mot «\u00a0{query}\u00a0»"
    if kind == "folded":
        if query.casefold() == name.casefold():
            return f"{quoted}, sans tenir compte des majuscules"
        if _strip_accents(query.casefold()) == _strip_accents(name.casefold()):
            return f"{quoted}, sans tenir compte des accents"
        if fold(query).replace(" ", "") == fold(name).replace(" ", ""):
            return f"{quoted}, sans tenir compte des accents ni de la ponctuation"
        return f"{quoted}, sans tenir compte du pluriel"
    if shape == "order":
        return f"{quoted}, mots dans un autre ordre"
    if shape == "part":
        return f"{quoted}, d’après une partie du libellé ({score:.0f}\u00a0%)"
    return f"{quoted}, faute de frappe probable ({score:.0f}\u00a0%)"


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _result(
    term: Term, kind: str, score: float, query: str, name: str, shape: str = ""
) -> LookupResult:
    how = _describe(kind, query, name, score, shape)
    own_name = name in term.alt_labels or name in term.hidden_labels or name == term.label
    equivalent = next((item for item in term.equivalents if item.label == name), None)
    if equivalent is not None and not own_name:
        # « cooperative » is also « Coopérative » without its accent: the French name wins.
        own = next(
            (n for n in (term.label, *term.alt_labels) if fold_key(n) == fold_key(name)), None
        )
        if own is not None:
            return _result(term, "folded", score, query, own, shape)
    if equivalent is not None and not own_name:
        language = language_name(equivalent.lang)
        if kind == "alt_label":
            kind, how = "equivalent", f"équivalent {language} «\u00a0{name}\u00a0»"
        else:
            how = f"«\u00a0{term.label}\u00a0», d’après l’équivalent {language} " + how
    elif name == unqualified(term.label) and not own_name:
        how = f"«\u00a0{term.label}\u00a0», seule entrée de ce nom"
    elif name in term.hidden_labels and name not in term.alt_labels:
        # A hidden label is a form people type (« coopérer »), never a name of the entry.
        how = f"«\u00a0{term.label}\u00a0», d’après la forme «\u00a0{name}\u00a0»"
        if kind == "fuzzy":
            how += f", faute de frappe probable ({score:.0f}\u00a0%)"
    return LookupResult(term, kind, score, name, how)


def _unique_terms(index: GlossaryIndex, owners: list[tuple[str, str]]) -> list[tuple[Term, str]]:
    seen: dict[str, tuple[Term, str]] = {}
    for term_id, name in owners:
        seen.setdefault(term_id, (index[term_id], name))
    return list(seen.values())


def find_term(
    glossary: Glossary | GlossaryIndex, query: str, jurisdiction: str | None = None
) -> LookupResult:
    """The entry `query` designates; TermNotFound or AmbiguousTerm otherwise. With a
    `jurisdiction` (« BE »), of entries that share a name, the one that holds there."""
    index = index_of(glossary)
    try:
        found = _find_term(index, query)
    except AmbiguousTerm as ambiguous:
        if jurisdiction is None:
            raise
        there = [
            i
            for i in ambiguous.candidate_ids
            if in_jurisdiction(index[i].jurisdictions, jurisdiction)
        ]
        if len(there) != 1:
            raise
        return _in_place(index[there[0]], jurisdiction)
    if jurisdiction is None or in_jurisdiction(found.term.jurisdictions, jurisdiction):
        return found
    namesakes = [
        index[term_id]
        for term_id in dict.fromkeys(i for i, _ in index.names().names_folded(_key(found.matched)))
        if in_jurisdiction(index[term_id].jurisdictions, jurisdiction)
    ]
    return _in_place(namesakes[0], jurisdiction) if len(namesakes) == 1 else found


def _in_place(term: Term, jurisdiction: str) -> LookupResult:
    how = f"«\u00a0{term.label}\u00a0», entrée de ce nom retenue pour --jurisdiction {jurisdiction}"
    return LookupResult(term, "jurisdiction", 100.0, term.label, how)


def _find_term(index: GlossaryIndex, query: str) -> LookupResult:
    text = nfc(query)
    if not fold(text):
        raise TermNotFound(query.strip() or query)
    found = _as_written(index, query, text)
    if found is not None:
        return found
    article, rest = split_article(text)
    if article:
        # « la coopération », « l’ESS »: the entry is then an exact (or folded…) match.
        text = rest
        found = _as_written(index, query, text)
        if found is not None:
            return found._replace(how=f"{found.how}, article «\u00a0{article}\u00a0» mis de côté")

    key = _key(text)
    ranked = fuzzy_candidates(index, key)
    by_word = _labels_with_word(index, key)
    if len(by_word) == 1:
        return _result(by_word[0], "word", 100.0, text, by_word[0].label)
    confident = _confident(key, ranked) if not by_word else None
    if confident is not None:
        others = _other_concepts(index, key, fold_key(confident.matched), confident.term)
        if not others:
            return confident
        # « association … » is not a typo of « fondation … »: both are suggested.
        labels = (confident.term.label, *(term.label for term in others))
        raise TermNotFound(query, tuple(dict.fromkeys(labels))[:MAX_CANDIDATES])
    close = [term for term, score, _ in ranked if score >= CLOSE]
    rank = {term.id: position for position, (term, _, _) in enumerate(ranked)}
    pool = {term.id: term for term in [*by_word, *close]}.values()
    # One word many labels share (« économie »): the labels it opens first, then, when the
    # list must be cut, the entries most linked to others (the field's hubs).
    crowded = len(pool) > MAX_CANDIDATES and bool(by_word)

    def order(term: Term) -> tuple[int, int, int]:
        links = len(term.related) + len(term.narrower) + len(term.broader) if crowded else 0
        return (_naming(key, term.label), -links, rank.get(term.id, len(rank)))

    candidates = sorted(pool, key=order)[:MAX_CANDIDATES]
    if len(candidates) > 1:
        raise AmbiguousTerm(
            query, tuple(term.label for term in candidates), tuple(term.id for term in candidates)
        )
    suggestions = tuple(term.label for term, score, _ in ranked if score >= SUGGEST)
    if not suggestions:
        suggestions = _prefix_suggestions(index, key)
    raise TermNotFound(query, suggestions[:MAX_CANDIDATES])


def _naming(key: str, label: str) -> int:
    """How well `label` is named by the folded query: 0 when the label opens with its words
    (« Insertion par l’activité économique » for « insertion »), 1 when they come later in
    it, 2 when only another name of the entry holds them (Clause sociale)."""
    wanted = [word for word in key.split() if word not in _FUNCTION_WORDS]
    words = [word for word in fold_key(label).split() if word not in _FUNCTION_WORDS]
    if not wanted or not set(wanted) <= set(words):
        return 2
    return 0 if words[: len(wanted)] == wanted else 1


def _key(text: str) -> str:
    key = fold_key(text)
    if len(key) > 2 and all(len(word) == 1 for word in key.split()):
        key = key.replace(" ", "")  # an acronym written with dots or spaces: "P.T.C.E."
    return key


def _as_written(index: GlossaryIndex, query: str, text: str) -> LookupResult | None:
    """The entry `text` names exactly, as an alternative label, folded, or by its id."""
    # A label is written with a capital as a heading: « coopération » is typed exactly.
    variants = dict.fromkeys((text, text[:1].upper() + text[1:], text[:1].lower() + text[1:]))
    labels = next((found for v in variants if (found := index.names().labels_exactly(v))), [])
    if len(labels) == 1:
        term = index[labels[0]]
        return _result(term, "exact", 100.0, text, term.label)
    owners = next((named for v in variants if (named := index.names().other_names_exactly(v))), [])
    alts = _unique_terms(index, owners)
    if not labels and len(alts) == 1:
        return _result(alts[0][0], "alt_label", 100.0, text, alts[0][1])

    folded = _unique_terms(index, index.names().names_folded(_key(text)))
    if len(folded) > 1:
        # « economie sociale » is the name of « Économie sociale » itself; « Économie sociale
        # (Union européenne) » only shares it once its qualifier is set aside: the entry of
        # that very name wins, as it does when the name is typed exactly.
        own = [(term, name) for term, name in folded if not _by_namesake(term, name)]
        if len(own) == 1:
            folded = own
    if len(folded) == 1:
        term, name = folded[0]
        return _result(term, "folded", 100.0, text, name)
    by_id = index.get(text)
    if by_id is not None:
        return _result(by_id, "id", 100.0, text, by_id.id)
    if len(folded) > 1 or len(labels) > 1 or len(alts) > 1:
        ids = tuple(dict.fromkeys([*labels, *(t.id for t, _ in alts), *(t.id for t, _ in folded)]))
        raise AmbiguousTerm(query, tuple(index[i].label for i in ids), ids)
    return None


# Above this many names holding a word, the word names no entry on its own.
_WORD_OWNERS_LIMIT = 50


def _labels_with_word(index: GlossaryIndex, key: str) -> list[Term]:
    """For a one-word query: the entries whose label has it as a whole word, when no other
    entry has it in a name (one entry: that entry; several: the candidates)."""
    if " " in key or len(key) < 3 or key in _FUNCTION_WORDS:
        return []
    positions = index.names().choices_with_word(key)
    if not positions or len(positions) > _WORD_OWNERS_LIMIT:
        return []
    owners = list(dict.fromkeys(index.names().choice_owner(position)[0] for position in positions))
    terms = [index[term_id] for term_id in owners]
    in_label = [term for term in terms if key in fold_key(term.label).split()]
    if len(in_label) == 1 and len(terms) > 1:
        return []  # one label and other entries' alternative labels: no single answer
    return in_label if len(in_label) == 1 else terms if in_label else []


def _confident(key: str, ranked: list[tuple[Term, float, str]]) -> LookupResult | None:
    """The fuzzy match, if one name is a near spelling of the query and leads the others."""
    for term, score, name in ranked:
        if score < CONFIDENT:
            return None
        if _by_namesake(term, name) and any(
            fold_key(other) == fold_key(name) and not _by_namesake(other_term, other)
            for other_term, _, other in ranked
        ):
            continue  # the entry of that very name is the answer, not its namesake
        shape = near_spelling(key, fold_key(name))
        if not shape:
            continue
        # A whole name with a typo beats longer names that merely contain the same word.
        words = len(key.split())
        whole = len(fold_key(name).split()) == words
        # One slip of the keyboard (a letter wrong, missing, added or two swapped) beats
        # names that need three edits or more, however close their scores: « servise
        # civique » is « service civique », not « réserviste civique ».
        one_slip = _edits(key, fold_key(name)) <= 1
        rivals = [
            s
            for other_term, s, other in ranked
            if other_term.id != term.id
            and not (whole and len(fold_key(other).split()) > words)
            and not (one_slip and _edits(key, fold_key(other)) >= FAR_EDITS)
            # a namesake found by the same name, its qualifier set aside, is no rival
            and not (
                not _by_namesake(term, name)
                and _by_namesake(other_term, other)
                and fold_key(other) == fold_key(name)
            )
        ]
        if not rivals or rivals[0] <= score - LEAD:
            return _result(term, "fuzzy", score, key, name, shape)
        return None
    return None


def _edits(query: str, name: str) -> int:
    """Letters to change, add, remove or swap to turn one spelling into the other."""
    from rapidfuzz.distance import OSA

    return int(OSA.distance(query, name))


def _by_namesake(term: Term, name: str) -> bool:
    """Whether `name` finds `term` only as its label without its qualifier in brackets."""
    return bool(name) and name == unqualified(term.label)


def _other_concepts(index: GlossaryIndex, key: str, name: str, found: Term) -> list[Term]:
    """The entries named by a word of the query that is not a near spelling of any word
    of the matched name: « association » in « association reconnue d’utilité publique »
    against « fondation reconnue d’utilité publique »."""
    from rapidfuzz import fuzz

    name_words = name.split()
    others: dict[str, Term] = {}
    for word in key.split():
        if word in _FUNCTION_WORDS or len(word) < 3:
            continue
        if any(fuzz.ratio(word, other) >= CLOSE for other in name_words):
            continue
        for term_id, _ in index.names().names_folded(word):
            if term_id != found.id:
                others.setdefault(term_id, index[term_id])
    return list(others.values())


def near_spelling(query: str, name: str) -> str:
    """How the folded query is a spelling of the folded name: "typo" (letters off, words in
    order), "order" (the same words in another order), "part" (a run of the name's words,
    small typos allowed), or "" (a different concept that shares words with it)."""
    from rapidfuzz import fuzz

    if fuzz.ratio(query, name) >= CONFIDENT:
        return "typo"
    query_words, name_words = query.split(), name.split()
    if sorted(query_words) == sorted(name_words):
        return "order"
    content = [word for word in name_words if word not in _FUNCTION_WORDS]
    wanted = [word for word in query_words if word not in _FUNCTION_WORDS]
    if wanted and len(wanted) < len(content):
        for start in range(len(content) - len(wanted) + 1):
            run = content[start : start + len(wanted)]
            if all(fuzz.ratio(a, b) >= CLOSE for a, b in zip(wanted, run, strict=True)):
                return "part"
    return ""


def _prefix_suggestions(index: GlossaryIndex, key: str) -> tuple[str, ...]:
    """Entries with a word that starts like a short query ("coop" → Coopération)."""
    if len(key) < 3 or " " in key:
        return ()
    ids: dict[str, None] = {}
    for word in index.names().choice_vocabulary():
        if word.startswith(key):
            positions = index.names().choices_with_word(word)
            ids.update((index.names().choice_owner(position)[0], None) for position in positions)
    labels = sorted((index[term_id].label for term_id in ids), key=fold)
    return tuple(labels)


def fuzzy_candidates(glossary: Glossary | GlossaryIndex, key: str) -> list[tuple[Term, float, str]]:
    """Entries whose names resemble the folded query, best first, one row per entry."""
    from rapidfuzz import process

    index = index_of(glossary)
    choices = index.names().choices() if key else ()
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
        term_id, name = index.names().choice_owner(position)
        if term_id not in best or score > best[term_id][0]:
            best[term_id] = (float(score), name)
    ranked = sorted(best.items(), key=lambda item: -item[1][0])
    return [(index[term_id], score, name) for term_id, (score, name) in ranked]


def _prefiltered_matches(key: str, index: GlossaryIndex) -> list[tuple[str, float, int]]:
    """What `process.extract` with `_score` returns, scoring only the names that can reach
    SUGGEST: those C scorers rate close by ratio or token sort, and those with a word near
    each word of the query (the part-of-a-name rule of `_score`)."""
    from rapidfuzz import fuzz, process

    choices = index.names().choices()
    positions: set[int] = set()
    # token_sort_ratio as ratio on words sorted once for all: five times faster.
    for query, names in ((key, choices), (sorted_words(key), index.names().sorted_choices())):
        found = process.extract(
            query, names, scorer=fuzz.ratio, limit=None, score_cutoff=SUGGEST - 1
        )
        positions.update(position for _, _, position in found)
    query_words = key.split()
    if sum(len(word) for word in query_words) >= 5:
        vocabulary = index.names().choice_vocabulary()
        common: set[int] | None = None
        for word in dict.fromkeys(query_words):
            near = process.extract(word, vocabulary, scorer=fuzz.ratio, limit=None, score_cutoff=79)
            having = {p for other, _, _ in near for p in index.names().choices_with_word(other)}
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
