"""Where esslex's files are: the bundled glossary, the user's glossaries, the cache folder,
and the order the glossaries in use are loaded in."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

DEFAULT_FILE_NAME = "personnel.toml"


def bundled_path() -> Path:
    """The glossary shipped in the wheel (or, in a source checkout, data/terms.toml)."""
    packaged = Path(__file__).parents[1] / "data" / "terms.toml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data" / "terms.toml"


def user_data_dir() -> Path:
    """esslex's own folder for the user: ESSLEX_HOME, else the platform's user data folder."""
    override = os.environ.get("ESSLEX_HOME")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("esslex", appauthor=False))


def cache_dir() -> Path:
    """ESSLEX_CACHE_DIR, else the platform's user cache folder for esslex."""
    override = os.environ.get("ESSLEX_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("esslex", appauthor=False))


def user_glossary_dir() -> Path:
    return user_data_dir() / "glossaires"


def user_glossary_files() -> list[Path]:
    """The glossaries esslex loads by itself: the .toml files of the user's folder."""
    folder = user_glossary_dir()
    try:
        return sorted(path for path in folder.glob("*.toml") if path.is_file())
    except OSError:
        return []


def default_glossary_path() -> Path:
    """The user's own glossary, where `esslex add` writes without --to."""
    return user_glossary_dir() / DEFAULT_FILE_NAME


def same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return False


def is_user_glossary(path: Path) -> bool:
    """Whether esslex loads `path` by itself, from the user's glossary folder."""
    return path.suffix == ".toml" and same_file(path.parent, user_glossary_dir())


def glossary_paths(extra: Sequence[Path] = (), bundled: bool = True) -> list[Path]:
    """The files in load order: bundled, the user's folder, then each --glossary.

    Without the bundled glossary and with files named on the command line, only those are
    read: `--no-bundled --glossary X` asks for X alone, and the user's own files, written
    beside the bundled glossary, may cite its themes and entries (they would fail).
    """
    if not bundled and extra:
        return list(extra)
    paths = [bundled_path()] if bundled else []
    paths.extend(user_glossary_files())
    paths.extend(extra)
    return paths


# --- Glossary files named on the command line -------------------------------------------------------------------------


def glossary_file(path: Path) -> Path:
    """The glossary file a path names: the path itself, or, when it does not exist and has
    no suffix, the same name with `.toml` (« -g reseau » for reseau.toml)."""
    try:
        if path.exists() or path.suffix:
            return path
        with_suffix = path.with_name(path.name + ".toml")
        return with_suffix if with_suffix.is_file() else path
    except (OSError, ValueError):  # a name too long, a NUL: the loader says why, in French
        return path
