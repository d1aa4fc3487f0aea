"""Which glossary files load: the bundled one, the user's folder, then each --glossary;
`--no-bundled --glossary X` reads X alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from esslex.glossary.paths import bundled_path, glossary_paths, user_glossary_dir
from support.cli import run
from support.glossaries import write_glossary

# A personal glossary that cites a theme and an entry of the bundled glossary.
DEPENDS_ON_BUNDLED = """\
[glossary]
id = "perso"
title = "Perso"

[[term]]
id = "tiers-lieu"
label = "Tiers-lieu"
themes = ["territoires"]
related = ["cooperation"]
definition = "Un lieu partagé."
"""

ALONE = """\
[glossary]
id = "seul"
title = "Seul"

[[term]]
id = "habitat"
label = "Éco-hameau"
definition = "Des ménages qui conçoivent ensemble leur logement."
"""


@pytest.fixture
def personal() -> Path:
    folder = user_glossary_dir()
    folder.mkdir(parents=True)
    return write_glossary(folder / "perso.toml", text=DEPENDS_ON_BUNDLED)


@pytest.fixture
def alone(tmp_path: Path) -> Path:
    return write_glossary(tmp_path / "seul.toml", text=ALONE)


def test_the_load_order(personal: Path, alone: Path) -> None:
    assert glossary_paths([alone]) == [bundled_path(), personal, alone]
    assert glossary_paths([], bundled=False) == [personal]
    assert glossary_paths([alone], bundled=False) == [alone]


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["define", "habitat", "--json"],
        ["search", "ménages"],
        ["export", "-f", "json"],
        ["glossaries"],
        ["check"],
    ],
)
def test_no_bundled_with_a_glossary_reads_that_file_alone(
    personal: Path, alone: Path, args: list[str]
) -> None:
    result = run("--no-bundled", "-g", str(alone), *args)
    assert result.exit_code == 0, result.stderr
    assert "perso.toml" not in result.stdout + result.stderr
    if args[0] == "list":
        assert result.stdout == "Éco-hameau\n"
    if args[0] == "define":
        assert json.loads(result.stdout)["id"] == "habitat"


def test_without_no_bundled_the_personal_glossary_still_loads(personal: Path, alone: Path) -> None:
    result = run("-g", str(alone), "define", "tiers-lieu", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["glossary"] == str(personal)


def test_the_rule_is_in_the_help() -> None:
    result = run("--help")
    text = " ".join(result.stdout.split())
    assert "Ordre de chargement" in text
    assert "ne charger que les fichiers --glossary" in text
