"""A damaged SQLite cache, through the installed program (and in-process, every day): 64
bytes overwritten at many places of the entries' file or of the search text's; every reading
command answers in full as from a sound cache, without a traceback, and the cache it leaves
answers alone."""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

import pytest

from support.cache import PROGRAMS, esslex, stores
from support.glossaries import write_glossary

COMMANDS = [
    ("list",),
    ("list", "--json"),
    ("list", "--theme", "acteurs"),
    ("define", "coopérative sociale", "--json"),
    ("define", "cooperativ social"),
    ("search", "économie", "--json", "-n", "500"),
    ("search", "habitants"),
    ("themes", "--json"),
]


def spoil_unseen(path: Path) -> bytes:
    """Make the glossary invalid TOML of the same size and date, as the cache sees it (what
    still answers comes from the cache alone); its text, to put back."""
    text = path.read_bytes()
    status = path.stat()
    path.write_bytes(b"=" * len(text))
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    return text


def put_back(path: Path, text: bytes) -> None:
    status = path.stat()
    path.write_bytes(text)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))


def offsets(size: int, count: int) -> list[int]:
    """Where to overwrite: the header, the first pages' edges, then spread over the file."""
    fixed = [0, 24, 100, 16384 - 32, 16384 + 100, 2 * 16384 + 4000]
    spread = [size * step // count for step in range(1, count)] + [size - 64]
    return sorted({offset for offset in fixed + spread if 0 <= offset <= size - 64})


def few_offsets(size: int, count: int) -> list[int]:
    """Two places among the entries' pages (where `list` broke before they were checked)."""
    return [size * 7 // 20, size * 11 // 20]


def check_damage(
    tmp_path: Path,
    places: int,
    commands: list[tuple[str, ...]],
    where: Any = offsets,
    search_text_too: bool = True,
    esslex: Any = esslex,
) -> int:
    """Damage each place, run each command: the answers of a sound cache, every time; the
    number of damaged files found and rebuilt."""
    glossary = write_glossary(tmp_path / "essai.toml", count=300)
    folder = tmp_path / "cache"
    base = ("--no-bundled", "-g", str(glossary))
    expected = {command: esslex(folder, *base, *command) for command in commands}
    assert all(done.returncode in (0, 1) for done in expected.values())
    assert {done.returncode for done in expected.values()} == {0}
    [entries] = stores(folder)
    searched = entries.with_suffix(".search.sqlite")
    sound = {file: file.read_bytes() for file in (entries, searched)}
    damaged_files = list(sound) if search_text_too else [entries]
    rng = random.Random(64)
    rebuilt = 0
    for file in damaged_files:
        text = sound[file]
        for offset in where(len(text), places):
            for command in commands:
                for other, other_text in sound.items():
                    other.write_bytes(other_text)
                damaged = bytearray(text)
                damaged[offset : offset + 64] = rng.randbytes(64)
                file.write_bytes(bytes(damaged))
                done = esslex(folder, *base, *command)
                place = f"{file.name} à {offset}, {' '.join(command)}"
                assert "Traceback" not in done.stderr, place
                assert (done.returncode, done.stdout, done.stderr) == (
                    expected[command].returncode,
                    expected[command].stdout,
                    "",
                ), place
                rebuilt += file.read_bytes() != bytes(damaged)
                # What it leaves answers alone: rebuilt if the damage was seen.
                text_of_glossary = spoil_unseen(glossary)
                again = esslex(folder, *base, *command)
                put_back(glossary, text_of_glossary)
                assert (again.returncode, again.stdout) == (
                    expected[command].returncode,
                    expected[command].stdout,
                ), place
    return rebuilt


@pytest.mark.parametrize("program", PROGRAMS)
def test_a_damaged_cache_answers_every_command_in_full_and_is_rebuilt(
    tmp_path: Path, program: Any
) -> None:
    rebuilt = check_damage(
        tmp_path,
        places=2,
        commands=[COMMANDS[1]],
        where=few_offsets,
        search_text_too=False,
        esslex=program,
    )
    assert rebuilt > 0


@pytest.mark.slow
def test_a_cache_damaged_anywhere_answers_every_command_in_full(tmp_path: Path) -> None:
    assert check_damage(tmp_path, places=10, commands=COMMANDS[:2] + COMMANDS[3:7]) > 0
