"""`esslex check`: an entry written for esslex without a precise source is reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from esslex.glossary.checks import missing_details
from esslex.glossary.model import Source
from support.cli import run
from support.glossaries import write_glossary

NBSP = "\u00a0"

HEAD = """\
[glossary]
id = "essai"
title = "Glossaire d’essai"

[[theme]]
id = "t1"
label = "Thème un"

[[term]]
id = "alpha"
label = "Alpha"
themes = ["t1"]
definition = "Définition d’alpha."
related = ["beta"]
origin = "esslex"
"""
BETA = """
[[term]]
id = "beta"
label = "Bêta"
themes = ["t1"]
definition = "Définition de bêta."
[[term.sources]]
title = "Source d’essai"
"""
PRECISE = """\
[[term.sources]]
title = "Loi n° 47-1775 du 10 septembre 1947 portant statut de la coopération"
article = "1er"
year = 1947
version = "version en vigueur depuis le 1er août 2014"
url = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000684004"
"""


def check(tmp_path: Path, sources: str) -> tuple[int, dict[str, object]]:
    path = write_glossary(tmp_path / "essai.toml", text=HEAD + sources + BETA)
    result = run("--no-bundled", "check", "--strict", "--json", str(path))
    return result.exit_code, json.loads(result.stdout)


def test_a_precise_source_passes_strict(tmp_path: Path) -> None:
    code, report = check(tmp_path, PRECISE)
    assert code == 0, report
    assert report["findings"] == []


@pytest.mark.parametrize(
    ("dropped", "missing"),
    [
        ('article = "1er"\n', "article"),
        ("year = 1947\n", "année"),
        ('version = "version en vigueur depuis le 1er août 2014"\n', "version"),
        ('url = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000684004"\n', "adresse"),
    ],
)
def test_each_missing_detail_is_named(tmp_path: Path, dropped: str, missing: str) -> None:
    code, report = check(tmp_path, PRECISE.replace(dropped, ""))
    assert code == 3  # a warning fails --strict
    findings = report["findings"]
    assert isinstance(findings, list) and len(findings) == 1
    assert findings[0]["code"] == "imprecise-source"
    assert findings[0]["level"] == "warning"
    assert findings[0]["message"] == (
        f"«{NBSP}alpha{NBSP}»{NBSP}: entrée rédigée pour esslex sans source précise"
        f" (il manque{NBSP}: {missing})"
    )


def test_one_precise_source_among_others_is_enough(tmp_path: Path) -> None:
    code, report = check(tmp_path, '[[term.sources]]\ntitle = "Un guide"\n' + PRECISE)
    assert code == 0, report


def test_entries_of_other_origins_are_not_held_to_it(tmp_path: Path) -> None:
    sources = '[[term.sources]]\ntitle = "Un guide"\n'
    path = tmp_path / "essai.toml"
    path.write_text(HEAD.replace('origin = "esslex"', 'origin = "devisus"') + sources + BETA)
    result = run("--no-bundled", "check", "--strict", str(path))
    assert result.exit_code == 0, result.output


def test_the_date_in_force_since_stands_for_the_version(tmp_path: Path) -> None:
    dated = PRECISE.replace(
        'version = "version en vigueur depuis le 1er août 2014"\n',
        "in_force_since = 2014-08-02\n",
    )
    assert "in_force_since" in dated and "version =" not in dated
    code, report = check(tmp_path, dated)
    assert code == 0, report


def test_an_institutional_text_needs_no_article() -> None:
    report = Source(
        "Rapport de la mission Coworking",
        year=2018,
        version="rapport publié en septembre 2018",
        url="https://example.org/rapport.pdf",
    )
    assert missing_details(report) == []
    assert missing_details(Source("Code du travail", year=2008)) == [
        "article",
        "version",
        "adresse",
    ]
