"""The cache folder: private to its owner (0700, files 0600), its temporary files of dead
writers swept, and one process at a time building a given cache."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

# How long a first load waits for another process building the same cache before it answers
# from the files itself (a 100,000-entry cache takes about 8 s to build here).
BUILD_WAIT_SECONDS = 60.0
# A temporary file is named <final name>.<pid of its writer>.tmp.
TEMPORARY_SUFFIX = ".tmp"


def usable(folder: Path) -> bool:
    """Create the folder if needed (0700); True when it is a real folder of this user, and
    then private (a folder owned by someone else, or a link, is neither read nor written:
    its contents could be anyone's)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = os.lstat(folder)
    except OSError:
        return False
    import stat

    if not stat.S_ISDIR(status.st_mode):
        return False
    if hasattr(os, "getuid"):
        if status.st_uid != os.getuid():
            return False
        if status.st_mode & 0o077:
            try:  # made by an earlier version, 0755: the cache may hold a private glossary
                os.chmod(folder, 0o700)
            except OSError:
                return False
    return True


def trusted(status: os.stat_result) -> bool:
    """Whether a cache file with this status may be believed: a regular file of this user
    that nobody else may write (else anyone could have written what it says)."""
    import stat

    if not stat.S_ISREG(status.st_mode):
        return False
    return not hasattr(os, "getuid") or (
        status.st_uid == os.getuid() and not status.st_mode & 0o022
    )


def read_private(file: Path, most: int | None = None) -> bytes | None:
    """The bytes of a cache file when it may be believed (`trusted`) and holds at most
    `most` bytes; None when it is missing, unreadable, someone else's or larger (a file far
    larger than what esslex writes there is not one it wrote)."""
    try:
        with open(file, "rb") as stream:
            if not trusted(os.fstat(stream.fileno())):
                return None
            data = stream.read(-1 if most is None else most + 1)
    except (OSError, UnicodeError):  # UnicodeError: a name the file system cannot encode
        return None
    return None if most is not None and len(data) > most else data


def temporary_name(file: Path, pid: int | None = None) -> Path:
    """Where the writer `pid` (this process by default) writes `file` before renaming it."""
    return file.with_name(f"{file.name}.{os.getpid() if pid is None else pid}{TEMPORARY_SUFFIX}")


def remove(file: Path) -> None:
    with suppress(OSError):
        file.unlink()


def create_private(file: Path) -> int:
    """Create `file` afresh, readable by its owner alone, and hold a lock on it that ends
    with the process (however it ends): the descriptor, to be closed once the file is in
    place. `sweep` leaves a locked file alone."""
    remove(file)  # named after this process: left by a dead one that had the same number
    descriptor = os.open(file, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    _lock(descriptor, wait=False)
    return descriptor


def write_private(file: Path, data: bytes) -> bool:
    """Write `data` as `file` atomically (beside, then renamed), readable by its owner
    alone; False if refused."""
    temporary = temporary_name(file)
    try:
        descriptor = create_private(temporary)
        try:
            with os.fdopen(os.dup(descriptor), "wb") as out:
                out.write(data)
            os.replace(temporary, file)
        finally:
            os.close(descriptor)
    except (OSError, UnicodeError):  # UnicodeError: a name the file system cannot encode
        remove(temporary)
        return False
    return True


def sweep(folder: Path) -> None:
    """Remove the temporary files whose writer is gone (killed while building): its process
    no longer exists and nothing holds the file's lock. Never a live writer's file."""
    if os.name != "posix":  # no file locks to tell; os.kill(pid, 0) would end the process
        return
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.is_file(follow_symlinks=False)]
    except OSError:
        return
    for name in names:
        if not name.endswith(TEMPORARY_SUFFIX):
            continue
        pid_text = name[: -len(TEMPORARY_SUFFIX)].rpartition(".")[2]
        if not pid_text.isdigit() or int(pid_text) == os.getpid() or _alive(int(pid_text)):
            continue
        path = folder / name
        with suppress(OSError):
            descriptor = os.open(path, os.O_RDONLY)
            try:
                if _lock(descriptor, wait=False) is True:  # no lock: cannot tell, kept
                    path.unlink()
            finally:
                os.close(descriptor)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def _lock(descriptor: int, wait: bool) -> bool | None:
    """Lock the open file exclusively: True once held, False if another holds it (and `wait`
    is False), None where files cannot be locked (Windows, some network file systems)."""
    try:
        import fcntl
    except ImportError:
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    except OSError:
        return None
    return True


@contextmanager
def building(
    file: Path, on_wait: Callable[[], object] = lambda: None, timeout: float | None = None
) -> Iterator[bool]:
    """Hold the right to build the cache `file`: True once this process holds it (having
    waited while another built it, `on_wait` told: the cache may be fresh now); False after
    `timeout` seconds (BUILD_WAIT_SECONDS), or where it cannot be taken: the caller then
    answers from the files without writing."""
    try:
        descriptor = os.open(file.with_suffix(".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield False
        return
    try:
        deadline = time.monotonic() + (BUILD_WAIT_SECONDS if timeout is None else timeout)
        held = _lock(descriptor, wait=False) is not False  # None: build as before locks
        if not held:
            on_wait()
        while not held and time.monotonic() < deadline:
            time.sleep(0.05)
            held = _lock(descriptor, wait=False) is not False
        yield held
    finally:
        os.close(descriptor)  # the lock goes with it
