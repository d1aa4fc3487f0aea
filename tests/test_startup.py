"""Start-up: a command imports only what it needs (no timing here: see bench/startup.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from support.cli import run

HEAVY = ("rich", "rapidfuzz", "tomllib", "tomli", "docx", "weasyprint", "rdflib", "lxml", "jinja2")
HEAVY += ("textual",)  # `browse` alone imports it


def imported(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run `python -X importtime -m esslex ARGS` with its output piped."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "esslex", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
    )
    names = {
        line.rsplit("|", 1)[-1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    return result, names


def test_every_command_listed_is_defined_in_its_module(tmp_path: Path) -> None:
    """Each command of COMMANDS loads, from the module named, its help opening with the
    summary `esslex --help` lists."""
    from esslex.cli.app import COMMANDS

    for name, (module, summary) in COMMANDS.items():
        result = run(name, "--help", env={"NO_COLOR": "1"})
        assert result.exit_code == 0, (name, result.output)
        assert f"esslex {name}" in result.output
        assert " ".join(summary.split()) in " ".join(result.output.split()), name
        assert module in sys.modules


@pytest.mark.slow
def test_help_lists_every_command_without_importing_them(tmp_path: Path) -> None:
    from esslex.cli.app import COMMANDS

    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "esslex", "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    listed = " ".join(result.stdout.split())
    for name, (_module, summary) in COMMANDS.items():
        assert f"{name} {' '.join(summary.split())}" in listed, name
    assert "esslex.commands" not in result.stderr


@pytest.mark.slow
def test_define_piped_imports_neither_rich_nor_a_toml_parser_once_cached(tmp_path: Path) -> None:
    first, _ = imported("define", "coopération", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    second, names = imported("define", "coopération", cwd=tmp_path)
    assert second.returncode == 0
    assert second.stdout == first.stdout
    assert "Coopération" in second.stdout
    assert "esslex" in names
    assert "sqlite3" not in names  # the bundled glossary is small: a marshal snapshot
    assert names.isdisjoint(HEAVY), names & set(HEAVY)


@pytest.mark.slow
def test_fuzzy_define_imports_rapidfuzz_and_exact_define_does_not(tmp_path: Path) -> None:
    imported("list", cwd=tmp_path)
    fuzzy, names = imported("define", "cooperatoin", cwd=tmp_path)
    assert fuzzy.returncode == 0
    assert "Coopération" in fuzzy.stdout
    assert "rapidfuzz" in names
    assert names.isdisjoint(set(HEAVY) - {"rapidfuzz"})


def test_textual_is_imported_by_the_browse_screen_alone() -> None:
    """Only `esslex.tui` (the `browse` screen) names Textual in an import: `define`, `list`
    and the others never pay for it (`cli/browse.py` checks it is installed by name)."""
    import ast

    import esslex

    package = Path(esslex.__file__).resolve().parent
    importers = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(name.split(".")[0] == "textual" for name in names):
                importers.add(path.relative_to(package).parts[0])
    assert importers == {"tui"}


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [["--help"], ["list"], ["search", "coopération"], ["themes"], ["browse", "--help"]],
)
def test_piped_commands_import_no_heavy_library(tmp_path: Path, args: list[str]) -> None:
    imported("list", cwd=tmp_path)
    result, names = imported(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert names.isdisjoint(HEAVY), names & set(HEAVY)


@pytest.mark.slow
def test_define_does_not_import_export_libraries(tmp_path: Path) -> None:
    result, names = imported("define", "coopération", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "esslex" in names
    assert not names & {"jinja2", "markupsafe", "rdflib", "docx", "lxml", "weasyprint"}


@pytest.mark.slow
def test_fsrs_is_imported_by_a_review_session_alone(tmp_path: Path) -> None:
    """FSRS (esslex[review]) is loaded by `esslex review` in a terminal, by no other command;
    `define` records its lookup without SQLite."""
    imported("list", cwd=tmp_path)
    for args in (
        ["define", "coopération"],
        ["related", "coopération"],
        ["history"],
        ["favourites"],
        ["review", "--stats"],
        ["--help"],
    ):
        result, names = imported(*args, cwd=tmp_path)
        assert result.returncode == 0, (args, result.stderr)
        assert "fsrs" not in names, args
        if args[0] == "define":
            assert "sqlite3" not in names
    history = subprocess.run(
        [sys.executable, "-m", "esslex", "history", "--json"], capture_output=True, text=True
    )
    assert '"entry_id": "cooperation"' in history.stdout
    session = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "esslex", "review"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        input="",
        env={**os.environ, "ESSLEX_FORCE_TERMINAL": "1"},
    )
    assert "Révision" in session.stdout, session.stderr
    loaded = {line.rsplit("|", 1)[-1].strip() for line in session.stderr.splitlines()}
    assert "fsrs" in loaded


@pytest.mark.slow
def test_simplemma_is_imported_by_annotate_alone(tmp_path: Path) -> None:
    course = tmp_path / "cours.txt"
    course.write_text("Les coopératives et les SCOP.", encoding="utf-8")
    for args in (["define", "coopération"], ["list"], ["search", "coopérative"], ["--help"]):
        result, names = imported(*args, cwd=tmp_path)
        assert result.returncode == 0, (args, result.stderr)
        assert "simplemma" not in names, args
    result, names = imported("annotate", str(course), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "simplemma" in names
