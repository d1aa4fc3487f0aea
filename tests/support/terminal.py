"""A program played in a real terminal: a tmux session of its own (its own socket), the
screen read as text, keys sent; the test is skipped without tmux."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


class Terminal:
    def __init__(self, socket: Path, session: str) -> None:
        self.tmux = ["tmux", "-S", str(socket)]
        self.session = session

    def screen(self) -> str:
        return subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-t", self.session],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def wait_for(self, text: str, seconds: float = 15) -> str:
        """The screen once it shows `text` (AssertionError with the screen otherwise)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} absent:\n{self.screen()}")

    def keys(self, *names: str) -> None:
        """Keys as tmux names them (`Enter`, `C-c`, `BSpace`) or text to type."""
        subprocess.run([*self.tmux, "send-keys", "-t", self.session, *names], check=True)


@contextmanager
def terminal(command: str, folder: Path, width: int = 100, height: int = 50) -> Iterator[Terminal]:
    """`command` run by the shell in a `width`×`height` terminal, in `folder`, colours
    allowed (NO_COLOR left out); the session ends with the block."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux absent")
    session = f"esslex-{os.getpid()}"
    screen = Terminal(folder / "tmux.sock", session)
    size = ["-x", str(width), "-y", str(height)]
    subprocess.run(
        [*screen.tmux, "new-session", "-d", "-s", session, *size, "-c", str(folder), command],
        check=True,
        env={key: value for key, value in os.environ.items() if key != "NO_COLOR"},
    )
    try:
        yield screen
    finally:
        subprocess.run([*screen.tmux, "kill-server"], check=False)
