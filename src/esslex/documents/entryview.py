"""One entry as a reader sees it, built once for the terminal and for every document.

Names, text blocks, notes, relations and sources, each string put through the text rule of
the medium (one clean line on a terminal, French typography in a document); the renderers
lay it out and escape it for their format. No Rich, no exporter: `define` imports it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from esslex.glossary.model import Source, Term
from esslex.text.normalize import fold, sort_key
from esslex.text.textblocks import Block, ItemList, ListItem, Paragraph, split_blocks
from esslex.text.typography import french_typography

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
    return SourceView(text(source.title), tuple(details), source.url, web_url(source.url))


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

    @property
    def anchor(self) -> str:
        return entry_anchor(self.id)


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
    return EntryView(
        id=term.id,
        label=text(term.label),
        alt_labels=tuple(text(a) for a in term.alt_labels if fold(a) != fold(term.label)),
        themes=tuple(text(label) for label in themes if label),
        blocks=tuple(_typeset(block, text) for block in split_blocks(term.definition)),
        notes=tuple(text(note) for note in term.notes) if notes else (),
        relations=tuple(relations),
        sources=tuple(source_view(s, text=text) for s in term.sources) if sources else (),
        origin=text(origin_text(term)) if term.origin else "",
        glossary=text(term.glossary) if term.glossary and term.glossary != bundled else "",
    )


def _typeset(block: Block, text: Callable[[str], str]) -> Block:
    if isinstance(block, Paragraph):
        return Paragraph(text(block.text))
    return ItemList(tuple(ListItem(text(item.marker), text(item.text)) for item in block.items))
