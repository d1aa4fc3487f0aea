"""The content switches of the handouts: --no-notes, --no-sources, --no-index, --no-toc,
--order, --one-per-page and --layout fiche, read in the Markdown and HTML handouts."""

from __future__ import annotations

import re
from pathlib import Path

from export_support import out_of


def headings(markdown: str) -> list[str]:
    return re.findall(r"^### (?:<a id=\"[^\"]+\"></a>)?(.+)$", markdown, flags=re.M)


def test_every_part_is_there_by_default(glossary: Path) -> None:
    text = out_of(glossary, "-f", "markdown")
    assert "**Sommaire**" in text
    assert '## <a id="index"></a>Index' in text
    assert '## <a id="bibliographie"></a>Bibliographie' in text
    assert "Note" in text and "@SUM(A1)" in text
    assert "Source" in text


def test_no_notes_drops_only_the_notes(glossary: Path) -> None:
    full = out_of(glossary, "-f", "markdown")
    text = out_of(glossary, "-f", "markdown", "--no-notes")
    assert "@SUM(A1)" in full and "@SUM(A1)" not in text
    assert headings(text) == headings(full)


def test_no_sources_drops_sources_and_bibliography(glossary: Path) -> None:
    text = out_of(glossary, "-f", "markdown", "--no-sources")
    assert "Bibliographie" not in text
    assert not re.search(r"^\*\*Sources?\*\*", text, flags=re.M)
    assert "Source\u00a0:" not in text


def test_no_index_and_no_toc(glossary: Path) -> None:
    text = out_of(glossary, "-f", "markdown", "--no-index", "--no-toc")
    assert "**Sommaire**" not in text
    assert '<a id="index"></a>' not in text
    html = out_of(glossary, "-f", "html", "--no-index", "--no-toc")
    assert 'class="toc"' not in html and 'id="index"' not in html


def test_order_label_and_given(glossary: Path) -> None:
    by_label = headings(out_of(glossary, "-f", "markdown", "--order", "label"))
    assert by_label == sorted(by_label, key=lambda label: label.casefold().replace("é", "e"))
    given = headings(
        out_of(
            glossary,
            "-f",
            "markdown",
            "--order",
            "given",
            "--term",
            "Écosystème local",
            "--term",
            "achats",
        )
    )
    assert given == ["Écosystème local", "Achats publics responsables"]


def test_one_per_page_marks_the_html_for_print(glossary: Path) -> None:
    html = out_of(glossary, "-f", "html", "--one-per-page")
    assert re.search(r'<html[^>]*class="[^"]*one-per-page', html)
    assert "one-per-page" not in out_of(glossary, "-f", "html").split("<head>")[0]


def test_layout_fiche_is_one_table_of_first_sentences(glossary: Path) -> None:
    text = out_of(glossary, "-f", "markdown", "--layout", "fiche")
    assert "| Terme | En une phrase |" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "Terme" not in line]
    assert len(rows) == len(headings(out_of(glossary, "-f", "markdown")))
    row = next(line for line in rows if line.startswith("| Écosystème local |"))
    assert "Un écosystème d’acteurs sur un territoire." in row
    assert not headings(text)  # the table replaces the entries
