"""Glossary text made fit for documents people read: handouts and concept maps.

Glossary files are untrusted. Data formats (JSON, TOML, CSV, SKOS, TBX) carry the text as
it is written; a document keeps nothing that has no meaning on a page: terminal escapes,
control, format and bidi characters, noncharacters (XML, hence DOCX, cannot carry U+FFFE),
and line breaks inside one-line texts such as labels and titles.
"""

from __future__ import annotations

from esslex.find.selection import Selection
from esslex.glossary.model import Glossary, GlossaryInfo, Rights, Source, Term, Theme
from esslex.text.normalize import is_plain, one_line, strip_controls


def line(text: str) -> str:
    """One line of text: line breaks become spaces, invisible characters go."""
    return one_line(text)


def block(text: str) -> str:
    """Paragraphs: line breaks kept, invisible characters gone."""
    return strip_controls(text.replace("\r\n", "\n"))


def _optional(text: str | None) -> str | None:
    return None if text is None else line(text)


def _source(source: Source) -> Source:
    return source._replace(
        title=line(source.title),
        author=_optional(source.author),
        publisher=_optional(source.publisher),
        article=_optional(source.article),
        url=_optional(source.url),
    )


def _is_printable(term: Term) -> bool:
    """Whether `_term` would give the term back unchanged: its one-line texts have no line
    break and none of its texts an invisible character (most entries of most glossaries).
    One search over all its texts, so that a large glossary's entries are not each rebuilt
    when a handout of twenty of them names the others."""
    lines = [term.label, *term.alt_labels, *term.hidden_labels, term.origin, *term.rights]
    for source in term.sources:
        lines += [source.title, source.author or "", source.publisher or "", source.article or ""]
        lines.append(source.url or "")
    return is_plain(" ".join(lines), one_line=True) and is_plain(
        " ".join([term.definition, *term.notes])
    )


def _term(term: Term) -> Term:
    return term if _is_printable(term) else _rebuilt(term)


def _rebuilt(term: Term) -> Term:
    return term._replace(
        label=line(term.label),
        definition=block(term.definition),
        alt_labels=tuple(line(label) for label in term.alt_labels),
        hidden_labels=tuple(line(label) for label in term.hidden_labels),
        notes=tuple(block(note) for note in term.notes),
        sources=tuple(_source(source) for source in term.sources),
        origin=line(term.origin),
        rights=Rights(*(line(value) for value in term.rights)),
    )


def _theme(theme: Theme) -> Theme:
    return theme._replace(label=line(theme.label), description=block(theme.description))


def _info(info: GlossaryInfo) -> GlossaryInfo:
    return info._replace(
        title=line(info.title),
        version=line(info.version),
        publishers=tuple(line(name) for name in info.publishers),
        description=block(info.description),
        licence=block(info.licence),
    )


def _glossary(glossary: Glossary) -> Glossary:
    return Glossary(
        _info(glossary.info),
        tuple(_theme(theme) for theme in glossary.themes),
        tuple(_term(term) for term in glossary.terms),
        tuple(_info(part) for part in glossary.parts),
        glossary.overrides,
    )


def printable_selection(selection: Selection) -> Selection:
    """The same selection, every text of the entries, themes and glossary made printable."""
    return Selection(
        _glossary(selection.glossary),
        _glossary(selection.source),
        tuple(_theme(theme) for theme in selection.themes),
        selection.complete,
        selection.asked,
    )
