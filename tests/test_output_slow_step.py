"""A slow step (a PDF export) says it is working on a terminal; a quick one, or a pipe, nothing."""

from __future__ import annotations

import io
import time

from esslex.output import Output


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_quick_step_prints_nothing() -> None:
    err = Terminal()
    with Output(err=err).slow_step("Mise en forme…", after=30):
        pass
    assert err.getvalue() == ""


def test_a_slow_step_shows_its_line_then_clears_it() -> None:
    err = Terminal()
    with Output(err=err).slow_step("Mise en forme (pdf)…", after=0.01):
        deadline = time.monotonic() + 30
        while "Mise en forme" not in err.getvalue() and time.monotonic() < deadline:
            time.sleep(0.01)
    assert err.getvalue() == "\r\x1b[KMise en forme (pdf)…\r\x1b[K"


def test_nothing_on_a_pipe() -> None:
    err = io.StringIO()
    with Output(err=err).slow_step("Mise en forme…", after=0.0):
        time.sleep(0.05)
    assert err.getvalue() == ""
