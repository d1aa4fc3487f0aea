"""The matching ladder of `define`: exact label → alternative label → folded → fuzzy.

One table of queries against the bundled glossary, each with the entry and the kind of
match it must give, or no match, or several candidates.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esslex.errors import AmbiguousTerm, TermNotFound
from esslex.find.lookup import find_term
from esslex.glossary.loader import load_glossary
from esslex.glossary.model import Glossary
from esslex.glossary.paths import bundled_path
from support.cli import run
from support.glossaries import GOOD_HEAD, bundled_term_count
from support.hostile import NBSP
from support.properties import QUERY_TEXT, examples

NOT_FOUND = "no match"
AMBIGUOUS = "ambiguous"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    return load_glossary([bundled_path()])


# (query, entry id or NOT_FOUND / AMBIGUOUS, kind of match)
QUERIES: list[tuple[str, str, str]] = [
    # exact labels
    ("Coopération", "cooperation", "exact"),
    ("Économie solidaire", "economie-solidaire", "exact"),
    ("Pôle territorial de coopération économique", "ptce", "exact"),
    # accents dropped
    ("cooperation", "cooperation", "folded"),
    ("ecosysteme", "ecosysteme", "folded"),
    ("economie sociale et solidaire", "economie-sociale-et-solidaire", "folded"),
    ("resilience territoriale", "resilience-territoriale", "folded"),
    ("utilite sociale", "utilite-sociale", "folded"),
    ("decroissance", "croissance-decroissance", "folded"),
    # upper and lower case
    ("COOPÉRATION", "cooperation", "folded"),
    ("ACHATS PUBLICS RESPONSABLES", "achats-publics-responsables", "folded"),
    ("transition", "transition", "exact"),  # typed as written, but for the capital
    # typos of one or two letters
    ("cooperaton", "cooperation", "fuzzy"),
    ("coopératoin", "cooperation", "fuzzy"),
    ("trasition", "transition", "fuzzy"),
    ("acompagnement", "accompagnement", "fuzzy"),
    ("accompagement", "accompagnement", "fuzzy"),
    ("utilté sociale", "utilite-sociale", "fuzzy"),
    ("economie solidiare", "economie-solidaire", "fuzzy"),
    ("resilence", "resilience-territoriale", "fuzzy"),
    # A whole name with a typo, not the longer names that contain the same word.
    ("ecosisteme", "ecosysteme", "fuzzy"),
    ("poduction locale", "production-locale", "fuzzy"),
    ("mise en recti", "mise-en-recit", "fuzzy"),
    # plural and singular
    ("coopérations", "cooperation", "folded"),
    ("utilités sociales", "utilite-sociale", "folded"),
    ("écosystèmes", "ecosysteme", "folded"),
    ("acteur", "acteurs", "folded"),
    ("communauté apprenante", "communautes-apprenantes", "folded"),
    ("plateforme numérique solidaire", "plateformes-numeriques-solidaires", "folded"),
    ("achat public responsable", "achats-publics-responsables", "folded"),
    # acronyms
    ("ESS", "economie-sociale-et-solidaire", "alt_label"),
    ("ess", "economie-sociale-et-solidaire", "folded"),
    ("PTCE", "ptce", "alt_label"),
    ("ptce", "ptce", "folded"),
    ("P.T.C.E.", "ptce", "folded"),
    ("E.S.S.", "economie-sociale-et-solidaire", "folded"),
    # alternative labels (and a hidden one)
    ("commande publique", "achats-publics-responsables", "alt_label"),
    ("décroissance", "croissance-decroissance", "alt_label"),
    ("communauté de pratique", "communautes-apprenantes", "alt_label"),
    ("résilience", "resilience-territoriale", "alt_label"),
    ("économie sociale solidaire", "economie-sociale-et-solidaire", "alt_label"),
    ("transition écologique", "transition", "alt_label"),
    ("marchés publics", "achats-publics-responsables", "alt_label"),
    ("communautés de pratique", "communautes-apprenantes", "folded"),
    # words in another order
    ("solidaire et sociale économie", "economie-sociale-et-solidaire", "fuzzy"),
    ("territoriale résilience", "resilience-territoriale", "fuzzy"),
    ("locale production", "production-locale", "fuzzy"),
    ("solidaire économie", "economie-solidaire", "fuzzy"),
    # several words of a longer label
    ("action publique", "ecosysteme-action-publique", "fuzzy"),
    ("plateformes numériques", "plateformes-numeriques-solidaires", "fuzzy"),
    ("pôle territorial coopération économique", "ptce", "fuzzy"),
    # NFD input (as some keyboards and file names give it)
    (nfd("Coopération"), "cooperation", "exact"),
    (nfd("écosystème"), "ecosysteme", "exact"),
    (nfd("Économie sociale et solidaire"), "economie-sociale-et-solidaire", "exact"),
    (nfd("résilience"), "resilience-territoriale", "alt_label"),
    # œ and oe (the old spelling of « écologie » gave « œcosystème »)
    ("œcosystème", "ecosysteme", "fuzzy"),
    ("oecosysteme", "ecosysteme", "fuzzy"),
    # ’ and '
    ("Écosystème d'action publique", "ecosysteme-action-publique", "folded"),
    ("écosystème de l’action publique", "ecosysteme-action-publique", "alt_label"),
    ("écosystème de l'action publique", "ecosysteme-action-publique", "folded"),
    ("acteurs de l'ESS", "acteurs", "folded"),
    ("communauté d'apprentissage", "communautes-apprenantes", "folded"),
    # hyphens and spaces, stray punctuation and spaces
    ("mise-en-récit", "mise-en-recit", "folded"),
    ("économie-sociale-et-solidaire", "economie-sociale-et-solidaire", "folded"),
    ("écosystème-territorial", "ecosysteme-territorial-ess", "folded"),
    ("  Coopération ?  ", "cooperation", "folded"),
    # unrelated words
    ("pizza", NOT_FOUND, ""),
    ("ordinateur", NOT_FOUND, ""),
    ("football", NOT_FOUND, ""),
    ("xyz", NOT_FOUND, ""),
    ("développement durable", NOT_FOUND, ""),
    ("cuisine", NOT_FOUND, ""),
    # one word that is only a part of longer names: a suggestion, never a confident match
    ("projet", NOT_FOUND, ""),
    ("esprit", NOT_FOUND, ""),
    # one word of a single entry's label, in no other entry's names: that entry
    ("récit", "mise-en-recit", "word"),
    # words shared by several entries
    ("économie", AMBIGUOUS, ""),
    ("solidaire", AMBIGUOUS, ""),
    ("territorial", AMBIGUOUS, ""),
    ("numérique", "plateformes-numeriques-solidaires", "word"),
    ("sociale", AMBIGUOUS, ""),
    ("achats publics", AMBIGUOUS, ""),  # and the SPASER, « schéma … des achats publics … »
    ("entreprise", AMBIGUOUS, ""),
    ("pratique", AMBIGUOUS, ""),
    # the families and statuses a first training day names, typed as learners type them
    ("économie sociale", "economie-sociale", "exact"),
    ("association", "association", "exact"),
    ("loi 1901", "association", "alt_label"),
    ("associations loi 1901", "association", "folded"),
    ("coop", "cooperative", "alt_label"),
    ("coopératives", "cooperative", "folded"),
    ("SCOP", "scop", "alt_label"),
    ("société coopérative ouvrière de production", "scop", "alt_label"),
    ("Scic", "scic", "folded"),
    ("cae", "cae", "folded"),
    ("coopérative d’activités et d’emploi", "cae", "folded"),
    ("entrepreneurs salariés", "entrepreneur-salarie", "folded"),
    ("mutuelles", "mutuelle", "folded"),
    ("FRUP", "fondation-utilite-publique", "alt_label"),
    ("fond de dotation", "fonds-de-dotation", "folded"),
    ("entreprise ESS", "entreprise-ess", "alt_label"),
    ("société commerciale de l’ESS", "societe-commerciale-ess", "alt_label"),
    ("entreprise à mission", "societe-a-mission", "alt_label"),
    # entries added after the held-out table (issue 22, compléments)
    ("chèque emploi associatif", "cheque-emploi-associatif", "exact"),
    ("CEA", "cheque-emploi-associatif", "alt_label"),
    ("Entreprise sociale (OCDE)", "entreprise-sociale-ocde", "exact"),
    ("entreprise sociale au sens de l’OCDE", "entreprise-sociale-ocde", "alt_label"),
]


def test_the_table_is_large_enough() -> None:
    assert len(QUERIES) >= 45
    assert len({query for query, _, _ in QUERIES}) == len(QUERIES)


@pytest.mark.parametrize(("query", "expected", "kind"), QUERIES, ids=[q for q, _, _ in QUERIES])
def test_query_gives_the_expected_entry(
    bundled: Glossary, query: str, expected: str, kind: str
) -> None:
    if expected == NOT_FOUND:
        with pytest.raises(TermNotFound) as not_found:
            find_term(bundled, query)
        assert not_found.value.exit_code == 1
        return
    if expected == AMBIGUOUS:
        with pytest.raises(AmbiguousTerm) as ambiguous:
            find_term(bundled, query)
        assert len(ambiguous.value.candidates) >= 2
        return
    result = find_term(bundled, query)
    assert (result.term.id, result.kind) == (expected, kind), result.how
    assert result.how
    if kind in ("exact", "alt_label", "folded"):
        assert result.score == 100.0
    else:
        assert 88.0 <= result.score <= 100.0


def test_ambiguous_candidates_are_the_entries_concerned(bundled: Glossary) -> None:
    with pytest.raises(AmbiguousTerm) as error:
        find_term(bundled, "économie")
    assert {"Économie solidaire", "Économie sociale et solidaire"} <= set(error.value.candidates)
    assert "Coopération" not in error.value.candidates
    with pytest.raises(AmbiguousTerm) as error:
        find_term(bundled, "territorial")
    assert {"Résilience territoriale", "Écosystème territorial de l’ESS"} <= set(
        error.value.candidates
    )
    assert len(error.value.candidates) == len(set(error.value.candidates))


def test_a_part_of_a_name_is_suggested(bundled: Glossary) -> None:
    with pytest.raises(TermNotFound) as error:
        find_term(bundled, "esprit")
    assert error.value.suggestions == ("Coopération",)


@pytest.mark.parametrize(
    ("query", "suggestions"),
    [
        (
            "écosys",
            ("Écosystème", "Écosystème d’action publique", "Écosystème territorial de l’ESS"),
        ),
        (
            "ÉCOSYS",
            ("Écosystème", "Écosystème d’action publique", "Écosystème territorial de l’ESS"),
        ),
        ("resil", ("Résilience territoriale",)),
    ],
)
def test_the_start_of_a_word_suggests_the_entries_using_it(
    bundled: Glossary, query: str, suggestions: tuple[str, ...]
) -> None:
    with pytest.raises(TermNotFound) as error:
        find_term(bundled, query)
    assert error.value.suggestions == suggestions


@pytest.mark.parametrize("query", ["pizza", "météo", "ordinateur", "cohésion", "football"])
def test_unrelated_words_get_no_far_fetched_suggestion(bundled: Glossary, query: str) -> None:
    with pytest.raises(TermNotFound) as error:
        find_term(bundled, query)
    assert error.value.suggestions == ()
    assert error.value.message == f"Aucun terme trouvé pour «\u00a0{query}\u00a0»."


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "’", "-", "?!", "\u200b", "\x1b[31m"])
def test_empty_queries_are_not_found(bundled: Glossary, query: str) -> None:
    with pytest.raises(TermNotFound):
        find_term(bundled, query)


@pytest.mark.parametrize(
    ("query", "how"),
    [
        ("Coopération", "libellé exact"),
        ("coopération", "libellé exact"),
        ("COOPÉRATION", "«\u00a0Coopération\u00a0», sans tenir compte des majuscules"),
        ("cooperation", "«\u00a0Coopération\u00a0», sans tenir compte des accents"),
        ("ESS", "autre appellation «\u00a0ESS\u00a0»"),
        ("coopérations", "«\u00a0Coopération\u00a0», sans tenir compte du pluriel"),
        ("locale production", "«\u00a0Production locale\u00a0», mots dans un autre ordre"),
        ("cooperaton", "«\u00a0Coopération\u00a0», faute de frappe probable (95\u00a0%)"),
        (
            "action publique",
            "«\u00a0Écosystème d’action publique\u00a0», d’après une partie du libellé (93\u00a0%)",
        ),
        (
            "mise-en-récit",
            "«\u00a0Mise en récit\u00a0», sans tenir compte des accents ni de la ponctuation",
        ),
    ],
)
def test_how_the_match_was_made_is_said_in_french(bundled: Glossary, query: str, how: str) -> None:
    assert find_term(bundled, query).how == how


def test_matched_name_is_the_label_or_alternative_label(bundled: Glossary) -> None:
    assert find_term(bundled, "commande publique").matched == "commande publique"
    assert find_term(bundled, "cooperation").matched == "Coopération"
    assert find_term(bundled, "ecosysteme territorial").matched == "écosystème territorial"


LIGATURES = """\
[glossary]
id = "ligatures"
title = "Ligatures"

[[theme]]
id = "travail"
label = "Travail"

[[term]]
id = "main-d-oeuvre"
label = "Main-d’œuvre"
themes = ["travail"]
definition = "Les personnes qui travaillent."

[[term]]
id = "coeur-de-metier"
label = "Cœur de métier"
alt_labels = ["curriculum vitæ"]
themes = ["travail"]
definition = "L’activité principale."

[[term]]
id = "actrice"
label = "Actrice"
themes = ["travail"]
definition = "Personne qui joue."

[[term]]
id = "acteur"
label = "Acteur"
themes = ["travail"]
definition = "Personne qui joue aussi."
"""


@pytest.fixture
def ligatures(tmp_path: Path) -> Glossary:
    path = tmp_path / "ligatures.toml"
    path.write_text(LIGATURES, encoding="utf-8")
    return load_glossary([path])


@pytest.mark.parametrize(
    ("query", "expected", "kind"),
    [
        ("Main-d’œuvre", "main-d-oeuvre", "exact"),
        ("main d'oeuvre", "main-d-oeuvre", "folded"),
        ("MAIN-D’ŒUVRE", "main-d-oeuvre", "folded"),
        ("main-d'œuvres", "main-d-oeuvre", "folded"),
        (nfd("Main-d’œuvre"), "main-d-oeuvre", "exact"),
        ("coeur de metier", "coeur-de-metier", "folded"),
        ("CŒUR DE MÉTIER", "coeur-de-metier", "folded"),
        ("curriculum vitae", "coeur-de-metier", "folded"),
        ("acteur", "acteur", "exact"),
        ("ACTEUR", "acteur", "folded"),
        ("Actrice", "actrice", "exact"),
    ],
)
def test_ligatures_apostrophes_and_hyphens_fold(
    ligatures: Glossary, query: str, expected: str, kind: str
) -> None:
    result = find_term(ligatures, query)
    assert (result.term.id, result.kind) == (expected, kind)


def test_two_entries_with_the_same_folded_name_are_ambiguous(tmp_path: Path) -> None:
    path = tmp_path / "doublons.toml"
    path.write_text(
        '[[term]]\nid = "a"\nlabel = "Écologie"\ndefinition = "Une."\n\n'
        '[[term]]\nid = "b"\nlabel = "Ecologie"\ndefinition = "Deux."\n',
        encoding="utf-8",
    )
    glossary = load_glossary([path])
    assert find_term(glossary, "Écologie").term.id == "a"
    assert find_term(glossary, "Ecologie").term.id == "b"
    with pytest.raises(AmbiguousTerm) as error:
        find_term(glossary, "ÉCOLOGIE")
    assert set(error.value.candidates) == {"Écologie", "Ecologie"}


def test_a_hidden_label_is_never_called_a_name_of_the_entry() -> None:
    glossary = load_glossary([bundled_path()])
    term = next(term for term in glossary if set(term.hidden_labels) - set(term.alt_labels))
    hidden = next(label for label in term.hidden_labels if label not in term.alt_labels)
    result = find_term(glossary, hidden)
    assert result.term.id == term.id
    assert "autre appellation" not in result.how
    assert result.how == f"«\u00a0{term.label}\u00a0», d’après la forme «\u00a0{hidden}\u00a0»"


# --- ten thousand other names ------------------------------------------------------------


@pytest.mark.slow
def test_ten_thousand_aliases_on_one_entry(tmp_path: Path) -> None:
    aliases = ", ".join(f'"appellation {n}"' for n in range(10_000))
    path = tmp_path / "alias.toml"
    path.write_text(
        GOOD_HEAD + '[[term]]\nid = "nombreux"\nlabel = "Nombreux"\ndefinition = "D."\n'
        f'themes = ["principes"]\nrelated = ["cooperation"]\nalt_labels = [{aliases}]\n',
        encoding="utf-8",
    )
    found = run("-g", str(path), "define", "appellation 9999")
    assert found.exit_code == 0, found.stderr
    assert found.stdout.startswith("Nombreux\n")
    assert f"autre appellation «{NBSP}appellation 9999{NBSP}»" in found.stdout
    exported = run("-g", str(path), "export", "--format", "json", "--term", "nombreux")
    assert exported.exit_code == 0
    assert len(json.loads(exported.stdout)["terms"][0]["alt_labels"]) == 10_000
    checked = run("check", str(path))
    assert checked.exit_code == 0, checked.stdout
    assert checked.stdout.splitlines()[-1].startswith(
        f"2 fichiers, {bundled_term_count() + 1} entrées"
    )


# --- property: find_term raises only not found or ambiguous ------------------------------


@settings(
    max_examples=examples(300),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.one_of(QUERY_TEXT, st.text()))
def test_find_term_raises_only_not_found_or_ambiguous(bundled: Glossary, query: str) -> None:
    try:
        result = find_term(bundled, query)
    except (TermNotFound, AmbiguousTerm) as error:
        assert error.message
        assert error.exit_code == 1
    else:
        assert result.term.id in {term.id for term in bundled}
        assert result.kind in ("exact", "alt_label", "equivalent", "folded", "id", "word", "fuzzy")


def test_one_slip_beats_a_name_several_edits_away(tmp_path: Path) -> None:
    """« Servise civique » is one letter from « Service civique »; « Réserviste civique »
    scores nearly as high (its letters hold the query's in order) but needs three edits:
    it is no rival. Two names each one slip away stay ambiguous."""
    path = tmp_path / "civique.toml"
    path.write_text(
        '[[term]]\nid = "service"\nlabel = "Service civique"\ndefinition = "Un."\n\n'
        '[[term]]\nid = "reserviste"\nlabel = "Réserviste civique"\ndefinition = "Deux."\n\n'
        '[[term]]\nid = "servile"\nlabel = "Servile civique"\ndefinition = "Trois."\n',
        encoding="utf-8",
    )
    glossary = load_glossary([path])
    result = find_term(glossary, "Réservite civique")  # one slip from the réserviste
    assert (result.term.id, result.kind) == ("reserviste", "fuzzy")
    with pytest.raises(AmbiguousTerm) as error:
        find_term(glossary, "Servise civique")  # one slip from service and from servile
    assert set(error.value.candidates) >= {"Service civique", "Servile civique"}
    two = path.read_text(encoding="utf-8").split('\n\n[[term]]\nid = "servile"')[0]
    path.write_text(two, encoding="utf-8")
    result = find_term(load_glossary([path]), "Servise civique")
    assert (result.term.id, result.kind) == ("service", "fuzzy")
