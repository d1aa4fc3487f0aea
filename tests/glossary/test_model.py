"""The model's own answers: rights grouped for credits, sources cited."""

from __future__ import annotations

from pathlib import Path

from esslex.glossary.loader import load_glossary
from esslex.glossary.model import Source
from support.glossaries import RIGHTS_GLOSSARY, write_glossary


def test_rights_groups_list_each_rights_once_in_order(tmp_path: Path) -> None:
    glossary = load_glossary([write_glossary(tmp_path / "essai.toml", text=RIGHTS_GLOSSARY)])
    groups = [
        (rights.statement, [term.id for term in terms])
        for rights, terms in glossary.rights_groups()
    ]
    assert groups == [
        ("Texte de la maison", ["alpha"]),
        ("© L’éditeur", ["beta"]),
        ("Contributeurs de Wikipédia, article « Gamma »", ["gamma"]),
        ("", ["delta"]),
    ]


def test_source_version_and_note_are_read_and_cited(tmp_path: Path) -> None:
    source = load_glossary([write_glossary(tmp_path / "essai.toml", text=RIGHTS_GLOSSARY)])[
        "alpha"
    ].sources[0]
    assert source.version == "version en vigueur depuis le 24 mai 2019"
    assert source.note == "titre lu dans l’adresse de la page"
    assert source.citation() == (
        "Loi d’essai, article 3, version en vigueur depuis le 24 mai 2019, 2014"
    )


def test_a_source_is_cited_short_for_readers_and_in_full_for_the_bibliography() -> None:
    source = Source(
        "Code du travail",
        article="L5132-1",
        url="https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000019868947",
        identifier="LEGIARTI000019868947",
        in_force_since="2008-12-01",
        version="rédaction ancienne",
        read_in=("Une copie", "https://exemple.org/copie"),
    )
    assert (
        source.short_citation()
        == "Code du travail, art.\u00a0L5132-1 (version du 1er décembre 2008)"
    )
    assert source.version_text() == "version en vigueur depuis le 1er décembre 2008"
    full = source.citation()
    assert "version en vigueur depuis le 1er décembre 2008" in full
    assert "rédaction ancienne" not in full and "exemple.org" not in full
    assert Source("Dictionnaire", year=2015).short_citation() == "Dictionnaire (2015)"
    page = Source("Insertion par l’activité économique", publisher="Ministère du Travail")
    assert page.short_citation() == "Insertion par l’activité économique, Ministère du Travail"
