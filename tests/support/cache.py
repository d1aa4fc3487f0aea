"""The cache as a user's machine sees it: the installed `esslex` run in a subprocess with a
cache folder of the test's own, large generated glossaries, and the files in that folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from support.cli import run_script
from support.glossaries import age

BENCH = Path(__file__).resolve().parents[2] / "bench"


def esslex(folder: Path, *args: str, **options: Any) -> subprocess.CompletedProcess[str]:
    """The installed program on the glossaries `args` name, with its cache in `folder`."""
    return run_script(*args, env={"ESSLEX_CACHE_DIR": str(folder)}, text=True, **options)


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
