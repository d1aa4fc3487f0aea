"""Issue 22: where each definition holds (--jurisdiction), names in other languages
(equivalents), and namesakes told apart — through the CLI, on a small glossary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.cli import outcome
from support.glossaries import PLACES


@pytest.fixture
def places(tmp_path: Path) -> str:
    path = tmp_path / "places.toml"
    path.write_text(PLACES, encoding="utf-8")
    return str(path)


def test_list_keeps_the_entries_of_a_place_and_its_regions(places: str) -> None:
    code, out, _ = outcome("-g", places, "--no-bundled", "list", "--jurisdiction", "be")
    assert code == 0
    assert out.splitlines() == [
        "Association sans but lucratif",
        "Économie sociale (Wallonie)",
        "Entreprise sociale (Belgique)",
    ]
    code, out, _ = outcome("-g", places, "--no-bundled", "list", "--jurisdiction", "BE-BRU")
    assert code == 1
    assert out == ""


def test_a_code_that_is_not_one_is_a_usage_error(places: str) -> None:
    code, _, err = outcome("-g", places, "--no-bundled", "list", "--jurisdiction", "Belgique")
    assert code == 2
    assert "«\u00a0Belgique\u00a0» n’est pas un code de territoire" in err


def test_search_and_export_filter_by_place(places: str) -> None:
    code, out, _ = outcome(
        "-g", places, "--no-bundled", "search", "sociale", "--jurisdiction", "EU", "--json"
    )
    assert code == 0
    assert [hit["id"] for hit in json.loads(out)] == ["entreprise-sociale-ue"]
    code, out, _ = outcome(
        "-g", places, "--no-bundled", "export", "-f", "json", "--jurisdiction", "FR"
    )
    assert code == 0
    data = json.loads(out)
    assert {term["id"] for term in data["terms"]} == {
        "economie-sociale",
        "association",
        "frup",
        "ess",
    }
    assert all(term["jurisdictions"] == ["FR"] for term in data["terms"])


def test_define_prefers_the_namesake_of_the_place(places: str) -> None:
    code, out, _ = outcome("-g", places, "--no-bundled", "define", "économie sociale", "--json")
    assert (code, json.loads(out)["id"]) == (0, "economie-sociale")
    code, out, _ = outcome(
        "-g", places, "--no-bundled", "define", "économie sociale", "--jurisdiction", "BE", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["id"] == "economie-sociale-wallonie"
    assert data["match"]["kind"] == "jurisdiction"


def test_the_entry_of_that_very_name_beats_its_namesake(places: str) -> None:
    # Typed without accents or with a typo, « économie sociale » is still the name of
    # « Économie sociale » itself; « Économie sociale (Wallonie) » only shares it once its
    # qualifier is set aside, as when the name is typed exactly.
    for query in ("economie sociale", "economie socilae"):
        code, out, _ = outcome("-g", places, "--no-bundled", "define", query, "--json")
        assert (code, json.loads(out)["id"]) == (0, "economie-sociale"), query


def test_namesakes_without_a_place_are_listed_together(places: str) -> None:
    code, _, err = outcome("-g", places, "--no-bundled", "define", "entreprise sociale")
    assert code == 1
    assert "Entreprise sociale (Belgique)" in err
    assert "Entreprise sociale (Union européenne)" in err
    code, out, _ = outcome(
        "-g", places, "--no-bundled", "define", "entreprise sociale", "--jurisdiction", "EU"
    )
    assert code == 0
    assert out.startswith("Entreprise sociale (Union européenne)")


def test_an_equivalent_finds_its_entry_and_says_so(places: str) -> None:
    code, out, _ = outcome("-g", places, "--no-bundled", "define", "social enterprise")
    assert code == 0
    assert out.startswith("Entreprise sociale (Union européenne)")
    assert "Trouvé\u00a0: équivalent anglais «\u00a0social enterprise\u00a0»" in out
    assert (
        "Équivalents\u00a0: anglais «\u00a0social enterprise\u00a0», espagnol «\u00a0empresa" in out
    )
    code, out, _ = outcome("-g", places, "--no-bundled", "define", "Social enterprize", "--json")
    data = json.loads(out)
    assert (code, data["id"]) == (0, "entreprise-sociale-ue")
    code, out, _ = outcome("-g", places, "--no-bundled", "define", "vereniging zonder winstoogmerk")
    assert code == 0
    assert "équivalent néerlandais" in out


def test_an_equivalent_two_entries_share_lists_both(places: str) -> None:
    code, _, err = outcome("-g", places, "--no-bundled", "define", "social and solidarity economy")
    assert code == 1
    assert "Économie sociale et solidaire (définition internationale)" in err
    assert "Économie sociale et solidaire" in err


def test_a_word_that_names_another_entry_is_not_a_typo(places: str) -> None:
    code, out, err = outcome(
        "-g", places, "--no-bundled", "define", "association reconnue d'utilité publique"
    )
    assert code == 1
    assert out == ""
    assert "Fondation reconnue d’utilité publique" in err
    assert "Association" in err
    # A real typo still finds its entry.
    code, out, _ = outcome(
        "-g", places, "--no-bundled", "define", "fondation reconue d'utilité publique"
    )
    assert code == 0
    assert out.startswith("Fondation reconnue d’utilité publique")


def test_json_carries_jurisdictions_and_equivalents(places: str) -> None:
    code, out, _ = outcome("-g", places, "--no-bundled", "define", "ASBL", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["jurisdictions"] == ["BE"]
    assert data["equivalents"] == [
        {
            "lang": "nl",
            "label": "vereniging zonder winstoogmerk",
            "source": "Code des sociétés et des associations, version néerlandaise",
            "url": None,
        }
    ]
