"""When the cache is used: its key (each file's path, size and date, the esslex version),
its file, its form (snapshot or SQLite store), and when it is read, built or rebuilt.

One cache per list of glossary files, in the user cache folder (ESSLEX_CACHE_DIR overrides
it). When a key changes, the files are loaded again (errors reported as usual) and the
cache rebuilt; a file gets cached only once it has loaded without errors. A missing, stale,
damaged or unreadable cache is rebuilt, never an error; a folder that cannot be written, or
that is not the user's own, just means no cache.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from esslex.cache.folder import building, remove, sweep, usable
from esslex.cache.snapshot import open_snapshot, write_snapshot
from esslex.cache.store import open_store
from esslex.cache.writer import Progress, search_file, silent, write_store
from esslex.find.index import GlossaryIndex, MemoryIndex
from esslex.glossary.model import Glossary
from esslex.glossary.paths import cache_dir

# A file modified less than this long ago is read but not cached (see `racy`).
RACY_SECONDS = 2
# Up to this many entries, a glossary is cached as a marshal snapshot of all of it: read
# whole, it answers sooner than SQLite is imported (bundled glossary of 69 entries, load +
# lookup + render: 1.9 ms, against 3.2 ms from SQLite and 10 ms parsing the TOML; a
# snapshot grows with its entries, still read sooner than SQLite at a few hundred).
SNAPSHOT_UP_TO = 250
# From this many bytes of glossary files, the first load says what it does (on a terminal):
# 100,000 entries (96 MB) take seconds.
PROGRESS_FROM_BYTES = 2_000_000


def stamps(paths: Sequence[Path]) -> list[list[Any]] | None:
    """Path, size and modification time of each file; None if one cannot be read."""
    key: list[list[Any]] = []
    for path in paths:
        try:
            status = path.stat()
        except OSError:
            return None
        key.append([str(path.absolute()), status.st_size, status.st_mtime_ns])
    return key


def cache_file(paths: Sequence[Path], folder: Path) -> Path:
    import zlib  # not hashlib: loading OpenSSL costs start-up time; a clash only rebuilds

    names = "\n".join(str(path.absolute()) for path in paths)
    data = names.encode("utf-8", "surrogateescape")
    return folder / f"glossaire-{zlib.crc32(data):08x}{zlib.adler32(data):08x}.sqlite"


def open_index(paths: Sequence[Path], progress: Progress | None = None) -> GlossaryIndex:
    """The index of the glossary of `paths`: from the cache when it is fresh and sound,
    else the files are loaded (errors reported as usual) and the cache rebuilt, saying so
    to `progress` when that takes a while."""
    key = stamps(paths)
    folder = cache_dir()
    if key is None or not usable(folder):
        return MemoryIndex(_load(paths, locate=key is None))  # a file that cannot be read
    file = cache_file(paths, folder)
    cached = _open(paths, key, file)
    return cached if cached is not None else build(paths, key, file, progress=progress)


def _open(paths: Sequence[Path], key: list[list[Any]], file: Path) -> GlossaryIndex | None:
    def from_files() -> GlossaryIndex:  # the cache proved damaged while in use
        return build(paths, key, file, damaged=True)

    return open_snapshot(file.with_suffix(".snapshot"), key) or open_store(file, key, from_files)


def build(
    paths: Sequence[Path],
    key: list[list[Any]],
    file: Path,
    damaged: bool = False,
    progress: Progress | None = None,
) -> GlossaryIndex:
    """Load the glossary files and write their cache afresh, one process at a time: one that
    waited for another finds the cache built (unless it was `damaged`, and is then answered
    from the files); one that waited too long answers from the files without writing."""
    size = sum(file_size for _, file_size, _ in key)
    say = progress if progress is not None and size >= PROGRESS_FROM_BYTES else silent
    try:
        with building(file, on_wait=lambda: say(_WAITING)) as held:
            if held and not damaged:
                cached = _open(paths, key, file)
                if cached is not None:
                    return cached
            if not held:
                return MemoryIndex(_load(paths))
            sweep(file.parent)
            return rebuild(paths, key, file, reopen=not damaged, say=say)
    finally:
        say("")


_WAITING = "Un autre processus construit le cache de ces glossaires\u00a0: attente…"


def rebuild(
    paths: Sequence[Path],
    key: list[list[Any]],
    file: Path,
    reopen: bool = True,
    say: Progress = silent,
) -> GlossaryIndex:
    """Load the glossary files and write their cache afresh, deleting what was there (stale
    or damaged). With `reopen`, a large glossary is then answered from the new cache (its
    entries are not all kept in memory); otherwise from the loaded glossary."""
    from esslex.cache.mentions import mentions_file  # not imported by `define`'s start-up

    snapshot = file.with_suffix(".snapshot")
    for stale in (file, search_file(file), mentions_file(file), snapshot):
        remove(stale)
    size = sum(file_size for _, file_size, _ in key)
    with collection_paused():  # millions of small objects: the cycle collector only slows
        say(
            f"Première lecture des glossaires ({size / 1e6:.0f}\u00a0Mo)\u00a0: analyse et vérification…"
        )
        glossary = _load(paths)
        if racy(key):
            return MemoryIndex(glossary)
        if len(glossary) <= SNAPSHOT_UP_TO:
            index = MemoryIndex(glossary)
            write_snapshot(snapshot, key, index)
            return index
        if not write_store(file, key, glossary, say) or not reopen:
            return MemoryIndex(glossary)
    return _open(paths, key, file) or MemoryIndex(glossary)


def _load(paths: Sequence[Path], locate: bool = False) -> Glossary:
    from esslex.glossary.loader import load_glossary

    return load_glossary(paths, locate=locate)


def racy(key: list[list[Any]]) -> bool:
    """True when a file was modified so recently that a second change within the same
    clock tick, keeping its size, would go unnoticed: such a file is not cached yet."""
    import time

    recent = time.time_ns() - RACY_SECONDS * 1_000_000_000
    return any(mtime > recent for _, _, mtime in key)


@contextmanager
def collection_paused() -> Iterator[None]:
    """The cycle collector off while the block runs (objects by the million, no cycles)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
