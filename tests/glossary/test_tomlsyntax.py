"""What the TOML parsers cannot take is refused before or beside them, with its line: a
dotted key of more than 32 parts (both parsers take a time quadratic in its parts), an
integer of more than 4,300 digits (Python's int() refuses it)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from esslex.glossary.tomlsyntax import MAX_KEY_PARTS, long_key_line
from support.cli import run, run_script
from support.glossaries import GOOD_HEAD, write_glossary
from support.hostile import NBSP, assert_error_line

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

LONG_KEY = f"clé de plus de {MAX_KEY_PARTS} parties séparées par des points"
LONG_NUMBER = f"nombre de plus de 4{NBSP}300{NBSP}chiffres"
ENTRY = '[[term]]\nid = "tontine"\nlabel = "Tontine"\ndefinition = "Épargne."\n'


@pytest.mark.slow
def test_a_header_of_300000_dotted_keys_is_refused_at_once(tmp_path: Path) -> None:
    """600 KB, one header: 209 s per command, every command, since a file with an error is
    never cached. The installed command answers (a hang would reach the timeout)."""
    path = write_glossary(
        tmp_path / "pointee.toml", text=GOOD_HEAD + "[" + ".".join(["a"] * 300_000) + "]\n"
    )
    for command in (["define", "tontine"], ["list"]):
        done = run_script("-g", path, *command, text=True, timeout=30)
        assert done.returncode == 3
        assert_error_line(done.stderr, path, 5, LONG_KEY)
    checked = run_script("check", path, text=True, timeout=30)
    assert checked.returncode == 3 and f"{path}:5: erreur{NBSP}: {LONG_KEY}" in checked.stdout


PART = st.from_regex(r"[A-Za-z0-9_-]{1,4}", fullmatch=True) | st.from_regex(
    r'"[a-z. ]{0,4}"', fullmatch=True
)
DOT = st.sampled_from([".", " .", ". ", "\t.\t"])


@given(st.lists(PART, min_size=2, max_size=40), st.data())
def test_a_key_is_refused_exactly_when_it_has_over_32_parts(
    parts: list[str], data: st.DataObject
) -> None:
    key = parts[0] + "".join(data.draw(DOT) + part for part in parts[1:])
    for document in (f"[{key}]\n", f"{key} = 1\n", f"x = {{ {key} = 1 }}\n"):
        tomllib.loads(document)  # valid TOML: the parser alone would read it
        assert long_key_line("# ligne 1\n" + document) == (
            2 if len(parts) > MAX_KEY_PARTS else None
        ), document


@pytest.mark.parametrize(
    "text",
    [
        'definition = "Voir 1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19.20 et www.esslex.fr."',
        'url = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000029313296"',
        'definition = """\nUne phrase. Une autre. Etc... Et «\u00a0a.b\u00a0».\n"""',
    ],
)
def test_text_with_dots_is_not_a_long_key(text: str) -> None:
    assert long_key_line(text) is None


def test_a_personal_glossary_with_a_long_number_is_reported_like_a_bad_one(
    tmp_path: Path,
) -> None:
    """It broke every command with a traceback, `glossaries` and `check` included."""
    home = tmp_path / "esslex"
    bad = write_glossary(
        home / "glossaires" / "perso.toml",
        text=GOOD_HEAD + ENTRY + "[[term.sources]]\ntitle = 'T'\nyear = " + "9" * 5000 + "\n",
    )
    env = {"ESSLEX_HOME": str(home)}
    for command in (["define", "coopération"], ["list"], ["search", "épargne"]):
        result = run(*command, env=env)
        assert result.exit_code == 3
        assert_error_line(result.stderr, bad, 11, LONG_NUMBER)
    listed = run("glossaries", env=env)
    assert listed.exit_code == 3
    assert f"illisible{NBSP}: {bad}:11: {LONG_NUMBER}" in listed.stdout
    checked = run("check", env=env)
    assert checked.exit_code == 3
    assert f"{bad}:11: erreur{NBSP}: {LONG_NUMBER}" in checked.stdout


def test_a_profile_with_a_long_number_is_refused_with_its_line(tmp_path: Path) -> None:
    profile = write_glossary(
        tmp_path / "profil.toml", text='title = "Formation"\nsubtitle = ' + "1" * 5000 + "\n"
    )
    result = run("export", "-f", "html", "--profile", str(profile), "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 3
    assert_error_line(result.stderr, profile, 2, LONG_NUMBER)
    assert not (tmp_path / "x.html").exists()


def test_a_profile_with_a_long_key_is_refused_with_its_line(tmp_path: Path) -> None:
    profile = write_glossary(
        tmp_path / "profil.toml", text='title = "F"\n' + ".".join(["a"] * 40) + " = 1\n"
    )
    result = run("export", "-f", "html", "--profile", str(profile), "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 3
    assert_error_line(result.stderr, profile, 2, LONG_KEY)
