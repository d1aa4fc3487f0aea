"""What lookup, search and the reading commands ask of a glossary: `GlossaryIndex`.

An index answers questions about a glossary without being it: an entry by id, the names
that match a query (the lookup ladder's rungs and its fuzzy choices), the candidates of a
search, the entries in alphabetical order. The commands ask `GlossaryIndex`; its `names`
and `search_text` are for `lookup` and `search` alone. `MemoryIndex` answers from a loaded
`Glossary`; `cache.store.StoredIndex` from the on-disk cache, reading only what is asked.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol

from esslex.glossary.model import Glossary, GlossaryInfo, Term, Theme
from esslex.text.normalize import WordFolder, fold, fold_key, sort_key

if TYPE_CHECKING:  # annotate alone asks for them: the reading commands start without it
    from esslex.find.mentions import NameGroups


class SearchCandidate(NamedTuple):
    """An entry a search may return: its position and the folded text the search scores."""

    position: int
    fields: Mapping[str, str]  # folded label, alt, definition, notes (`search_candidate`)
    names: tuple[str, ...]  # folded label and other names


class GlossaryIndex(Protocol):
    """What the commands ask of the glossaries in use, answered from memory (`MemoryIndex`)
    or from the on-disk cache (`cache.store.StoredIndex`)."""

    @property
    def info(self) -> GlossaryInfo:
        """The description of the first glossary file (its id, title, language…)."""

    @property
    def parts(self) -> tuple[GlossaryInfo, ...]:
        """Every file that contributed, in load order (an entry's `glossary` is its path)."""

    @property
    def themes(self) -> tuple[Theme, ...]:
        """The themes, in the order the files declare them."""

    def __len__(self) -> int:
        """The number of entries."""

    def get(self, term_id: str) -> Term | None:
        """The entry with this id, None if there is none."""

    def __getitem__(self, term_id: str) -> Term:
        """The entry with this id; KeyError if there is none."""

    def theme(self, theme_id: str) -> Theme | None:
        """The theme with this id, None if there is none."""

    def theme_counts(self) -> dict[str, int]:
        """Number of entries of each theme, by theme id."""

    def sorted_terms(self, theme_id: str | None = None) -> Sequence[Term]:
        """Entries in French alphabetical order (`normalize.sort_key`), of one theme or all."""

    def names(self) -> NameIndex:
        """The names of the entries, as the lookup ladder asks about them (`find.lookup`)."""

    def search_text(self) -> SearchText:
        """The folded text of the entries, as a search scores it (`find.search`)."""

    def mention_names(self) -> NameGroups:
        """The names a course may mention the entries by, grouped by their first word, as
        `esslex annotate` looks for them (`find.mentions`)."""

    def whole(self) -> Glossary:
        """The glossary itself, every entry read, in load order (a document that counts or
        credits the entries it leaves out: a course's mini-glossary)."""


class NameIndex(Protocol):
    """What the lookup ladder (`lookup.find_term`) asks about names; nothing else does."""

    def labels_exactly(self, name: str) -> list[str]:
        """Ids of the entries whose label is `name` (NFC, stripped)."""

    def other_names_exactly(self, name: str) -> list[tuple[str, str]]:
        """(id, name) of the entries with another name exactly `name`."""

    def names_folded(self, key: str) -> list[tuple[str, str]]:
        """(id, name) of the names whose `fold_key` is `key`."""

    def choices(self) -> Sequence[str]:
        """The folded names (`fold_key`) fuzzy matching scores, in a fixed order."""

    def sorted_choices(self) -> Sequence[str]:
        """Each choice with its words in order (`fuzz.token_sort_ratio` is `fuzz.ratio` of
        the sorted words)."""

    def choice_owner(self, position: int) -> tuple[str, str]:
        """(id, name) of the choice at `position`."""

    def choice_vocabulary(self) -> Sequence[str]:
        """Every word of the choices, once."""

    def choices_with_word(self, word: str) -> Sequence[int]:
        """Positions of the choices containing the word `word`."""


class SearchText(Protocol):
    """What a search (`search.search`) asks; nothing else does."""

    def search_candidates(self, words: Sequence[str]) -> Iterable[SearchCandidate]:
        """Entries that may contain every folded word (at least all those that do)."""

    def entries_at(self, positions: Sequence[int]) -> dict[int, Term]:
        """The entries at these positions (as given by `search_candidates`)."""


def nfc(text: str) -> str:
    """The form names are compared in exactly: NFC, without surrounding spaces."""
    return unicodedata.normalize("NFC", text.strip())


def sorted_words(text: str) -> str:
    return " ".join(sorted(text.split()))


def names_of(term: Term) -> Iterator[tuple[str, bool]]:
    """Each distinct name of an entry (label first), and whether it is the label."""
    for name in dict.fromkeys((term.label, *term.alt_labels, *term.hidden_labels)):
        yield name, name == term.label


def lookup_names(term: Term) -> Iterator[tuple[str, bool]]:
    """The names lookup finds an entry by: its own names, its label without the qualifier
    that tells it from a namesake (« Entreprise sociale » for « Entreprise sociale (Union
    européenne) »: the namesakes are then listed together), and its equivalents in other
    languages."""
    if not term.equivalents and not term.label.endswith(")"):
        return names_of(term)  # most entries: their own names alone
    return _with_other_names(term)


def _with_other_names(term: Term) -> Iterator[tuple[str, bool]]:
    seen = set()
    for name, is_label in names_of(term):
        seen.add(name)
        yield name, is_label
    extra = [unqualified(term.label), *(item.label for item in term.equivalents)]
    for name in dict.fromkeys(extra):
        if name and name not in seen:
            yield name, False


def unqualified(label: str) -> str:
    """The label without a final qualifier in brackets, "" when it has none."""
    if not label.endswith(")") or " (" not in label:
        return ""
    return label[: label.rindex(" (")].strip()


def search_candidate(
    position: int, term: Term, fold: Callable[[str], str] = fold
) -> SearchCandidate:
    """The entry as the search scores it: the folded text of each field it looks in and
    the entry's folded names, label first."""
    names = tuple(
        map(
            fold,
            (
                term.label,
                *term.alt_labels,
                *term.hidden_labels,
                *(item.label for item in term.equivalents),
            ),
        )
    )
    fields = search_fields(names, fold(term.definition), fold(" | ".join(term.notes)))
    return SearchCandidate(position, fields, names)


def search_fields(names: tuple[str, ...], definition: str, notes: str) -> dict[str, str]:
    """The fields a search scores, from the folded names (label first), definition and
    notes: the label, the other names, the definition, the notes."""
    # As fold(" | ".join(other names)): the bars fold to spaces, a name folds alone.
    alt = " ".join(filter(None, names[1:]))
    return {"label": names[0], "alt": alt, "definition": definition, "notes": notes}


# The name tables of a `MemoryIndex`, as plain data a cache can store: labels (NFC) to
# ids, other names (NFC) to (id, name), folded keys to (id, name), the fuzzy choices and
# the (id, name) owning each.
NameTables = tuple[
    dict[str, list[str]],
    dict[str, list[tuple[str, str]]],
    dict[str, list[tuple[str, str]]],
    list[str],
    list[tuple[str, str]],
]
# The text a search scores, entry by entry in glossary order, as plain data a cache can
# store: the folded fields and the folded names of `search_candidate`.
SearchTables = list[tuple[dict[str, str], tuple[str, ...]]]


class MemoryIndex:
    """The index of a loaded glossary; names and search text folded on first use, or given
    as built by `name_tables` and `search_tables` (the cache's snapshot stores them: folding
    every name costs more than the rest of a lookup, folding every definition ten times
    more)."""

    def __init__(
        self,
        glossary: Glossary,
        names: NameTables | None = None,
        search: SearchTables | None = None,
    ) -> None:
        self.glossary = glossary
        self._search = search
        self._names_built = names is not None
        self._labels: dict[str, list[str]] = defaultdict(list)
        self._others: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._folded: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._choices: list[str] = []
        self._owners: list[tuple[str, str]] = []
        if names is not None:
            self._labels, self._others, self._folded, self._choices, self._owners = names
        self._choice_words: dict[str, list[int]] | None = None
        self._sorted_choices: list[str] | None = None
        self._mention_names: NameGroups | None = None

    @property
    def info(self) -> GlossaryInfo:
        return self.glossary.info

    @property
    def parts(self) -> tuple[GlossaryInfo, ...]:
        return self.glossary.parts

    @property
    def themes(self) -> tuple[Theme, ...]:
        return self.glossary.themes

    def __len__(self) -> int:
        return len(self.glossary)

    def get(self, term_id: str) -> Term | None:
        return self.glossary.get(term_id)

    def __getitem__(self, term_id: str) -> Term:
        return self.glossary[term_id]

    def theme(self, theme_id: str) -> Theme | None:
        return self.glossary.theme(theme_id)

    def theme_counts(self) -> dict[str, int]:
        counts = dict.fromkeys((theme.id for theme in self.glossary.themes), 0)
        for term in self.glossary:
            for theme_id in dict.fromkeys(term.themes):
                if theme_id in counts:
                    counts[theme_id] += 1
        return counts

    def sorted_terms(self, theme_id: str | None = None) -> Sequence[Term]:
        glossary = self.glossary
        terms = list(glossary) if theme_id is None else glossary.terms_of_theme(theme_id)
        return sorted(terms, key=lambda term: sort_key(term.label))

    def names(self) -> MemoryIndex:
        return self

    def mention_names(self) -> NameGroups:
        if self._mention_names is None:
            from esslex.find.mentions import group_names

            self._mention_names = group_names(self.glossary.terms)
        return self._mention_names

    def whole(self) -> Glossary:
        return self.glossary

    def search_text(self) -> MemoryIndex:
        return self

    def _build_names(self) -> None:
        if self._names_built:
            return
        for term in self.glossary:
            for name, is_label in lookup_names(term):
                if is_label:
                    self._labels[nfc(name)].append(term.id)
                else:
                    self._others[nfc(name)].append((term.id, name))
                key = fold_key(name)
                if key:
                    self._folded[key].append((term.id, name))
                    self._choices.append(key)
                    self._owners.append((term.id, name))
        self._names_built = True

    def name_tables(self) -> NameTables:
        self._build_names()
        return (
            dict(self._labels),
            dict(self._others),
            dict(self._folded),
            self._choices,
            self._owners,
        )

    def labels_exactly(self, name: str) -> list[str]:
        self._build_names()
        return self._labels.get(name, [])

    def other_names_exactly(self, name: str) -> list[tuple[str, str]]:
        self._build_names()
        return self._others.get(name, [])

    def names_folded(self, key: str) -> list[tuple[str, str]]:
        self._build_names()
        return self._folded.get(key, [])

    def choices(self) -> Sequence[str]:
        self._build_names()
        return self._choices

    def sorted_choices(self) -> Sequence[str]:
        if self._sorted_choices is None:
            self._sorted_choices = [sorted_words(choice) for choice in self.choices()]
        return self._sorted_choices

    def choice_owner(self, position: int) -> tuple[str, str]:
        self._build_names()
        return self._owners[position]

    def _words(self) -> dict[str, list[int]]:
        if self._choice_words is None:
            self._choice_words = defaultdict(list)
            for position, choice in enumerate(self.choices()):
                for word in dict.fromkeys(choice.split()):
                    self._choice_words[word].append(position)
        return self._choice_words

    def choice_vocabulary(self) -> Sequence[str]:
        return list(self._words())

    def choices_with_word(self, word: str) -> Sequence[int]:
        return self._words().get(word, [])

    def search_tables(self) -> SearchTables:
        if self._search is None:
            folder = WordFolder(fold)  # definitions share most of their words
            candidates = (
                search_candidate(position, term, folder)
                for position, term in enumerate(self.glossary.terms)
            )
            self._search = [(dict(c.fields), c.names) for c in candidates]
        return self._search

    def search_candidates(self, words: Sequence[str]) -> Iterator[SearchCandidate]:
        for position, (fields, names) in enumerate(self.search_tables()):
            yield SearchCandidate(position, fields, names)

    def entries_at(self, positions: Sequence[int]) -> dict[int, Term]:
        terms = self.glossary.terms
        return {position: terms[position] for position in positions}


def index_of(glossary: Glossary | GlossaryIndex) -> GlossaryIndex:
    """The index of a loaded glossary, built once and kept with it while it lives (a
    command asks many questions of the same one: selection, import); an index as it is."""
    if not isinstance(glossary, Glossary):
        return glossary
    index = glossary.derived.get(MemoryIndex)
    if not isinstance(index, MemoryIndex):
        index = glossary.derived[MemoryIndex] = MemoryIndex(glossary)
    return index
