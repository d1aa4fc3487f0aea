"""Helpers shared by the hostile-input and fault tests (test_hostile*.py, test_faults.py,
test_properties.py): running esslex in-process or as the installed script, and what a
clean failure looks like."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from typer.testing import CliRunner, Result

from esslex.cli import app

NBSP = "\u00a0"
SCRIPT = Path(sys.executable).parent / ("esslex.exe" if os.name == "nt" else "esslex")
# Rich's own colours (SGR); any other escape in the output would come from the data.
SGR = re.compile(r"\x1b\[[0-9;]*m")
# On a terminal: colours on, whatever the test runner's environment says.
TERMINAL = {
    "NO_COLOR": None,
    "ESSLEX_FORCE_TERMINAL": "1",
    "FORCE_COLOR": "1",  # Rich's colours, although CliRunner's output is no tty
    "TERM": "xterm",
    "COLUMNS": "100",
}
PLAIN = {"NO_COLOR": "1", "COLUMNS": "100"}

runner = CliRunner()


def run(*args: str, env: dict[str, str | None] | None = None, input: str | None = None) -> Result:
    """esslex in-process; a Python exception escaping the CLI fails the test."""
    result = runner.invoke(app, list(args), env=env, input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    return result


def run_script(
    *args: str | bytes | Path,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """The installed `esslex` script; arguments may be bytes, as a shell passes them."""
    environment = {**os.environ, "LC_ALL": "C.UTF-8", "NO_COLOR": "1", **(env or {})}
    environment.pop("PYTHONIOENCODING", None)
    return subprocess.run(
        [os.fsencode(SCRIPT), *(os.fsencode(arg) for arg in args)],
        capture_output=True,
        env=environment,
        timeout=timeout,  # a generous bound, only so that a hang fails instead of blocking
        check=False,
        cwd=cwd,
    )


def assert_one_line(stderr: str, *fragments: str) -> None:
    """One line on stderr, no traceback, with each fragment in it."""
    assert stderr.endswith("\n") and stderr.count("\n") == 1, repr(stderr)
    assert "Traceback" not in stderr
    for fragment in fragments:
        assert fragment in stderr, (fragment, stderr)


def assert_error_line(stderr: str, path: Path | str, line: int | None, *fragments: str) -> None:
    """The French error of a bad file: `Erreur : FICHIER:LIGNE: message`, on one line."""
    where = f"{path}:{line}" if line else f"{path}"
    assert_one_line(stderr, f"Erreur{NBSP}: {where}: ", *fragments)
    if line is None:
        assert not re.match(rf"Erreur{NBSP}: {re.escape(str(path))}:\d", stderr), stderr


def assert_inert(output: str, ignore: Sequence[str] = ()) -> None:
    """No escape, control, bidi or invisible character: what a terminal prints as is."""
    for char in output:
        if char == "\n" or char in ignore:
            continue
        category = unicodedata.category(char)
        assert category not in ("Cc", "Cf", "Cs", "Co"), (repr(char), output)


def flat(text: str) -> str:
    """Text with its line wrapping undone (no-break spaces kept)."""
    return " ".join(re.split(r"[ \n]+", text.strip()))
