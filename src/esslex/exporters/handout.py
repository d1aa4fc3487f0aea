"""What a handout shows, built once for the Markdown, HTML, PDF and DOCX renderers.

Sections (by theme or by letter), entries with their paragraphs and lists, links between
exported entries (plain text for the others), sources, an A–Z index in French order where
alternative labels point to their entry, and a bibliography without repeats.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from esslex.exporters import ExportOptions
from esslex.exporters.printable import line, printable_selection
from esslex.model import Source, Term, Theme
from esslex.normalize import fold, sort_key
from esslex.selection import Selection, describe
from esslex.textblocks import Block, split_blocks

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_date(day: datetime.date) -> str:
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS[day.month - 1]} {day.year}"


# Characters an address cannot hold unencoded (RFC 3986), which RDF writers refuse.
_NOT_IN_URL = re.compile(r'[\s<>"{}|\\^`\x00-\x1f\x7f]')


def web_url(url: str | None) -> str | None:
    """The URL if it is an http(s) address; any other scheme is never made a link."""
    if not url:
        return None
    url = url.strip()
    if _NOT_IN_URL.search(url):
        return None  # spaces, quotes, brackets, controls: not an address any reader takes
    parts = urlsplit(url)
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url
    return None


def entry_anchor(term_id: str) -> str:
    return f"terme-{term_id}"


@dataclass(frozen=True)
class Link:
    """A mention of an entry: `anchor` is None when the entry is not in the handout."""

    label: str
    anchor: str | None


@dataclass(frozen=True)
class SourceView:
    title: str
    details: tuple[str, ...]  # article, version, author, publisher, year, in that order
    url: str | None  # shown as text
    link: str | None  # the same URL when it may be a link (http or https)

    @property
    def text(self) -> str:
        parts = [self.title, *self.details]
        if self.url:
            parts.append(self.url)
        return ", ".join(parts)


def source_view(source: Source, with_article: bool = True) -> SourceView:
    details: list[str] = []
    if source.article and with_article:
        details.append(f"article {source.article}")
    if source.version and with_article:
        # The version belongs to the passage cited, like the article.
        details.append(source.version)
    for extra in (source.author, source.publisher, source.year):
        if extra:
            details.append(str(extra))
    return SourceView(source.title, tuple(details), source.url, web_url(source.url))


@dataclass(frozen=True)
class Relation:
    name: str  # "Terme générique", "Voir aussi"…
    links: tuple[Link, ...]


@dataclass(frozen=True)
class EntryView:
    id: str
    anchor: str
    label: str
    alt_labels: tuple[str, ...]
    blocks: tuple[Block, ...]
    notes: tuple[str, ...]
    relations: tuple[Relation, ...]
    sources: tuple[SourceView, ...]
    themes: tuple[str, ...]  # theme labels, shown when grouping by letter


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    description: str
    entries: tuple[EntryView, ...]
    # Entries of this theme printed in another section.
    elsewhere: tuple[Link, ...] = ()


@dataclass(frozen=True)
class IndexItem:
    text: str
    anchor: str
    see: str | None = None  # the entry's label, when `text` is an alternative label


@dataclass(frozen=True)
class IndexLetter:
    letter: str
    items: tuple[IndexItem, ...]


@dataclass(frozen=True)
class Handout:
    title: str
    subtitle: str  # the glossary's title when --title gives the session's own
    publishers: tuple[str, ...]
    version: str
    date: str
    scope: str  # "18 entrées", "7 entrées sur 18 — thème Transitions"
    description: str
    licence: str
    language: str
    group_by: str
    sections: tuple[Section, ...]
    index: tuple[IndexLetter, ...]
    bibliography: tuple[SourceView, ...]

    @property
    def entries(self) -> list[EntryView]:
        return [entry for section in self.sections for entry in section.entries]

    @property
    def meta_line(self) -> str:
        """ "Version 1.0.0 · 26 novembre 2026 · 18 entrées"."""
        parts = []
        if self.version:
            parts.append(f"Version {self.version}")
        parts.append(self.date)
        parts.append(self.scope)
        return " · ".join(parts)


def _links(selection: Selection, ids: Sequence[str]) -> tuple[Link, ...]:
    links = [
        Link(
            selection.label(term_id), entry_anchor(term_id) if selection.exported(term_id) else None
        )
        for term_id in ids
    ]
    return tuple(sorted(links, key=lambda link: sort_key(link.label)))


def entry_view(term: Term, selection: Selection) -> EntryView:
    relations = []
    for name, plural, ids in (
        ("Terme générique", "Termes génériques", term.broader),
        ("Terme spécifique", "Termes spécifiques", term.narrower),
        ("Voir aussi", "Voir aussi", term.related),
    ):
        if ids:
            relations.append(Relation(name if len(ids) == 1 else plural, _links(selection, ids)))
    alt_labels = tuple(label for label in term.alt_labels if fold(label) != fold(term.label))
    themes = tuple(
        theme.label for theme_id in term.themes if (theme := selection.source.theme(theme_id))
    )
    return EntryView(
        id=term.id,
        anchor=entry_anchor(term.id),
        label=term.label,
        alt_labels=alt_labels,
        blocks=tuple(split_blocks(term.definition)),
        notes=term.notes,
        relations=tuple(relations),
        sources=tuple(source_view(source) for source in term.sources),
        themes=themes,
    )


def _ordered_themes(selection: Selection) -> list[Theme]:
    """The themes asked for first, in the order given, then the others in glossary order."""
    themes = list(selection.themes)
    for theme in selection.source.themes:
        if theme not in themes and selection.glossary.terms_of_theme(theme.id):
            themes.append(theme)
    return themes


def _by_label(terms: Sequence[Term]) -> list[Term]:
    return sorted(terms, key=lambda term: sort_key(term.label))


def _initial(text: str) -> str:
    folded = fold(text)
    first = folded[:1].upper()
    return first if first.isalpha() else "#"


def _primary_theme(term: Term, selection: Selection) -> str | None:
    """The section an entry is printed in: its first asked theme, else its first theme."""
    known = [theme_id for theme_id in term.themes if selection.source.theme(theme_id)]
    asked = [theme_id for theme_id in known if any(t.id == theme_id for t in selection.themes)]
    chosen = asked or known
    return chosen[0] if chosen else None


def _theme_sections(selection: Selection) -> list[Section]:
    views = {term.id: entry_view(term, selection) for term in selection.glossary}
    primary = {term.id: _primary_theme(term, selection) for term in selection.glossary}
    asked = set(selection.themes)
    sections: list[Section] = []
    for theme in _ordered_themes(selection):
        members = _by_label(selection.glossary.terms_of_theme(theme.id))
        here = [term for term in members if primary[term.id] == theme.id]
        # A theme that was not asked for only gathers the entries --with-related added.
        elsewhere = tuple(
            Link(term.label, entry_anchor(term.id))
            for term in members
            if primary[term.id] != theme.id and (not asked or theme in asked)
        )
        if here or elsewhere:
            sections.append(
                Section(
                    f"theme-{theme.id}",
                    theme.label,
                    theme.description,
                    tuple(views[term.id] for term in here),
                    elsewhere,
                )
            )
    others = [term for term in _by_label(selection.glossary.terms) if primary[term.id] is None]
    if others:
        sections.append(
            Section("autres-entrees", "Autres entrées", "", tuple(views[t.id] for t in others))
        )
    return sections


def _letter_sections(selection: Selection) -> list[Section]:
    letters: dict[str, list[EntryView]] = {}
    for term in _by_label(selection.glossary.terms):
        letters.setdefault(_initial(term.label), []).append(entry_view(term, selection))
    return [
        Section(f"lettre-{letter}", letter, "", tuple(entries))
        for letter, entries in letters.items()
    ]


def _index(selection: Selection) -> tuple[IndexLetter, ...]:
    items: list[IndexItem] = []
    for term in selection.glossary:
        anchor = entry_anchor(term.id)
        items.append(IndexItem(term.label, anchor))
        for label in dict.fromkeys(term.alt_labels):
            if fold(label) != fold(term.label):
                items.append(IndexItem(label, anchor, term.label))
    items.sort(key=lambda item: (sort_key(item.text), item.see or ""))
    letters: dict[str, list[IndexItem]] = {}
    for item in items:
        letters.setdefault(_initial(item.text), []).append(item)
    return tuple(IndexLetter(letter, tuple(group)) for letter, group in letters.items())


def _bibliography(selection: Selection) -> tuple[SourceView, ...]:
    # One line per work: the articles cited from it are given under each entry.
    works: dict[tuple[object, ...], SourceView] = {}
    for term in selection.glossary:
        for source in term.sources:
            key = (
                fold(source.title),
                fold(source.author or ""),
                fold(source.publisher or ""),
                source.year,
                (source.url or "").strip(),
            )
            works.setdefault(key, source_view(source, with_article=False))
    return tuple(sorted(works.values(), key=lambda view: sort_key(view.text)))


def _scope(selection: Selection) -> str:
    scope = describe(selection)
    if selection.themes:
        labels = ", ".join(theme.label for theme in selection.themes)
        noun = "thème" if len(selection.themes) == 1 else "thèmes"
        scope += f" — {noun}\u00a0: {labels}"
    return scope


def build(selection: Selection, options: ExportOptions) -> Handout:
    # Untrusted text: no control character reaches a page (and DOCX's XML refuses them).
    selection = printable_selection(selection)
    info = selection.glossary.info
    title = line(options.title or "").strip() or info.title
    subtitle = info.title if title != info.title else ""
    sections = (
        _letter_sections(selection) if options.group_by == "alpha" else _theme_sections(selection)
    )
    return Handout(
        title=title,
        subtitle=subtitle,
        publishers=info.publishers,
        version=info.version,
        date=french_date(options.date),
        scope=_scope(selection),
        description=info.description,
        licence=info.licence,
        language=info.language or "fr",
        group_by=options.group_by,
        sections=tuple(sections),
        index=_index(selection),
        bibliography=_bibliography(selection),
    )
