"""Shared by every test: kept away from the user's real folders, terminal and colours;
esslex run in-process (`cli`, which is `support.cli.run`); glossaries written for the test
(`glossary_builder`, which is `support.glossaries.write_glossary`; the export tests'
`glossary`, the trainer's kit `trainer_glossary`, the `hostile` one full of traps). The
helpers live in tests/support/, one module per concern.

Kept cheap for the everyday loop (docs/performance.md, « La suite de tests »): one cache
folder for the run; the bundled glossary's file parsed and its snapshot decoded once
(`bundled_glossary_read_once`); Hypothesis's `everyday` profile under -m "not slow"."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import settings
from typer.testing import Result

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
def homes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A new home folder for each test, numbered in one folder. Not `tmp_path_factory.mktemp`
    for each: it lists the whole base folder to number the new one, which grew quadratic
    (2 ms a test at 2,000). Numbers only: a random name may hold what a test looks for in
    output that shows a path (an escape's `31m`)."""
    folder = tmp_path_factory.mktemp("homes")
    return (folder / str(number) for number in itertools.count())


def read_once(read: Callable[..., Any], shared: Callable[[Path], bool]) -> Callable[..., Any]:
    """`read(path, ...)`, its result kept for the run where `shared(path)` and the file is
    unchanged (named the same way, same size, date, inode, owner and mode, same arguments);
    read every time otherwise."""
    kept: dict[tuple[object, ...], Any] = {}

    def reader(path: Path, *args: Any, **options: Any) -> Any:
        try:
            status = Path(path).stat()
        except OSError:
            return read(path, *args, **options)
        if not shared(Path(path)):
            return read(path, *args, **options)
        seen = (str(path), repr(args), repr(options), status.st_size, status.st_mtime_ns)
        seen += (status.st_ino, status.st_uid, status.st_mode)
        if seen not in kept:
            kept[seen] = read(path, *args, **options)
        return kept[seen]

    return reader


@pytest.fixture(scope="session", autouse=True)
def bundled_glossary_read_once(shared_cache_home: Path) -> Iterator[None]:
    """What every command reads of the bundled glossary, read once for the run: its file
    parsed and checked (30 ms; three hundred commands load it beside another glossary) and
    its snapshot in the shared cache decoded (6 ms; a thousand commands). Nothing changes
    either result afterwards. Every other file is read every time, and so are the snapshots
    the tests of the cache make, damage and forge in folders of their own."""
    from esslex.cache import policy
    from esslex.glossary import loader
    from esslex.glossary.paths import bundled_path

    bundled = bundled_path().resolve()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            loader,
            "read_glossary_file",
            read_once(loader.read_glossary_file, lambda path: path.resolve() == bundled),
        )
        patch.setattr(
            policy,
            "open_snapshot",
            read_once(policy.open_snapshot, lambda path: shared_cache_home in path.parents),
        )
        yield


@pytest.fixture(autouse=True)
def isolated_environment(
    homes: Iterator[Path], monkeypatch: pytest.MonkeyPatch, shared_cache_home: Path
) -> Iterator[Path]:
    home = next(homes)
    home.mkdir()
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
