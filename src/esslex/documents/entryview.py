"""One entry as a reader sees it: the one model that `define`, handouts and the page show.

Names, text blocks, notes, relations and sources, each string put through the text rule of
the medium (one clean line on a terminal: `terminal_view`; French typography and links in a
document: `document_view`); the renderers only lay it out and escape it for their format.
No Rich, no exporter: `define` imports it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from esslex.glossary.model import Source, Term
from esslex.glossary.paths import bundled_path
from esslex.glossary.places import language_name, places_text
from esslex.text.normalize import fold, sort_key, strip_controls
from esslex.text.textblocks import Block, ItemList, ListItem, Paragraph, split_blocks
from esslex.text.typography import french_spacing, french_typography

if TYPE_CHECKING:  # only their methods are called: `define` imports no selection
    from esslex.find.index import GlossaryIndex
    from esslex.find.selection import Selection

# Characters an address cannot hold unencoded (RFC 3986), which RDF writers refuse.
_NOT_IN_URL = re.compile(r'[\s<>"{}|\\^`\x00-\x1f\x7f]')


def web_url(url: str | None) -> str | None:
    """The URL if it is an http(s) address; any other scheme is never made a link."""
    if not url:
        return None
    url = url.strip()
    if _NOT_IN_URL.search(url):
        return None  # spaces, quotes, brackets, controls: not an address any reader takes
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url
    return None


def entry_anchor(term_id: str) -> str:
    return f"terme-{term_id}"


class Link(NamedTuple):
    """A mention of an entry: `anchor` is None when the entry is not in the document."""

    label: str
    anchor: str | None


class Relation(NamedTuple):
    name: str  # "Terme générique", "Voir aussi"…
    links: tuple[Link, ...]


class SourceView(NamedTuple):
    title: str
    details: tuple[str, ...]  # article, version, author, publisher, year, in that order
    url: str | None  # shown as text
    link: str | None  # the same URL when it may be a link (http or https)
    # What a reader needs beside a definition, the link aside: « Code du travail,
    # art. L5132-1 (version du 3 décembre 2008) »; the bibliography gives the rest.
    short: str = ""

    @property
    def text(self) -> str:
        parts = [self.title, *self.details]
        if self.url:
            parts.append(self.url)
        return ", ".join(parts)


def source_view(
    source: Source, with_article: bool = True, text: Callable[[str], str] = french_typography
) -> SourceView:
    details: list[str] = []
    if source.article and with_article:
        details.append(text(f"article {source.article}"))
    version = source.version_text()
    if version and with_article:
        # The version belongs to the passage cited, like the article.
        details.append(text(version))
    for extra in (source.author, source.publisher, source.year):
        if extra:
            details.append(text(str(extra)))
    return SourceView(
        text(source.title),
        tuple(details),
        source.url,
        web_url(source.url),
        text(source.short_citation()),
    )


class EquivalentView(NamedTuple):
    language: str  # « anglais »
    label: str
    source: str  # the text that gives it
    lang: str = ""  # its BCP 47 tag, for a document's `lang` attribute

    @property
    def text(self) -> str:
        return f"{self.language} «\u00a0{self.label}\u00a0»"


class EntryView(NamedTuple):
    id: str
    label: str
    alt_labels: tuple[str, ...]  # without those that only repeat the label
    themes: tuple[str, ...]  # theme labels
    blocks: tuple[Block, ...]
    notes: tuple[str, ...]
    relations: tuple[Relation, ...]
    sources: tuple[SourceView, ...]
    origin: str  # where the text comes from: « texte du Glossaire DEVISUS »…
    glossary: str  # the file of the entry's glossary, when it is not the bundled one
    # The rights a source declares over the text the entry reproduces (a Wikipédia article
    # under CC BY-SA), with the licence's address: a reader must be told. Empty otherwise.
    rights: str = ""
    # Where the definition holds (« France », « Wallonie »), and the entry's names in other
    # languages.
    places: str = ""
    equivalents: tuple[EquivalentView, ...] = ()
    # For trainers and maintainers only: the editorial notes, and where a source was read.
    editorial: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        return entry_anchor(self.id)


def meta_lines(view: EntryView) -> list[str]:
    """The entry's names in other languages and where it holds, a line each (documents)."""
    lines = []
    if view.equivalents:
        lines.append("Équivalents\u00a0: " + ", ".join(item.text for item in view.equivalents))
    if view.places:
        lines.append("Portée\u00a0: " + view.places)
    return lines


def origin_text(term: Term) -> str:
    if term.origin == "devisus":
        return "texte du Glossaire DEVISUS"
    if term.origin == "esslex":
        return "rédigé pour esslex (ne provient pas du Glossaire DEVISUS)"
    return term.origin


def entry_view(
    term: Term,
    *,
    label_of: Callable[[str], str | None],
    theme_label: Callable[[str], str | None],
    anchor_of: Callable[[str], str | None] = lambda term_id: None,
    text: Callable[[str], str] = french_typography,
    notes: bool = True,
    sources: bool = True,
    bundled: str = "",
) -> EntryView:
    """The view of `term`. `label_of` names a related entry (None: left out), `theme_label`
    a theme, `anchor_of` where a related entry is in the document (None: not there);
    `text` is the medium's rule for every string shown; `bundled` the bundled glossary's
    path, which is not named."""
    relations = []
    for singular, plural, ids in (
        ("Terme générique", "Termes génériques", term.broader),
        ("Terme spécifique", "Termes spécifiques", term.narrower),
        ("Voir aussi", "Voir aussi", term.related),
    ):
        labels = ((label_of(term_id), term_id) for term_id in ids)
        links = sorted(
            (Link(text(label), anchor_of(term_id)) for label, term_id in labels if label),
            key=lambda link: sort_key(link.label),
        )
        if links:
            relations.append(Relation(singular if len(links) == 1 else plural, tuple(links)))
    themes = (theme_label(theme_id) for theme_id in term.themes)
    # The label, and the label without the qualifier that tells it from a namesake
    # (« Association sans but lucratif (Belgique) »): an alternative label repeating
    # either is not shown.
    shown_names = {fold(term.label), fold(term.label.rsplit(" (", 1)[0])}
    return EntryView(
        id=term.id,
        label=text(term.label),
        alt_labels=tuple(text(a) for a in term.alt_labels if fold(a) not in shown_names),
        themes=tuple(text(label) for label in themes if label),
        blocks=tuple(_typeset(block, text) for block in split_blocks(term.definition)),
        notes=tuple(text(note) for note in term.notes) if notes else (),
        relations=tuple(relations),
        sources=tuple(source_view(s, text=text) for s in term.sources) if sources else (),
        origin=text(origin_text(term)) if term.origin else "",
        glossary=text(term.glossary) if term.glossary and term.glossary != bundled else "",
        rights=text(rights_notice(term)),
        places=text(places_text(term.jurisdictions)),
        equivalents=tuple(
            EquivalentView(language_name(item.lang), text(item.label), text(item.source), item.lang)
            for item in term.equivalents
        ),
    )


def editorial_texts(term: Term) -> list[str]:
    """The entry's editorial notes, then where each source was read when not at its
    address (« Code du travail : lu dans Légifrance, https://… »), never shown to readers."""
    texts = list(term.editorial_notes)
    for source in term.sources:
        if source.read_in is not None:
            where = ", ".join(part for part in source.read_in if part)
            texts.append(f"{source.title}\u00a0: lu dans {where}")
    return texts


def rights_notice(term: Term) -> str:
    """« Contributeurs de Wikipédia…, licence CC BY-SA 4.0 (adresse) » when a source of
    the entry declares the rights over its text; empty for an origin's own texts."""
    if not any(source.declares_rights for source in term.sources):
        return ""
    rights = term.rights
    return rights.text() + (f" ({rights.licence_url})" if rights.licence_url else "")


def _typeset(block: Block, text: Callable[[str], str]) -> Block:
    if isinstance(block, Paragraph):
        return Paragraph(text(block.text))
    return ItemList(tuple(ListItem(text(item.marker), text(item.text)) for item in block.items))


# Runs of white space, but not the no-break spaces that French typography put there.
_SPACE_RUN = re.compile(r"[^\S\u00a0\u202f\u2007]+")


def clean_line(text: str) -> str:
    """The terminal's text rule: untrusted text made safe and tidy for one display line."""
    # Spaces first: a line break inside a note or a label separates two words.
    text = strip_controls(_SPACE_RUN.sub(" ", text), keep_newlines=False)
    return french_spacing(_SPACE_RUN.sub(" ", text).strip())


def terminal_view(
    term: Term,
    glossary: GlossaryIndex,
    anchor_of: Callable[[str], str | None] = lambda term_id: None,
) -> EntryView:
    """The entry as `define` shows it: every string one clean line; `anchor_of` where a
    related entry is (`browse` follows links by id; `define` has none)."""

    def label_of(term_id: str) -> str | None:
        related = glossary.get(term_id)
        return related.label if related is not None else None

    def theme_label(theme_id: str) -> str | None:
        theme = glossary.theme(theme_id)
        return theme.label if theme is not None else None

    return entry_view(
        term,
        label_of=label_of,
        theme_label=theme_label,
        anchor_of=anchor_of,
        text=clean_line,
        bundled=str(bundled_path()),
    )


@dataclass(frozen=True)
class Content:
    """What each entry of a document shows (--no-notes, --no-sources; a participants'
    handout: `one_source`)."""

    notes: bool = True
    sources: bool = True
    one_source: bool = False  # the source a reader follows, on one short line
    editorial: bool = False  # the editorial notes and copies read (trainers)


def main_source(sources: tuple[SourceView, ...]) -> tuple[SourceView, ...]:
    """The one source a participant is shown: the first with a web link (the official
    text, the page read), else the first."""
    linked = [source for source in sources if source.link]
    return tuple(linked or sources)[:1]


def document_view(term: Term, selection: Selection, content: Content = Content()) -> EntryView:
    """The entry in a document (handouts, the page, cards): links to the entries it exports,
    French typography."""

    def theme_label(theme_id: str) -> str | None:
        theme = selection.source.theme(theme_id)
        return theme.label if theme is not None else None

    view = entry_view(
        term,
        label_of=selection.label,
        theme_label=theme_label,
        anchor_of=lambda term_id: entry_anchor(term_id) if selection.exported(term_id) else None,
        notes=content.notes,
        sources=content.sources,
    )
    if content.one_source:
        view = view._replace(sources=main_source(view.sources))
    if content.editorial:
        view = view._replace(editorial=tuple(map(french_typography, editorial_texts(term))))
    return view
