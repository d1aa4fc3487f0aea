"""Every export of a glossary full of traps: well-formed, every character kept."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from hostile_support import (
    HOSTILE,
    NBSP,
    PLAIN,
    VISIBLE,
    assert_inert,
    assert_safe_html,
    esslex,
    export_hostile,
    hostile_document,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


def test_xml_exports_are_well_formed_whatever_the_text(hostile: Path, tmp_path: Path) -> None:
    etree = pytest.importorskip("lxml.etree")
    from xml.dom import minidom

    data = export_hostile(hostile, "tbx", tmp_path)
    minidom.parseString(data)  # a second, strict parser
    root = etree.fromstring(data)
    text = " ".join(root.itertext())
    for shown in VISIBLE:
        assert shown in text
    assert "=1+2 Formule" in text


def test_data_exports_keep_every_character(hostile: Path, tmp_path: Path) -> None:
    document = json.loads(export_hostile(hostile, "json", tmp_path))
    assert document["terms"][0]["label"] == hostile_document()["term"][0]["label"]
    assert document["terms"][0]["hidden_labels"] == hostile_document()["term"][0]["hidden_labels"]
    toml = tomllib.loads(export_hostile(hostile, "toml", tmp_path).decode("utf-8"))
    assert toml["term"][0]["label"] == hostile_document()["term"][0]["label"]


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
