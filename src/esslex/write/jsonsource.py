"""Reading esslex's JSON export for an import: themes and entries checked as the loader does."""

from __future__ import annotations

import json
from pathlib import Path

from esslex.errors import GlossaryError, Location
from esslex.glossary.files import long_number_line
from esslex.glossary.loader import build_glossary_file
from esslex.glossary.model import Rights, Term, Theme
from esslex.glossary.tomlsyntax import long_number_message
from esslex.text.normalize import slug
from esslex.write.drafts import Draft, RowProblem

# An export nests five levels deep (document, entries, an entry, its sources, a source's
# read_in); a thousand is about where Python's decoder stops on some versions, and beyond
# it every version now gives the same answer.
MAX_DEPTH = 1000
_TOO_DEEP = object()


def _depth(document: object) -> int:
    """How deeply lists and objects nest in `document` (iteratively: no recursion)."""
    deepest = 0
    stack = [(document, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                stack.extend((item, level + 1) for item in value if isinstance(item, (list, dict)))
    return deepest


def read_json(path: Path, data: bytes) -> tuple[list[Draft], list[RowProblem], list[Theme]]:
    """Drafts of an esslex JSON export, the entries refused, and its themes."""
    try:
        text = data.decode("utf-8-sig")
        document = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        line = getattr(error, "lineno", None)
        raise GlossaryError(Location(str(path), line), "JSON illisible") from None
    except RecursionError:  # the decoder recurses on each array or object within another
        document = _TOO_DEEP
    except ValueError:  # int() refuses a number of more than 4,300 digits
        where = Location(str(path), long_number_line(text))
        raise GlossaryError(where, f"JSON illisible\u00a0: {long_number_message()}") from None
    # The same answer whatever the Python: some decoders recurse deeper than others.
    if document is _TOO_DEEP or _depth(document) > MAX_DEPTH:
        raise GlossaryError(
            Location(str(path)), "JSON illisible\u00a0: structure trop profondément imbriquée"
        )
    if isinstance(document, list):
        document = {"terms": document}
    if not isinstance(document, dict) or not isinstance(document.get("terms"), list):
        raise GlossaryError(
            Location(str(path)),
            "ce JSON n’est pas un export d’esslex (liste «\u00a0terms\u00a0» attendue)",
        )
    if not isinstance(document.get("themes") or [], list):
        raise GlossaryError(
            Location(str(path)), "«\u00a0themes\u00a0» doit être une liste de thèmes"
        )
    from esslex.glossary.serialize import SCHEMA_VERSION

    version = document.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise GlossaryError(
            Location(str(path)),
            f"version de format {version} non prise en charge (cette version d’esslex lit"
            f" jusqu’à la {SCHEMA_VERSION})",
        )
    drafts: list[Draft] = []
    rejected: list[RowProblem] = []
    themes = []
    for number, raw in enumerate(document.get("themes") or [], 1):
        theme = _theme_of_json(f"thème n°\u00a0{number}", raw, str(path))
        if isinstance(theme, Theme):
            themes.append(theme)
        else:
            rejected.append(theme)
    for number, raw in enumerate(document["terms"], 1):
        place = f"entrée n°\u00a0{number}"
        if not isinstance(raw, dict):
            rejected.append(RowProblem(place, "une entrée doit être un objet JSON"))
            continue
        if isinstance(raw.get("id"), str):
            place += f" («\u00a0{raw['id']}\u00a0»)"
        draft = _draft_of_json(place, raw, str(path))
        if isinstance(draft, Draft):
            drafts.append(draft)
        else:
            rejected.append(draft)
    return drafts, rejected, themes


# What the JSON export adds to an entry: derived (`narrower`, found again when the new file
# is loaded; `rights`, written as its origin's default) or local to the exporting machine
# (`glossary`); not read as fields of the entry.
_EXPORT_ONLY_KEYS = ("narrower", "rights", "glossary")


def _theme_of_json(place: str, raw: object, name: str) -> Theme | RowProblem:
    """The theme checked and read as the loader reads a `[[theme]]` table."""
    from esslex.glossary.tomlsyntax import LineIndex

    if not isinstance(raw, dict):
        return RowProblem(place, "un thème doit être un objet JSON")
    read = build_glossary_file({"theme": [raw]}, name, LineIndex())
    if read.findings or not read.themes:
        return RowProblem(place, "\u00a0; ".join(finding.message for finding in read.findings))
    return read.themes[0]


def term_of_json(raw: dict[str, object], name: str) -> Term | RowProblem:
    """The entry checked and read as the loader reads a `[[term]]` table (one rule, one
    wording for both), with the rights the export gave it; what the loader finds wrong
    with it otherwise (its place left to the caller)."""
    from esslex.glossary.tomlsyntax import LineIndex

    table = {key: value for key, value in raw.items() if key not in _EXPORT_ONLY_KEYS}
    if table.get("annotate") == "always":
        table.pop("annotate")
    label = raw.get("label")
    if not raw.get("id") and isinstance(label, str):
        # An entry without id (a list written by hand) gets one when settled, as a row does.
        table["id"] = slug(label) or "entree"
    read = build_glossary_file({"term": [table]}, name, LineIndex())
    if read.findings or not read.terms:
        return RowProblem("", "\u00a0; ".join(finding.message for finding in read.findings))
    return read.terms[0]._replace(rights=_rights_of_json(raw.get("rights")))


def _rights_of_json(raw: object) -> Rights:
    if not isinstance(raw, dict):
        return Rights()
    keys = ("statement", "licence", "licence_url", "author")
    return Rights(*(raw[key] if isinstance(raw.get(key), str) else "" for key in keys))


def _draft_of_json(place: str, raw: dict[str, object], name: str) -> Draft | RowProblem:
    """The entry of a JSON export as a draft, or why the loader refuses it."""
    term = term_of_json(raw, name)
    if isinstance(term, RowProblem):
        return RowProblem(place, term.reason)
    return Draft(
        place=place,
        label=term.label,
        definition=term.definition,
        id=term.id if raw.get("id") else None,
        alt_labels=list(term.alt_labels),
        hidden_labels=list(term.hidden_labels),
        themes=list(term.themes),
        notes=list(term.notes),
        related=list(term.related),
        broader=list(term.broader),
        sources=list(term.sources),
        origin=term.origin,
        editorial_notes=list(term.editorial_notes),
        annotate=term.annotate,
        rights=term.rights,
        jurisdictions=list(term.jurisdictions),
        equivalents=list(term.equivalents),
    )
