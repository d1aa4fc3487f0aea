"""A glossary file esslex reads back: the exported entries, written with tomli-w.

Each entry's `related` is written whole, as the loader resolved it: an entry's own list
comes first when read (`glossary.assembly`), so the file reads back in the same order."""

from __future__ import annotations

from esslex import __version__
from esslex.exporters import ExportOptions
from esslex.find.selection import Selection, describe
from esslex.glossary.serialize import glossary_to_document


def _holds_crlf(value: object) -> bool:
    if isinstance(value, str):
        return "\r\n" in value
    if isinstance(value, dict):
        return any(_holds_crlf(item) for item in value.values())
    if isinstance(value, list):
        return any(_holds_crlf(item) for item in value)
    return False


def export(selection: Selection, options: ExportOptions) -> str:
    import tomli_w

    glossary = selection.closed()
    document = glossary_to_document(glossary)
    try:
        # Multi-line strings read best, but TOML reads their "\r\n" back as "\n".
        body = tomli_w.dumps(document, multiline_strings=not _holds_crlf(document))
    except TypeError:  # tomli-w before 1.1
        body = tomli_w.dumps(document)
    return f"# Exporté par esslex {__version__} ({describe(selection)}).\n\n" + body
