"""Jurisdictions and equivalents carried by every data export and read back by the readers
people use: rdflib (SKOS), lxml (TBX), the csv module and `esslex import` (CSV, JSON), the
StarDict reader, the page's search index."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from esslex.glossary.loader import load_glossary
from support.cli import run
from support.exports import export
from support.glossaries import PLACES, write_glossary


@pytest.fixture
def places(tmp_path: Path) -> Path:
    return write_glossary(tmp_path / "places.toml", text=PLACES)


def test_skos_gives_preferred_labels_per_language_and_coverage(places: Path) -> None:
    from rdflib import Graph, Literal
    from rdflib.namespace import DCTERMS, SKOS

    done = export(places, "-f", "skos", expect=0)
    graph = Graph().parse(data=done.out, format="turtle")
    concept = next(
        s for s in graph.subjects(SKOS.prefLabel, Literal("social enterprise", lang="en"))
    )
    assert str(concept).endswith("entreprise-sociale-ue")
    labels = {(str(o), o.language) for o in graph.objects(concept, SKOS.prefLabel)}
    assert labels == {
        ("Entreprise sociale (Union européenne)", "fr"),
        ("social enterprise", "en"),
        ("empresa social", "es"),
    }
    assert {str(o) for o in graph.objects(concept, DCTERMS.coverage)} == {"EU"}
    assert any("Plan d’action" in str(o) for o in graph.objects(concept, SKOS.note))
    # One skos:prefLabel per language (SKOS S14) for every concept.
    for subject in set(graph.subjects(SKOS.prefLabel, None)):
        languages = [o.language for o in graph.objects(subject, SKOS.prefLabel)]
        assert len(languages) == len(set(languages)), subject


@pytest.mark.parametrize("version", ["2019", "2008"])
def test_tbx_has_a_language_section_per_equivalent_language(places: Path, version: str) -> None:
    from lxml import etree

    done = export(places, "-f", "tbx", "--tbx-version", version, expect=0)
    root = etree.fromstring(done.out.encode("utf-8"))
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    entry = next(e for e in root.iter() if e.get("id", "").endswith("entreprise-sociale-ue"))
    sections = {
        section.get(lang): [t.text for t in section.iter() if etree.QName(t).localname == "term"]
        for section in entry
        if etree.QName(section).localname in ("langSec", "langSet")
    }
    assert sections == {
        "fr": ["Entreprise sociale (Union européenne)"],
        "en": ["social enterprise"],
        "es": ["empresa social"],
    }
    usage = [
        note.text
        for note in entry.iter()
        if etree.QName(note).localname == "termNote" and note.get("type") == "geographicalUsage"
    ]
    assert usage == ["EU"]


def test_csv_has_columns_and_the_import_keeps_everything(places: Path, tmp_path: Path) -> None:
    table = tmp_path / "places.csv"
    export(places, "-f", "csv", "-o", str(table), expect=0)
    rows = list(csv.DictReader(io.StringIO(table.read_text("utf-8-sig"))))
    row = next(row for row in rows if row["id"] == "entreprise-sociale-ue")
    assert row["jurisdictions"] == "EU"
    assert row["equivalents"].splitlines()[0] == (
        "en\u00a0: social enterprise — Plan d’action pour l’économie sociale, version anglaise"
    )
    for source in (table, tmp_path / "places.json"):
        if source.suffix == ".json":
            export(places, "-f", "json", "-o", str(source), expect=0)
        target = tmp_path / f"back-{source.suffix[1:]}.toml"
        result = run("--no-bundled", "import", str(source), "-o", str(target))
        assert result.exit_code == 0, result.output
        before = {t.id: (t.jurisdictions, t.equivalents) for t in load_glossary([places])}
        after = {t.id: (t.jurisdictions, t.equivalents) for t in load_glossary([target])}
        assert after == before


def test_a_spreadsheet_cell_changed_by_hand_is_read_or_refused(tmp_path: Path) -> None:
    table = tmp_path / "main.csv"
    table.write_text(
        "label;definition;portée;équivalents\n"
        "Titres-services;Un dispositif belge.;be-wal | BE-BRU | Bruxelles;"
        "nl : dienstencheques — Loi du 20 juillet 2001, version néerlandaise\n"
        "ASBL;Une association belge.;BE;vzw\n",
        encoding="utf-8",
    )
    target = tmp_path / "main.toml"
    result = run("--no-bundled", "import", str(table), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "juridiction «\u00a0Bruxelles\u00a0» inconnue, ignorée" in result.output
    assert "équivalent «\u00a0vzw\u00a0» ignoré" in result.output
    glossary = load_glossary([target])
    services = next(term for term in glossary if term.label == "Titres-services")
    assert services.jurisdictions == ("BE-WAL", "BE-BRU")
    assert [(e.lang, e.label) for e in services.equivalents] == [("nl", "dienstencheques")]
    assert next(term for term in glossary if term.label == "ASBL").equivalents == ()


def test_stardict_opens_an_entry_by_its_equivalent(places: Path, tmp_path: Path) -> None:
    from test_stardict import read_dictionary

    folder = tmp_path / "dico"
    export(places, "-f", "stardict", "-o", str(folder), expect=0)
    dictionary = read_dictionary(folder)
    synonyms = dictionary["synonyms"]
    assert isinstance(synonyms, dict)
    assert synonyms["social enterprise"] == "Entreprise sociale (Union européenne)"
    assert synonyms["vereniging zonder winstoogmerk"] == "Association sans but lucratif"


def test_the_page_searches_and_shows_equivalents_and_places(places: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    export(places, "-f", "site", "-o", str(page), expect=0)
    html = page.read_text("utf-8")
    start = html.index('<script type="application/json"')
    index = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    row = next(row for row in index if row["id"] == "entreprise-sociale-ue")
    assert "social enterprise" in row["labels"]
    assert '<span lang="en">social enterprise</span>' in html
    assert "Portée&#160;: Union européenne" in html
