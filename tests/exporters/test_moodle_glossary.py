"""`esslex export --format moodle-glossary`: Moodle's glossary XML, parsed with lxml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cli_support import run
from esslex.loader import load_glossary
from trainer_support import TRAINER_GLOSSARY

etree = pytest.importorskip("lxml.etree")
lxml_html = pytest.importorskip("lxml.html")


@pytest.fixture
def glossary_file(tmp_path: Path) -> Path:
    path = tmp_path / "formation.toml"
    path.write_text(TRAINER_GLOSSARY, encoding="utf-8")
    return path


def exported(glossary: Path, *args: str) -> Any:
    target = glossary.parent / "glossaire.xml"
    target.unlink(missing_ok=True)
    result = run("--no-bundled", "-g", str(glossary), "export", "-o", str(target), *args)
    assert result.exit_code == 0, result.output
    assert "moodle-glossary" in result.stderr  # the .xml suffix designates the format
    return etree.parse(str(target))


def test_one_entry_per_entry_with_concept_definition_and_aliases(glossary_file: Path) -> None:
    tree = exported(glossary_file)
    glossary = load_glossary([glossary_file])
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


def test_definitions_are_escaped_html(glossary_file: Path) -> None:
    tree = exported(glossary_file)
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


def test_a_selection_and_a_title(glossary_file: Path) -> None:
    tree = exported(glossary_file, "--theme", "territoires", "--title", "Session <1>")
    assert [e.findtext("CONCEPT") for e in tree.findall("INFO/ENTRIES/ENTRY")] == ["PTCE"]
    assert tree.findtext("INFO/NAME") == "Session <1>"
