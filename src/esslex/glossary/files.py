"""The one reader of the files a user names: regular files of a bounded size, or why not.

Glossaries (`-g`, the personal folder, `check`, `add --to`), `import` sources, profiles and
logos all come through `read_input`; a folder, a pipe, a device, a file too large or one
the system will not read gives a French reason (exit code 3).
"""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

from esslex.errors import GlossaryError, Location, os_error_text

# The largest glossary measured, 100,000 entries in 96 MB, takes 550 MB of memory to load
# (docs/performance.md): a 250 MB file takes 1.4 GB, which a personal computer still has.
# Above, a file is more likely a mistake (a disk image, a log) than a glossary.
INPUT_MAX_BYTES = 250_000_000
# Read past what the file said its size was (a file still growing, or a /proc file that
# says 0): this much at a time, up to the limit.
_CHUNK = 1 << 20

# What a path that is not a regular file is, for the message.
_KINDS = (
    (stat.S_ISDIR, "c’est un dossier"),
    (stat.S_ISFIFO, "c’est un tube nommé"),
    (stat.S_ISCHR, "c’est un périphérique"),
    (stat.S_ISBLK, "c’est un périphérique"),
    (stat.S_ISSOCK, "c’est une prise réseau (socket)"),
)


class UnreadableFile(GlossaryError):
    """A file the user named that esslex will not or cannot read (exit code 3)."""


class FileTooLarge(UnreadableFile):
    """A file over the size limit of what it should be."""

    def __init__(self, location: Location, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(
            location, f"fichier trop gros ({_megabytes(size)}\u00a0; {_megabytes(limit)} au plus)"
        )


def read_input(
    path: Path, what: str = "un fichier de glossaire", limit: int = INPUT_MAX_BYTES
) -> bytes:
    """The bytes of the file at `path`; UnreadableFile, saying why in French, for a folder,
    a named pipe, a device (reading /dev/zero never ends, a pipe waits for a writer), a
    file over `limit` bytes, or one the system will not read. `what`: what the file should
    be, for the message (« c’est un dossier, pas un fichier de glossaire »)."""
    where = Location(str(path))
    try:
        # Looked at before opening: opening a pipe waits for a writer, a device may act.
        _refuse_special(os.stat(path).st_mode, where, what)
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
        descriptor = os.open(path, flags | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise _unreadable(where, error, what) from None
    except ValueError:  # a NUL in the name (a profile's `logo = "a\u0000"`)
        raise UnreadableFile(where, "nom de fichier invalide (caractère nul)") from None
    try:
        with open(descriptor, "rb") as handle:
            status = os.fstat(descriptor)  # what was opened: the name may point elsewhere now
            _refuse_special(status.st_mode, where, what)
            _refuse_size(status.st_size, where, limit)
            # The size announced, read into one buffer; then more only if there is more.
            data = handle.read(status.st_size + 1)
            if len(data) > status.st_size:
                chunks = [data]
                size = len(data)
                while chunk := handle.read(_CHUNK):
                    chunks.append(chunk)
                    size += len(chunk)
                    _refuse_size(size, where, limit)
                data = b"".join(chunks)
    except OSError as error:
        raise _unreadable(where, error, what) from None
    return data


def _refuse_special(mode: int, where: Location, what: str) -> None:
    for test, kind in _KINDS:
        if test(mode):
            ordinary = (
                "" if test is stat.S_ISDIR else "\u00a0; esslex ne lit que des fichiers ordinaires"
            )
            raise UnreadableFile(where, f"{kind}, pas {what}{ordinary}")
    if not stat.S_ISREG(mode):
        raise UnreadableFile(where, f"ce n’est pas un fichier ordinaire ({what} attendu)")


def _refuse_size(size: int, where: Location, limit: int) -> None:
    if size > limit:
        raise FileTooLarge(where, size, limit)


def _megabytes(size: int) -> str:
    if size < 1_000_000:
        return f"{max(1, size // 1000)}\u00a0ko"
    return f"{size // 1_000_000}\u00a0Mo"


def _unreadable(where: Location, error: OSError, what: str) -> UnreadableFile:
    if isinstance(error, FileNotFoundError):
        return UnreadableFile(where, "fichier introuvable")
    if isinstance(error, IsADirectoryError):
        return UnreadableFile(where, f"c’est un dossier, pas {what}")
    if isinstance(error, PermissionError):
        return UnreadableFile(where, "lecture refusée (droits insuffisants)")
    return UnreadableFile(where, f"lecture impossible ({os_error_text(error)})")


def digits_limit() -> int:
    """The most digits Python turns into an integer (4,300 unless set otherwise): a
    document with a longer number cannot be read (int() refuses it)."""
    limit: int = getattr(sys, "get_int_max_str_digits", lambda: 4300)()
    return limit


def long_number_line(text: str) -> int | None:
    """The line of the first number of more digits than Python converts, written as a value
    (after `=`, `:`, `[`, `,` or `{`, or at the start of a line), in TOML or JSON text."""
    limit = digits_limit()
    if not limit:
        return None
    # From the first digit of a run only: a run is looked at once, whatever its length.
    for found in re.finditer(rf"(?<![0-9_])[0-9][0-9_]{{{limit},}}", text):
        start = found.start()
        before = text[max(0, start - 100) : start].rstrip(" \t+-")  # a value's place
        if sum(char != "_" for char in found.group()) > limit and (
            before.endswith(("\n", "=", ":", "[", ",", "{")) or (not before and start <= 100)
        ):
            return text.count("\n", 0, found.start()) + 1
    return None
