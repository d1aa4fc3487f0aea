"""Atomic writes: a temporary file in the target's folder, fsync, then rename."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from esslex.errors import OutputError, os_error_text


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "plus d’espace disque"
    if error.errno == errno.EDQUOT:
        return "quota disque dépassé"
    if isinstance(error, PermissionError) or error.errno in (
        errno.EACCES,
        errno.EPERM,
        errno.EROFS,
    ):
        return "écriture refusée (droits insuffisants ou support en lecture seule)"
    if isinstance(error, IsADirectoryError):
        return "c’est un dossier"
    return os_error_text(error)


def check_target(path: Path, force: bool = False) -> None:
    """Refuse, in French, a target that must not be replaced (or only with `force`)."""
    if path.is_dir():
        raise OutputError(f"{path}\u00a0: c’est un dossier, pas un fichier")
    if path.exists() and not path.is_file():
        # A device or a pipe (/dev/null, /dev/stdout): the rename would put a file in its place.
        raise OutputError(f"{path} n’est pas un fichier ordinaire\u00a0; esslex ne le remplace pas")
    if path.exists() and not force:
        raise OutputError(f"{path} existe déjà\u00a0; ajoutez --force pour le remplacer")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}\u00a0: le dossier {folder} n’existe pas")


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write `data` to `path` entirely or not at all.

    An existing file is kept unless `force`; on any failure (disk full, Ctrl-C, crash) the
    previous content, if any, stays untouched and no temporary file is left behind.
    """
    path = Path(path)
    check_target(path, force)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise OutputError(f"{path}\u00a0: {_reason(error)}") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            # Keep the permissions of the file being replaced.
            with contextlib.suppress(OSError):
                os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"{path}\u00a0: {_reason(error)}") from None
        raise


def write_folder(path: Path, files: dict[str, bytes], *, force: bool = False) -> None:
    """Write the files of a folder (an export such as StarDict's) without losing anything.

    A new folder is filled beside its place and renamed into it, so it appears whole or not
    at all. In an existing folder, no file is written if one of them exists without `force`;
    each is then replaced atomically and the folder's other files are left alone.
    """
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise OutputError(f"{path} existe et n’est pas un dossier")
    if path.is_dir():
        for name in files:
            check_target(path / name, force)
        for name, data in files.items():
            write_atomic(path / name, data, force=force)
        return
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{path}\u00a0: le dossier {parent} n’existe pas")
    try:
        temporary = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent))
    except OSError as error:
        raise OutputError(f"{path}\u00a0: {_reason(error)}") from None
    try:
        for name, data in files.items():
            write_atomic(temporary / name, data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o777 & ~umask)
        os.rename(temporary, path)
    except BaseException as error:
        for leftover in temporary.glob("*"):
            with contextlib.suppress(OSError):
                leftover.unlink()
        with contextlib.suppress(OSError):
            temporary.rmdir()
        if isinstance(error, OSError):
            raise OutputError(f"{path}\u00a0: {_reason(error)}") from None
        raise
