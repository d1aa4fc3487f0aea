"""Read commands on an output that is not UTF-8 (PYTHONIOENCODING, an old terminal): the
installed script writes readable stand-ins (œ → oe, ’ → ', « » → " ") and exits 0."""

from __future__ import annotations

import json

import pytest

from support.cli import run_script

READ_COMMANDS = [
    ("define", "coopération"),
    ("list",),
    ("list", "--theme", "familles"),
    ("search", "statuts"),
    ("themes",),
    ("related", "coopérative"),
    ("history",),
    ("favourites", "list"),
    ("glossaries",),
]


def _read(encoding: str, *args: str) -> str:
    result = run_script(*args, env={"PYTHONIOENCODING": encoding, "NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr.decode(encoding)
    assert b"Traceback" not in result.stderr
    return result.stdout.decode(encoding)  # type: ignore[no-any-return]


def test_latin_1_keeps_its_accents_and_replaces_the_rest() -> None:
    text = _read("latin-1", "define", "coopération")
    assert text.startswith("Coopération\n")
    assert "d'esprit" in text  # ’ is not in Latin-1
    assert "«\u00a0Coopération\u00a0»" in text  # Latin-1 has them, and the no-break space


def test_ascii_writes_plain_letters() -> None:
    text = _read("ascii", "define", "coopération")
    assert text.startswith("Cooperation\n")
    assert "Themes : Principes et finalites" in text
    assert "un etat d'esprit" in text and "?" not in text.split("\n")[0]


def test_json_on_ascii_is_the_same_data_escaped() -> None:
    text = _read("ascii", "define", "coopération", "--json")
    assert text.isascii()
    assert json.loads(text)["label"] == "Coopération"


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
@pytest.mark.parametrize("args", READ_COMMANDS, ids=" ".join)
def test_every_read_command_answers(encoding: str, args: tuple[str, ...]) -> None:
    # Something in the history and the favourites, with accents and an apostrophe.
    for before in (("define", "coopération"), ("favourites", "add", "économie sociale")):
        assert run_script(*before).returncode == 0
    text = _read(encoding, *args)
    assert text.strip()


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_rich_output_on_a_terminal_that_is_not_utf_8(encoding: str) -> None:
    env = {"PYTHONIOENCODING": encoding, "ESSLEX_FORCE_TERMINAL": "1", "NO_COLOR": None}
    for args in (("define", "coopération"), ("related", "coopération"), ("themes",)):
        result = run_script(*args, env=env)
        assert result.returncode == 0, result.stderr.decode(encoding)
        assert b"Traceback" not in result.stderr
        text = result.stdout.decode(encoding)
        assert "Coop" in text or "Acteurs" in text
    tree = run_script("related", "coopération", env=env).stdout.decode(encoding)
    assert "+-- " in tree  # neither encoding has box-drawing characters
