"""Running esslex: in-process (`run`, the one CLI runner; `outcome`), and the installed
script as a shell runs it (`run_script`, `run_shell`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from esslex.cli import app

runner = CliRunner()


def run(*args: str, env: dict[str, str | None] | None = None, input: str | None = None) -> Result:
    """esslex in-process; a Python exception escaping the CLI fails the test."""
    result = runner.invoke(app, list(args), env=env, input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    return result


def outcome(
    *args: str, env: dict[str, str | None] | None = None, input: str | None = None
) -> tuple[int, str, str]:
    """esslex in-process as a script sees it: exit code, standard output, error output."""
    result = run(*args, env=env, input=input)
    return result.exit_code, result.stdout, result.stderr


# --- the installed program, in a subprocess ---

# The `esslex` script installed beside the interpreter that runs the tests.
SCRIPT = Path(sys.executable).parent / ("esslex.exe" if os.name == "nt" else "esslex")
# A UTF-8 locale whatever the machine's, and Python's own guess of the output encoding.
UTF8_LOCALE: dict[str, str | None] = {"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": None}


def _environment(env: dict[str, str | None] | None) -> dict[str, str]:
    """The test's environment (kept from the user's folders, colours off) with `env` on top;
    a None value removes the variable."""
    environment = dict(os.environ)
    for name, value in (env or {}).items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return environment


def run_script(
    *args: str | bytes | Path,
    env: dict[str, str | None] | None = None,
    cwd: Path | None = None,
    input: str | bytes | None = None,
    text: bool = False,
    timeout: float = 120,
) -> subprocess.CompletedProcess[Any]:
    """The installed `esslex` as a shell runs it; arguments may be bytes. Output in bytes,
    or decoded from UTF-8 with `text=True`."""
    return subprocess.run(
        [os.fsencode(SCRIPT), *(os.fsencode(arg) for arg in args)],
        capture_output=True,
        env=_environment(env),
        cwd=cwd,
        input=input,
        timeout=timeout,  # a generous bound, only so that a hang fails instead of blocking
        check=False,
        **({"encoding": "utf-8"} if text else {}),
    )


def run_shell(pipeline: str, text: bool = False) -> subprocess.CompletedProcess[Any]:
    """A bash pipeline in which the first `esslex` is the installed script. As text, a
    character cut in two (`head -c`) is replaced rather than fatal."""
    return subprocess.run(
        ["/bin/bash", "-c", pipeline.replace("esslex", f'"{SCRIPT}"', 1)],
        capture_output=True,
        env=_environment(None),
        timeout=120,
        check=False,
        **({"encoding": "utf-8", "errors": "replace"} if text else {}),
    )
