"""Handouts as printed pages: PDF (WeasyPrint) and DOCX laid out by LibreOffice.

Three handouts a trainer makes: the whole glossary, one theme, and three entries of the
trainer's own glossary with full branding. Each page is read back (poppler's pdftotext)
and checked for what a reader would see as a fault: a page holding only a heading or a
few stray lines, an entry cut in two, a line starting with « : », « ; » or « » », and
credits naming a glossary the handout does not quote. Needs poppler, and LibreOffice for
the DOCX; each test skips without them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cli_support import run
from esslex.loader import bundled_path, load_glossary

pytestmark = pytest.mark.slow

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


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} absent")
    return path


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


def headings(case: str) -> set[str]:
    glossary = load_glossary([bundled_path()])
    names = {t.label for t in glossary} | {t.label for t in glossary.themes}
    return names | {"Index", "Bibliographie", "Sommaire", "SCOP", "Tiers-lieu", "Entrées"}


def test_no_page_holds_only_a_heading_or_a_few_stray_lines(printed: tuple[str, Path]) -> None:
    case, pdf = printed
    body = pages(pdf)
    titles = headings(case)
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


def test_no_line_starts_with_a_closing_mark(printed: tuple[str, Path]) -> None:
    _, pdf = printed
    for number, lines in enumerate(pages(pdf), start=1):
        for line in lines:
            assert not line.startswith((":", ";", "»", "!", "?")), f"page {number}: {line}"
            assert not line.endswith("«"), f"page {number}: {line}"


def test_an_entry_that_fits_a_page_is_not_split(printed: tuple[str, Path]) -> None:
    """Each entry's label and the « Source » line that ends it are on the same page."""
    case, pdf = printed
    if case == "formateur":
        pytest.skip("entrées sans source")
    body = pages(pdf)
    glossary = load_glossary([bundled_path()])
    labels = {t.label for t in glossary if t.sources}
    titles = headings(case)
    for number, lines in enumerate(before_index(body, titles), start=1):
        # A label alone on a line may also end a wrapped list of links (« Voir aussi »).
        heading = [
            line in titles and not (position and lines[position - 1].endswith((",", ":")))
            for position, line in enumerate(lines)
        ]
        for position, line in enumerate(lines):
            if line not in labels or not heading[position]:
                continue
            following = []
            for later, is_heading in zip(
                lines[position + 1 :], heading[position + 1 :], strict=True
            ):
                if is_heading:
                    break
                following.append(later)
            ends_here = any(later.startswith("Source") for later in following)
            # An entry may start a page and still run over: it is longer than a page.
            assert ends_here or position <= 1, f"«\u00a0{line}\u00a0» coupée, page {number}"


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
