"""One row per entry, UTF-8 with a BOM so spreadsheets read the accents right.

French Excel splits columns on « ; » (the comma is the decimal mark): `--excel` or
`--delimiter ';'` writes that.

The last column, `esslex`, holds the entry as JSON: `esslex import` takes from it what the
other cells cannot say exactly (each source's fields, notes one by one, rights), for every
cell left as it was written; a cell changed in a spreadsheet wins.
"""

from __future__ import annotations

import csv
import io
import json

from esslex.errors import UsageError
from esslex.exporters import ExportOptions
from esslex.find.selection import Selection
from esslex.glossary.model import Term

COLUMNS = (
    "id",
    "label",
    "alt_labels",
    "hidden_labels",
    "themes",
    "definition",
    "notes",
    "broader",
    "narrower",
    "related",
    "sources",
    "origin",
    "editorial_notes",
    "annotate",
    "jurisdictions",
    "equivalents",
    "rights",
    "esslex",
)
SEPARATOR = " | "
# A cell starting with one of these may be run as a formula by a spreadsheet.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def parse_delimiter(given: str) -> str:
    """A --delimiter value: one character; « \\t », « tab » or « tabulation » for a tab."""
    if given == "\\t" or given.lower() in ("tab", "tabulation"):
        return "\t"
    if len(given) != 1:
        raise UsageError(f"--delimiter «\u00a0{given}\u00a0»\u00a0: un seul caractère attendu")
    return given


def neutralise(cell: str) -> str:
    """The cell as text: a leading apostrophe stops spreadsheets reading it as a formula."""
    # NUL: the csv module of Python 3.10 cannot write it, and readers stop at it.
    cell = cell.replace("\x00", "")
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def as_written(cell: str) -> str:
    """A cell read back: the apostrophe `neutralise` put before a formula-like start removed."""
    if cell.startswith("'") and cell[1:].startswith(_FORMULA_STARTS):
        return cell[1:]
    return cell


def entry_data(term: Term) -> str:
    """The `esslex` cell: the entry as in the JSON export, less what the loader derives."""
    from esslex.glossary.serialize import term_to_json

    data = term_to_json(term)
    for derived in ("narrower", "glossary"):
        data.pop(derived)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def cells(term: Term) -> dict[str, str]:
    """The entry's row, column → text, before neutralising: one source per line."""
    return {
        "id": term.id,
        "label": term.label,
        "alt_labels": SEPARATOR.join(term.alt_labels),
        "hidden_labels": SEPARATOR.join(term.hidden_labels),
        "themes": SEPARATOR.join(term.themes),
        "definition": term.definition.strip(),
        "notes": SEPARATOR.join(term.notes),
        "broader": SEPARATOR.join(term.broader),
        "narrower": SEPARATOR.join(term.narrower),
        "related": SEPARATOR.join(term.related),
        "sources": "\n".join(source.citation() for source in term.sources),
        "origin": term.origin,
        "editorial_notes": SEPARATOR.join(term.editorial_notes),
        "annotate": term.annotate,
        "jurisdictions": SEPARATOR.join(term.jurisdictions),
        "equivalents": "\n".join(
            f"{item.lang}\u00a0: {item.label} — {item.source}" for item in term.equivalents
        ),
        "rights": term.rights.text(),
        "esslex": entry_data(term),
    }


def losses(selection: Selection) -> str:
    """What a row cannot carry: a theme's label and description (its id is in `themes`)."""
    used = {theme_id for term in selection.glossary for theme_id in term.themes}
    named = [
        theme.id
        for theme in selection.glossary.themes
        if theme.id in used and (theme.label != theme.id or theme.description)
    ]
    if not named:
        return ""
    return (
        "un tableau ne garde des thèmes que leur identifiant, sans libellé ni description"
        f" ({', '.join(named)})\u00a0; les formats json et toml les gardent"
    )


def export(selection: Selection, options: ExportOptions) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=options.delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for term in selection.closed():
        row = cells(term)
        writer.writerow([neutralise(row[column]) for column in COLUMNS])
    return "\ufeff" + buffer.getvalue()
