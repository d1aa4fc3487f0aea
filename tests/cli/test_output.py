"""Progress (a first load, a PDF): Rich on a terminal's stderr only, each step replacing
the last, cleared once done, never on a pipe."""

from __future__ import annotations

import io
import time

from esslex.cli.output import Output


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_then_clears() -> None:
    err = Terminal()
    out = io.StringIO()
    output = Output(out=out, err=err)
    output.progress("Construction du cache\x1b[31m\n[bold]…", 500, 1000)
    output.progress("")
    shown = err.getvalue()
    assert "Construction du cache [bold]…" in shown  # on one line, escapes out, not markup
    assert "\x1b[31m" not in shown
    assert "━" in shown  # a counted step has a bar
    assert shown.endswith("\x1b[2K")  # the line is erased once done
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
    assert "Mise en forme (pdf)…" in err.getvalue()
    assert err.getvalue().endswith("\x1b[2K")


def test_no_slow_step_line_on_a_pipe() -> None:
    err = io.StringIO()
    with Output(err=err).slow_step("Mise en forme…", after=0.0):
        time.sleep(0.05)
    assert err.getvalue() == ""
