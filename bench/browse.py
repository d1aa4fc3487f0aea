"""Time until `esslex browse` shows its first screen, as a ratio to a minimal Textual app
(a line of text and a footer) measured side by side in the same venv and terminal size.

Each program runs in a pseudo-terminal of 80×24; the clock stops when the last of its
markers has been written (the footer's « Quitter » and the list's « entrées » for esslex,
« Quitter » and « Bonjour » for the minimal app), then Ctrl+Q quits it. Rounds are
interleaved, so a busy machine slows both alike; the medians are compared. The user's
folders are replaced by a temporary home; warm-up rounds build the cache first.
Budget: at most 1.5× the minimal Textual app.

    python bench/browse.py                 # the venv of this interpreter
    python bench/browse.py --runs 20 --markdown
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

from startup import arguments, machine, user_environment  # bench/ is the script's folder

BUDGET = 1.5
FLOOR = "minimal Textual app"
# The framework's floor: a screen of one line and a footer with one key, quit by Ctrl+Q.
MINIMAL_TEXTUAL_APP = """
from textual.app import App
from textual.binding import Binding
from textual.widgets import Footer, Static


class Minimal(App):
    BINDINGS = [Binding("ctrl+q", "quit", "Quitter", priority=True)]

    def compose(self):
        yield Static("Bonjour")
        yield Footer()


Minimal().run()
"""
# Longest wait for a first screen: past it the program is taken as broken.
TIMEOUT = 30.0


def first_screen(argv: list[str], markers: list[bytes], env: dict[str, str]) -> float:
    """Seconds from the start of `argv` in an 80×24 pseudo-terminal to the writing of all
    `markers`; the program is then quit with Ctrl+Q."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: an 80×24 terminal, then the program
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execve(argv[0], argv, env)
    seen = b""
    elapsed = 0.0
    try:
        while not all(marker in seen for marker in markers):
            if time.perf_counter() - start > TIMEOUT:
                raise SystemExit(f"{' '.join(argv)}: no first screen after {TIMEOUT:.0f} s")
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:  # the program ended
                    raise SystemExit(f"{' '.join(argv)} ended: {seen[-500:]!r}") from None
        elapsed = time.perf_counter() - start
        os.write(fd, b"\x11")  # Ctrl+Q
        _drain_until_exit(pid, fd)
    finally:
        os.close(fd)
    return elapsed


def _drain_until_exit(pid: int, fd: int) -> None:
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            with contextlib.suppress(OSError):  # the program ended
                os.read(fd, 65536)
    os.kill(pid, 9)
    os.waitpid(pid, 0)


def programs(
    python: str, esslex: str, extra: list[str]
) -> dict[str, tuple[list[str], list[bytes]]]:
    return {
        FLOOR: ([python, "-c", MINIMAL_TEXTUAL_APP], [b"Quitter", b"Bonjour"]),
        "esslex browse": ([esslex, *extra, "browse"], [b"Quitter", "entrées".encode()]),
    }


def main() -> int:
    args, esslex, extra = arguments(__doc__, runs=15, warmup=2)
    runs = programs(args.python, esslex, extra)

    with tempfile.TemporaryDirectory() as home:
        env = user_environment(home)
        env["TERM"] = "xterm-256color"  # what Textual draws for; no TEXTUAL_* setting
        env = {key: value for key, value in env.items() if not key.startswith("TEXTUAL")}
        for _ in range(args.warmup):
            for argv, markers in runs.values():
                first_screen(argv, markers, env)
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(args.runs):
            for name, (argv, markers) in runs.items():
                times[name].append(first_screen(argv, markers, env))

    version = subprocess.run([args.python, "--version"], capture_output=True, text=True).stdout
    floor = statistics.median(times[FLOOR])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine : {machine()}, load average {load:.1f} at the end")
    print(f"python  : {version.strip()} ({args.python})")
    print(f"commande: python bench/browse.py {' '.join(sys.argv[1:])}".rstrip())
    print(f"rounds  : {args.runs} interleaved, medians, 80×24 pseudo-terminal")
    rows = [(name, statistics.median(values)) for name, values in times.items()]
    if args.markdown:
        print(f"\n| program | first screen, median (ms) | × {FLOOR} |")
        print("|---|---:|---:|")
        for name, median in rows:
            print(f"| `{name}` | {median * 1000:.0f} | {median / floor:.2f} |")
    else:
        for name, median in rows:
            print(f"{name:22} {median * 1000:7.0f} ms  {median / floor:5.2f}×")
    ratio = statistics.median(times["esslex browse"]) / floor
    ok = ratio <= BUDGET
    print(
        f"\nesslex browse: {ratio:.2f}× the {FLOOR} (budget {BUDGET}×):"
        f" {'OK' if ok else 'OVER BUDGET'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
