"""Finding the glossary's entries in running French: every mention of an entry in a text,
by any of its names and in any inflection, the longest first and never overlapping.

Names and text are read the same way: cut into words (an elided « l’ », « d’ » is a word
of its own, a hyphenated word is one), each word reduced to its lemma by simplemma
(« coopératives » → « coopérative », « sociales » → « social ») and folded with esslex's rule
(case, accents, plural s). An acronym (« ESS », « SCOP ») matches only in capitals.

The names are grouped once by their first word (`find.mentions.NameGroups`, which the cache
of a large glossary keeps); for each text, the names it can hold go into one trie of words,
walked from each word a name begins with: past the grouping, the cost grows with the text,
not with the number of entries.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import cache, partial
from itertools import accumulate, compress, islice
from pathlib import Path
from typing import Any, NamedTuple

from esslex.cache.policy import collection_paused
from esslex.errors import needs_libraries
from esslex.find.mentions import ACRONYM, FIELDS, WORD, Group, NameGroups, group_of, names_of
from esslex.glossary.paths import cache_dir
from esslex.text.normalize import fold_key
from esslex.trainer.lemma_dictionary import CachedDictionaries

_SPLIT = re.compile(f"({WORD.pattern})")


class Word(NamedTuple):
    start: int
    end: int
    text: str


class Mention(NamedTuple):
    """One mention of an entry: where it stands in the text and how it was found."""

    id: str
    label: str
    text: str
    start: int
    end: int
    # label, alt, hidden, equivalent: a name as written (case aside); inflected otherwise.
    kind: str

    def as_dict(self) -> dict[str, object]:
        return self._asdict()


class _Name(NamedTuple):
    id: str
    label: str
    kind: str  # label, alt, hidden, equivalent
    folded: str  # the name as the data writes it, case folded


# A Mention from a tuple of its fields, in C (its generated __new__ is Python code).
_new_mention = partial(tuple.__new__, Mention)


def words(text: str) -> list[Word]:
    return [Word(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


@cache
def _simplemma_for(folder: Path) -> Any:
    """simplemma.lemmatize's own lemmatizer but for where its dictionary is read from: one
    per process, as simplemma keeps its own (its dictionary and its cache of words shared by
    every text of the process)."""
    import simplemma  # noqa: PLC0415 - annotate alone needs it (Lemmatizer checks it is there)
    from simplemma.strategies import DefaultStrategy  # noqa: PLC0415
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory  # noqa: PLC0415

    dictionaries = CachedDictionaries(folder, simplemma.__version__, DefaultDictionaryFactory())
    return simplemma.Lemmatizer(
        lemmatization_strategy=DefaultStrategy(dictionary_factory=dictionaries)
    )


class Lemmatizer:
    """simplemma's French lemmas, each distinct word looked up once."""

    def __init__(self, folder: Path | None = None) -> None:
        """`folder`: where simplemma's dictionary is kept decoded (`lemma_dictionary`); the
        user's cache folder by default."""
        with needs_libraries("«\u00a0esslex annotate\u00a0»", "annotate"):
            import simplemma  # noqa: F401, PLC0415 - asked at each command, not once
        self._lemmatize: Callable[..., str] = _simplemma_for(
            cache_dir() if folder is None else folder
        ).lemmatize
        # Each word's key, filled as words are met (read directly in the hot loop).
        self.keys: dict[str, str] = {}

    def key(self, word: str) -> str:
        """The word's key: an acronym as written, else its folded lemma."""
        found = self.keys.get(word)
        if found is None:
            if ACRONYM.fullmatch(word):
                found = "=" + word
            else:
                found = fold_key(self._lemmatize(word, lang="fr")) or fold_key(word)
            self.keys[word] = found
        return found


# In the trie, a node is a dict of its children by word key; the names that end at a node
# are kept under this key, which no word has.
_ENDS = ""


# Names to put in a text's trie, per word of the text, from which only those whose first
# two words follow each other in the text are put there (`MentionFinder._trie`).
PAIRS_FROM = 0.1


class MentionFinder:
    """Every entry of a glossary, ready to be found in texts."""

    def __init__(self, names: NameGroups, lemmatizer: Lemmatizer | None = None) -> None:
        """`names`: the glossary's names grouped by first word (`find.mentions.group_names`,
        or as its index keeps them, `GlossaryIndex.mention_names`)."""
        self._lemmas = lemmatizer or Lemmatizer()
        self.names = names

    def _groups(self, wanted: set[str]) -> Iterator[tuple[str, Group]]:
        """Each group of names whose first word's key is in `wanted`, with that key."""
        known, key = self._lemmas.keys, self._lemmas.key
        for word, group in self.names.by_first_word.items():
            first_key = known.get(word) or key(word)
            if first_key in wanted:
                yield first_key, group_of(group)
        # Names that begin with different keys meet in no node: their order does not matter.
        by_acronym = self.names.by_acronym
        for first_key in wanted.intersection(by_acronym):
            yield first_key, group_of(by_acronym[first_key])

    def _trie(self, wanted: set[str], keys: list[str], titles: dict[int, str]) -> dict[str, Any]:
        """The trie of the names the text can hold: their first word's key is in `wanted`
        (the keys of the text's words) and, when they are many, their first two words' keys
        follow each other somewhere in the text (`_pairs`). In a large glossary most names
        fail the first test and are passed over with their group; most of the others fail
        the second, asked once for all the names of a group with the same second word,
        which are then not even decoded. A name left out could never be found whole, and
        its nodes past the first could never be reached, so the walk finds the same
        mentions as in the trie of every name."""
        root: dict[str, Any] = {}
        known, key = self._lemmas.keys, self._lemmas.key
        groups = list(self._groups(wanted))
        names = sum(group.size for _, group in groups)
        # The pairs cost about a tenth of what putting a name in the trie costs, per word
        # of the text: worth making only when the names outnumber a tenth of the words.
        pairs = _pairs(keys, titles) if names >= len(keys) * PAIRS_FROM else None
        for first_key, group in groups:
            # The first word's node, even if no name of the group is kept: the walk takes a
            # word by its key before its title, and must meet the same nodes.
            first_node = root.setdefault(first_key, {})
            kept: list[tuple[Any, ...]] = []
            for second, some in group.by_second_word.items():
                if (
                    pairs is not None
                    and second
                    and (first_key, known.get(second) or key(second)) not in pairs
                ):
                    continue
                values = iter(names_of(some))
                kept += zip(*[values] * FIELDS, strict=True)
            if len(group.by_second_word) > 1:
                kept.sort()  # back in the group's order, by place (each its own)
            for _, term_id, label, kind, name in kept:
                node = first_node
                for part in WORD.findall(name)[1:]:
                    part_key = known.get(part) or key(part)
                    child = node.get(part_key)
                    if child is None:
                        child = node[part_key] = {}
                    node = child
                node.setdefault(_ENDS, []).append(_Name(term_id, label, kind, name.casefold()))
        return root

    def find(self, text: str, protected: Sequence[tuple[int, int]] = ()) -> list[Mention]:
        """The mentions in `text`, left to right, the longest at each place, none inside a
        `protected` span (code, an existing link, front matter)."""
        # Many small objects and no cycles: a collection could only walk the whole glossary
        # (loaded beside: with 100,000 entries, its objects by the million).
        with collection_paused():
            return self._find(text, protected)

    def _find(self, text: str, protected: Sequence[tuple[int, int]]) -> list[Mention]:
        # Words and the text between them, alternately; the offsets come from their lengths
        # summed in C (a match object per word costs half the time of the whole search).
        pieces = _SPLIT.split(text)
        found = pieces[1::2]
        offsets = list(accumulate(map(len, pieces), initial=0))
        count = len(found)
        # Each distinct word looked at once, then the per-word lists made in C.
        distinct = set(found)
        known, key = self._lemmas.keys, self._lemmas.key
        for word in distinct.difference(known):
            key(word)
        keys = list(map(known.__getitem__, found))
        # Words in capitals that are no acronym of the glossary (a title) match folded too.
        capitals = {word: fold_key(word) for word in distinct if word.isupper()}
        titles = {
            at: capitals[found[at]]
            for at in compress(range(count), map(capitals.__contains__, found))
        }
        wanted = set(map(known.__getitem__, distinct))
        wanted.update(title for word, title in capitals.items() if len(word) > 1)
        root = self._trie(wanted, keys, titles)
        # A walk starts only at a word some name begins with: its node, by key before title.
        starts = {}
        for word in distinct:
            node = root.get(known[word])
            if node is None and word in capitals:
                node = root.get(capitals[word])
            if node is not None:
                starts[word] = node
        spans = sorted(protected)
        mentions: list[Mention] = []
        free = 0  # the first word after the last mention
        for position in compress(range(count), map(starts.__contains__, found)):
            if position < free:
                continue
            node = starts[found[position]]
            at = position + 1
            best = (at, node[_ENDS][0]) if _ENDS in node else None
            while at < count:
                child = node.get(keys[at])
                if child is None:
                    child = node.get(titles[at]) if at in titles else None
                    if child is None:
                        break
                node = child
                at += 1
                if _ENDS in node:
                    best = (at, node[_ENDS][0])
            if best is None:
                continue
            end_word, name = best
            start, end = offsets[2 * position + 1], offsets[2 * end_word]
            if spans and _inside(start, end, spans):
                continue
            shown = text[start:end]
            kind = name.kind if shown.casefold() == name.folded else "inflected"
            mentions.append(_new_mention((name.id, name.label, shown, start, end, kind)))
            free = end_word
        return mentions


def _pairs(keys: list[str], titles: dict[int, str]) -> set[tuple[str, str]]:
    """The keys of each two words that follow each other in the text, a word in capitals
    taken under its key and its title both."""
    pairs = set(zip(keys, islice(keys, 1, None), strict=False))
    last = len(keys) - 1
    for at, title in titles.items():
        if at < last:
            pairs.add((title, keys[at + 1]))
            following = titles.get(at + 1)
            if following is not None:
                pairs.add((title, following))
        if at:
            pairs.add((keys[at - 1], title))
    return pairs


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether [start, end) meets one of `spans` (sorted, not overlapping)."""
    import bisect

    at = bisect.bisect_right(spans, (start, sys.maxsize))
    return any(low < end and start < high for low, high in spans[max(at - 1, 0) : at + 1])
