"""Processes building a cache, through the installed program: one killed with SIGKILL leaves
temporary files that a later run removes (never those of a live writer); four first loads
at once build the cache once, the others waiting for it."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from support.cache import esslex, large_glossary, stores, temporaries
from support.cli import SCRIPT, _environment
from support.glossaries import write_glossary

# Large enough for a first load to take a second or two (a helper process writes the
# search text from 5,000 entries: `cache.writer.PARALLEL_FROM`).
ENTRIES = 20_000


def first_load(large: tuple[Path, str], tmp_path: Path) -> tuple[Path, tuple[str, ...]]:
    """A cache folder of the test's own, and the `define` of the large glossary's first entry."""
    glossary, label = large
    return tmp_path / "cache", ("--no-bundled", "-g", str(glossary), "define", label, "--json")


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A large glossary and the label of its first entry."""
    path = large_glossary(tmp_path_factory.mktemp("grand") / "grand.toml", ENTRIES)
    with path.open(encoding="utf-8") as text:
        next(line for line in text if line == "[[term]]\n")
        label = next(line for line in text if line.startswith("label = "))
    return path, json.loads(label.removeprefix("label = "))


def start(folder: Path, *args: str, out: Path) -> subprocess.Popen[bytes]:
    with out.open("wb") as stdout:
        return subprocess.Popen(
            [str(SCRIPT), *args],
            stdout=stdout,
            stderr=subprocess.PIPE,
            env=_environment({"ESSLEX_CACHE_DIR": str(folder)}),
        )


def unlocked(file: Path) -> bool:
    """Whether no process holds the lock of a writer's temporary file (`folder.create_private`)."""
    try:
        descriptor = os.open(file, os.O_RDONLY)
    except FileNotFoundError:
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(descriptor)
    return True


@pytest.mark.slow  # a first load of 20,000 entries, killed, then done again
def test_a_build_killed_leaves_temporary_files_that_the_next_run_removes(
    large: tuple[Path, str], tmp_path: Path
) -> None:
    label = large[1]
    folder, define = first_load(large, tmp_path)
    first = start(folder, *define, out=tmp_path / "premier.json")
    deadline = time.monotonic() + 120
    while not temporaries(folder) and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.02)
    time.sleep(0.3)  # well into the writing
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert first.returncode == -signal.SIGKILL
    left = temporaries(folder)
    assert left, "tué avant d’écrire"
    while not all(unlocked(file) for file in left) and time.monotonic() < deadline:
        time.sleep(0.05)  # the helper process, if any, ends its part
    done = esslex(folder, *define)
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["label"] == label
    assert temporaries(folder) == []
    assert stores(folder)  # the cache built this time


def test_temporary_files_of_live_writers_are_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    sleeper = subprocess.Popen(["sleep", "60"])
    ended = subprocess.Popen(["true"])
    ended.wait()  # a process that has ended, and been waited for
    dead_pid = ended.pid
    of_live_process = folder / f"glossaire-a.sqlite.{sleeper.pid}.tmp"
    locked_by_live = folder / f"glossaire-b.sqlite.{dead_pid}.tmp"  # its lock held here
    abandoned = folder / f"glossaire-c.sqlite.{dead_pid}.tmp"
    for file in (of_live_process, locked_by_live, abandoned):
        file.write_bytes(b"x" * 1000)
    held = os.open(locked_by_live, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)
    try:
        glossary = write_glossary(tmp_path / "essai.toml", count=300)
        done = esslex(folder, "--no-bundled", "-g", str(glossary), "list")
        assert (done.returncode, done.stderr) == (0, "")
        assert temporaries(folder) == sorted([of_live_process, locked_by_live])
    finally:
        os.close(held)
        sleeper.kill()
        sleeper.wait()


@pytest.mark.slow  # four first loads of 20,000 entries
def test_concurrent_first_loads_build_the_cache_once(
    large: tuple[Path, str], tmp_path: Path
) -> None:
    label = large[1]
    folder, define = first_load(large, tmp_path)
    runs = [start(folder, *define, out=tmp_path / f"{n}.json") for n in range(4)]
    work = []
    for process in runs:
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        assert process.stderr is not None
        assert (process.returncode, process.stderr.read()) == (0, b"")
        work.append(usage.ru_utime + usage.ru_stime)
    answers = {(tmp_path / f"{n}.json").read_text(encoding="utf-8") for n in range(4)}
    assert len(answers) == 1 and json.loads(answers.pop())["label"] == label
    # A process that loads the files does ten times the work of one that reads the cache
    # another built (processor time: the memory of a child counts its parent's before it
    # starts the program).
    cached = subprocess.Popen(
        [str(SCRIPT), *define],
        stdout=subprocess.DEVNULL,
        env=_environment({"ESSLEX_CACHE_DIR": str(folder)}),
    )
    _, _, usage = os.wait4(cached.pid, 0)
    cached.returncode = 0
    reading = usage.ru_utime + usage.ru_stime
    builders = [seconds for seconds in work if seconds > 3 * reading]
    assert len(builders) == 1, (work, reading)
    assert temporaries(folder) == []
