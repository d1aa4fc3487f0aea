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


DOCS = [README, *sorted((README.parent / "docs").glob("*.md"))]


def test_the_theme_ids_the_docs_name_are_the_bundled_glossary_s() -> None:
    from esslex.glossary.loader import load_glossary
    from esslex.glossary.paths import bundled_path

    known = {theme.id for theme in load_glossary([bundled_path()]).themes}
    named = {
        (path.name, found)
        for path in DOCS
        for found in re.findall(
            r"(?:--theme|-t) ([a-z][a-z-]+)\b", path.read_text(encoding="utf-8")
        )
    }
    assert named, "no example names a theme"
    assert {(name, theme) for name, theme in named if theme not in known} == set()


def test_the_docs_give_no_stale_count_of_the_bundled_glossary() -> None:
    """Counts of the bundled glossary come from `esslex themes` or `glossaries`: none is
    written in prose as today's (a measurement names its day's count, « alors »; a theme's
    count in an example of `esslex themes`, « (acteurs, 18 entrées) », is output)."""
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        stale = re.findall(
            r"(?<!alors )(?<![a-z], )\b18 entrées|entrées sur 18\b|Glossaire DEVISUS — \d+", text
        )
        assert stale == [], path.name
