"""The bundled glossary's entries written for esslex: each rests on a precisely cited text,
says what it says in esslex's own words, and carries the project's rights."""

from __future__ import annotations

import re

import pytest

from esslex.glossary.loader import load_default
from esslex.glossary.model import Term

GLOSSARY = load_default()
ESSLEX_TERMS = [term for term in GLOSSARY if term.origin == "esslex"]
TEXTS_WITH_ARTICLES = re.compile(r"^(Loi|Code|Décret|Ordonnance|Arrêté|Directive|Règlement)\b")


@pytest.mark.slow
def test_there_are_entries_written_for_esslex() -> None:
    assert len(ESSLEX_TERMS) >= 2


@pytest.mark.parametrize("term", ESSLEX_TERMS, ids=lambda term: term.id)
def test_precise_source(term: Term) -> None:
    precise = [
        source
        for source in term.sources
        if source.title
        # A legal text's version is its date of entry into force; other texts say theirs.
        and (source.in_force_since or (source.year and source.version))
        and source.url
        and source.url.startswith("https://")
        and (source.article or not TEXTS_WITH_ARTICLES.match(source.title))
    ]
    assert precise, f"{term.id} : aucune source précise (titre, article, version datée, adresse)"
    for source in precise:
        # The version is said in words, with its date (« version en vigueur depuis le … »).
        if not source.in_force_since:
            assert re.search(r"\d{4}", source.version or ""), (term.id, source.version)


@pytest.mark.parametrize("term", ESSLEX_TERMS, ids=lambda term: term.id)
def test_definition_quotes_no_passage(term: Term) -> None:
    # A quotation would be marked: esslex's own wording has no quotation marks.
    for mark in ("«", "»", "“", "”", '"'):
        assert mark not in term.definition, (term.id, mark)
    # Short sentences for learners (a long text is split, not run on): a bounded count.
    assert 1 <= len(re.findall(r"[.!?](?:\s|$)", term.definition)) <= 12, term.id


@pytest.mark.parametrize("term", ESSLEX_TERMS, ids=lambda term: term.id)
def test_written_for_esslex_and_said_so(term: Term) -> None:
    assert any("rédigée pour esslex" in note.casefold() for note in term.notes), term.id
    assert term.rights.licence == "MIT", term.id
    assert all(not source.declares_rights for source in term.sources), term.id


def test_wikipedia_text_is_under_its_licence() -> None:
    for term_id in ("cooperation", "ecosysteme", "croissance-decroissance"):
        rights = GLOSSARY[term_id].rights
        assert rights.licence == "CC BY-SA 4.0", term_id
        assert "Wikipédia" in rights.statement, term_id
    for term in GLOSSARY:
        if any(source.title == "Wikipédia" for source in term.sources):
            assert term.rights.licence == "CC BY-SA 4.0", term.id


def test_devisus_text_is_its_publishers() -> None:
    for term in GLOSSARY:
        # A source that declares its own rights says whose text the entry reproduces.
        if term.origin == "devisus" and not any(s.declares_rights for s in term.sources):
            assert term.rights.statement.startswith("© Apes, Concertes"), term.id


def test_texts_devisus_reproduces_are_credited_to_their_authors() -> None:
    assert "La Fonda" in GLOSSARY["resilience-territoriale"].rights.statement
    assert not GLOSSARY["resilience-territoriale"].rights.statement.startswith("© Apes")
    law = GLOSSARY["utilite-sociale"].rights.statement
    assert "loi n° 2014-856" in law and "©" not in law
    assert any("Laville" in note for note in GLOSSARY["economie-solidaire"].notes)


# --- rights ------------------------------------------------------------------------------


def test_bundled_glossary_states_whose_text_each_entry_is() -> None:
    glossary = load_default()
    for term in glossary:
        assert term.rights, term.id
    assert glossary["ecosysteme"].rights.licence == "CC BY-SA 4.0"
    assert glossary["economie-sociale-et-solidaire"].rights.licence == "MIT"
    assert glossary["accompagnement"].rights.statement.startswith("© Apes, Concertes")
    assert glossary["accompagnement"].rights.licence == ""
