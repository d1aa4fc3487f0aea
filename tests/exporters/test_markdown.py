"""The Markdown handout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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


def test_markdown_parses_and_links_resolve(glossary: Path) -> None:
    from markdown_it import MarkdownIt

    text = export(glossary, "-f", "markdown", expect=0).out
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
    for label in EXPORT_LABELS:
        assert label.replace('"', "&quot;") in rendered
    html_text = MarkdownIt("commonmark").render(text)
    assert "<script>" not in html_text and "&lt;script&gt;" in html_text
    assert "*lourd*" in html_text  # shown as written, not emphasised
    assert "commande publique → voir [Achats publics responsables](#terme-achats)" in text


def test_markdown_renders_to_safe_html_with_every_entry_a_heading(
    hostile: Path, tmp_path: Path
) -> None:
    from markdown_it import MarkdownIt

    document = export_hostile(hostile, "markdown", tmp_path).decode("utf-8")
    assert_inert(document, ignore=NBSP)
    rendered = MarkdownIt("commonmark").render(document)
    text = assert_safe_html(rendered)
    for shown in VISIBLE:
        assert shown in text
    headings = re.findall(r"<h3>(.*?)</h3>", rendered, flags=re.S)
    assert len(headings) == 2, headings
    assert all("\n" not in heading for heading in headings)
    assert "Formule" in headings[0] + headings[1]


def test_a_hostile_title_option_is_text_in_markdown(hostile: Path, tmp_path: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    document = hostile_title_export(hostile, tmp_path, "markdown").decode("utf-8")
    text = assert_safe_html(markdown_it.MarkdownIt("commonmark").render(document))
    assert HOSTILE_TITLE_SHOWN in text
    assert_inert(text.replace("\t", " "), ignore=NBSP)
