"""The HTML handout: escaped, links resolved."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from export_support import LABELS, out_of
from hostile_support import (
    HOSTILE_TITLE_SHOWN,
    NBSP,
    VISIBLE,
    assert_inert,
    assert_safe_html,
    export_hostile,
    hostile_title_export,
)


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
