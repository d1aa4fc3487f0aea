"""What a handout shows, built once for the Markdown, HTML, PDF and DOCX renderers.

Sections (by theme or by letter), entries with their paragraphs and lists, links between
exported entries (plain text for the others), sources, an A–Z index in French order where
alternative labels point to their entry, and a bibliography without repeats.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from esslex.documents.branding import Credits, Logo, credits
from esslex.documents.entryview import (
    Content,
    EntryView,
    Link,
    SourceView,
    document_view,
    entry_anchor,
    source_view,
)
from esslex.documents.options import ExportOptions
from esslex.documents.printable import line, printable_selection
from esslex.find.selection import Selection, describe
from esslex.glossary.model import Term, Theme
from esslex.glossary.paths import bundled_path
from esslex.text.normalize import fold, sort_key
from esslex.text.textblocks import Paragraph, split_blocks
from esslex.text.typography import french_typography

# Every text a reader sees goes through the French typography rule (the data does not).
_t = french_typography


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
class FicheRow:
    """One line of the one-table layout: the term and the first sentence of its definition."""

    label: str
    summary: str
    themes: tuple[str, ...]


@dataclass(frozen=True)
class CreditView:
    title: str
    details: str  # version, publishers, number of entries
    rights: tuple[str, ...]  # « Écosystème : Contributeurs de Wikipédia…, licence CC BY-SA 4.0 »


@dataclass(frozen=True)
class Handout:
    title: str
    subtitle: str
    organisation: str
    author: str
    logo: Logo | None
    document_licence: str  # the document's own licence (--licence), not the glossaries'
    date: str
    scope: str  # "18 entrées", "7 entrées sur 18 — thème : Transitions"
    description: str
    credits: Credits
    language: str
    order: str  # "theme", "label" or "given"
    sections: tuple[Section, ...]
    index: tuple[IndexLetter, ...]  # empty with --no-index
    bibliography: tuple[SourceView, ...]  # empty with --no-sources
    table_of_contents: bool = True
    one_per_page: bool = False
    fiche: tuple[FicheRow, ...] = ()  # --layout fiche: this table instead of the sections
    keywords: tuple[str, ...] = ()  # theme labels, for the file's metadata
    created: str = ""  # ISO date of the file, for its metadata
    qr_url: str = ""  # the published page, printed as a QR code on the cover (--qr)

    @property
    def entries(self) -> list[EntryView]:
        return [entry for section in self.sections for entry in section.entries]

    @property
    def show_themes(self) -> bool:
        """Each entry names its themes when the sections are not themes."""
        return self.order != "theme"

    @property
    def publishers(self) -> tuple[str, ...]:
        """The publishers of the glossaries the entries come from."""
        return self.credits.publishers

    @property
    def version(self) -> str:
        """The glossary's version, when the entries come from one glossary."""
        glossaries = self.credits.glossaries
        return glossaries[0].version if len(glossaries) == 1 else ""

    @property
    def licence(self) -> str:
        """The rights of the texts, one line per group of entries."""
        return "\n".join(line for credit in self.credit_entries for line in credit.rights)

    @property
    def meta_line(self) -> str:
        """ "Marie Dupont · 12 mars 2027 · 18 entrées"."""
        return " · ".join(part for part in (self.author, self.date, self.scope) if part)

    @property
    def creator(self) -> str:
        """Who the file's metadata names as author: the trainer, the organisation, else the
        publishers of the glossaries exported."""
        return self.author or self.organisation or _t(", ".join(self.credits.publishers))

    @property
    def origin_line(self) -> str:
        """The cover's line on who wrote the texts, computed from the entries: « esslex (27
        entrées, licence MIT) ; Glossaire DEVISUS (2 entrées, © Apes, …) »."""
        return _t(self.credits.authors_line)

    @property
    def document_line(self) -> str:
        """Who made this document and under which licence, from the branding."""
        parts = [part for part in (self.organisation, self.author) if part]
        text = ", ".join(parts)
        if self.document_licence:
            text += (". " if text else "") + f"Licence du document\u00a0: {self.document_licence}"
        return text + "." if text else ""

    @property
    def credit_entries(self) -> list[CreditView]:
        """One paragraph per glossary the texts come from: name, version, publishers, rights."""
        views = []
        for credit in self.credits.glossaries:
            details = []
            if credit.version:
                details.append(f"version {credit.version}")
            if credit.publishers:
                details.append("éditeurs\u00a0: " + ", ".join(credit.publishers))
            noun = "entrée" if credit.entries == 1 else "entrées"
            details.append(f"{credit.entries} {noun} de ce document")
            rights = []
            for group in credit.rights:
                if not group.text:
                    continue  # a glossary that states no rights: nothing to print, no dash
                text = group.text + (f" ({group.licence_url})" if group.licence_url else "")
                if group.entries:
                    text = ", ".join(group.entries) + "\u00a0: " + text
                elif len(credit.rights) > 1:
                    text = "Autres entrées\u00a0: " + text
                rights.append(_t(text))
            views.append(CreditView(_t(credit.title), _t(", ".join(details)), tuple(rights)))
        return views

    @property
    def summary(self) -> str:
        """One sentence for the file's metadata (PDF subject, HTML description)."""
        return _t(f"{self.credits.title}\u00a0: {self.scope}")


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


View = Callable[[Term], EntryView]


def _theme_sections(selection: Selection, view: View) -> list[Section]:
    views = {term.id: view(term) for term in selection.glossary}
    primary = {term.id: _primary_theme(term, selection) for term in selection.glossary}
    asked = set(selection.themes)
    sections: list[Section] = []
    for theme in _ordered_themes(selection):
        members = _by_label(selection.glossary.terms_of_theme(theme.id))
        here = [term for term in members if primary[term.id] == theme.id]
        # A theme that was not asked for only gathers the entries --with-related added.
        elsewhere = tuple(
            Link(_t(term.label), entry_anchor(term.id))
            for term in members
            if primary[term.id] != theme.id and (not asked or theme in asked)
        )
        if here or elsewhere:
            sections.append(
                Section(
                    f"theme-{theme.id}",
                    _t(theme.label),
                    _t(theme.description),
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


def _letter_sections(selection: Selection, view: View) -> list[Section]:
    letters: dict[str, list[EntryView]] = {}
    for term in _by_label(selection.glossary.terms):
        letters.setdefault(_initial(term.label), []).append(view(term))
    return [
        Section(f"lettre-{letter}", letter, "", tuple(entries))
        for letter, entries in letters.items()
    ]


def _sections(selection: Selection, view: View, order: str) -> list[Section]:
    if order == "label":
        return _letter_sections(selection, view)
    if order == "given":
        return _given_section(selection, view)
    return _theme_sections(selection, view)


def given_order(selection: Selection) -> list[Term]:
    """The entries in the order asked (--term, --theme), else in the glossary's order."""
    position = {term_id: rank for rank, term_id in enumerate(selection.asked)}
    return sorted(selection.glossary.terms, key=lambda term: position.get(term.id, len(position)))


def _given_section(selection: Selection, view: View) -> list[Section]:
    return [Section("entrees", "Entrées", "", tuple(view(term) for term in given_order(selection)))]


OWN_SECTION = "Nos termes"


def _own_terms(selection: Selection) -> list[Term]:
    """The entries of the user's own glossaries (every file but the bundled one)."""
    bundled = str(bundled_path())
    return [term for term in selection.glossary if term.glossary != bundled]


def _own_section(selection: Selection, view: View, order: str) -> list[Section]:
    """--group-own: the user's own entries first, in one section « Nos termes »."""
    own = _own_terms(selection)
    if not own:
        return []
    if order == "given":
        ids = {term.id for term in own}
        own = [term for term in given_order(selection) if term.id in ids]
    else:
        own = _by_label(own)
    return [Section("nos-termes", OWN_SECTION, "", tuple(view(term) for term in own))]


def _without_own(selection: Selection) -> Selection | None:
    """The selection less the user's own entries (None when nothing is left)."""
    own = {term.id for term in _own_terms(selection)}
    rest = [term.id for term in selection.glossary if term.id not in own]
    if not rest:
        return None
    return replace(selection, glossary=selection.glossary.subset(rest))


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
        typeset = IndexItem(_t(item.text), item.anchor, _t(item.see) if item.see else None)
        letters.setdefault(_initial(item.text), []).append(typeset)
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


def scope_line(selection: Selection) -> str:
    """What a document covers: « 7 entrées sur 18 — thème : Transitions »."""
    scope = describe(selection)
    if selection.themes:
        labels = ", ".join(theme.label for theme in selection.themes)
        noun = "thème" if len(selection.themes) == 1 else "thèmes"
        scope += f" — {noun}\u00a0: {labels}"
    return _t(scope)


# The end of the first sentence: a full stop, "!", "?" or "…" before a capital letter.
_SENTENCE_END = re.compile(r"(?<=[^\W\d]{2}[.!?…])\s+(?=[«“\"(]?[A-ZÀ-ÖØ-Þ])")


def first_sentence(text: str) -> str:
    """The first sentence of a definition, for the one-table layout."""
    blocks = split_blocks(text)
    if not blocks:
        return ""
    first = blocks[0]
    paragraph = first.text if isinstance(first, Paragraph) else first.items[0].text
    sentence = _SENTENCE_END.split(paragraph, maxsplit=1)[0].strip()
    if sentence.endswith(":"):
        # A sentence announcing a list: say that the definition goes on.
        sentence = sentence.rstrip(" :") + "\u00a0…"
    return sentence


def _fiche(selection: Selection, order: str) -> tuple[FicheRow, ...]:
    terms = given_order(selection) if order == "given" else _by_label(selection.glossary.terms)
    return tuple(
        FicheRow(
            _t(term.label),
            _t(first_sentence(term.definition)),
            tuple(
                _t(theme.label)
                for theme_id in term.themes
                if (theme := selection.source.theme(theme_id))
            ),
        )
        for term in terms
    )


def build(selection: Selection, options: ExportOptions) -> Handout:
    # Untrusted text: no control character reaches a page (and DOCX's XML refuses them).
    selection = printable_selection(selection)
    branding = options.branding
    given = credits(selection)
    title = line(branding.title or "").strip() or given.title
    subtitle = line(branding.subtitle or "").strip()
    if not subtitle and title != given.title:
        subtitle = given.title  # the session's title first, then what the texts come from
    trainers = options.audience == "trainers"
    content = Content(
        notes=options.notes,
        sources=options.sources,
        one_source=not trainers,
        editorial=trainers and options.notes,
    )

    def view(term: Term) -> EntryView:
        return document_view(term, selection, content)

    order = options.order
    sections = _own_section(selection, view, order) if options.group_own else []
    rest = _without_own(selection) if sections else selection
    sections += _sections(rest, view, order) if rest is not None else []
    # A handout of one glossary says what it is about; of several, the credits say it.
    files = {part.path: part for part in selection.glossary.parts}
    origins = {files.get(term.glossary, selection.glossary.info) for term in selection.glossary}
    description = origins.pop().description if len(origins) == 1 else ""
    return Handout(
        title=_t(title),
        subtitle=_t(subtitle),
        organisation=_t(line(branding.organisation or "").strip()),
        author=_t(line(branding.author or "").strip()),
        logo=branding.logo,
        document_licence=_t(line(branding.licence or "").strip()),
        date=branding.shown_date(options.date),
        scope=scope_line(selection),
        description=_t(description),
        credits=given,
        language=selection.glossary.info.language or "fr",
        order=order,
        sections=tuple(sections) if options.layout != "fiche" else (),
        index=_index(selection) if options.index and options.layout != "fiche" else (),
        bibliography=_bibliography(selection)
        if options.sources and (trainers or options.bibliography) and options.layout != "fiche"
        else (),
        table_of_contents=options.toc and options.layout != "fiche",
        one_per_page=options.one_per_page,
        fiche=_fiche(selection, order) if options.layout == "fiche" else (),
        keywords=tuple(_t(theme.label) for theme in selection.glossary.themes),
        created=options.date.isoformat(),
        qr_url=options.qr or "",
    )
