"""One row per entry, UTF-8 with a BOM so spreadsheets read the accents right.

French Excel splits columns on « ; » (the comma is the decimal mark): `--excel` or
`--delimiter ';'` writes that.
"""

from __future__ import annotations

import csv
import io

from esslex.errors import UsageError
from esslex.exporters import ExportOptions
from esslex.find.selection import Selection

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


def export(selection: Selection, options: ExportOptions) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=options.delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for term in selection.closed():
        row = {
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
            "sources": SEPARATOR.join(source.citation() for source in term.sources),
            "origin": term.origin,
        }
        writer.writerow([neutralise(row[column]) for column in COLUMNS])
    return "\ufeff" + buffer.getvalue()
