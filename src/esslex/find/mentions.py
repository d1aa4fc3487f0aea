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
# A name's first word and, when it has one, its second (what `WORD.findall` gives first).
TWO_WORDS = re.compile(f"({WORD.pattern})(?:[\\W_]+({WORD.pattern}))?")

# Names of one group with the same second word, flat, five values per name: its place in
# the group (the order a text's trie is built in), the entry's id, its label, the kind of
# name, the name as written. Lists while grouping, marshal bytes when stored.
Names = Union[list[Union[int, str]], tuple[Union[int, str], ...], bytes]
FIELDS = 5


class Group(NamedTuple):
    """The names of one first word: how many, and by their second word as written ("" for
    a name of one word). A text's trie takes only the names whose first two words follow
    each other in the text: the others, most of a large glossary's, are never decoded."""

    size: int  # names in the group
    by_second_word: Mapping[str, Names]


# A group as `NameGroups` holds it: made, or stored (`cache.mentions`: the marshal bytes of
# `encoded`, decoded only for the first words a course holds).
Stored = Union[Group, bytes, memoryview]


class NameGroups(NamedTuple):
    """The names that may be found, grouped by their first word as written (an acronym's
    group by its key, « =SCOP »); in each group, names in the order a text's trie is built
    in (of two names of the same words, the first one put in the trie is the one a mention
    shows)."""

    by_first_word: Mapping[str, Stored]
    by_acronym: Mapping[str, Stored]


def group_of(stored: Stored) -> Group:
    """The group, decoded if stored (its names left as bytes: `names_of`)."""
    if isinstance(stored, Group):
        return stored
    size, by_second_word = marshal.loads(stored)
    return Group(size, by_second_word)


def names_of(names: Names) -> Sequence[Union[int, str]]:
    """The flat values of some names of a group (`FIELDS` per name), decoded if stored."""
    if isinstance(names, bytes):
        return marshal.loads(names)  # type: ignore[no-any-return]
    return names


def encoded(group: Group) -> bytes:
    """The bytes a group is stored as: each second word's names encoded on their own."""
    by_second_word = {
        second: names if isinstance(names, bytes) else marshal.dumps(tuple(names))
        for second, names in group.by_second_word.items()
    }
    return marshal.dumps((group.size, by_second_word))


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
    by_first_word: dict[str, list[str]] = {}
    by_acronym: dict[str, list[str]] = {}
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
                held += names
    return NameGroups(
        {word: _by_second_word(names) for word, names in by_first_word.items()},
        {word: _by_second_word(names) for word, names in by_acronym.items()},
    )


def _by_second_word(names: list[str]) -> Group:
    """A group made of flat names (id, label, kind, name), each numbered by its place."""
    by_second_word: dict[str, list[Union[int, str]]] = {}
    two_words = TWO_WORDS.search
    for place in range(len(names) // 4):
        term_id, label, kind, name = names[4 * place : 4 * place + 4]
        second = two_words(name)[2] or ""  # type: ignore[index]  # the name has a word
        held = by_second_word.get(second)
        if held is None:
            held = by_second_word[second] = []
        held += (place, term_id, label, kind, name)
    return Group(len(names) // 4, by_second_word)


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
