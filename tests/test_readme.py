"""The README's examples are real: each `$ esslex …` block is run and its output compared."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).parents[1] / "README.md"
SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def console_sessions() -> list[list[tuple[str, str]]]:
    """Each ```console block as (command, expected output) pairs."""
    sessions = []
    for block in re.findall(r"```console\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        steps: list[tuple[str, list[str]]] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif steps:
                steps[-1][1].append(line)
        sessions.append([(command, "\n".join(lines)) for command, lines in steps])
    return sessions


def normalise(text: str) -> str:
    # The README shows plain spaces where esslex writes non-breaking ones.
    return "\n".join(line.rstrip() for line in text.translate(SPACES).strip("\n").splitlines())


SESSIONS = console_sessions()


def test_the_readme_has_examples_of_every_reading_command() -> None:
    commands = " ".join(command for session in SESSIONS for command, _ in session)
    for name in ("define", "search", "list", "themes", "related"):
        assert f"esslex {name}" in commands


@pytest.mark.slow
@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: s[0][0])
def test_readme_example_output_is_real(session: list[tuple[str, str]], tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "COLUMNS": "80",
        "NO_COLOR": "1",
    }
    status = 0
    for command, expected in session:
        if command == "echo $?":
            assert expected == str(status)
            continue
        completed = subprocess.run(
            ["bash", "-c", command],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=60,
        )
        status = completed.returncode
        assert normalise(completed.stdout + completed.stderr) == normalise(expected), command
