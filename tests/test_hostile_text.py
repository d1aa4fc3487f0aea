"""Text as data, never as code: a glossary written to attack every output.

Rich markup, ANSI CSI and OSC 8 sequences, carriage returns, bidi controls, zero-width
characters, HTML, spreadsheet formulas, `javascript:` links, characters XML 1.0 cannot
carry and the punctuation of Markdown, Mermaid and DOT, in every text field: each
reading command prints them inertly, in plain text and on a terminal (Rich), and each
export keeps them as text.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from hostile_support import NBSP, PLAIN, SGR, TERMINAL, assert_inert, flat, run

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

MARKUP = "[bold red]gras[/] [link=https://exemple.org]lien[/link]"
CSI = "\x1b[31mrouge\x1b[0m\x1b[2J"
OSC = "\x1b]8;;https://exemple.org\x1b\\ici\x1b]8;;\x1b\\\x1b]0;titre\x07"
C1 = "\x9b31m"
CR = "avant\rapres ligne\r\nsuivante"
BIDI = "\u202eesrevni\u202c \u2066isolé\u2069\u2067\u2068"
ZERO_WIDTH = "zéro\u200blargeur\u200d\u2060joint\ufeff"
HTML = "<script>alert(1)</script><img src=x onerror=alert(2)>"
# Characters XML 1.0 cannot carry, even escaped.
NOT_XML = "\x00\x01\x08\x0b\x0c\x0e\x1f\ufffe\uffff"
BREAKERS = '"`]--> x -- y; [label="z" ` ``` ]] }'
HOSTILE = f"{MARKUP} {CSI} {OSC} {C1} {CR} {BIDI} {ZERO_WIDTH} {HTML} {NOT_XML} {BREAKERS}"
# What must be read, literally, wherever the text is shown.
VISIBLE = (
    "[bold red]gras[/]",
    "[link=https://exemple.org]lien[/link]",
    "<script>alert(1)</script>",
)


def _glossary() -> dict[str, Any]:
    def text(name: str) -> str:
        return f"{name} {HOSTILE}"

    return {
        "glossary": {
            "id": "piege",
            "title": text("Titre"),
            "publishers": [text("Éditeur"), '=HYPERLINK("https://e.org")'],
            "description": text("Description"),
            "licence": text("Licence"),
            "version": "1\x1b[31m",
        },
        "theme": [
            {"id": "theme-piege", "label": text("Thème"), "description": text("Sur le thème")},
        ],
        "term": [
            {
                "id": "formule",
                "label": f"=1+2 Formule {HOSTILE}",
                "alt_labels": [
                    "formule",
                    f"+cmd|' /C calc'!A0 {HOSTILE}",
                    "@SUM(1)",
                    "-2",
                    "\tTabulation",
                    "\rRetour",
                    f"Autre\nligne {HOSTILE}",
                ],
                "hidden_labels": [text("Caché")],
                "themes": ["theme-piege"],
                "definition": f"Définition {HOSTILE}\n\n1° Premier {MARKUP} ;\n2° Second {CSI}.",
                "notes": [text("Note"), "=NOTE()"],
                "related": ["lien"],
                "origin": text("Origine"),
                "sources": [
                    {
                        "title": text("Source"),
                        "author": "@auteur",
                        "publisher": text("Éditeur"),
                        "article": "-1",
                        "url": "javascript:alert(3)",
                    },
                    {"title": "Data", "url": "data:text/html,<script>alert(4)</script>"},
                    {"title": "Guillemet", "url": 'https://e.org/" onmouseover="alert(5)'},
                    {"title": "Espace", "url": "https://e.org/mon document.pdf"},
                ],
            },
            {
                "id": "lien",
                "label": f'Lien"]; x -- y; [label="z {HOSTILE}',
                # Each cell of this row in the CSV starts like a formula.
                "alt_labels": ["+cmd|' /C calc'!A0", "lien", "\u202eesrevni"],
                "hidden_labels": ["\tTabulation", "caché"],
                "notes": ["=NOTE()"],
                "origin": "-1",
                "themes": ["theme-piege"],
                "definition": "Deux\r\nlignes\rpuis -->| fin `code` ]",
                "broader": ["formule"],
                "sources": [{"title": "Ailleurs", "url": "JaVaScRiPt:alert(6)"}],
            },
        ],
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("piege") / "piege.toml"
    path.write_text(tomli_w.dumps(_glossary()), encoding="utf-8")
    assert tomllib.loads(path.read_text(encoding="utf-8"))["term"][0]["id"] == "formule"
    return path


def esslex(hostile: Path, *args: str, env: dict[str, str | None]) -> Any:
    return run("--no-bundled", "--glossary", str(hostile), *args, env=env)


# --- the reading commands ---------------------------------------------------------------

READING = {
    "define": ("define", "formule"),
    "define-other": ("define", "lien"),
    "list": ("list",),
    "list-theme": ("list", "--theme", "theme-piege"),
    "search": ("search", "formule"),
    "themes": ("themes",),
    "related": ("related", "formule", "--depth", "3"),
    "glossaries": ("glossaries",),
}


@pytest.mark.parametrize("mode", ["plain", "rich"])
@pytest.mark.parametrize("args", READING.values(), ids=READING.keys())
def test_reading_commands_print_glossary_text_inertly(
    hostile: Path, args: tuple[str, ...], mode: str
) -> None:
    result = esslex(hostile, *args, env=TERMINAL if mode == "rich" else PLAIN)
    assert result.exit_code == 0, result.stderr
    output = result.stdout
    if mode == "rich":
        assert SGR.search(output), "the Rich path was not taken"
        output = SGR.sub("", output)
    else:
        assert "\x1b" not in output
    assert_inert(output, ignore=NBSP)
    assert_inert(SGR.sub("", result.stderr), ignore=NBSP)
    text = flat(output)
    assert "[bold red]gras[/]" in text or args[0] == "glossaries", text
    if args[0] in ("define", "list", "search", "related"):
        assert "<script>alert(1)</script>" in text
    for trace in ("31m", "2J", "8;;", "]0;", "titre"):
        assert trace not in text, trace


def test_every_field_of_an_entry_is_shown_inertly(hostile: Path) -> None:
    result = esslex(hostile, "define", "formule", env=PLAIN)
    text = flat(result.stdout)
    for shown in (
        "=1+2 Formule [bold red]gras[/]",
        "+cmd|' /C calc'!A0",  # alternative labels
        "Autre ligne [bold red]gras[/]",  # a line break in a label: one line
        "Définition [bold red]gras[/]",
        "Note [bold red]gras[/]",
        "Source [bold red]gras[/]",
        "javascript:alert(3)",  # shown as text
        "avant apres",  # a carriage return separates words, it moves no cursor
        "esrevni isolé",
        "zérolargeurjoint",
    ):
        assert shown in text, shown


def test_check_messages_quote_glossary_text_inertly(tmp_path: Path) -> None:
    path = tmp_path / "cles.toml"
    key = f"clé {MARKUP} {CSI} {OSC} {BIDI}".replace("\n", " ")
    path.write_text(
        tomli_w.dumps({"term": [{"id": "a", "label": "A", "definition": "D.", key: 1}]}),
        encoding="utf-8",
    )
    for env in (PLAIN, TERMINAL):
        result = run("--no-bundled", "check", str(path), env=env)
        assert result.exit_code == 3
        output = SGR.sub("", result.stdout)
        assert_inert(output, ignore=NBSP)
        assert "champ inconnu «" in flat(output) and "clé [bold red]gras[/]" in flat(output)
        loaded = run("--no-bundled", "-g", str(path), "list", env=env)
        assert loaded.exit_code == 3
        assert_inert(SGR.sub("", loaded.stderr), ignore=NBSP)
        assert "[link=https://exemple.org]lien[/link]" in loaded.stderr


def test_the_markup_of_a_query_is_echoed_inertly() -> None:
    for env in (PLAIN, TERMINAL):
        result = run("define", f"{MARKUP} {CSI} {OSC}", env=env)
        assert result.exit_code == 1
        assert_inert(SGR.sub("", result.stderr), ignore=NBSP)
        assert "[bold red]gras[/]" in result.stderr


# --- exports -------------------------------------------------------------------------------


def export(hostile: Path, format_name: str, tmp_path: Path) -> bytes:
    target = tmp_path / f"piege.{format_name}"
    result = esslex(hostile, "export", "--format", format_name, "-o", str(target), env=PLAIN)
    assert result.exit_code == 0, result.stderr
    return target.read_bytes()


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_safe_html(page: str) -> str:
    """No script, no image, no event handler, no link but http(s) or in-page; the text."""
    parser = _Tags()
    parser.feed(page)
    for tag, attributes in parser.tags:
        assert tag not in ("script", "img", "iframe", "object"), tag
        for name, value in attributes:
            assert not name.startswith("on"), name
            if name in ("href", "src"):
                assert value is not None
                assert value.startswith(("#", "http://", "https://")), value
                assert '"' not in value and " " not in value, value
    return "".join(parser.text)


def test_html_escapes_markup_and_never_links_javascript(hostile: Path, tmp_path: Path) -> None:
    pytest.importorskip("jinja2")
    page = export(hostile, "html", tmp_path).decode("utf-8")
    text = assert_safe_html(page)
    for shown in VISIBLE:
        assert shown in text
    assert "javascript:alert(3)" in text  # as text
    assert_inert(page.replace("\t", " "), ignore=NBSP)


def test_markdown_renders_to_safe_html_with_every_entry_a_heading(
    hostile: Path, tmp_path: Path
) -> None:
    from markdown_it import MarkdownIt

    document = export(hostile, "markdown", tmp_path).decode("utf-8")
    assert_inert(document, ignore=NBSP)
    rendered = MarkdownIt("commonmark").render(document)
    text = assert_safe_html(rendered)
    for shown in VISIBLE:
        assert shown in text
    headings = re.findall(r"<h3>(.*?)</h3>", rendered, flags=re.S)
    assert len(headings) == 2, headings
    assert all("\n" not in heading for heading in headings)
    assert "Formule" in headings[0] + headings[1]


def test_docx_keeps_the_text_and_links_only_to_the_web(hostile: Path, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    data = export(hostile, "docx", tmp_path)
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    for shown in VISIBLE:
        assert shown in text
    assert_inert(text.replace("\t", " "), ignore=NBSP)
    targets = [
        rel.target_ref
        for part in (document.part, *document.part.package.parts)
        for rel in part.rels.values()
        if rel.is_external
    ]
    assert all(target.startswith(("http://", "https://")) for target in targets), targets
    assert not any(" " in target or '"' in target for target in targets), targets
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        from lxml import etree

        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(archive.read(name))  # well-formed


def test_csv_neutralises_formulas(hostile: Path, tmp_path: Path) -> None:
    data = export(hostile, "csv", tmp_path).decode("utf-8-sig")
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


def test_xml_exports_are_well_formed_whatever_the_text(hostile: Path, tmp_path: Path) -> None:
    etree = pytest.importorskip("lxml.etree")
    from xml.dom import minidom

    data = export(hostile, "tbx", tmp_path)
    minidom.parseString(data)  # a second, strict parser
    root = etree.fromstring(data)
    text = " ".join(root.itertext())
    for shown in VISIBLE:
        assert shown in text
    assert "=1+2 Formule" in text


def test_skos_keeps_the_text_as_literals_and_links_only_to_the_web(
    hostile: Path, tmp_path: Path
) -> None:
    rdflib = pytest.importorskip("rdflib")
    turtle = rdflib.Graph().parse(data=export(hostile, "skos", tmp_path), format="turtle")
    jsonld = rdflib.Graph().parse(data=export(hostile, "skos-jsonld", tmp_path), format="json-ld")
    assert turtle.isomorphic(jsonld)
    labels = {str(o) for o in turtle.objects(None, rdflib.SKOS.prefLabel)}
    original = _glossary()["term"][0]["label"]
    assert original.strip() in labels  # every character kept: it is data
    for node in turtle.all_nodes():
        if isinstance(node, rdflib.URIRef):
            assert str(node).startswith(("urn:esslex:", "http://", "https://")), node


def test_data_exports_keep_every_character(hostile: Path, tmp_path: Path) -> None:
    document = json.loads(export(hostile, "json", tmp_path))
    assert document["terms"][0]["label"] == _glossary()["term"][0]["label"]
    assert document["terms"][0]["hidden_labels"] == _glossary()["term"][0]["hidden_labels"]
    toml = tomllib.loads(export(hostile, "toml", tmp_path).decode("utf-8"))
    assert toml["term"][0]["label"] == _glossary()["term"][0]["label"]


MERMAID_LINE = re.compile(
    r'flowchart LR|  subgraph s_\w+\["[^"`\n]*"\]|  end|    ?t_\w+\["[^"`\n]*"\]'
    r'|  t_\w+ -->\|"[^"`\n]*"\| t_\w+|  t_\w+ -\.- t_\w+'
)


def test_mermaid_labels_cannot_break_out(hostile: Path, tmp_path: Path) -> None:
    chart = export(hostile, "mermaid", tmp_path).decode("utf-8")
    assert_inert(chart)
    # The style of reference boxes and the legend are fixed text, without glossary text.
    chart, legend = chart.split("  subgraph legende[", 1)
    assert "\n  classDef ailleurs " in chart and "t_" not in legend
    lines = [line for line in chart.splitlines() if not line.startswith("  classDef ")]
    for line in lines:
        assert MERMAID_LINE.fullmatch(line), line
    assert len(lines) == 1 + 2 + 2 + 2  # header, subgraph and end, two nodes, two edges
    names = {"quot": '"', "amp": "&", "lt": "<", "gt": ">"}

    def decoded(label: str) -> str:
        return re.sub(r"#(\w+);", lambda m: names.get(m[1]) or chr(int(m[1])), label)

    labels = [decoded(label) for label in re.findall(r't_lien\["([^"]*)"\]', chart)]
    assert labels and labels[0].startswith('Lien"]; x -- y; [label="z [bold red]gras[/]')
    assert '"`]--> x -- y;' in labels[0] and "<script>" in labels[0]


DOT_STRING = r'"(?:[^"\\\n]|\\.)*"'
DOT_LINE = re.compile(
    rf"graph {DOT_STRING} \{{|  (?:graph|node|edge) \[.*\];|  subgraph cluster_\d+ \{{"
    rf"|    label={DOT_STRING};|    color={DOT_STRING};|  ?  {DOT_STRING} \[label={DOT_STRING}\];"
    rf"|  {DOT_STRING} -- {DOT_STRING} \[.*\];|  \}}|\}}"
)


def test_dot_labels_cannot_break_out(hostile: Path, tmp_path: Path) -> None:
    graph = export(hostile, "dot", tmp_path).decode("utf-8")
    assert_inert(graph)
    # The legend is fixed text, without glossary text.
    body, legend = graph.split("  subgraph cluster_legend {", 1)
    assert legend.count("legende-") == 5 + 2 * 2  # five boxes, two edges
    for line in body.splitlines():
        assert DOT_LINE.fullmatch(line), line
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz (dot) absent: the structure is checked, not the drawing")
    drawn = subprocess.run(
        [dot, "-Tsvg"], input=graph.encode(), capture_output=True, timeout=60, check=False
    )
    assert drawn.returncode == 0, drawn.stderr
    assert drawn.stdout.count(b'class="node"') == 2 + 5  # two entries, five in the legend


@pytest.mark.parametrize("format_name", ["html", "docx", "markdown"])
def test_a_hostile_title_option_is_text_too(
    hostile: Path, tmp_path: Path, format_name: str
) -> None:
    pytest.importorskip({"html": "jinja2", "docx": "docx", "markdown": "markdown_it"}[format_name])
    target = tmp_path / f"titre.{format_name}"
    title = f"Séance {HOSTILE}\udcff"  # and a byte that was not UTF-8
    result = esslex(
        hostile, "export", "--format", format_name, "--title", title, "-o", str(target), env=PLAIN
    )
    assert result.exit_code == 0, result.stderr
    if format_name == "docx":
        import docx

        text = docx.Document(str(target)).paragraphs[0].text
    elif format_name == "markdown":
        from markdown_it import MarkdownIt

        page = MarkdownIt("commonmark").render(target.read_text(encoding="utf-8"))
        text = assert_safe_html(page)
    else:
        text = assert_safe_html(target.read_text(encoding="utf-8"))
    assert "Séance [bold red]gras[/] [link=https://exemple.org]lien[/link]" in text
    assert_inert(text.replace("\t", " "), ignore=NBSP)


def test_the_loader_cannot_produce_lone_surrogates(tmp_path: Path) -> None:
    escaped = tmp_path / "echappe.toml"
    escaped.write_text('[[term]]\nid = "a"\nlabel = "\\udc80"\ndefinition = "D."\n', "utf-8")
    raw = tmp_path / "brut.toml"
    raw.write_bytes(b'[[term]]\nid = "a"\nlabel = "\xed\xb2\x80"\ndefinition = "D."\n')
    for path, fragment in (
        (escaped, "caractère non valide dans une chaîne"),
        (raw, "le fichier n’est pas en UTF-8"),
    ):
        result = run("--no-bundled", "-g", str(path), "export", "--format", "tbx")
        assert result.exit_code == 3
        assert f"{path}:3: " in result.stderr and fragment in result.stderr
