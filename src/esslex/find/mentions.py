"""The names a course may mention an entry by, grouped by their first word (`NameGroups`):
what `esslex annotate`'s finder (`trainer.annotate`) starts from. Made in one pass over the
entries, with no lemma (simplemma is the finder's alone): the cache of a large glossary
makes it when it is built and keeps it (`cache.writer`), so a course is read without a
glossary entry being decoded.
"""

from __future__ import annotations

import marshal
import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple, Union

from esslex.glossary.model import Term

# A word: letters or digits, with inner hyphens (« tiers-lieu », « 1947 »). Elided articles
# end at their apostrophe (« l’économie » is « l », « économie »).
WORD = re.compile(r"[^\W_]+(?:[-‐‑][^\W_]+)*")
# At least two capitals and nothing else: an acronym.
ACRONYM = re.compile(r"[A-ZÀ-ÖØ-Þ]{2,}")

# A group of names: for each, four texts (the entry's id, its label, the kind of name, the
# name as written), flat; as a list while grouping, or as the marshal bytes of a tuple of
# them when stored (`cache.mentions`: decoded only for the first words a course holds).
Group = Union[list[str], tuple[str, ...], bytes, memoryview]
FIELDS = 4  # texts per name in a group


class NameGroups(NamedTuple):
    """The names that may be found, grouped by their first word as written (an acronym's
    group by its key, « =SCOP »); in each group, names in the order a text's trie is built
    in (of two names of the same words, the first one put in the trie is the one a mention
    shows)."""

    by_first_word: Mapping[str, Group]
    by_acronym: Mapping[str, Group]


def names_in(group: Group) -> tuple[str, ...] | list[str]:
    """The flat texts of a group (`FIELDS` per name), decoded if stored."""
    if isinstance(group, (bytes, memoryview)):
        return marshal.loads(group)  # type: ignore[no-any-return]
    return group


def group_names(terms: Sequence[Term]) -> NameGroups:
    """The names of `terms` their `annotate` rule lets be found (glossary.entries.ANNOTATE_RULES:
    « always », "" in the data, by any of its names; « exact », only by its names of several
    words and its acronyms, for an entry one of whose names is an everyday word, « gouvernance »;
    « never », « acteurs »), grouped by their first word: in each group, in the order of their
    first token's first appearance, then of the entries."""
    by_token: dict[str, list[str]] = {}
    get = by_token.get
    for term in terms:
        rule = term.annotate
        if rule == "never":
            continue
        term_id, label = term.id, term.label
        if rule == "exact" or term.hidden_labels or term.equivalents:
            for kind, name in _names(term, rule == "exact"):
                by_token.setdefault(_first_token(name), []).extend((term_id, label, kind, name))
            continue
        # Most entries: a label and perhaps alternative labels, each grouped inline (a
        # function call or a (kind, name) pair per name costs a third of the grouping).
        for slot, name in enumerate((label, *term.alt_labels)):
            token = name.partition(" ")[0]  # the first token: a space most often ends it
            if not token or "\t" in name or "\n" in name:
                token = _first_token(name)
            group = get(token)
            if group is None:
                group = by_token[token] = []
            group += (term_id, label, "alt" if slot else "label", name)
    # The first word of each token found once: a token is most often the word itself. An
    # acronym's key is itself: its group is looked up by the text's keys, not lemmatised (in
    # a large glossary most first words are acronyms).
    by_first_word: dict[str, Group] = {}
    by_acronym: dict[str, Group] = {}
    search, acronym = WORD.search, ACRONYM.fullmatch
    for token, names in by_token.items():
        first = search(token)
        if first is not None:
            word = first.group()
            groups, word = (by_acronym, "=" + word) if acronym(word) else (by_first_word, word)
            held = groups.get(word)
            if held is None:
                groups[word] = names
            else:
                held += names  # type: ignore[operator]  # lists while grouping
    return NameGroups(by_first_word, by_acronym)


def _names(term: Term, exact: bool) -> list[tuple[str, str]]:
    """Every name of an entry that may be found, as (kind, name), label first; with the rule
    « exact », its everyday words left out."""
    named = [("label", term.label)]
    named += (("alt", name) for name in term.alt_labels)
    named += (("hidden", name) for name in term.hidden_labels)
    named += (("equivalent", item.label) for item in term.equivalents)
    return [(kind, name) for kind, name in named if not (exact and _everyday(name))]


def _first_token(name: str) -> str:
    """The name's first token, which whitespace ends (a space most often)."""
    token = name.partition(" ")[0]
    if token and "\t" not in name and "\n" not in name:
        return token
    return name.split(None, 1)[0] if name.strip() else ""


def _everyday(name: str) -> bool:
    """A name of one word that is no acronym: a word of everyday French."""
    found = WORD.findall(name)
    return len(found) == 1 and not ACRONYM.fullmatch(found[0])
