"""What a query typed so far finds: the lookup's answer first, then the text's hits, each
saying how it matched, each entry once, filtered."""

from __future__ import annotations

from pathlib import Path

import pytest

from esslex.find.index import GlossaryIndex
from esslex.find.typeahead import matches
from esslex.glossaries import GlossariesInUse
from support.browse import browse_glossary


@pytest.fixture
def index(tmp_path: Path) -> GlossaryIndex:
    return GlossariesInUse([browse_glossary(tmp_path)], bundled=False).index()


def test_the_lookup_answer_comes_first_with_how_it_was_found(index: GlossaryIndex) -> None:
    found = matches(index, "la cooperative")
    assert found[0].term.id == "cooperative"
    assert found[0].kind == "lookup"
    assert "article «\u00a0la\u00a0» mis de côté" in found[0].how


def test_typos_and_other_names_are_read_as_define_reads_them(index: GlossaryIndex) -> None:
    assert matches(index, "mutualsme")[0].how.endswith("faute de frappe probable (95\u00a0%)")
    assert matches(index, "société coopérative")[0].term.id == "cooperative"


def test_a_word_in_a_definition_finds_the_entry_with_its_passage(index: GlossaryIndex) -> None:
    found = matches(index, "solidarite")
    assert [match.term.id for match in found] == ["mutualisme"]
    assert found[0].kind == "text"
    assert found[0].how == "dans le texte\u00a0: " + found[0].term.definition.strip()


def test_a_prefix_lists_every_entry_once(index: GlossaryIndex) -> None:
    ids = [match.term.id for match in matches(index, "coop")]
    assert len(ids) == len(set(ids))
    assert {"cooperation", "cooperative", "scop"} <= set(ids)


def test_the_filter_and_the_limit_apply(index: GlossaryIndex) -> None:
    found = matches(index, "coop", keep=lambda term: "statuts" in term.themes)
    assert {match.term.id for match in found} == {"cooperative", "scop"}
    assert len(matches(index, "coop", limit=1)) == 1


def test_nothing_found_is_an_empty_list(index: GlossaryIndex) -> None:
    assert matches(index, "zzzz") == []
    assert matches(index, "  ") == []
