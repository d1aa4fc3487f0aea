"""The glossary as frozen data: what the loader builds and every command reads."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    title: str
    author: str | None = None
    publisher: str | None = None
    year: int | None = None
    article: str | None = None
    url: str | None = None

    def citation(self) -> str:
        """One-line citation: author, title, article, publisher, year, address."""
        parts = [self.author] if self.author else []
        parts.append(self.title)
        if self.article:
            parts.append(f"article {self.article}")
        parts.extend(str(extra) for extra in (self.publisher, self.year, self.url) if extra)
        return ", ".join(parts)


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    definition: str
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    related: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    narrower: tuple[str, ...] = ()
    origin: str = ""
    # Path of the glossary file the entry was read from (shown to the user).
    glossary: str = ""


@dataclass(frozen=True)
class GlossaryInfo:
    id: str
    title: str
    language: str = "fr"
    version: str = ""
    publishers: tuple[str, ...] = ()
    description: str = ""
    licence: str = ""
    path: str = ""


@dataclass(frozen=True)
class Glossary:
    """Terms and themes of one or more glossary files, relations resolved."""

    info: GlossaryInfo
    themes: tuple[Theme, ...]
    terms: tuple[Term, ...]
    # Every file that contributed, in load order (the first one gives `info`).
    parts: tuple[GlossaryInfo, ...] = ()
    # (id, overridden file, overriding file) for each entry replaced by a later glossary.
    overrides: tuple[tuple[str, str, str], ...] = ()
    _by_id: dict[str, Term] = field(default_factory=dict, init=False, repr=False, compare=False)
    _themes_by_id: dict[str, Theme] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        self._by_id.update((term.id, term) for term in self.terms)
        self._themes_by_id.update((theme.id, theme) for theme in self.themes)

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def get(self, term_id: str) -> Term | None:
        return self._by_id.get(term_id)

    def __getitem__(self, term_id: str) -> Term:
        return self._by_id[term_id]

    def theme(self, theme_id: str) -> Theme | None:
        return self._themes_by_id.get(theme_id)

    def terms_of_theme(self, theme_id: str) -> list[Term]:
        return [term for term in self.terms if theme_id in term.themes]

    def neighbours(self, term: Term) -> list[Term]:
        """Broader, narrower and related entries, in that order, without repeats."""
        return neighbours(term, self._by_id.get)

    def subset(self, term_ids: Sequence[str]) -> Glossary:
        """The same glossary restricted to these entries (themes kept if used)."""
        wanted = set(term_ids)
        terms = tuple(term for term in self.terms if term.id in wanted)
        used = {theme_id for term in terms for theme_id in term.themes}
        themes = tuple(theme for theme in self.themes if theme.id in used)
        return Glossary(self.info, themes, terms, self.parts, self.overrides)


def neighbours(term: Term, get: Callable[[str], Term | None]) -> list[Term]:
    """Broader, narrower and related entries of `term` found by `get`, without repeats."""
    seen: dict[str, Term] = {}
    for term_id in (*term.broader, *term.narrower, *term.related):
        neighbour = get(term_id)
        if neighbour is not None and neighbour.id != term.id:
            seen.setdefault(neighbour.id, neighbour)
    return list(seen.values())
