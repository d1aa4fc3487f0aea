"""The DOCX handout."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from support.exports import export
from support.glossaries import EXPORT_LABELS
from support.hostile import (
    HOSTILE_TITLE_SHOWN,
    NBSP,
    VISIBLE,
    assert_inert,
    export_hostile,
    hostile_title_export,
)


def test_docx_has_styles_links_and_kept_entries(glossary: Path, tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    target = tmp_path / "polycopie.docx"
    code, out, err = export(glossary, "-o", str(target), "--title", "Atelier", "--for", "trainers")
    assert code == 0, err
    assert out == ""
    document = docx.Document(str(target))
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title" and paragraphs[0].text == "Atelier"
    entries = [p.text for p in paragraphs if p.style.name == "Heading 2"]
    assert sorted(entries) == sorted(EXPORT_LABELS)
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


def test_docx_keeps_the_text_and_links_only_to_the_web(hostile: Path, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    data = export_hostile(hostile, "docx", tmp_path)
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


def test_a_hostile_title_option_is_text_in_docx(hostile: Path, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    target = tmp_path / "titre.docx"
    target.write_bytes(hostile_title_export(hostile, tmp_path, "docx"))
    text = docx.Document(str(target)).paragraphs[0].text
    assert HOSTILE_TITLE_SHOWN in text
    assert_inert(text.replace("\t", " "), ignore=NBSP)
