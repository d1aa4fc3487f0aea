"""The PDF handout, and the printed handout as a reader sees it: pages numbered, accents and
fonts, no heading ending a page, text inside the margins, pages rendered as images (poppler:
pdftotext, pdftoppm, pdffonts; each test skips without its tool)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cli_support import run
from esslex.glossary.loader import load_glossary
from esslex.glossary.paths import bundled_path
from export_support import LABELS, export
from tools_support import need, pages_text


@pytest.mark.slow
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


# --- the printed handout as a reader sees it ---------------------------------------------


# The whole bundled glossary and one theme of it, as a trainer would print them.
HANDOUTS = {
    "entier": [],
    "theme": ["--theme", "transitions", "--title", "Formation\u00a0: les transitions"],
}


A4_WIDTH_PT = 595.3


SIDE_MARGIN_PT = 17 / 25.4 * 72  # 17 mm, as in handout.css


@pytest.fixture(scope="module", params=sorted(HANDOUTS))
def pdf(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("weasyprint")
    target = tmp_path_factory.mktemp("pdf") / f"{request.param}.pdf"
    result = run("export", "-o", str(target), *HANDOUTS[request.param])
    assert result.exit_code == 0, result.stderr
    return target


def heading_texts() -> set[str]:
    glossary = load_glossary([bundled_path()])
    return (
        {t.label for t in glossary}
        | {t.label for t in glossary.themes}
        | {
            "Index",
            "Bibliographie",
            "Sommaire",
        }
    )


@pytest.mark.slow
def test_every_page_is_numbered(pdf: Path) -> None:
    pages = pages_text(pdf)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert re.search(rf"Page {number} / {len(pages)}\s*$", page), page[-200:]


@pytest.mark.slow
def test_accents_and_fonts_survive(pdf: Path) -> None:
    text = "\n".join(pages_text(pdf))
    assert "\ufffd" not in text
    for word in ("Transition", "décroissance", "Résilience territoriale", "l’économie", "« "):
        assert word in text
    fonts = subprocess.run(
        [need("pdffonts"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts
    for line in fonts:
        # Columns: name, type, encoding, emb, sub, uni, object ID.
        assert line.split()[-5] == "yes", line


@pytest.mark.slow
def test_no_heading_ends_a_page(pdf: Path) -> None:
    headings = heading_texts()
    for page in pages_text(pdf)[:-1]:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = [line for line in lines if not re.search(r"Page \d+ / \d+$", line)]
        assert body[-1] not in headings, f"titre orphelin en bas de page\u00a0: {body[-1]}"


@pytest.mark.slow
def test_text_stays_inside_the_margins(pdf: Path) -> None:
    need("pdftotext")
    result = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        result,
    )
    assert len(words) > 100
    for x_min, _y_min, x_max, _y_max, word in words:
        assert float(x_min) >= SIDE_MARGIN_PT - 2, html.unescape(word)
        assert float(x_max) <= A4_WIDTH_PT - SIDE_MARGIN_PT + 2, html.unescape(word)


@pytest.mark.slow
def test_pages_render_as_images(pdf: Path, tmp_path: Path) -> None:
    subprocess.run(
        [need("pdftoppm"), "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True
    )
    images = sorted(tmp_path.glob("page-*.png"))
    texts = pages_text(pdf)
    assert len(images) == len(texts)
    for image, text in zip(images, texts, strict=True):
        data = image.read_bytes()
        # A page drawn, not blank: an image of some weight, and text besides its footer
        # (the last page may hold a single line of the bibliography).
        assert data.startswith(b"\x89PNG") and len(data) > 2_000, image.name
        assert any(line.strip() and "Page " not in line for line in text.splitlines()), image.name


@pytest.mark.slow
def test_the_pdf_is_tagged(pdf: Path) -> None:
    need("pdfinfo")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info


@pytest.mark.slow
def test_hyphenated_words_are_joined_back_by_pdftotext(pdf: Path) -> None:
    need("pdftotext")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "\u2010" not in text  # WeasyPrint's default hyphen, which readers keep
    # A word broken at a line's end comes back whole: no « commer-\nciales ».
    broken = re.findall(r"[a-zà-ÿ]{2,}-\n[a-zà-ÿ]{2,}", text)
    assert broken == [], broken[:5]
