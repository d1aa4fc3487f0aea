"""Writing input: sources by named fields, an alternative label equal to the label, a theme
the glossaries lack (offered, or created with --new-theme)."""

from __future__ import annotations

from pathlib import Path

import pytest

from esslex.cli.output import Output
from esslex.errors import UsageError
from esslex.glossary.loader import load_glossary
from esslex.glossary.model import Source
from esslex.write.sources import parse_source
from support.cli import run
from support.glossaries import write_glossary

NBSP = "\u00a0"

BASE = """\
[glossary]
id = "base"
title = "Base"

[[theme]]
id = "transitions"
label = "Transitions"

[[term]]
id = "cooperation"
label = "Coopération"
themes = ["transitions"]
definition = "Agir ensemble."
"""


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return write_glossary(tmp_path / "base.toml", text=BASE)


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    return write_glossary(tmp_path / "mien.toml", text='[glossary]\nid = "mien"\ntitle = "Mien"\n')


def add(base: Path, mine: Path, *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = run(
        *("--no-bundled", "-g", str(base), "add", "--to", str(mine)),
        *("--label", "Tiers-lieu", "--definition", "Un lieu partagé.", *args),
        input=input,
    )
    return result.exit_code, result.stdout, result.stderr


def added(base: Path, mine: Path):  # type: ignore[no-untyped-def]
    return load_glossary([base, mine])["tiers-lieu"]


# --- sources ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "titre=Loi n° 2014-856 ; article=1 ; url=https://www.legifrance.gouv.fr/loda/id/X?a=b",
            Source(
                "Loi n° 2014-856", article="1", url="https://www.legifrance.gouv.fr/loda/id/X?a=b"
            ),
        ),
        (
            "Titre=Rapport; Éditeur=Apes; Année=2021; note=lu en ligne",
            Source("Rapport", publisher="Apes", year=2021, note="lu en ligne"),
        ),
        ("title=Guide ; author=Réseau A ; version=2", Source("Guide", "Réseau A", version="2")),
        ("titre=Code ; article=art. L. 3332-17-1", Source("Code", article="L. 3332-17-1")),
        # Positional parts keep their place when one is empty: the publisher stays publisher.
        ("Guide | | Apes | 2020", Source("Guide", None, "Apes", 2020)),
        ("Guide | Réseau A | Apes | 2020", Source("Guide", "Réseau A", "Apes", 2020)),
        ("Guide | Réseau A | | 2020", Source("Guide", "Réseau A", None, 2020)),
        ("Guide | 2020 | https://a.org", Source("Guide", year=2020, url="https://a.org")),
    ],
)
def test_a_source_is_read_by_named_fields_or_by_position(text: str, source: Source) -> None:
    assert parse_source(text) == source


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("auteur=Réseau A ; année=2020", "sans titre"),
        ("titre=Guide ; page=3", f"champ de source inconnu «{NBSP}page=3{NBSP}»"),
        ("titre=Guide ; année=vingt", "quatre chiffres"),
        ("titre=Guide ; url=www.a.org", "http"),
        ("titre=Guide ; titre=Autre", "deux fois"),
        ("Guide | A | B | C", "champs nommés"),
    ],
)
def test_a_wrong_source_says_why(text: str, message: str) -> None:
    with pytest.raises(UsageError) as error:
        parse_source(text)
    assert message in error.value.message


def test_add_takes_a_source_by_separate_options(base: Path, mine: Path) -> None:
    code, _, err = add(
        base,
        mine,
        *("--source-title", "Loi n° 2014-856", "--source-article", "1"),
        *("--source-year", "2014", "--source-url", "https://www.legifrance.gouv.fr/"),
        *("--source", "titre=Guide ; auteur=Réseau A"),
    )
    assert code == 0, err
    assert set(added(base, mine).sources) == {
        Source("Guide", "Réseau A"),
        Source("Loi n° 2014-856", year=2014, article="1", url="https://www.legifrance.gouv.fr/"),
    }


def test_add_refuses_a_source_without_title_by_options(base: Path, mine: Path) -> None:
    before = mine.read_bytes()
    code, out, err = add(base, mine, "--source-year", "2014")
    assert code == 2
    assert out == ""
    assert "sans titre" in err
    assert mine.read_bytes() == before


# --- alternative labels ----------------------------------------------------------------------


def test_an_alternative_label_equal_to_the_label_is_said(base: Path, mine: Path) -> None:
    code, _, err = add(base, mine, "--alt", "TIERS-LIEU", "--alt", "lieu hybride")
    assert code == 0, err
    assert f"«{NBSP}TIERS-LIEU{NBSP}» est le libellé lui-même" in err
    assert added(base, mine).alt_labels == ("lieu hybride",)


# --- themes ----------------------------------------------------------------------------------


def test_an_unknown_theme_names_new_theme_out_of_a_terminal(base: Path, mine: Path) -> None:
    before = mine.read_bytes()
    code, out, err = add(base, mine, "--theme", "Habitat")
    assert code == 1
    assert out == ""
    assert err.startswith(f"Erreur{NBSP}: Aucun thème trouvé pour «{NBSP}Habitat{NBSP}».")
    assert f"--new-theme «{NBSP}Habitat{NBSP}»" in err
    assert mine.read_bytes() == before


def test_new_theme_creates_it_in_the_users_file(base: Path, mine: Path) -> None:
    before = mine.read_text(encoding="utf-8")
    code, _, err = add(base, mine, "--new-theme", "Habitat partagé", "--theme", "transit")
    assert code == 0, err
    assert f"Thème «{NBSP}Habitat partagé{NBSP}» (habitat-partage) créé" in err
    text = mine.read_text(encoding="utf-8")
    assert text.startswith(before)  # appended only
    glossary = load_glossary([base, mine])
    assert glossary.theme("habitat-partage").label == "Habitat partagé"  # type: ignore[union-attr]
    assert glossary["tiers-lieu"].themes == ("transitions", "habitat-partage")


def test_new_theme_of_an_existing_theme_uses_it(base: Path, mine: Path) -> None:
    code, _, err = add(base, mine, "--new-theme", "transitions")
    assert code == 0, err
    assert "existe déjà" in err
    assert "[[theme]]" not in mine.read_text(encoding="utf-8")
    assert added(base, mine).themes == ("transitions",)


def test_on_a_terminal_an_unknown_theme_is_offered(
    base: Path, mine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Output, "interactive", property(lambda self: True))
    code, _, err = add(base, mine, "--theme", "Habitat", input="n\n")
    assert code == 1  # declined: not created, nothing written
    assert "[[theme]]" not in mine.read_text(encoding="utf-8")
    code, out, err = add(
        base,
        mine,
        *("--theme", "Habitat", "--alt", "x", "--related", "coopération"),
        input="o\n\n",
    )
    assert code == 0, err
    assert "Le créer dans" in out
    assert added(base, mine).themes == ("habitat",)
