"""First contact: `esslex` alone, help never cut, usage errors that name what is valid."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from support.cli import SCRIPT, run, run_script

NBSP = "\u00a0"
COMMANDS = (
    "define",
    "search",
    "list",
    "themes",
    "related",
    "export",
    "glossaries",
    "new",
    "add",
    "import",
    "check",
    "completion",
)


def installed(*args: str, columns: int = 80) -> subprocess.CompletedProcess[str]:
    return run_script(*args, env={"COLUMNS": str(columns)}, text=True)


def test_esslex_alone_prints_the_french_help_and_exits_0() -> None:
    result = run()
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith(f"Utilisation{NBSP}: ")
    assert f"Commandes{NBSP}:" in result.stdout
    for command in COMMANDS:
        assert f"\n  {command} " in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("columns", [100, 60])
def test_esslex_alone_through_the_installed_script(columns: int) -> None:
    completed = installed(columns=columns)
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    assert completed.stdout.startswith(f"Utilisation{NBSP}: esslex ")
    # Piped, every description is whole: no "..." cut, no word broken.
    assert "..." not in completed.stdout.replace("[ARGS]...", "")
    assert "shell." in completed.stdout  # the end of the longest description
    assert max(map(len, completed.stdout.splitlines())) <= columns


@pytest.mark.skipif(shutil.which("script") is None, reason="needs script(1)")
@pytest.mark.slow
def test_esslex_alone_on_a_terminal_shows_the_help() -> None:
    completed = subprocess.run(
        ["script", "-qec", str(SCRIPT), "/dev/null"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "xterm"},
        timeout=60,
    )
    assert completed.returncode == 0, completed.stdout
    assert "Commandes" in completed.stdout and "completion" in completed.stdout
    assert "Erreur" not in completed.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["related", "ess", "--depth", "0"],
            f"«{NBSP}0{NBSP}» est hors de l’intervalle admis (de 1 à 10)",
        ),
        (
            ["search", "ess", "-n", "0"],
            f"«{NBSP}0{NBSP}» est hors de l’intervalle admis (au moins 1)",
        ),
        (
            ["export", "--group-by", "page"],
            f"«{NBSP}page{NBSP}» n’est pas une valeur admise (valeurs admises{NBSP}: theme, alpha)",
        ),
        (
            ["export", "-f", "xyz"],
            f"format inconnu «{NBSP}xyz{NBSP}»{NBSP}; formats{NBSP}: markdown, html,",
        ),
        (
            ["define", "ess", "--jsn"],
            f"Option inconnue «{NBSP}--jsn{NBSP}» (vouliez-vous dire «{NBSP}--json{NBSP}»{NBSP}?)",
        ),
        (["list", "--them", "x"], f"(vouliez-vous dire «{NBSP}--theme{NBSP}»{NBSP}?)"),
    ],
)
def test_a_usage_error_names_what_is_valid(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"Erreur{NBSP}: ")
    assert message in result.stderr, result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["define"],
        ["themes", "b"],
        ["definir", "ess"],
        ["export", "-f", "xyz"],
        ["list", "--theme", "cuisine"],
        ["search", "x", "-n", "beaucoup"],
    ],
)
def test_every_error_reads_as_a_french_sentence(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code in (1, 2)
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"Erreur{NBSP}: ")
    after = first[len(f"Erreur{NBSP}: ") :]
    assert after[:1].isupper(), first
    for mark in (":", ";", "?", "!", "»"):
        assert f" {mark}" not in first, first  # a no-break space, never a plain one
    assert "'" not in first.replace("l'", "").replace("d'", "")


def test_an_error_that_starts_with_a_file_name_keeps_its_case(tmp_path: Path) -> None:
    missing = tmp_path / "absent.toml"
    result = run("-g", str(missing), "list")
    assert result.exit_code == 3
    assert result.stderr.startswith(f"Erreur{NBSP}: {missing}")


@pytest.mark.slow
@pytest.mark.parametrize("width", ["70", "80", "100"])
def test_piped_help_has_no_english_left_at_any_width(width: str) -> None:
    # Piped help is Click's plain help, translated after wrapping: "[default:" may end a line.
    from esslex.cli.app import COMMANDS as REGISTERED

    for command in REGISTERED:
        result = installed(command, "--help", columns=int(width))
        assert result.returncode == 0, (command, result.stderr)
        text = " ".join(result.stdout.split())
        for english in ("[default", "[required]", "Options:", "Arguments:", "Commands:"):
            assert english not in text, (command, width, english)


# --- the framework through its public API only ---------------------------------------------


def test_no_module_imports_a_private_module() -> None:
    """A private import (`typer._click`) pins a version: Typer 0.29 moved what 0.27 had."""
    import ast

    import esslex

    private = []
    for path in Path(esslex.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif (
                isinstance(node, ast.ImportFrom) and node.level == 0 and node.module != "__future__"
            ):
                names = [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            private += [
                f"{path.name}: {name}"
                for name in names
                if any(part.startswith("_") and not part.endswith("__") for part in name.split("."))
            ]
    assert private == []


def test_undecodable_bytes_are_dropped_from_a_text_option(tmp_path: Path) -> None:
    import tomli  # a dependency on every Python (tomllib is 3.11 and later)

    target = tmp_path / "mien.toml"
    result = run("new", str(target), "--title", "Essai\udcff\udcfe de titre")
    assert result.exit_code == 0, result.stderr
    document = tomli.loads(target.read_text(encoding="utf-8"))
    assert document["glossary"]["title"] == "Essai de titre"


def test_a_file_argument_keeps_its_undecodable_bytes(tmp_path: Path) -> None:
    glossary = tmp_path / os.fsdecode(b"lexique-\xe9t\xe9.toml")  # a Latin-1 file name
    glossary.write_text(
        '[glossary]\nid = "essai"\ntitle = "Essai"\n\n'
        '[[term]]\nid = "ete"\nlabel = "Été"\ndefinition = "Saison."\n'
        'sources = [{ title = "Calendrier" }]\n',
        encoding="utf-8",
    )
    result = run("check", str(glossary))
    assert "n’existe pas" not in result.stderr
    assert result.exit_code in (0, 1), result.stderr


def test_a_flag_shows_no_type_on_a_terminal() -> None:
    result = run("export", "--help", env={"ESSLEX_FORCE_TERMINAL": "1", "COLUMNS": "100"})
    assert result.exit_code == 0
    flags = [line for line in result.stdout.splitlines() if "--force" in line or "--help" in line]
    assert flags and not any("<" in line or "BOOL" in line for line in flags)


def test_a_text_argument_shows_no_type_on_a_terminal() -> None:
    result = run("define", "--help", env={"ESSLEX_FORCE_TERMINAL": "1", "COLUMNS": "100"})
    assert result.exit_code == 0
    arguments = result.stdout.split("Arguments")[1].split("Options")[0]
    assert "TERME" in arguments
    assert "<" not in arguments and "TEXT" not in arguments


@pytest.mark.parametrize(
    ("typed", "meant"), [("defin", "define"), ("exprt", "export"), ("kti", "kit")]
)
def test_a_mistyped_command_gets_a_suggestion_in_french(typed: str, meant: str) -> None:
    result = run(typed, "x")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"Erreur\u00a0: Commande inconnue «\u00a0{typed}\u00a0» (vouliez-vous dire «\u00a0{meant}\u00a0»\u00a0?)"
    )
    assert "Did you mean" not in result.stderr


def test_a_command_far_from_any_gets_no_suggestion() -> None:
    result = run("zzz")
    assert result.stderr.splitlines()[0] == "Erreur\u00a0: Commande inconnue «\u00a0zzz\u00a0»"
