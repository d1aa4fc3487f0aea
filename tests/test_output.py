"""Progress lines and slow steps (a first load, a PDF): on a terminal's stderr only, each
replacing the last, never on a pipe."""

from __future__ import annotations

import io
import time

from esslex.output import Output


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_goes_to_a_terminal_on_one_line() -> None:
    err = Terminal()
    out = io.StringIO()
    Output(out=out, err=err).progress("Construction du cache\x1b[31m\n…")
    Output(out=out, err=err).progress("")
    assert err.getvalue() == "\r\x1b[KConstruction du cache …\r\x1b[K"
    assert out.getvalue() == ""  # stdout stays clean for scripts


def test_no_progress_on_a_pipe() -> None:
    err = io.StringIO()
    Output(out=io.StringIO(), err=err).progress("Construction du cache…")
    assert err.getvalue() == ""


# --- slow steps ---------------------------------------------------------------------------


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


def test_no_slow_step_line_on_a_pipe() -> None:
    err = io.StringIO()
    with Output(err=err).slow_step("Mise en forme…", after=0.0):
        time.sleep(0.05)
    assert err.getvalue() == ""
