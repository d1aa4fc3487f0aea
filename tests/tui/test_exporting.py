"""Entries picked in `browse` written through the exporters' registry: the format from the
file name, an existing file kept unless replacing was confirmed."""

from __future__ import annotations

from pathlib import Path

import pytest

from esslex.errors import OutputError, UsageError
from esslex.glossaries import GlossariesInUse
from esslex.tui.exporting import export_entries, export_target
from support.browse import browse_glossary


def test_the_format_is_the_suffix_s() -> None:
    path, exporter = export_target("  ~/fiche.htm ")
    assert path == Path.home() / "fiche.htm"
    assert exporter.name == "html"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "donnez un nom de fichier"),
        ("liste", "extension inconnue pour «\u00a0liste\u00a0»"),
        ("liste.xlsx", "extension inconnue pour «\u00a0liste.xlsx\u00a0»"),
    ],
)
def test_a_name_without_a_format_says_which_suffixes_serve(name: str, message: str) -> None:
    with pytest.raises(UsageError) as raised:
        export_target(name)
    assert raised.value.message.startswith(message)
    assert raised.value.exit_code == 2


def test_an_existing_file_is_kept_without_force(tmp_path: Path) -> None:
    glossary = GlossariesInUse([browse_glossary(tmp_path)], bundled=False).load()
    target = tmp_path / "choix.md"
    said = export_entries(glossary, ["scop", "cooperation"], str(target), force=False)
    assert said == f"Fichier écrit\u00a0: {target} (markdown, 2 entrées sur 6)."
    written = target.read_text(encoding="utf-8")
    assert "Une coopérative dont les salariés" in written
    assert "Un mouvement d’entraide" not in written  # Mutualisme is not exported
    target.write_text("à garder", encoding="utf-8")
    with pytest.raises(OutputError):
        export_entries(glossary, ["scop"], str(target), force=False)
    assert target.read_text(encoding="utf-8") == "à garder"
    export_entries(glossary, ["scop"], str(target), force=True)
    assert "Société coopérative" in target.read_text(encoding="utf-8")
