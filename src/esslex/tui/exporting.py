"""Entries picked in `browse` written to a file, in the format its name's suffix names,
through the exporters' registry; an existing file is replaced only when asked to."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from esslex import exporters
from esslex.errors import UsageError
from esslex.glossary.model import Glossary


def export_target(name: str) -> tuple[Path, exporters.Exporter]:
    """The file a name typed designates (`~` expanded) and the format of its suffix."""
    path = Path(name.strip()).expanduser()
    if not name.strip():
        raise UsageError("donnez un nom de fichier (par exemple cooperation.md).")
    try:
        exporter = exporters.choose(None, path)
    except UsageError:
        suffixes = ", ".join(
            dict.fromkeys(e.extension for e in exporters.EXPORTERS.values() if e.extension)
        )
        raise UsageError(
            f"extension inconnue pour «\u00a0{path.name}\u00a0»\u00a0; celle d’un format"
            f"\u00a0: {suffixes}."
        ) from None
    if exporter.directory:
        raise UsageError(
            f"le format «\u00a0{exporter.name}\u00a0» écrit un dossier\u00a0; utilisez «\u00a0esslex export\u00a0»."
        )
    return path, exporter


def export_entries(glossary: Glossary, ids: Sequence[str], name: str, force: bool) -> str:
    """Write the entries `ids` to the file `name` (OutputError if it exists and not
    `force`); what was written, in French."""
    from esslex.find.selection import describe, select_ids
    from esslex.write.atomicfile import check_target, write_atomic

    path, exporter = export_target(name)
    check_target(path, force)
    selection = select_ids(glossary, ids)
    rendered = exporter.render(selection, exporters.ExportOptions())
    assert not isinstance(rendered, dict)  # folders are refused by `export_target`
    data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
    write_atomic(path, data, force=force)
    return f"Fichier écrit\u00a0: {path} ({exporter.name}, {describe(selection)})."
