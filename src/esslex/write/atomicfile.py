"""Atomic writes: a temporary file in the target's folder, fsync, then rename."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from esslex.errors import OutputError, UsageError, os_error_text


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
    _rename_into(_filled_beside(path, files), path)


def _filled_beside(path: Path, files: dict[str, bytes]) -> Path:
    """A hidden temporary folder beside `path` holding `files`, with the permissions of a
    folder the user would make."""
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
    except BaseException as error:
        _remove_tree(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"{path}\u00a0: {_reason(error)}") from None
        raise
    return temporary


def _rename_into(temporary: Path, path: Path) -> None:
    """The filled folder renamed to `path` (absent or an empty folder), or removed."""
    try:
        os.rename(temporary, path)
    except BaseException as error:
        _remove_tree(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"{path}\u00a0: {_reason(error)}") from None
        raise


def _remove_tree(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def is_empty_folder(path: Path) -> bool:
    return path.is_dir() and next(path.iterdir(), None) is None


def check_folder(path: Path, force: bool) -> None:
    """Refuse, in French, a folder that is not empty without `force` or a path that is not
    a folder (exit 2), and a folder whose parent is missing (exit 1), before any work."""
    if path.exists() and not path.is_dir():
        raise UsageError(f"{path} existe et n’est pas un dossier")
    if path.is_dir() and not force and not is_empty_folder(path):
        raise UsageError(
            f"le dossier {path} n’est pas vide\u00a0; ajoutez --force pour remplacer son contenu"
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{path}\u00a0: le dossier {parent} n’existe pas")


def replace_folder(path: Path, files: dict[str, bytes], *, force: bool = False) -> None:
    """Put a whole new folder at `path`: filled beside it, then renamed into place, so that
    it appears whole or not at all. An empty folder is replaced; one that holds files only
    with `force`, and its old content is removed once the new one is in place."""
    path = Path(os.path.abspath(path))  # « . » or « dossier/.. » has a name and a parent
    check_folder(path, force)
    temporary = _filled_beside(path, files)
    if not path.is_dir() or is_empty_folder(path):
        _rename_into(temporary, path)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=temporary.parent))
    try:
        os.rename(path, old / path.name)
    except OSError as error:
        _remove_tree(temporary)
        _remove_tree(old)
        raise OutputError(f"{path}\u00a0: {_reason(error)}") from None
    try:
        _rename_into(temporary, path)
    except BaseException:
        os.rename(old / path.name, path)  # the previous folder back in its place
        _remove_tree(old)
        raise
    _remove_tree(old)
