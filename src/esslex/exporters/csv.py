"""One row per entry, UTF-8 with a BOM so spreadsheets read the accents right."""

from __future__ import annotations

import csv
import io

from esslex.exporters import ExportOptions
from esslex.selection import Selection

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


def neutralise(cell: str) -> str:
    """The cell as text: a leading apostrophe stops spreadsheets reading it as a formula."""
    # NUL: the csv module of Python 3.10 cannot write it, and readers stop at it.
    cell = cell.replace("\x00", "")
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def export(selection: Selection, options: ExportOptions) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
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
