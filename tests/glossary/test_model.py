"""The model's own answers: rights grouped for credits, sources cited."""

from __future__ import annotations

from pathlib import Path

from esslex.glossary.loader import load_glossary
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
