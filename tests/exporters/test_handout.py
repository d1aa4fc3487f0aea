"""Handouts (Markdown, HTML, PDF, DOCX, built once by `exporters/handout.py`): what every
handout holds (header, sections, index, bibliography, references), the content switches
(--no-notes, --no-sources, --no-index, --no-toc, --order, --one-per-page, --layout fiche),
and the printed pages.

Printed pages: three handouts a trainer makes (the whole glossary, one theme, three entries
of the trainer's own glossary with full branding), in PDF (WeasyPrint) and DOCX laid out by
LibreOffice. Each page is read back (poppler's pdftotext) and checked for what a reader
would see as a fault: a page holding only a heading or a few stray lines, an entry cut in
two, a line starting with « : », « ; » or « » », and credits naming a glossary the handout
does not quote. They need poppler, and LibreOffice for the DOCX, and skip without them.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
from pathlib import Path

import pytest

from esslex.glossary.loader import bundled_path, load_glossary
from support.cli import run
from support.exports import export
from support.pages import libreoffice_pdf, measure
from support.tools import need


def test_handout_header_index_and_bibliography(glossary: Path) -> None:
    from lxml import html

    page = html.fromstring(
        export(
            glossary, "-f", "html", "--for", "trainers", "--title", "Formation du 3 mars", expect=0
        ).out
    )
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

    page = html.fromstring(export(glossary, "-f", "html", "--group-by", "alpha", expect=0).out)
    assert page.xpath("//section[@class='group']/h2/text()") == ["A", "C", "E"]
    assert page.xpath("//section[@id='lettre-E']//h3/text()") == ["Écosystème", "Écosystème local"]


def test_theme_sections_print_each_entry_once(glossary: Path) -> None:
    from lxml import html

    page = html.fromstring(export(glossary, "-f", "html", expect=0).out)
    assert page.xpath("//section[@class='group']/h2/text()") == ["Économie", "Territoires"]
    ids = page.xpath("//article/@id")
    assert len(ids) == len(set(ids)) == 4
    elsewhere = page.xpath("//section[@id='theme-economie']//p[@class='elsewhere']//a/@href")
    assert elsewhere == ["#terme-ecosysteme-local"]


def test_references_to_entries_left_out_are_plain_text(glossary: Path) -> None:
    from lxml import html

    page = html.fromstring(export(glossary, "-f", "html", "--term", "achats", expect=0).out)
    fields = page.xpath('//article[@id="terme-achats"]//div[@class="fields"]')[0]
    assert "Coopération" in fields.text_content()
    assert fields.xpath(".//a") == []
    assert fields.xpath('.//span[@class="plain-ref"]')
    markdown = export(glossary, "-f", "markdown", "--term", "achats", expect=0).out
    assert "(#terme-cooperation)" not in markdown
    # Data formats keep only relations between exported entries.
    data = json.loads(export(glossary, "-f", "json", "--term", "achats", expect=0).out)
    assert data["terms"][0]["related"] == []


# --- the content switches ----------------------------------------------------------------


def entry_headings(markdown: str) -> list[str]:
    return re.findall(r"^### (?:<a id=\"[^\"]+\"></a>)?(.+)$", markdown, flags=re.M)


def test_a_trainers_handout_has_every_part(glossary: Path) -> None:
    text = export(glossary, "-f", "markdown", "--for", "trainers", expect=0).out
    assert "**Sommaire**" in text
    assert '## <a id="index"></a>Index' in text
    assert '## <a id="bibliographie"></a>Bibliographie' in text
    assert "Note" in text and "@SUM(A1)" in text
    assert "Sources\u00a0:" in text and "Lien piégé" in text


def test_a_handout_is_for_participants_by_default(glossary: Path) -> None:
    text = export(glossary, "-f", "markdown", expect=0).out
    assert "**Sommaire**" in text and '<a id="index"></a>' in text
    # The notes, no bibliography; one source line, the one with a web link.
    assert "**Note\u00a0:** @SUM(A1)" in text and "Bibliographie" not in text
    achats = text[text.index("Achats publics responsables\n") :].split("### ")[0]
    [source] = [line for line in achats.splitlines() if line.startswith("Source")]
    assert source.startswith("Source\u00a0: [Code de la commande publique, art.\u00a0L2111-1")
    assert "legifrance.gouv.fr" in source and "Lien piégé" not in text
    with_bibliography = export(glossary, "-f", "markdown", "--bibliography", expect=0).out
    assert '## <a id="bibliographie"></a>Bibliographie' in with_bibliography


def test_no_notes_drops_only_the_notes(glossary: Path) -> None:
    full = export(glossary, "-f", "markdown", "--for", "trainers", expect=0).out
    text = export(glossary, "-f", "markdown", "--for", "trainers", "--no-notes", expect=0).out
    assert "@SUM(A1)" in full and "@SUM(A1)" not in text
    assert entry_headings(text) == entry_headings(full)


def test_no_sources_drops_sources_and_bibliography(glossary: Path) -> None:
    text = export(glossary, "-f", "markdown", "--for", "trainers", "--no-sources", expect=0).out
    assert "Bibliographie" not in text
    assert not re.search(r"^\*\*Sources?\*\*", text, flags=re.M)
    assert "Source\u00a0:" not in text


def test_no_index_and_no_toc(glossary: Path) -> None:
    text = export(glossary, "-f", "markdown", "--no-index", "--no-toc", expect=0).out
    assert "**Sommaire**" not in text
    assert '<a id="index"></a>' not in text
    html = export(glossary, "-f", "html", "--no-index", "--no-toc", expect=0).out
    assert 'class="toc"' not in html and 'id="index"' not in html


def test_order_label_and_given(glossary: Path) -> None:
    by_label = entry_headings(export(glossary, "-f", "markdown", "--order", "label", expect=0).out)
    assert by_label == sorted(by_label, key=lambda label: label.casefold().replace("é", "e"))
    given = entry_headings(
        export(
            glossary,
            "-f",
            "markdown",
            "--order",
            "given",
            "--term",
            "Écosystème local",
            "--term",
            "achats",
            expect=0,
        ).out
    )
    assert given == ["Écosystème local", "Achats publics responsables"]


def test_one_per_page_marks_the_html_for_print(glossary: Path) -> None:
    html = export(glossary, "-f", "html", "--one-per-page", expect=0).out
    assert re.search(r'<html[^>]*class="[^"]*one-per-page', html)
    assert "one-per-page" not in export(glossary, "-f", "html", expect=0).out.split("<head>")[0]


def test_layout_fiche_is_one_table_of_first_sentences(glossary: Path) -> None:
    text = export(glossary, "-f", "markdown", "--layout", "fiche", expect=0).out
    assert "| Terme | En une phrase |" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "Terme" not in line]
    assert len(rows) == len(entry_headings(export(glossary, "-f", "markdown", expect=0).out))
    row = next(line for line in rows if line.startswith("| Écosystème local |"))
    assert "Un écosystème d’acteurs sur un territoire." in row
    assert not entry_headings(text)  # the table replaces the entries


# --- printed pages (PDF, and DOCX through LibreOffice) -----------------------------------


OWN = """
[glossary]
id = "reseau-x"
title = "Glossaire du réseau X"
publishers = ["Réseau X"]
licence = "Textes sous licence CC BY 4.0, © Réseau X."

[[theme]]
id = "formes"
label = "Formes d'entreprise"

[[term]]
id = "scop"
label = "SCOP"
themes = ["formes"]
definition = "Une société coopérative où les salariés sont associés majoritaires : ils détiennent au moins 51 % du capital."
related = ["cae"]

[[term]]
id = "tiers-lieu"
label = "Tiers-lieu"
themes = ["formes"]
definition = "Un lieu partagé ; on y travaille, on s'y forme, on y fabrique. Est-ce un « espace de coworking » ? Pas seulement !"

[[term]]
id = "cae"
label = "Coopérative d'activité et d'emploi"
alt_labels = ["CAE"]
themes = ["formes"]
definition = "Une coopérative qui héberge des entrepreneurs salariés ; elle mutualise leurs services."
"""


LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
    '<rect width="120" height="40" rx="6" fill="#1f5f5b"/>'
    '<text x="60" y="26" font-size="16" text-anchor="middle" fill="#fff">Réseau X</text></svg>'
)


CASES = {
    "entier": [],
    "theme": ["--theme", "transitions", "--title", "Formation\u00a0: les transitions"],
    "formateur": [
        "--term", "SCOP", "--term", "tiers-lieu", "--term", "CAE", "--order", "given",
        "--title", "Atelier coopératives", "--organisation", "Réseau X",
        "--author", "Marie Dupont", "--date", "2027-03-12", "--licence", "CC BY 4.0",
    ],
}  # fmt: skip


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("formateur")
    (folder / "logo.svg").write_text(LOGO, encoding="utf-8")
    (folder / "reseau-x.toml").write_text(OWN, encoding="utf-8")
    return folder


def make(case: str, suffix: str, own: Path, folder: Path) -> Path:
    target = folder / f"{case}.{suffix}"
    args = list(CASES[case])
    if case == "formateur":
        args += ["--logo", str(own / "logo.svg")]
    prefix = ["-g", str(own / "reseau-x.toml")] if case == "formateur" else []
    result = run(
        *prefix, "export", "-o", str(target), *args, env={"SOURCE_DATE_EPOCH": "1800000000"}
    )
    assert result.exit_code == 0, result.stderr
    return target


@pytest.fixture(scope="module", params=[(c, s) for c in CASES for s in ("pdf", "docx")])
def printed(
    request: pytest.FixtureRequest, own: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """(case, the PDF as printed): WeasyPrint's, or LibreOffice's rendering of the DOCX."""
    case, suffix = request.param
    folder = tmp_path_factory.mktemp(f"{case}-{suffix}")
    if suffix == "pdf":
        pytest.importorskip("weasyprint")
        return case, make(case, "pdf", own, folder)
    soffice = need("soffice")
    document = make(case, "docx", own, folder)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{folder}/profil", "--headless",
         "--convert-to", "pdf", "--outdir", str(folder / "lo"), str(document)],
        capture_output=True, timeout=300, check=True,
    )  # fmt: skip
    return case, folder / "lo" / f"{case}.pdf"


def pages(pdf: Path, layout: bool = False) -> list[list[str]]:
    """Each page's lines of text, without blank lines and the footer (title, page number)."""
    need("pdftotext")
    text = subprocess.run(
        ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    result = []
    for page in text.rstrip("\f\n").split("\f"):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        result.append([line for line in lines if not re.search(r"Page \d+ / \d+$", line)])
    # The running title at the foot of every page.
    footers = {page[-1] for page in result if page}
    if len(result) > 1 and len(footers) == 1:
        result = [page[:-1] for page in result]
    return result


def before_index(body: list[list[str]], titles: set[str]) -> list[list[str]]:
    """The pages without the table of contents and from the index on, which list the
    headings again."""
    result: list[list[str]] = []
    for lines in body:
        if "Sommaire" in lines:
            start = end = lines.index("Sommaire")
            while end + 1 < len(lines) and lines[end + 1] in titles:
                end += 1
            lines = lines[:start] + lines[end + 1 :]
        if "Index" in lines:
            result.append(lines[: lines.index("Index")])
            result.extend([] for _ in body[len(result) :])
            break
        result.append(lines)
    return result


def printed_headings(case: str) -> set[str]:
    glossary = load_glossary([bundled_path()])
    names = {t.label for t in glossary} | {t.label for t in glossary.themes}
    return names | {"Index", "Bibliographie", "Sommaire", "SCOP", "Tiers-lieu", "Entrées"}


@pytest.mark.slow
def test_no_page_holds_only_a_heading_or_a_few_stray_lines(printed: tuple[str, Path]) -> None:
    case, pdf = printed
    body = pages(pdf)
    titles = printed_headings(case)
    for number, (lines, text) in enumerate(
        zip(body, before_index(body, titles), strict=True), start=1
    ):
        if number < len(body) and text:
            assert text[-1] not in titles, f"page {number}: titre seul en bas\u00a0: {text[-1]}"
        if number > 1 and len(body) > 1:
            # The last page may hold the end of the bibliography: a few lines, no heading.
            end_of_bibliography = number == len(body) and not set(lines) & titles
            assert len(lines) > 3 or end_of_bibliography, (
                f"page {number} presque vide\u00a0: {lines}"
            )


@pytest.mark.slow
def test_no_line_starts_with_a_closing_mark(printed: tuple[str, Path]) -> None:
    _, pdf = printed
    for number, lines in enumerate(pages(pdf), start=1):
        for line in lines:
            assert not line.startswith((":", ";", "»", "!", "?")), f"page {number}: {line}"
            assert not line.endswith("«"), f"page {number}: {line}"


def least_lines(pdf: Path) -> int:
    """The fewest lines a page break may leave of a paragraph: three in the PDF; two in the
    DOCX, Word's widow control (the format has no setting for more)."""
    return 2 if pdf.parent.name == "lo" else 3


@pytest.mark.slow
def test_a_paragraph_cut_by_a_page_keeps_lines_on_each_side(printed: tuple[str, Path]) -> None:
    _, pdf = printed
    measured = measure(pdf)
    body = pages(pdf)
    index = next((n for n, lines in enumerate(body) if n and "Index" in lines), len(body))
    for number, (page, following) in enumerate(itertools.pairwise(measured), start=1):
        if number < index and page.continued_on(following):
            kept = (len(page.paragraph_at_foot()), len(following.paragraph_at_head()))
            assert min(kept) >= least_lines(pdf), f"page {number}: {kept}"


@pytest.mark.slow
def test_the_whole_glossary_leaves_no_page_a_fifth_empty(printed: tuple[str, Path]) -> None:
    """Each page of entries is 80 % full or more, but the one before a theme starts."""
    case, pdf = printed
    if case != "entier":
        pytest.skip("le glossaire entier seulement")
    measured = measure(pdf)
    body = pages(pdf)
    glossary = load_glossary([bundled_path()])
    sections = {theme.label for theme in glossary.themes} | {"Index", "Bibliographie"}
    index = next(n for n, lines in enumerate(body) if n and "Index" in lines)
    fills = [round(page.fill * 100) for page in measured]
    for number in range(1, index):  # page numbers from 1: the pages before the index
        if body[number][:1] and body[number][0] in sections:
            continue  # a theme starts on the next page
        assert fills[number - 1] >= 80, (
            f"page {number} remplie à {fills[number - 1]}\u00a0%: {fills}"
        )


# Entries of long paragraphs (8 to 13 lines), each one sentence, which page breaks must cut.
def long_entry(number: int) -> str:
    paragraphs = [
        "Une phrase sans fin, "
        + ", ".join(
            f"puis l’étape {number}.{part}.{step} de la coopération entre les territoires"
            for step in range(8 + (number + part) % 6)
        )
        + "."
        for part in range(4)
    ]
    text = "\n\n".join(paragraphs)
    return (
        f'[[term]]\nid = "long-{number}"\nlabel = "Entrée longue {number}"\n'
        f'definition = """\n{text}\n"""\n'
    )


LONG = "\n".join(long_entry(number) for number in range(12))


@pytest.mark.slow
@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_long_entries_break_with_lines_on_each_side(suffix: str, tmp_path: Path) -> None:
    source = tmp_path / "long.toml"
    source.write_text('[glossary]\nid = "long"\ntitle = "Long"\n' + LONG, encoding="utf-8")
    target = tmp_path / f"long.{suffix}"
    if suffix == "pdf":
        pytest.importorskip("weasyprint")
    export(source, "-o", str(target), "--no-toc", "--no-index", expect=0)
    pdf = target if suffix == "pdf" else libreoffice_pdf(target, tmp_path)
    measured = measure(pdf)
    breaks = [
        (len(page.paragraph_at_foot()), len(following.paragraph_at_head()))
        for page, following in itertools.pairwise(measured)
        if page.continued_on(following)
    ]
    assert len(breaks) >= 2, breaks  # the paragraphs are cut, not moved whole
    assert min(min(kept) for kept in breaks) >= least_lines(pdf), breaks
    assert min(page.fill for page in measured[:-1]) >= 0.8


@pytest.mark.slow
def test_credits_name_only_the_glossaries_exported(printed: tuple[str, Path]) -> None:
    case, pdf = printed
    text = "\n".join(line for page in pages(pdf) for line in page)
    if case == "formateur":
        assert "Glossaire du réseau X" in text and "Réseau X" in text
        assert "Marie Dupont" in text and "12 mars 2027" in text and "CC BY 4.0" in text
        for foreign in ("DEVISUS", "Apes", "UNIPSO", "CORRECTIONS", "origin"):
            assert foreign not in text
    else:
        assert "Glossaire DEVISUS" in text and "Réseau X" not in text
        assert "CORRECTIONS.md" not in text and "origin =" not in text


@pytest.mark.slow
def test_pdf_information_comes_from_the_content(own: Path, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    pdf = make("formateur", "pdf", own, tmp_path)
    info = subprocess.run(
        [need("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"^Title:\s+Atelier coopératives$", info, re.M)
    assert re.search(r"^Author:\s+Marie Dupont$", info, re.M)
    assert re.search(r"^Subject:\s+Glossaire du réseau X", info, re.M)
    assert "DEVISUS" not in info
