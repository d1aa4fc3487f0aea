"""Finding the glossary's entries in running French: every mention of an entry in a text,
by any of its names and in any inflection, the longest first and never overlapping.

Names and text are read the same way: cut into words (an elided « l’ », « d’ » is a word
of its own, a hyphenated word is one), each word reduced to its lemma by simplemma
(« coopératives » → « coopérative », « sociales » → « social ») and folded with esslex's rule
(case, accents, plural s). An acronym (« ESS », « SCOP ») matches only in capitals. All the
names go into one trie of words, walked once from each word of the text: the cost grows with
the text, not with the number of entries.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from esslex.glossary.model import Term
from esslex.text.normalize import fold, fold_key

# How an entry may be found in a text (`annotate` in the data): by any of its names, only by
# its names of several words and its acronyms (an entry one of whose names is an everyday
# word: « gouvernance », « équitable »), or never (« acteurs », « transition »).
POLICIES = ("always", "exact", "never")


def policy_of(term: Term) -> str:
    """The entry's `annotate` rule, « always » when the data says nothing."""
    return term.annotate or "always"


# A word: letters or digits, with inner hyphens (« tiers-lieu », « 1947 »). Elided articles
# end at their apostrophe (« l’économie » is « l », « économie »).
_WORD = re.compile(r"[^\W_]+(?:[-‐‑][^\W_]+)*")
# At least two capitals and nothing else: an acronym.
_ACRONYM = re.compile(r"[A-ZÀ-ÖØ-Þ]{2,}")


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
    term: Term
    kind: str  # label, alt, hidden, equivalent
    written: str  # the name as the data writes it


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    names: list[_Name] = field(default_factory=list)


def words(text: str) -> list[Word]:
    return [Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


class Lemmatizer:
    """simplemma's French lemmas, each distinct word looked up once."""

    def __init__(self) -> None:
        import simplemma  # noqa: PLC0415 - annotate alone needs it

        self._lemmatize: Callable[..., str] = simplemma.lemmatize
        self._keys: dict[str, str] = {}

    def key(self, word: str) -> str:
        """The word's key: an acronym as written, else its folded lemma."""
        found = self._keys.get(word)
        if found is None:
            if _ACRONYM.fullmatch(word):
                found = "=" + word
            else:
                found = fold_key(self._lemmatize(word, lang="fr")) or fold_key(word)
            self._keys[word] = found
        return found


class MentionFinder:
    """Every entry of a glossary, ready to be found in texts."""

    def __init__(
        self,
        terms: Iterable[Term],
        policy: Callable[[Term], str] = lambda term: "always",
        lemmatizer: Lemmatizer | None = None,
    ) -> None:
        self._lemmas = lemmatizer or Lemmatizer()
        self._root = _Node()
        for term in terms:
            rule = policy(term)
            if rule == "never":
                continue
            for kind, names in (
                ("label", (term.label,)),
                ("alt", term.alt_labels),
                ("hidden", term.hidden_labels),
                ("equivalent", tuple(getattr(term, "equivalent_labels", ()))),
            ):
                for name in names:
                    if rule == "exact" and _everyday(name):
                        continue
                    self._add(_Name(term, kind, name))

    def _add(self, name: _Name) -> None:
        keys = [self._lemmas.key(word.text) for word in words(name.written)]
        if not keys:
            return
        node = self._root
        for key in keys:
            node = node.children.setdefault(key, _Node())
        node.names.append(name)

    def find(self, text: str, protected: Sequence[tuple[int, int]] = ()) -> list[Mention]:
        """The mentions in `text`, left to right, the longest at each place, none inside a
        `protected` span (code, an existing link, front matter)."""
        return list(self._walk(text, words(text), protected))

    def _walk(
        self, text: str, text_words: list[Word], protected: Sequence[tuple[int, int]]
    ) -> Iterator[Mention]:
        keys = [self._lemmas.key(word.text) for word in text_words]
        spans = sorted(protected)
        position = 0
        while position < len(text_words):
            best: tuple[int, _Name] | None = None
            node = self._root
            at = position
            while at < len(keys):
                child = node.children.get(keys[at])
                if child is None and keys[at].startswith("="):
                    # A word in capitals that is no acronym of the glossary (a title).
                    child = node.children.get(fold_key(text_words[at].text))
                if child is None:
                    break
                node = child
                at += 1
                if node.names:
                    best = (at, node.names[0])
            if best is None:
                position += 1
                continue
            end_word, name = best
            start, end = text_words[position].start, text_words[end_word - 1].end
            if _inside(start, end, spans):
                position += 1
                continue
            shown = text[start:end]
            kind = name.kind if fold(shown) == fold(name.written) else "inflected"
            yield Mention(name.term.id, name.term.label, shown, start, end, kind)
            position = end_word


def _everyday(name: str) -> bool:
    """A name of one word that is no acronym: a word of everyday French."""
    found = words(name)
    return len(found) == 1 and not _ACRONYM.fullmatch(found[0].text)


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether [start, end) meets one of `spans` (sorted, not overlapping)."""
    import bisect

    at = bisect.bisect_right(spans, (start, sys.maxsize))
    return any(low < end and start < high for low, high in spans[max(at - 1, 0) : at + 1])


def first_mentions(mentions: Iterable[Mention]) -> list[Mention]:
    """The first mention of each entry, in the order of the text."""
    seen: set[str] = set()
    first = []
    for mention in mentions:
        if mention.id not in seen:
            seen.add(mention.id)
            first.append(mention)
    return first
