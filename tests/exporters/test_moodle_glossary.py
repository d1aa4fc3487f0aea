"""`esslex export --format moodle-glossary`: Moodle's glossary XML, parsed with lxml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from esslex.glossary.loader import load_glossary
from support.cli import run

etree = pytest.importorskip("lxml.etree")
lxml_html = pytest.importorskip("lxml.html")


def exported(glossary: Path, *args: str) -> Any:
    target = glossary.parent / "glossaire.xml"
    target.unlink(missing_ok=True)
    result = run("--no-bundled", "-g", str(glossary), "export", "-o", str(target), *args)
    assert result.exit_code == 0, result.output
    assert "moodle-glossary" in result.stderr  # the .xml suffix designates the format
    return etree.parse(str(target))


def test_one_entry_per_entry_with_concept_definition_and_aliases(trainer_glossary: Path) -> None:
    tree = exported(trainer_glossary)
    glossary = load_glossary([trainer_glossary])
    assert tree.getroot().tag == "GLOSSARY"
    assert tree.findtext("INFO/NAME") == "Glossaire de formation"
    entries = tree.findall("INFO/ENTRIES/ENTRY")
    assert len(entries) == len(glossary) == 5
    by_concept = {entry.findtext("CONCEPT"): entry for entry in entries}
    assert set(by_concept) == {term.label for term in glossary}
    for term in glossary:
        entry = by_concept[term.label]
        aliases = [alias.findtext("NAME") for alias in entry.findall("ALIASES/ALIAS")]
        assert aliases == list(term.alt_labels)
        assert entry.findtext("FORMAT") == "1"
        assert entry.findtext("USEDYNALINK") == "1"
        categories = [c.findtext("NAME") for c in entry.findall("CATEGORIES/CATEGORY")]
        assert categories == ["Statuts" if term.id != "ptce" else "Territoires"]


def test_definitions_are_escaped_html(trainer_glossary: Path) -> None:
    tree = exported(trainer_glossary)
    entry = next(
        e for e in tree.findall("INFO/ENTRIES/ENTRY") if e.findtext("CONCEPT") == "Mutuelle"
    )
    definition = entry.findtext("DEFINITION")
    fragment = lxml_html.fragment_fromstring(definition, create_parent="div")
    # The <script> of the glossary is text in a paragraph, never an element.
    assert fragment.findall(".//script") == []
    text = fragment.text_content()
    assert '<script>alert("x")</script> & solidaire' in text
    assert "1° Prévoyance" in text and "2° Entraide" in text
    scop = next(e for e in tree.findall("INFO/ENTRIES/ENTRY") if e.findtext("CONCEPT") == "Scop")
    assert (
        "Source\u00a0: Loi n°\u00a078-763, article 1"
        in lxml_html.fragment_fromstring(
            scop.findtext("DEFINITION"), create_parent="div"
        ).text_content()
    )


def test_a_selection_and_a_title(trainer_glossary: Path) -> None:
    tree = exported(trainer_glossary, "--theme", "territoires", "--title", "Session <1>")
    assert [e.findtext("CONCEPT") for e in tree.findall("INFO/ENTRIES/ENTRY")] == ["PTCE"]
    assert tree.findtext("INFO/NAME") == "Session <1>"


def test_the_glossarys_own_text_has_french_typography(tmp_path: Path) -> None:
    from support.glossaries import write_glossary

    path = write_glossary(
        tmp_path / "g.toml",
        text="""
[glossary]
id = "g"
title = "L'atelier : glossaire"
description = "Le glossaire d'un atelier ; pour tous !"

[[term]]
id = "scop"
label = "Scop"
definition = "Une société coopérative."
""",
    )
    tree = exported(path)
    assert tree.findtext("INFO/NAME") == "L’atelier\u00a0: glossaire"
    assert "Le glossaire d’un atelier\u00a0; pour tous\u00a0!" in tree.findtext("INFO/INTRO")
