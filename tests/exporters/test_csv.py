"""The CSV export: spreadsheets read it back, formulas never run."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esslex.exporters import ExportOptions
from esslex.exporters.csv import COLUMNS, neutralise
from esslex.exporters.csv import export as export_csv
from esslex.find.selection import select
from esslex.glossary.loader import load_glossary
from esslex.glossary.model import Glossary, GlossaryInfo, Term
from esslex.glossary.paths import bundled_path
from support.cli import run
from support.exports import export
from support.hostile import export_hostile


def test_excel_writes_semicolons_a_bom_and_crlf() -> None:
    done = export(None, "-f", "csv", "--excel")
    code, data, err = done.code, done.data, done.err
    assert code == 0, err
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("id;label;alt_labels;")
    # Every record ends with CRLF; line breaks inside a definition stay in quoted cells.
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    glossary = load_glossary([bundled_path()])
    assert len(rows) == len(glossary) + 1
    assert {len(row) for row in rows} == {len(rows[0])}
    by_id = {row[0]: row for row in rows[1:]}
    for term in glossary:
        assert by_id[term.id][1] == term.label
        assert by_id[term.id][5] == term.definition.strip()


@pytest.mark.parametrize(("given", "expected"), [(";", ";"), ("\\t", "\t"), ("|", "|")])
def test_delimiter_is_the_one_asked(given: str, expected: str) -> None:
    done = export(None, "-f", "csv", "--delimiter", given, "--term", "PTCE")
    code, data, err = done.code, done.data, done.err
    assert code == 0, err
    header, row = list(
        csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=expected)
    )
    assert header[:2] == ["id", "label"] and row[0] == "ptce"


@pytest.mark.parametrize("given", ["ab", "x", "7", '"', ""])
def test_a_delimiter_that_cannot_separate_is_refused(given: str) -> None:
    done = export(None, "-f", "csv", "--delimiter", given)
    code, data, err = done.code, done.data, done.err
    assert code == 2
    assert data == b""
    assert "--delimiter" in err


def test_esslex_import_reads_the_excel_file_back(tmp_path: Path) -> None:
    done = export(None, "-f", "csv", "--excel", "--theme", "transitions")
    code, data, err = done.code, done.data, done.err
    assert code == 0, err
    sheet = tmp_path / "tableur.csv"
    sheet.write_bytes(data)
    result = run("--no-bundled", "import", str(sheet), "-o", str(tmp_path / "relu.toml"))
    assert result.exit_code == 0, result.stderr
    read_back = load_glossary([tmp_path / "relu.toml"])
    exported = load_glossary([bundled_path()]).terms_of_theme("transitions")
    assert sorted(t.label for t in read_back) == sorted(t.label for t in exported)
    assert {t.id: t.definition for t in read_back} == {t.id: t.definition for t in exported}


def test_csv_for_spreadsheets(glossary: Path) -> None:
    text = export(glossary, "-f", "csv", expect=0).out
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert [row["id"] for row in rows] == [
        "ecosysteme",
        "ecosysteme-local",
        "achats",
        "cooperation",
    ]
    achats = rows[2]
    assert achats["alt_labels"] == 'commande publique | =HYPERLINK("http://x")'
    assert achats["hidden_labels"] == "marchés publics"
    assert achats["notes"] == "'@SUM(A1) n’est pas une formule."
    assert achats["related"] == "cooperation | ecosysteme-local"
    assert "1° Protéger" in achats["definition"] and "\n" in achats["definition"]
    assert rows[3]["definition"] == "'+ Agir ensemble dans un but commun."
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_neutralises_formulas(hostile: Path, tmp_path: Path) -> None:
    data = export_hostile(hostile, "csv", tmp_path).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data)))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), repr(cell)
    header, first, second = rows
    assert first[header.index("label")].startswith("'=1+2 Formule [bold red]gras[/]")
    assert first[header.index("sources")].startswith("'@auteur, Source")
    row = dict(zip(header, second, strict=True))
    assert row["alt_labels"].startswith("'+cmd|' /C calc'!A0 | lien")
    assert row["hidden_labels"] == "'\tTabulation | caché"
    assert row["notes"] == "'=NOTE()"
    assert row["origin"] == "'-1"


# --- properties ---------------------------------------------------------------------------

# What a spreadsheet may read as the start of a formula (or of a DDE command).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
CELL_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=100, deadline=None)
@given(CELL_TEXT)
def test_a_neutralised_cell_is_never_a_formula_and_keeps_its_text(text: str) -> None:
    cell = neutralise(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert cell in (text.replace("\x00", ""), "'" + text.replace("\x00", ""))


@settings(max_examples=50, deadline=None)
@given(
    labels=st.lists(CELL_TEXT.filter(str.strip), min_size=1, max_size=4),
    definition=CELL_TEXT,
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
)
def test_any_text_reads_back_cell_for_cell(
    labels: list[str], definition: str, delimiter: str
) -> None:
    """Quotes, delimiters and line breaks in the text: the csv module reads back each
    entry's cells as written (formula starts neutralised)."""
    terms = tuple(
        Term(id=f"t{number}", label=label, definition=definition, alt_labels=(label,))
        for number, label in enumerate(labels)
    )
    glossary = Glossary(GlossaryInfo(id="essai", title="Essai"), (), terms)
    text = export_csv(select(glossary), ExportOptions(delimiter=delimiter))
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=delimiter))
    assert rows[0] == list(COLUMNS)
    assert len(rows) == len(terms) + 1
    for term, row in zip(terms, rows[1:], strict=True):
        cells = dict(zip(COLUMNS, row, strict=True))
        assert cells["id"] == term.id
        assert cells["label"] == neutralise(term.label)
        assert cells["alt_labels"] == neutralise(term.label)
        assert cells["definition"] == neutralise(term.definition.strip())
