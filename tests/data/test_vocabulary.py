"""A learner's queries find the basic words of the ESS: no accents, acronyms, plurals, the
short forms a trainer says aloud. Each goes through `esslex define --json`."""

from __future__ import annotations

import json

import pytest

from support.cli import run

# (what a learner types, the entry it must open)
QUERIES = [
    # families and statuses
    ("ess", "economie-sociale-et-solidaire"),
    ("economie sociale et solidaire", "economie-sociale-et-solidaire"),
    ("economie sociale", "economie-sociale"),
    ("association", "association"),
    ("associations", "association"),
    ("loi 1901", "association"),
    ("asso loi 1901", "association"),
    ("cooperative", "cooperative"),
    ("coopératives", "cooperative"),
    ("scop", "scop"),
    ("SCOP", "scop"),
    ("scops", "scop"),
    ("scic", "scic"),
    ("cae", "cae"),
    ("mutuelle", "mutuelle"),
    ("mutuelles", "mutuelle"),
    ("fondation", "fondation"),
    ("fonds de dotation", "fonds-de-dotation"),
    ("societe a mission", "societe-a-mission"),
    # principles and money
    ("gouvernance democratique", "gouvernance-democratique"),
    ("lucrativite limitee", "lucrativite-limitee"),
    ("utilite sociale", "utilite-sociale"),
    ("innovation sociale", "innovation-sociale"),
    ("esus", "agrement-esus"),
    ("agrement esus", "agrement-esus"),
    ("commerce equitable", "commerce-equitable"),
    ("finance solidaire", "finance-solidaire"),
    ("epargne solidaire", "finance-solidaire"),
    ("monnaie locale", "monnaie-locale-complementaire"),
    ("mlc", "monnaie-locale-complementaire"),
    ("subventions", "subvention"),
    # insertion
    ("iae", "iae"),
    ("insertion par l'activite economique", "iae"),
    ("siae", "siae"),
    ("entreprise d'insertion", "entreprise-d-insertion"),
    ("etti", "etti"),
    ("chantier d'insertion", "aci"),
    ("esat", "esat"),
    ("entreprise adaptee", "entreprise-adaptee"),
    ("territoire zero chomeur", "tzcld"),
    # public policy and networks
    ("cress", "cress"),
    ("CRESS", "cress"),
    ("ess france", "ess-france"),
    ("dla", "dla"),
    ("spaser", "spaser"),
    # two namesakes since the EU one: the learner names the place (or picks from the list)
    ("marches reserves --jurisdiction FR", "marche-reserve"),
    ("marche reserve droit de l union", "marche-reserve-ue"),
    ("csess", "csess"),
    ("clause sociale", "clause-sociale"),
    ("clauses sociales", "clause-sociale"),
    ("ptce", "ptce"),
    ("tiers lieu", "tiers-lieu"),
    ("tiers-lieux", "tiers-lieu"),
    ("cooperation", "cooperation"),
]


def test_the_table_covers_the_first_training_day() -> None:
    assert len({entry for _, entry in QUERIES}) >= 38
    assert len({query for query, _ in QUERIES}) == len(QUERIES)


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_a_learner_query_finds_its_entry(query: str, expected: str) -> None:
    result = run("define", *query.split(), "--json")
    assert result.exit_code == 0, f"{query!r} : {result.output}"
    assert json.loads(result.stdout)["id"] == expected, query
