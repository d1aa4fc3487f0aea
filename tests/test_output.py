"""Progress lines: on a terminal's stderr only, each replacing the last, never on a pipe."""

from __future__ import annotations

import io

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
