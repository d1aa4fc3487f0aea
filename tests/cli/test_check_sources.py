"""`esslex check --sources`: the maintainers' list of sources to look at again, oldest
check first; the fields of the source model read from a file, faulty ones reported at their line."""

from __future__ import annotations

import json
from pathlib import Path

from esslex.glossary.loader import load_glossary
from support.cli import run
from support.glossaries import GOOD_HEAD, write_glossary

OFFICIAL = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000019868947"

SOURCES = (
    GOOD_HEAD
    + f'''[[term]]
id = "a-jour"
label = "À jour"
definition = "Une entrée dont la source est complète."
editorial_notes = ["Lu sur Légifrance."]
[[term.sources]]
title = "Code du travail"
article = "L5132-1"
url = "{OFFICIAL}"
identifier = "LEGIARTI000019868947"
in_force_since = 2008-12-03
amended_by = "Loi n° 2008-1249 du 1er décembre 2008"
checked = 2026-11-30

[[term]]
id = "ancienne"
label = "Ancienne"
definition = "Une entrée vérifiée il y a longtemps."
[[term.sources]]
title = "Code du travail"
article = "L5132-2"
url = "{OFFICIAL}"
identifier = "LEGIARTI000019868948"
in_force_since = "2008-12-03"
checked = 2024-01-15

[[term]]
id = "copie"
label = "Copie"
definition = "Une entrée lue dans une copie, à une adresse qui n’est pas officielle."
[[term.sources]]
title = "Loi n° 2014-856 du 31 juillet 2014"
article = "1er"
url = "https://www.doctrine.fr/l/texts/lois/JORFTEXT000029313296"
read_in = {{ title = "Doctrine", url = "https://www.doctrine.fr/" }}

[[term]]
id = "livre"
label = "Livre"
definition = "Une entrée tirée d’un livre, sans date de version à tenir."
[[term.sources]]
title = "Dictionnaire de la pensée écologique"
year = 2015
url = "https://exemple.org/livre"
'''
)


def test_the_fields_of_a_source_are_read(tmp_path: Path) -> None:
    glossary = load_glossary([write_glossary(tmp_path / "s.toml", text=SOURCES)])
    fresh = glossary["a-jour"]
    source = fresh.sources[0]
    assert (source.identifier, source.in_force_since, source.checked) == (
        "LEGIARTI000019868947",
        "2008-12-03",
        "2026-11-30",
    )
    assert source.amended_by == "Loi n° 2008-1249 du 1er décembre 2008"
    assert fresh.editorial_notes == ("Lu sur Légifrance.",)
    assert glossary["ancienne"].sources[0].in_force_since == "2008-12-03"  # a string date
    assert glossary["copie"].sources[0].read_in == ("Doctrine", "https://www.doctrine.fr/")


def test_sources_to_review_oldest_first(tmp_path: Path) -> None:
    path = write_glossary(tmp_path / "s.toml", text=SOURCES)
    result = run(
        "--no-bundled",
        "-g",
        str(path),
        "check",
        "--sources",
        env={"ESSLEX_NOW": "2026-12-06T10:00:00+01:00"},
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[1] for line in lines[:-1]] == ["copie", "ancienne"]
    assert lines[0].startswith("jamais  copie")
    assert "adresse qui n’est pas celle de l’éditeur officiel" in lines[0]
    assert "sans identifiant officiel de la version lue" in lines[0]
    assert "lue seulement dans une copie" in lines[0]
    assert "confirmée en vigueur le 2024-01-15, il y a plus d’un an" in lines[1]
    assert lines[-1] == "2 sources à revoir sur 4 sources."


def test_sources_json_and_strict(tmp_path: Path) -> None:
    path = write_glossary(tmp_path / "s.toml", text=SOURCES)
    now = {"ESSLEX_NOW": "2026-12-06T10:00:00+00:00"}
    result = run("--no-bundled", "-g", str(path), "check", "--sources", "--json", env=now)
    data = json.loads(result.stdout)
    assert data["count"] == 2
    first = data["sources"][0]
    assert first["id"] == "copie" and first["checked"] is None
    assert first["read_in"] == {"title": "Doctrine", "url": "https://www.doctrine.fr/"}
    assert (
        run("--no-bundled", "-g", str(path), "check", "--sources", "--strict", env=now).exit_code
        == 3
    )


def test_a_recent_check_is_not_listed(tmp_path: Path) -> None:
    path = write_glossary(tmp_path / "s.toml", text=SOURCES)
    # A year after the check of « ancienne », minus a day: it is not due yet.
    result = run(
        "--no-bundled", "-g", str(path), "check", "--sources", env={"ESSLEX_NOW": "2025-01-13"}
    )
    assert "ancienne" not in result.stdout


def test_a_bad_date_is_an_error_with_its_line(tmp_path: Path) -> None:
    text = SOURCES.replace('in_force_since = "2008-12-03"', 'in_force_since = "hier"')
    path = write_glossary(tmp_path / "s.toml", text=text)
    result = run("--no-bundled", "check", str(path))
    assert result.exit_code == 3
    assert "«\u00a0in_force_since\u00a0» doit être une date" in result.stdout
