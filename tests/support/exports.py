"""Running `esslex export`: the one export helper and its one result."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from esslex import exporters
from support.cli import run

TEXT_FORMATS = [name for name, e in exporters.EXPORTERS.items() if not e.binary]


@dataclass(frozen=True)
class Exported:
    """What an export gave: its exit code, its output (text, and the bytes as written:
    a BOM, CRLF), its error output. Unpacks as `code, out, err`."""

    code: int
    out: str
    err: str
    data: bytes

    def __iter__(self) -> Iterator[object]:
        return iter((self.code, self.out, self.err))


def export(glossary: Path | None, *args: str, expect: int | None = None) -> Exported:
    """`esslex export *args` on `glossary` alone (None: the glossaries in use); with
    `expect`, the exit code is checked."""
    chosen = ("--no-bundled", "-g", str(glossary)) if glossary is not None else ()
    result = run(*chosen, "export", *args)
    done = Exported(result.exit_code, result.stdout, result.stderr, result.stdout_bytes)
    if expect is not None:
        assert done.code == expect, done.err or done.out
    return done
