"""Glossary ↔ plain data: the shape of glossary files and of JSON output."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from json import dumps
from typing import Any

from esslex.glossary.model import (
    SOURCE_FIELDS,
    Equivalent,
    Glossary,
    GlossaryInfo,
    Rights,
    Source,
    Term,
    Theme,
)

# Version of the JSON shapes printed by --json and `export --format json`.
# 2: sources gained version, note, rights, licence, licence_url; entries gained rights;
# the glossary gained origins.
# 3: sources gained identifier, in_force_since, amended_by, checked, read_in; entries gained
# editorial_notes.
# 4: entries gained jurisdictions and equivalents ({lang, label, source, url}).
SCHEMA_VERSION = 4


def source_to_dict(source: Source) -> dict[str, Any]:
    """The source's fields that are set, dates as ISO strings, `read_in` as a table."""
    data: dict[str, Any] = {"title": source.title}
    for key in SOURCE_FIELDS[1:]:
        value = getattr(source, key)
        if value is not None:
            data[key] = value
    if source.read_in is not None:
        data["read_in"] = {
            key: value for key, value in zip(("title", "url"), source.read_in, strict=True) if value
        }
    return data


def source_to_file_dict(source: Source) -> dict[str, Any]:
    """The source as a `[[term.sources]]` table: its dates written as TOML dates."""
    data = source_to_dict(source)
    for key in ("in_force_since", "checked"):
        if key in data:
            data[key] = datetime.date.fromisoformat(data[key])
    return data


def rights_to_dict(rights: Rights) -> dict[str, str]:
    """The rights as a table, empty fields left out (a glossary file's shape)."""
    data = {"rights": rights.statement, "licence": rights.licence}
    data["licence_url"] = rights.licence_url
    data["author"] = rights.author
    return {key: value for key, value in data.items() if value}


def rights_to_json(rights: Rights) -> dict[str, str | None]:
    """The stable JSON shape of an entry's rights: every key, null when unknown."""
    return {
        "statement": rights.statement or None,
        "licence": rights.licence or None,
        "licence_url": rights.licence_url or None,
        "author": rights.author or None,
    }


def term_to_file_dict(term: Term) -> dict[str, Any]:
    """The entry as a `[[term]]` table of a glossary file (empty fields left out)."""
    data: dict[str, Any] = {"id": term.id, "label": term.label}
    for key in ("alt_labels", "hidden_labels", "themes", "jurisdictions"):
        if getattr(term, key):
            data[key] = list(getattr(term, key))
    data["definition"] = term.definition
    if term.notes:
        data["notes"] = list(term.notes)
    if term.related:
        data["related"] = list(term.related)
    if term.broader:
        data["broader"] = list(term.broader)
    if term.origin:
        data["origin"] = term.origin
    if term.editorial_notes:
        data["editorial_notes"] = list(term.editorial_notes)
    if term.annotate:
        data["annotate"] = term.annotate
    if term.sources:
        data["sources"] = [source_to_file_dict(source) for source in term.sources]
    if term.equivalents:
        data["equivalents"] = [equivalent_to_dict(item, file=True) for item in term.equivalents]
    return data


def equivalent_to_dict(equivalent: Equivalent, file: bool = False) -> dict[str, str | None]:
    """`{lang, label, source, url}`: in JSON `url` is null when unknown; in a glossary
    file it is left out."""
    data: dict[str, str | None] = equivalent._asdict()
    if not equivalent.url:
        if file:
            del data["url"]
        else:
            data["url"] = None
    return data


def info_to_dict(info: GlossaryInfo) -> dict[str, Any]:
    data: dict[str, Any] = {"id": info.id, "title": info.title, "language": info.language}
    for key in ("version", "publishers", "description", "licence"):
        value = getattr(info, key)
        if value:
            data[key] = list(value) if isinstance(value, tuple) else value
    if info.origins:
        data["origins"] = {origin: rights_to_dict(rights) for origin, rights in info.origins}
    return data


def theme_to_dict(theme: Theme) -> dict[str, Any]:
    data = {"id": theme.id, "label": theme.label}
    if theme.description:
        data["description"] = theme.description
    return data


def glossary_to_document(glossary: Glossary) -> dict[str, Any]:
    """A document that, written as TOML, loads back into an equal glossary."""
    return {
        "glossary": info_to_dict(glossary.info),
        "theme": [theme_to_dict(theme) for theme in glossary.themes],
        "term": [term_to_file_dict(term) for term in glossary.terms],
    }


def term_to_json(term: Term) -> dict[str, Any]:
    """The stable JSON shape of an entry (documented in the README)."""
    return {
        "id": term.id,
        "label": term.label,
        "alt_labels": list(term.alt_labels),
        "hidden_labels": list(term.hidden_labels),
        "themes": list(term.themes),
        "definition": term.definition,
        "notes": list(term.notes),
        "sources": [source_to_dict(source) for source in term.sources],
        "related": list(term.related),
        "broader": list(term.broader),
        "narrower": list(term.narrower),
        "origin": term.origin,
        "rights": rights_to_json(term.rights),
        "glossary": term.glossary,
        "editorial_notes": list(term.editorial_notes),
        "annotate": term.annotate or "always",
        "jurisdictions": list(term.jurisdictions),
        "equivalents": [equivalent_to_dict(item) for item in term.equivalents],
    }


def json_array_lines(
    items: Sequence[Any],
    convert: Callable[[Any], Any] = lambda item: item,
    chunk: int = 1000,
) -> Iterator[str]:
    """The text of `json.dumps([convert(item) for item in items], ensure_ascii=False,
    indent=2)`, made `chunk` items at a time (`json.dumps` indents the items of a list
    alike), in pieces to write each followed by a line break: a large list is never
    converted whole."""
    if not items:
        yield "[]"
        return
    yield "["
    for start in range(0, len(items), chunk):
        part = [convert(item) for item in items[start : start + chunk]]
        text = dumps(part, ensure_ascii=False, indent=2)[2:-2]  # without "[\n" and "\n]"
        yield text + ("," if start + chunk < len(items) else "")
    yield "]"
