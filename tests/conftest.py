"""Shared by every test: kept away from the user's real folders, terminal and colours;
esslex run in-process (`cli`, which is `support.cli.run`); glossaries written for the test
(`glossary_builder`, which is `support.glossaries.write_glossary`; the export tests'
`glossary`, the trainer's kit `trainer_glossary`, the `hostile` one full of traps). The
helpers live in tests/support/, one module per concern.

Kept cheap for the everyday loop (docs/performance.md, « La suite de tests »): one cache
folder for the run, whose snapshot of the bundled glossary is decoded once
(`shared_snapshots_read_once`), the bundled file parsed once (`bundled_file_read_once`),
and Hypothesis's `everyday` profile under -m "not slow"."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import settings
from typer.testing import Result

from esslex.find.index import MemoryIndex
from support.cli import run
from support.glossaries import EXPORT_GLOSSARY, TRAINER_GLOSSARY, write_glossary
from support.hostile import hostile_document
from support.properties import EVERYDAY_EXAMPLES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


# Hypothesis in the everyday loop (`pytest -m "not slow"`): a quarter of the examples, and a
# quarter of those a test asks for (`support.properties.examples`); the full run keeps
# Hypothesis's default of 100 (CI runs it). `--hypothesis-profile default` gives all of them.
settings.register_profile("everyday", max_examples=EVERYDAY_EXAMPLES)


def pytest_configure(config: pytest.Config) -> None:
    everyday = "not slow" in (config.getoption("markexpr") or "")
    if everyday and not config.getoption("--hypothesis-profile", None):
        settings.load_profile("everyday")


@pytest.fixture(scope="session")
def shared_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the whole run, away from the user's: a cache is keyed by its
    files (path, size, date), so tests share only the bundled glossary's, which each would
    otherwise rebuild (36 ms a test). Tests of the cache use their own (`cache_folder`)."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def homes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of every test's home. Not `tmp_path_factory.mktemp` for each: it lists
    the whole base folder to number the new one, which grew quadratic (2 ms a test at 2,000)."""
    return tmp_path_factory.mktemp("homes")


@pytest.fixture(scope="session", autouse=True)
def shared_snapshots_read_once(shared_cache_home: Path) -> Iterator[None]:
    """A snapshot of the shared cache (the bundled glossary's) decoded once for the run,
    not at each command (6 ms: a thousand commands read it): the same file, unchanged (size,
    date, inode, owner, mode), gives the same index. Snapshots elsewhere, those the tests of
    the cache make, damage and forge in their own folders, are read every time."""
    from esslex.cache import policy

    opened: dict[tuple[object, ...], MemoryIndex | None] = {}
    read = policy.open_snapshot

    def read_once(file: Path, key: list[list[Any]]) -> MemoryIndex | None:
        if shared_cache_home not in file.parents:
            return read(file, key)
        try:
            status = file.stat()
        except OSError:
            return read(file, key)
        seen = (file, status.st_size, status.st_mtime_ns, status.st_ino, status.st_uid)
        seen += (status.st_mode, repr(key))
        if seen not in opened:
            opened[seen] = read(file, key)
        return opened[seen]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(policy, "open_snapshot", read_once)
        yield


@pytest.fixture(scope="session", autouse=True)
def bundled_file_read_once() -> Iterator[None]:
    """The bundled glossary's file parsed and checked once for the run, not at each command
    that loads it with another glossary (30 ms: three hundred commands do): the same file,
    unchanged, named the same way, gives the same result, which nothing changes afterwards.
    Every other file is read every time."""
    from esslex.glossary import loader
    from esslex.glossary.assembly import GlossaryFile
    from esslex.glossary.paths import bundled_path

    bundled = bundled_path().resolve()
    parsed: dict[tuple[object, ...], GlossaryFile] = {}
    read = loader.read_glossary_file

    def read_once(path: Path, locate: bool = True) -> GlossaryFile:
        try:
            status = Path(path).resolve().stat()
        except OSError:
            return read(path, locate)
        if Path(path).resolve() != bundled:
            return read(path, locate)
        seen = (str(path), locate, status.st_size, status.st_mtime_ns, status.st_ino)
        if seen not in parsed:
            parsed[seen] = read(path, locate)
        return parsed[seen]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader, "read_glossary_file", read_once)
        yield


@pytest.fixture(autouse=True)
def isolated_environment(
    homes: Path, monkeypatch: pytest.MonkeyPatch, shared_cache_home: Path
) -> Iterator[Path]:
    home = Path(tempfile.mkdtemp(dir=homes))
    monkeypatch.setenv("ESSLEX_HOME", str(home / "esslex"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared_cache_home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("ESSLEX_FORCE_TERMINAL", raising=False)
    yield home


# The small glossary of the export tests (a test module may have its own `glossary`).
@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    return write_glossary(tmp_path / "essai.toml", text=EXPORT_GLOSSARY)


# The trainer's kit glossary: siblings, alternative labels, hostile text.
@pytest.fixture
def trainer_glossary(tmp_path: Path) -> Path:
    return write_glossary(tmp_path / "formation.toml", text=TRAINER_GLOSSARY)


# A glossary full of traps: markup, escapes, formulas, bidi, XML-forbidden characters.
@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("piege") / "piege.toml"
    path.write_text(tomli_w.dumps(hostile_document()), encoding="utf-8")
    assert tomllib.loads(path.read_text(encoding="utf-8"))["term"][0]["id"] == "formule"
    return path


@pytest.fixture
def cli() -> Callable[..., Result]:
    """esslex in-process: `cli("define", "coopération", input=..., env=...)` gives the
    exit code, stdout and stderr; a Python exception escaping the CLI fails the test."""
    return run


@pytest.fixture
def glossary_builder() -> Callable[..., Path]:
    """`glossary_builder(path, count=300, seed=3)`: a generated glossary (accents,
    other names, notes, relations), dated in the past so that it gets cached."""
    return write_glossary
