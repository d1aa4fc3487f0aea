"""The entries written for esslex say what their texts say in their own words, and every
legal text they rest on is recorded in data/sources/ and cited at its official address,
in a dated version checked within the year.

data/sources/ holds, per text read, its identity and the fingerprint of the passage read
(hashes of its ten-word runs, never its words: esslex.text.fingerprint). The TOML file is
read as plain TOML so that these checks do not depend on the loader's model.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from esslex.glossary import sources
from esslex.glossary.tomlsyntax import parse
from esslex.text.fingerprint import WINDOW, shared_runs, words

DATA = Path(__file__).resolve().parents[2] / "data"
TERMS: list[dict[str, Any]] = parse((DATA / "terms.toml").read_text("utf-8"))["term"]
ESSLEX_TERMS = [term for term in TERMS if term.get("origin") == "esslex"]
SOURCES_DIR = DATA / "sources"
PROPER_NAMES_FILE = SOURCES_DIR / "proper-names.toml"

OFFICIAL_HOSTS = (
    "legifrance.gouv.fr",
    "eur-lex.europa.eu",
    "ejustice.just.fgov.be",
    "wallex.wallonie.be",
)
LEGAL_PUBLISHERS = ("Légifrance", "Journal officiel", "EUR-Lex", "Moniteur belge", "Wallex")
LEGAL_IDENTIFIERS = ("LEGIARTI", "JORFTEXT", "CELEX")
# A Belgian text's numac: ten digits, the first four its year.
NUMAC_DIGITS = 10
CHECKED_WITHIN = datetime.timedelta(days=366)


def _records() -> list[dict[str, Any]]:
    return [
        parse(path.read_text("utf-8"))
        for path in sorted(SOURCES_DIR.glob("*.toml"))
        if path != PROPER_NAMES_FILE
    ]


RECORDS = _records()
# The day the bundled data was last read against its texts: checks are measured from it,
# not from the day the tests run, so that a release's tests pass on any later day (its
# sources aging is what `esslex check --sources` tells a maintainer, with the real date).
EDITION = max(record["read_on"] for record in RECORDS)
PROPER_NAMES: list[list[str]] = [
    words(name) for name in parse(PROPER_NAMES_FILE.read_text("utf-8"))["names"]
]


def _by_identifier() -> dict[str, set[str]]:
    hashes: dict[str, set[str]] = defaultdict(set)
    for record in RECORDS:
        if "identifier" in record:
            hashes[record["identifier"]].update(record["fingerprint"])
    return hashes


FINGERPRINTS = _by_identifier()


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def is_official(url: str) -> bool:
    host = _host(url)
    return any(host == known or host.endswith("." + known) for known in OFFICIAL_HOSTS)


def is_legal(source: dict[str, Any]) -> bool:
    """A source is a legal text by its identifier, its address or its publisher."""
    identifier = str(source.get("identifier", ""))
    if identifier.startswith(LEGAL_IDENTIFIERS):
        return True
    if identifier.isdigit() and len(identifier) == NUMAC_DIGITS:
        return True
    if is_official(source.get("url", "")):
        return True
    return any(name in source.get("publisher", "") for name in LEGAL_PUBLISHERS)


def _record_of(source: dict[str, Any]) -> list[dict[str, Any]]:
    """The data/sources records of a source: by its identifier, or, when the text's
    identifier could not be found, by its address and article."""
    if "identifier" in source:
        return [r for r in RECORDS if r.get("identifier") == source["identifier"]]
    return [
        r
        for r in RECORDS
        if "identifier" not in r
        and r.get("url") == source.get("url")
        and r.get("article") == source.get("article")
    ]


def _inside_a_proper_name(run: str) -> bool:
    run_words = run.split()
    for name in PROPER_NAMES:
        for start in range(len(name) - len(run_words) + 1):
            if name[start : start + len(run_words)] == run_words:
                return True
    return False


def copied_runs(term: dict[str, Any]) -> list[str]:
    hashes: set[str] = set()
    for source in term.get("sources", []):
        for record in _record_of(source):
            hashes.update(record["fingerprint"])
    texts = [term["definition"], *term.get("notes", [])]
    return [
        run for text in texts for run in shared_runs(text, hashes) if not _inside_a_proper_name(run)
    ]


def _says(term: dict[str, Any], *phrases: str) -> bool:
    notes = " ".join(term.get("editorial_notes", [])).casefold()
    return any(phrase.casefold() in notes for phrase in phrases)


@pytest.mark.parametrize("term", ESSLEX_TERMS, ids=lambda term: term["id"])
def test_no_ten_word_run_of_a_cited_text(term: dict[str, Any]) -> None:
    runs = copied_runs(term)
    assert not runs, (
        f"{term['id']} reprend mot pour mot {len(runs)} suites de {WINDOW} mots : {runs}"
    )


@pytest.mark.parametrize("term", ESSLEX_TERMS, ids=lambda term: term["id"])
def test_legal_sources_are_recorded_official_dated_and_checked(term: dict[str, Any]) -> None:
    for source in filter(is_legal, term.get("sources", [])):
        where = f"{term['id']} : {source.get('title')} {source.get('article', '')}"
        assert is_official(source.get("url", "")), f"{where} : adresse qui n’est pas officielle"
        assert _record_of(source), f"{where} : aucun relevé dans data/sources/"
        # A missing identifier, version date or check is allowed only when the entry's
        # editorial notes say it could not be established: never an invented one.
        assert "identifier" in source or _says(term, "identifiant"), f"{where} : identifiant"
        assert "in_force_since" in source or _says(
            term, "date d’entrée en vigueur", "date de version"
        ), f"{where} : date de version"
        checked = source.get("checked")
        if checked is None and _says(term, "version en vigueur non établie"):
            continue
        assert isinstance(checked, datetime.date), f"{where} : date de vérification"
        assert EDITION - checked <= CHECKED_WITHIN, (
            f"{where} : vérifiée plus d’un an avant l’édition"
        )


def test_every_record_has_a_fingerprint_and_an_official_address() -> None:
    assert RECORDS
    for record in RECORDS:
        assert record["fingerprint"], record["title"]
        assert all(len(value) == 16 for value in record["fingerprint"]), record["title"]
        # Any official publisher (an ILO, UN or OECD text's own site too), as check --sources
        # knows them.
        assert sources.is_official(record["url"]), record["title"]
        assert isinstance(record["read_on"], datetime.date), record["title"]


def test_a_copied_run_is_caught() -> None:
    """The check sees a definition that repeats a recorded passage, and lets a proper name
    through: built from a real record, so that it fails if fingerprints stop matching."""
    record = next(r for r in RECORDS if r.get("identifier") == "JORFTEXT000031123279")
    copied = {
        "id": "copie",
        "definition": "La finalité du dispositif est la création, la consolidation, le "
        "développement de l’emploi et l’amélioration de la qualité de l’emploi.",
        "sources": [{"identifier": record["identifier"]}],
    }
    assert copied_runs(copied)
    named = {
        "id": "nom",
        "definition": "Elle est orientée par la commission des droits et de l’autonomie des "
        "personnes handicapées.",
        "sources": [
            {
                "url": "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069",
                "article": "L344-2",
            }
        ],
    }
    assert not copied_runs(named)
