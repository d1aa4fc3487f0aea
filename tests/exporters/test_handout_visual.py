"""The printed handout, as a reader sees it: pages, margins, accents, headings, overflow.

These checks need poppler (pdftotext, pdftoppm, pdffonts) or Chromium; each test skips
when its tool is absent.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cli_support import run
from esslex.loader import load_glossary
from esslex.paths import bundled_path

# Subprocesses, external programs or a browser: not in the everyday loop.
pytestmark = pytest.mark.slow


# The whole bundled glossary and one theme of it, as a trainer would print them.
HANDOUTS = {
    "entier": [],
    "theme": ["--theme", "transitions", "--title", "Formation\u00a0: les transitions"],
}
A4_WIDTH_PT = 595.3
SIDE_MARGIN_PT = 17 / 25.4 * 72  # 17 mm, as in handout.css


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} absent")
    return path


@pytest.fixture(scope="module", params=sorted(HANDOUTS))
def pdf(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("weasyprint")
    target = tmp_path_factory.mktemp("pdf") / f"{request.param}.pdf"
    result = run("export", "-o", str(target), *HANDOUTS[request.param])
    assert result.exit_code == 0, result.stderr
    return target


def pages_text(pdf: Path) -> list[str]:
    need("pdftotext")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.rstrip("\f\n").split("\f")


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


def test_every_page_is_numbered(pdf: Path) -> None:
    pages = pages_text(pdf)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert re.search(rf"Page {number} / {len(pages)}\s*$", page), page[-200:]


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


def test_no_heading_ends_a_page(pdf: Path) -> None:
    headings = heading_texts()
    for page in pages_text(pdf)[:-1]:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = [line for line in lines if not re.search(r"Page \d+ / \d+$", line)]
        assert body[-1] not in headings, f"titre orphelin en bas de page\u00a0: {body[-1]}"


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


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return name
    pytest.skip("Chromium absent")


@pytest.mark.parametrize("width", [390, 1000])
def test_html_page_has_no_horizontal_overflow(tmp_path: Path, width: int) -> None:
    browser = chromium()
    result = run("export", "-f", "html")
    assert result.exit_code == 0, result.stderr
    probe = (
        "<script>document.body.setAttribute('data-overflow',"
        " String(document.documentElement.scrollWidth - window.innerWidth));</script></body>"
    )
    page = tmp_path / "page.html"
    page.write_text(result.stdout.replace("</body>", probe), encoding="utf-8")
    dom = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--window-size={width},900",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    overflow = re.search(r'data-overflow="(-?\d+)"', dom)
    assert overflow is not None, dom[:300]
    assert int(overflow.group(1)) <= 0


def test_html_screenshot_and_browser_print(tmp_path: Path) -> None:
    browser = chromium()
    page = tmp_path / "theme.html"
    result = run("export", "-t", "transitions", "-o", str(page))
    assert result.exit_code == 0, result.stderr
    common = [browser, "--headless", "--no-sandbox", "--disable-gpu"]
    shot = tmp_path / "theme.png"
    subprocess.run(
        [*common, "--window-size=1000,1400", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
    )
    assert shot.read_bytes().startswith(b"\x89PNG")
    printed = tmp_path / "theme.pdf"
    subprocess.run(
        [*common, "--no-pdf-header-footer", f"--print-to-pdf={printed}", page.as_uri()],
        capture_output=True,
        timeout=120,
    )
    text = "\n".join(pages_text(printed))
    # The page's own print rules give page numbers in the browser too.
    assert re.search(r"Page 1 / \d+", text)
    assert "Résilience territoriale" in text
