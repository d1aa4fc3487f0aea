"""The HTML handout: escaped, links resolved, hostile text inert; in headless Chromium, no
horizontal overflow and a browser print (skipped without Chromium)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from support.cli import run
from support.exports import export
from support.glossaries import EXPORT_LABELS
from support.hostile import (
    HOSTILE_TITLE_SHOWN,
    NBSP,
    VISIBLE,
    assert_inert,
    assert_safe_html,
    export_hostile,
    hostile_title_export,
)
from support.tools import chromium, pages_text


def test_html_is_escaped_and_links_resolve(glossary: Path) -> None:
    from lxml import html

    text = export(glossary, "-f", "html", expect=0).out
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
    assert sorted(labels) == sorted(EXPORT_LABELS)
    markers = page.xpath(
        '//article[@id="terme-achats"]//ol[@class="marked"]/li/span[@class="marker"]/text()'
    )
    assert markers == ["1°", "2°"]
    paragraphs = page.xpath('//article[@id="terme-achats"]//div[@class="definition"]/p')
    assert len(paragraphs) == 2
    style = page.xpath("//style/text()")[0]
    # A long entry may break, never leaving fewer than three lines on either side.
    assert re.search(r"article\.entry p, article\.entry li \{ orphans: 3; widows: 3; \}", style)
    assert "@page" in style and "counter(page)" in style


def test_html_escapes_markup_and_never_links_javascript(hostile: Path, tmp_path: Path) -> None:
    pytest.importorskip("jinja2")
    page = export_hostile(hostile, "html", tmp_path).decode("utf-8")
    text = assert_safe_html(page)
    for shown in VISIBLE:
        assert shown in text
    assert "javascript:alert(3)" in text  # as text
    assert_inert(page.replace("\t", " "), ignore=NBSP)


def test_a_hostile_title_option_is_text_in_html(hostile: Path, tmp_path: Path) -> None:
    pytest.importorskip("jinja2")
    text = assert_safe_html(hostile_title_export(hostile, tmp_path, "html").decode("utf-8"))
    assert HOSTILE_TITLE_SHOWN in text
    assert_inert(text.replace("\t", " "), ignore=NBSP)


# --- the page in a browser ---------------------------------------------------------------


@pytest.mark.slow
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


@pytest.mark.slow
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
