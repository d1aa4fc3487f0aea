"""The cache as a user's machine sees it: esslex run with a cache folder of the test's own
(the installed program in a subprocess, or in-process for the everyday loop), large
generated glossaries, and the files in that folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from support.cli import run, run_script
from support.glossaries import age

BENCH = Path(__file__).resolve().parents[2] / "bench"


def esslex(folder: Path, *args: str, **options: Any) -> subprocess.CompletedProcess[str]:
    """The installed program on the glossaries `args` name, with its cache in `folder`."""
    return run_script(*args, env={"ESSLEX_CACHE_DIR": str(folder)}, text=True, **options)


def esslex_in_process(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The same as `esslex`, in-process: the same code reads and writes the same cache
    folder, without starting an interpreter (a quarter of a second of processor each)."""
    result = run(*args, env={"ESSLEX_CACHE_DIR": str(folder)})
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)


# The two ways a test of the cache runs esslex: in-process in the everyday loop, and the
# installed program in the full run (slow: an interpreter started for each command).
PROGRAMS = [
    pytest.param(esslex_in_process, id="en-processus"),
    pytest.param(esslex, id="installe", marks=pytest.mark.slow),
]


def large_glossary(path: Path, count: int) -> Path:
    """A realistic glossary of `count` entries (bench/make_glossary.py), dated in the past."""
    subprocess.run(
        [sys.executable, str(BENCH / "make_glossary.py"), str(count), "-o", str(path)],
        check=True,
        capture_output=True,
    )
    return age(path)


def stores(folder: Path) -> list[Path]:
    """The SQLite caches in `folder` (each with its search text beside it)."""
    return sorted(
        file for file in folder.glob("*.sqlite") if not file.name.endswith(".search.sqlite")
    )


def temporaries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.tmp"))
