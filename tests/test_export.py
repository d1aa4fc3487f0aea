"""`esslex export`: every format is produced, then read back by a real parser."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from esslex import exporters
from esslex.cli import app
from esslex.loader import load_glossary
from esslex.paths import bundled_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

runner = CliRunner()

GLOSSARY = '''
[glossary]
id = "essai"
title = "Glossaire d’essai"
language = "fr"
version = "2.1"
publishers = ["Réseau A", "Collectif B"]
description = "Un petit glossaire pour les tests."
licence = "Textes sous licence CC BY 4.0."

[[theme]]
id = "economie"
label = "Économie"
description = "Les modèles économiques."

[[theme]]
id = "territoires"
label = "Territoires"

[[term]]
id = "ecosysteme"
label = "Écosystème"
alt_labels = ["écosystème naturel"]
themes = ["territoires"]
definition = "Un ensemble vivant."

[[term]]
id = "ecosysteme-local"
label = "Écosystème local"
themes = ["territoires", "economie"]
definition = "Un écosystème d’acteurs sur un territoire."
broader = ["ecosysteme"]
related = ["ecosysteme", "achats"]

[[term]]
id = "achats"
label = "Achats publics responsables"
alt_labels = ["commande publique", "=HYPERLINK(\\"http://x\\")"]
hidden_labels = ["marchés publics"]
themes = ["economie"]
definition = """
La commande publique <script>alert("x")</script> pèse *lourd* & [compte](javascript:alert(1)).

Elle poursuit deux buts :

1° Protéger l’environnement ;
2° Favoriser le progrès social.
"""
notes = ["@SUM(A1) n’est pas une formule."]
related = ["cooperation"]

[[term.sources]]
title = "Code de la commande publique"
article = "L2111-1"
year = 2019
url = "https://www.legifrance.gouv.fr/codes/id/LEGITEXT000037701019"

[[term.sources]]
title = "Lien piégé"
url = "javascript:alert(1)"

[[term]]
id = "cooperation"
label = "Coopération \\"de fait\\""
themes = ["economie"]
definition = "+ Agir ensemble dans un but commun."
'''

LABELS = [
    "Écosystème",
    "Écosystème local",
    "Achats publics responsables",
    'Coopération "de fait"',
]
TEXT_FORMATS = [name for name, e in exporters.EXPORTERS.items() if not e.binary]


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "essai.toml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


def export(glossary: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--no-bundled", "-g", str(glossary), "export", *args])
    return result.exit_code, result.stdout, result.stderr


def out_of(glossary: Path, *args: str) -> str:
    code, out, err = export(glossary, *args)
    assert code == 0, err
    return out


# -- the registry and the command line ---------------------------------------------------


def test_registry_declares_what_the_cli_offers() -> None:
    result = runner.invoke(app, ["export", "--help"])
    assert result.exit_code == 0
    for exporter in exporters.EXPORTERS.values():
        assert exporter.name in result.stdout
        # A folder format (stardict) has no file extension.
        assert exporter.description and (exporter.extension or exporter.directory)
        assert exporter.binary == (exporter.name in ("pdf", "docx", "anki") or exporter.directory)
    assert {
        "markdown",
        "html",
        "pdf",
        "docx",
        "json",
        "csv",
        "toml",
        "skos",
        "skos-jsonld",
        "tbx",
        "mermaid",
        "dot",
        "site",
        "stardict",
        "anki",
        "gift",
        "moodle-glossary",
        "marp",
    } == set(exporters.names())
    assert exporters.get("pdf").extra == "pdf" and exporters.get("skos").extra == "export"


def test_unknown_format_is_a_usage_error(glossary: Path) -> None:
    code, out, err = export(glossary, "--format", "odt")
    assert code == 2
    assert out == ""
    assert "--format" in err and "odt" in err


@pytest.mark.parametrize("name", TEXT_FORMATS)
def test_text_formats_go_to_stdout(glossary: Path, name: str) -> None:
    code, out, err = export(glossary, "--format", name)
    assert code == 0, err
    assert out.strip()
    assert err == ""


@pytest.mark.parametrize("name", ["pdf", "docx"])
def test_binary_formats_require_output(glossary: Path, name: str) -> None:
    code, out, err = export(glossary, "--format", name)
    assert code == 2
    assert out == ""
    assert f"«\u00a0{name}\u00a0» est binaire" in err and "--output" in err


def test_format_follows_the_output_suffix(glossary: Path, tmp_path: Path) -> None:
    target = tmp_path / "thesaurus.ttl"
    code, out, err = export(glossary, "--output", str(target))
    assert code == 0, err
    assert out == ""
    assert f"Fichier écrit\u00a0: {target} (skos, 4 entrées)." in err
    assert "skos:ConceptScheme" in target.read_text(encoding="utf-8")


def test_no_format_and_no_suffix_is_a_usage_error(glossary: Path) -> None:
    code, out, err = export(glossary)
    assert code == 2
    assert out == ""
    assert "Précisez le format avec --format" in err


# -- output files ----------------------------------------------------------------------


def test_existing_file_is_kept_without_force(glossary: Path, tmp_path: Path) -> None:
    target = tmp_path / "glossaire.md"
    target.write_text("à garder", encoding="utf-8")
    code, out, err = export(glossary, "-o", str(target))
    assert code == 1
    assert "existe déjà" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "à garder"
    code, out, err = export(glossary, "-o", str(target), "--force")
    assert code == 0, err
    assert out == ""
    assert target.read_text(encoding="utf-8").startswith("# Glossaire d’essai")


def test_missing_folder_is_one_french_line(glossary: Path, tmp_path: Path) -> None:
    target = tmp_path / "absent" / "glossaire.html"
    code, out, err = export(glossary, "-o", str(target))
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("Erreur\u00a0:") and "n’existe pas" in err
    assert not (tmp_path / "absent").exists()


def test_unwritable_folder_leaves_nothing(
    glossary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root ignores folder permissions: refuse the final rename, as a read-only folder would.
    import esslex.atomicfile

    def refuse(source: str, destination: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(esslex.atomicfile.os, "replace", refuse)
    folder = tmp_path / "sortie"
    folder.mkdir()
    code, out, err = export(glossary, "-f", "csv", "-o", str(folder / "glossaire.csv"))
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and "écriture refusée" in err
    assert list(folder.iterdir()) == []


def test_missing_library_names_the_extra(glossary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rdflib", None)
    code, out, err = export(glossary, "-f", "skos")
    assert code == 4  # not 1, which means "not found"
    assert out == ""
    assert "«\u00a0rdflib\u00a0»" in err and "pip install 'esslex[export]'" in err


# -- selection ---------------------------------------------------------------------------


def test_theme_is_forgiving(glossary: Path) -> None:
    for query in ("economie", "ÉCONOMIE", "Économie", "econom"):
        data = json.loads(out_of(glossary, "-f", "json", "--theme", query))
        assert [t["id"] for t in data["terms"]] == ["ecosysteme-local", "achats", "cooperation"]
        assert data["complete"] is False


def test_unknown_theme_suggests(glossary: Path) -> None:
    code, out, err = export(glossary, "-f", "json", "--theme", "territoirs")
    assert code == 0, err  # a typo close enough is taken
    code, out, err = export(glossary, "-f", "json", "--theme", "santé")
    assert code == 1
    assert out == ""
    assert "Aucun thème trouvé pour «\u00a0santé\u00a0»" in err and "economie" in err


def test_term_is_forgiving_like_define(glossary: Path) -> None:
    data = json.loads(
        out_of(glossary, "-f", "json", "--term", "commande publique", "--term", "ecosysteme")
    )
    assert [t["id"] for t in data["terms"]] == ["ecosysteme", "achats"]
    code, out, err = export(glossary, "-f", "json", "--term", "zzzz")
    assert code == 1
    assert out == ""
    assert "Aucun terme trouvé" in err


def test_with_related_adds_neighbours(glossary: Path) -> None:
    data = json.loads(out_of(glossary, "-f", "json", "--term", "achats", "--with-related"))
    assert {t["id"] for t in data["terms"]} == {"achats", "cooperation", "ecosysteme-local"}


def test_references_to_entries_left_out_are_plain_text(glossary: Path) -> None:
    from lxml import html

    page = html.fromstring(out_of(glossary, "-f", "html", "--term", "achats"))
    fields = page.xpath('//article[@id="terme-achats"]//div[@class="fields"]')[0]
    assert "Coopération" in fields.text_content()
    assert fields.xpath(".//a") == []
    assert fields.xpath('.//span[@class="plain-ref"]')
    markdown = out_of(glossary, "-f", "markdown", "--term", "achats")
    assert "(#terme-cooperation)" not in markdown
    # Data formats keep only relations between exported entries.
    data = json.loads(out_of(glossary, "-f", "json", "--term", "achats"))
    assert data["terms"][0]["related"] == []


# -- handouts ----------------------------------------------------------------------------


def test_markdown_parses_and_links_resolve(glossary: Path) -> None:
    from markdown_it import MarkdownIt

    text = out_of(glossary, "-f", "markdown")
    tokens = MarkdownIt("commonmark").parse(text)
    inline = [child for token in tokens if token.children for child in token.children]
    anchors = {
        m
        for c in inline
        if c.type == "html_inline"
        for m in re.findall(r'<a id="([^"]+)">', c.content)
    }
    hrefs = {c.attrs["href"] for c in inline if c.type == "link_open"}
    internal = {href[1:] for href in hrefs if str(href).startswith("#")}
    assert internal and internal <= anchors
    assert not any(str(href).startswith("javascript") for href in hrefs)
    headings = [
        tokens[i + 1].content
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h3"
    ]
    rendered = MarkdownIt("commonmark").renderInline(" ".join(headings))
    for label in LABELS:
        assert label.replace('"', "&quot;") in rendered
    html_text = MarkdownIt("commonmark").render(text)
    assert "<script>" not in html_text and "&lt;script&gt;" in html_text
    assert "*lourd*" in html_text  # shown as written, not emphasised
    assert "commande publique → voir [Achats publics responsables](#terme-achats)" in text


def test_html_is_escaped_and_links_resolve(glossary: Path) -> None:
    from lxml import html

    text = out_of(glossary, "-f", "html")
    page = html.fromstring(text)
    assert page.xpath("//script") == []
    assert '<script>alert("x")</script>' in page.text_content()
    ids = set(page.xpath("//@id"))
    for href in page.xpath("//a/@href"):
        assert href.startswith(("#", "https://", "http://")), href
        if href.startswith("#"):
            assert href[1:] in ids
    assert page.xpath('//a[@href="https://www.legifrance.gouv.fr/codes/id/LEGITEXT000037701019"]')
    assert "javascript:alert(1)" in page.text_content()
    labels = [h.text_content() for h in page.xpath("//article/h3")]
    assert sorted(labels) == sorted(LABELS)
    markers = page.xpath(
        '//article[@id="terme-achats"]//ol[@class="marked"]/li/span[@class="marker"]/text()'
    )
    assert markers == ["1°", "2°"]
    paragraphs = page.xpath('//article[@id="terme-achats"]//div[@class="definition"]/p')
    assert len(paragraphs) == 2
    style = page.xpath("//style/text()")[0]
    assert re.search(r"article\.entry \{[^}]*break-inside: avoid", style)
    assert "@page" in style and "counter(page)" in style


def test_handout_header_index_and_bibliography(glossary: Path) -> None:
    from lxml import html

    page = html.fromstring(out_of(glossary, "-f", "html", "--title", "Formation du 3 mars"))
    assert page.xpath("//h1/text()") == ["Formation du 3 mars"]
    assert page.xpath('//p[@class="subtitle"]/text()') == ["Glossaire d’essai"]
    header = page.xpath("//header")[0].text_content()
    assert "Réseau A, Collectif B" in header
    assert "version 2.1" in page.xpath('//section[@id="credits"]')[0].text_content()
    letters = page.xpath('//p[@class="index-letter"]/text()')
    # Écosystème among the E (French order); "=HYPERLINK…", an alternative label, under H.
    assert letters == ["A", "C", "E", "H"]
    e_items = [li.text_content() for li in page.xpath('//div[@class="index-group"][3]//li')]
    assert e_items == ["Écosystème", "Écosystème local", "écosystème naturel → voir Écosystème"]
    pointer = page.xpath('//li[@class="pointer"][starts-with(., "commande publique")]')[0]
    assert pointer.text_content() == "commande publique → voir Achats publics responsables"
    assert pointer.xpath("a/@href") == ["#terme-achats"]
    bibliography = [li.text_content() for li in page.xpath('//section[@id="bibliographie"]//li')]
    assert len(bibliography) == 2 and bibliography[0].startswith(
        "Code de la commande publique, 2019"
    )


def test_group_by_alpha(glossary: Path) -> None:
    from lxml import html

    page = html.fromstring(out_of(glossary, "-f", "html", "--group-by", "alpha"))
    assert page.xpath("//section[@class='group']/h2/text()") == ["A", "C", "E"]
    assert page.xpath("//section[@id='lettre-E']//h3/text()") == ["Écosystème", "Écosystème local"]


def test_theme_sections_print_each_entry_once(glossary: Path) -> None:
    from lxml import html

    page = html.fromstring(out_of(glossary, "-f", "html"))
    assert page.xpath("//section[@class='group']/h2/text()") == ["Économie", "Territoires"]
    ids = page.xpath("//article/@id")
    assert len(ids) == len(set(ids)) == 4
    elsewhere = page.xpath("//section[@id='theme-economie']//p[@class='elsewhere']//a/@href")
    assert elsewhere == ["#terme-ecosysteme-local"]


def test_docx_has_styles_links_and_kept_entries(glossary: Path, tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    target = tmp_path / "polycopie.docx"
    code, out, err = export(glossary, "-o", str(target), "--title", "Atelier")
    assert code == 0, err
    assert out == ""
    document = docx.Document(str(target))
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title" and paragraphs[0].text == "Atelier"
    entries = [p.text for p in paragraphs if p.style.name == "Heading 2"]
    assert sorted(entries) == sorted(LABELS)
    assert [p.text for p in paragraphs if p.style.name == "Heading 1"] == [
        "Économie",
        "Territoires",
        "Index",
        "Bibliographie",
    ]
    body = document.element.body
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    anchors = {h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink")) if h.get(qn("w:anchor"))}
    assert anchors and anchors <= bookmarks
    assert all(len(name) <= 40 and name[0].isalpha() for name in bookmarks)
    heading = next(p for p in paragraphs if p.text == "Achats publics responsables")
    assert heading.paragraph_format.keep_with_next is True
    items = [p.text for p in paragraphs if p.text.startswith(("1°", "2°"))]
    assert items == ["1°\tProtéger l’environnement\u00a0;", "2°\tFavoriser le progrès social."]
    assert '<script>alert("x")</script>' in "\n".join(p.text for p in paragraphs)
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    external = [r.target_ref for r in document.part.rels.values() if r.is_external]
    assert external == ["https://www.legifrance.gouv.fr/codes/id/LEGITEXT000037701019"]


def test_pdf_has_numbered_pages(glossary: Path, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    target = tmp_path / "polycopie.pdf"
    code, out, err = export(glossary, "-o", str(target))
    assert code == 0, err
    assert out == ""
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext absent: contenu du PDF non vérifié")
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    for label in LABELS:
        assert label.replace('"', "") in text.replace('"', "")
    assert re.search(r"Page 1 / \d+", text)


# -- data formats ------------------------------------------------------------------------


def test_json_matches_the_shipped_schema(glossary: Path) -> None:
    import jsonschema

    schema = json.loads(
        resources.files("esslex.exporters").joinpath("glossary.schema.json").read_text("utf-8")
    )
    data = json.loads(out_of(glossary, "-f", "json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["schema_version"] == 2
    assert [t["label"] for t in data["terms"]] == [
        "Écosystème",
        "Écosystème local",
        "Achats publics responsables",
        'Coopération "de fait"',
    ]
    assert all("glossary" not in term for term in data["terms"])
    bundled = json.loads(runner.invoke(app, ["export", "-f", "json"]).stdout)
    jsonschema.validate(bundled, schema, cls=jsonschema.Draft202012Validator)


def test_docs_carry_the_same_schema() -> None:
    docs = Path(__file__).resolve().parents[1] / "docs" / "glossary.schema.json"
    shipped = (
        resources.files("esslex.exporters").joinpath("glossary.schema.json").read_text("utf-8")
    )
    assert docs.read_text(encoding="utf-8") == shipped


def test_csv_for_spreadsheets(glossary: Path) -> None:
    text = out_of(glossary, "-f", "csv")
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
    assert achats["related"] == "ecosysteme-local | cooperation"
    assert "1° Protéger" in achats["definition"] and "\n" in achats["definition"]
    assert rows[3]["definition"] == "'+ Agir ensemble dans un but commun."
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))


def _comparable(glossary):  # type: ignore[no-untyped-def]
    import dataclasses

    info = dataclasses.replace(glossary.info, path="")
    terms = tuple(dataclasses.replace(term, glossary="") for term in glossary.terms)
    return info, glossary.themes, terms


def test_toml_round_trip(glossary: Path, tmp_path: Path) -> None:
    target = tmp_path / "copie.toml"
    code, out, err = export(glossary, "-f", "toml", "-o", str(target))
    assert code == 0, err
    assert out == ""
    tomllib.loads(target.read_text(encoding="utf-8"))
    assert _comparable(load_glossary([target])) == _comparable(load_glossary([glossary]))


def test_toml_round_trip_of_the_bundled_glossary(tmp_path: Path) -> None:
    target = tmp_path / "devisus.toml"
    result = runner.invoke(app, ["export", "-f", "toml", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert _comparable(load_glossary([target])) == _comparable(load_glossary([bundled_path()]))


def test_toml_of_a_selection_loads(glossary: Path, tmp_path: Path) -> None:
    target = tmp_path / "extrait.toml"
    code, out, err = export(glossary, "-f", "toml", "--term", "ecosysteme local", "-o", str(target))
    assert code == 0, err
    assert out == ""
    loaded = load_glossary([target])
    assert [term.id for term in loaded] == ["ecosysteme-local"]
    assert loaded["ecosysteme-local"].related == () and loaded["ecosysteme-local"].broader == ()


def _skos_graph(text: str, fmt: str):  # type: ignore[no-untyped-def]
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=text, format=fmt)
    return graph


def test_skos_turtle_holds_the_integrity_rules(glossary: Path) -> None:
    from rdflib import RDF, SKOS, Literal, URIRef
    from rdflib.namespace import DCTERMS, FOAF

    graph = _skos_graph(out_of(glossary, "-f", "skos"), "turtle")
    schemes = list(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) == 1
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    collections = set(graph.subjects(RDF.type, SKOS.Collection))
    assert len(concepts) == 4 and len(collections) == 2
    assert not concepts & collections
    for concept in concepts:
        assert (concept, SKOS.inScheme, schemes[0]) in graph
        prefs = list(graph.objects(concept, SKOS.prefLabel))
        assert len(prefs) == 1 and prefs[0].language == "fr"
        alts = set(graph.objects(concept, SKOS.altLabel))
        hidden = set(graph.objects(concept, SKOS.hiddenLabel))
        assert not ({prefs[0]} & alts or {prefs[0]} & hidden or alts & hidden)
        assert list(graph.objects(concept, SKOS.definition))
    # broader and narrower mirror each other; related never doubles the hierarchy.
    for child, parent in graph.subject_objects(SKOS.broader):
        assert (parent, SKOS.narrower, child) in graph
    for one, other in graph.subject_objects(SKOS.related):
        # transitive_objects starts with the node itself.
        above_one = set(graph.transitive_objects(one, SKOS.broader)) - {one}
        above_other = set(graph.transitive_objects(other, SKOS.broader)) - {other}
        assert other not in above_one and one not in above_other
    local = URIRef("urn:esslex:essai:ecosysteme-local")
    assert (local, SKOS.related, URIRef("urn:esslex:essai:ecosysteme")) not in graph
    assert (local, SKOS.related, URIRef("urn:esslex:essai:achats")) in graph
    achats = URIRef("urn:esslex:essai:achats")
    assert (achats, SKOS.hiddenLabel, Literal("marchés publics", lang="fr")) in graph
    cited = list(graph.objects(achats, DCTERMS.source))
    assert len(cited) == 2 and all(graph.value(work, DCTERMS.title) for work in cited)
    # Only the http(s) address becomes a resource; the javascript: one stays a citation.
    assert set(graph.objects(None, FOAF.page)) == {
        URIRef("https://www.legifrance.gouv.fr/codes/id/LEGITEXT000037701019")
    }
    members = set(graph.objects(URIRef("urn:esslex:essai:theme-economie"), SKOS.member))
    assert members == {local, achats, URIRef("urn:esslex:essai:cooperation")}


def test_skos_jsonld_is_the_same_graph(glossary: Path) -> None:
    from rdflib.compare import isomorphic

    turtle = _skos_graph(
        out_of(glossary, "-f", "skos", "--base-uri", "https://exemple.org/g/"), "turtle"
    )
    jsonld = _skos_graph(
        out_of(glossary, "-f", "skos-jsonld", "--base-uri", "https://exemple.org/g/"), "json-ld"
    )
    assert len(turtle) > 30
    assert isomorphic(turtle, jsonld)


def test_bad_base_uri_is_a_usage_error(glossary: Path) -> None:
    code, out, err = export(glossary, "-f", "skos", "--base-uri", "pas une uri")
    assert code == 2
    assert out == ""
    assert "--base-uri" in err


def test_tbx_basic_structure(glossary: Path) -> None:
    from lxml import etree

    text = out_of(glossary, "-f", "tbx")
    root = etree.fromstring(text.encode("utf-8"))
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx"
    assert root.get("type") == "TBX-Basic" and root.get("style") == "dca"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert root.xpath("t:tbxHeader/t:fileDesc/t:sourceDesc/t:p", namespaces=ns)
    entries = root.xpath("t:text/t:body/t:conceptEntry", namespaces=ns)
    assert len(entries) == 4
    ids = {entry.get("id") for entry in entries}
    for entry in entries:
        children = [etree.QName(child).localname for child in entry]
        # Administrative and descriptive data first, then the language sections.
        assert children[-1] == "langSec" and "langSec" not in children[: children.index("langSec")]
        section = entry.xpath("t:langSec", namespaces=ns)[0]
        assert section.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
        assert section.xpath("t:descripGrp/t:descrip[@type='definition']", namespaces=ns)
        statuses = section.xpath(
            "t:termSec/t:termNote[@type='administrativeStatus']/text()", namespaces=ns
        )
        assert statuses[0] == "preferredTerm-admn-sts"
        assert set(statuses[1:]) <= {"admittedTerm-admn-sts"}
        for ref in entry.xpath("t:ref", namespaces=ns):
            assert ref.get("type") == "crossReference" and ref.get("target") in ids
        for xref in entry.xpath("t:xref", namespaces=ns):
            assert xref.get("target").startswith("https://")
    achats = root.xpath("//t:conceptEntry[@id='achats']", namespaces=ns)[0]
    assert achats.xpath("t:langSec/t:note/text()", namespaces=ns) == [
        "@SUM(A1) n’est pas une formule."
    ]
    definition = achats.xpath(".//t:descrip[@type='definition']/text()", namespaces=ns)[0]
    assert '<script>alert("x")</script>' in definition
    terms = achats.xpath(".//t:term/text()", namespaces=ns)
    assert terms == ["Achats publics responsables", "commande publique", '=HYPERLINK("http://x")']


_MERMAID_LINE = re.compile(
    r"^(flowchart LR"
    r'|  subgraph s_\w+\["[^"]*"\]'
    r"|  end"
    r'|\s+t_\w+\["[^"]*"\]'
    r'|\s+r_\w+\["[^"]*"\]:::ailleurs'
    r'|  t_\w+ -->\|"[^"]*"\| t_\w+'
    r"|  t_\w+ -\.- t_\w+)$"
)


def test_mermaid_concept_map(glossary: Path) -> None:
    text = out_of(glossary, "-f", "mermaid")
    lines = text.split("  subgraph legende[")[0].rstrip("\n").split("\n")
    assert lines[0] == "flowchart LR"
    for line in lines:
        assert line.startswith("  classDef ") or _MERMAID_LINE.match(line), line
    assert lines.count("  end") == 2
    assert 't_cooperation["Coopération #quot;de fait#quot;"]' in text
    assert 't_ecosysteme_local -->|"générique"| t_ecosysteme' in text
    assert "t_ecosysteme_local -.- t_achats" in text


def test_dot_concept_map(glossary: Path, tmp_path: Path) -> None:
    text = out_of(glossary, "-f", "dot")
    assert text.startswith('graph "essai" {') and text.rstrip().endswith("}")
    assert text.count("{") == text.count("}")
    assert '"cooperation" [label="Coopération \\"de fait\\""];' in text
    if shutil.which("dot") is None:
        pytest.skip("graphviz absent: syntaxe DOT non vérifiée par dot")
    svg = subprocess.run(
        ["dot", "-Tsvg"], input=text, capture_output=True, text=True, check=True
    ).stdout
    assert "Écosystème local" in svg and "Coopération" in svg


# -- installed program and start-up cost -----------------------------------------------


def _esslex() -> list[str]:
    script = shutil.which("esslex", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "esslex"]


def test_every_format_from_the_installed_program(glossary: Path, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    for exporter in exporters.EXPORTERS.values():
        target = tmp_path / f"sortie-{exporter.name}.{exporter.extension or 'dossier'}"
        result = subprocess.run(
            [
                *_esslex(),
                "--no-bundled",
                "-g",
                str(glossary),
                "export",
                "-f",
                exporter.name,
                "-o",
                str(target),
            ],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, (exporter.name, result.stderr)
        if exporter.directory:
            assert sum(part.stat().st_size for part in target.iterdir()) > 100
            assert result.stderr.startswith("Dossier écrit")
        else:
            assert target.stat().st_size > 100
            assert result.stderr.startswith("Fichier écrit")


def test_define_does_not_import_export_libraries() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "esslex", "define", "coopération"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    imported = {
        line.split("|")[-1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if "|" in line
    }
    assert "esslex" in imported
    assert not imported & {"jinja2", "markupsafe", "rdflib", "docx", "lxml", "weasyprint"}


def _related_glossary(written: dict[int, list[int]], count: int) -> str:
    lines = ['[glossary]\nid = "g"\ntitle = "G"\n']
    for index in range(count):
        lines.append(f'[[term]]\nid = "t{index}"\nlabel = "Terme {index}"\ndefinition = "D."')
        if written.get(index):
            lines.append("related = [" + ", ".join(f'"t{o}"' for o in written[index]) + "]")
    return "\n".join(lines) + "\n"


def test_toml_round_trip_keeps_the_order_of_related(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @st.composite
    def glossaries(draw):  # type: ignore[no-untyped-def]
        count = draw(st.integers(2, 7))
        written: dict[int, list[int]] = {}
        for index in range(count):
            others = [o for o in range(count) if o != index]
            written[index] = draw(st.lists(st.sampled_from(others), unique=True, max_size=4))
        return count, written

    @settings(
        max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(glossaries())
    def check(case) -> None:  # type: ignore[no-untyped-def]
        count, written = case
        folder = tmp_path_factory.mktemp("related")
        source = folder / "source.toml"
        source.write_text(_related_glossary(written, count), encoding="utf-8")
        code, out, err = export(source, "-f", "toml")
        assert code == 0, err
        copy = folder / "copie.toml"
        copy.write_text(out, encoding="utf-8")
        assert _comparable(load_glossary([copy])) == _comparable(load_glossary([source]))

    check()


def test_dash_output_is_stdout(glossary: Path) -> None:
    code, out, err = export(glossary, "-f", "mermaid", "-o", "-")
    assert code == 0, err
    assert out.startswith("flowchart LR\n")
    assert err == ""
