"""`esslex add` from several processes at once: every entry written, none lost."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from filelock import FileLock
from typer.testing import Result

from cli_support import run
from esslex import authoring
from esslex.loader import load_glossary

PER_PROCESS = 15

# Each process adds its entries one after the other, through the CLI, as fast as it can.
WRITER = textwrap.dedent(
    """
    import sys
    from typer.testing import CliRunner
    from esslex.cli import app

    target, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    runner = CliRunner()
    for number in range(count):
        result = runner.invoke(app, [
            "--no-bundled", "add", "--to", target,
            "--label", f"Terme {tag} {number}",
            "--definition", f"Définition numéro {number} écrite par le processus {tag}.",
        ])
        if result.exit_code != 0:
            sys.exit(f"{tag} {number}: {result.exit_code} {result.stderr}")
    """
)


def add(target: Path, label: str) -> Result:
    return run(
        "--no-bundled", "add", "--to", str(target), "--label", label, "--definition", "Texte."
    )


def new_glossary(tmp_path: Path) -> Path:
    target = tmp_path / "partage.toml"
    result = run("new", str(target), "--title", "Partagé")
    assert result.exit_code == 0, result.stderr
    return target


@pytest.mark.slow
def test_two_processes_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    target = new_glossary(tmp_path)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), tag, str(PER_PROCESS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        for tag in ("A", "B")
    ]
    for writer in writers:
        _, errors = writer.communicate(timeout=600)
        assert writer.returncode == 0, errors
    labels = {term.label for term in load_glossary([target])}
    expected = {f"Terme {tag} {n}" for tag in ("A", "B") for n in range(PER_PROCESS)}
    assert labels == expected
    assert [path.name for path in tmp_path.iterdir()] == [target.name]  # nothing left beside it


def test_a_file_locked_too_long_is_refused_in_french_and_left_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = new_glossary(tmp_path)
    before = target.read_bytes()
    monkeypatch.setattr(authoring, "LOCK_WAIT_SECONDS", 0.2)
    authoring.lock_path(target).parent.mkdir(parents=True, exist_ok=True)
    with FileLock(authoring.lock_path(target)):  # another esslex is writing
        result = add(target, "Essai")
    assert result.exit_code == 1
    assert "en cours de modification par un autre esslex" in result.stderr
    assert "rien n’a été écrit" in result.stderr
    assert "Traceback" not in result.output
    assert target.read_bytes() == before


def test_the_lock_is_released_once_the_entry_is_written(tmp_path: Path) -> None:
    target = new_glossary(tmp_path)
    for label in ("Premier", "Second"):
        result = add(target, label)
        assert result.exit_code == 0, result.stderr
    with FileLock(authoring.lock_path(target), timeout=0):
        pass  # free: nobody holds it any more
