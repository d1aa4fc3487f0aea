"""Where and how results are printed: Rich on a terminal, plain text otherwise.

The environment (streams, tty, NO_COLOR, width) is read here and nowhere else, so tests can
choose terminal or pipe. Every character written on stdout or stderr goes through
`esslex.text.terminal` here: text (and Rich's rendering of it) loses escapes and control
characters, JSON has them escaped.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
from collections.abc import Iterator
from typing import IO, Any

from esslex.text.normalize import LINE_BREAKS, one_line
from esslex.text.terminal import terminal_escaped, terminal_json, terminal_text


def shown(text: str) -> str:
    """The text as a terminal may print it (undecodable bytes of a file name as U+FFFD,
    as file managers show them; no escape, control or invisible character)."""
    return terminal_text(text)


class _Inert:
    """A Rich renderable whose text passes through `terminal_text` once laid out: whatever
    it was built from, only Rich's own styles and controls reach the terminal."""

    def __init__(self, renderable: Any) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        from rich.segment import Segment

        for segment in console.render(self.renderable, options):
            text = segment.text
            if segment.control or (text.isascii() and text.isprintable()) or text == "\n":
                yield segment
            else:
                yield Segment(terminal_text(text), segment.style, segment.control)


def use_rich(stream: IO[str], plain: bool = False) -> bool:
    if plain or "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
        return False
    if os.environ.get("ESSLEX_FORCE_TERMINAL"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def terminal_width() -> int:
    return max(20, shutil.get_terminal_size((80, 24)).columns)


class Output:
    """Prints results on stdout and messages on stderr."""

    def __init__(self, plain: bool = False, out: IO[str] | None = None, err: IO[str] | None = None):
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.rich = use_rich(self.out, plain)
        self.rich_err = use_rich(self.err, plain)
        self._console: Any = None
        self._err_console: Any = None
        self._progress: Any = None

    @property
    def interactive(self) -> bool:
        isatty = getattr(sys.stdin, "isatty", None)
        return self.rich and bool(isatty and isatty())

    @property
    def is_terminal(self) -> bool:
        """Someone at a terminal can answer (standard input and output), colours or not."""
        if os.environ.get("ESSLEX_FORCE_TERMINAL"):
            return True
        return all(
            bool(getattr(stream, "isatty", None) and stream.isatty())
            for stream in (sys.stdin, self.out)
        )

    def console(self) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(
                file=self.out, markup=False, emoji=False, highlight=False, soft_wrap=False
            )
        return self._console

    def err_console(self) -> Any:
        if self._err_console is None:
            from rich.console import Console

            self._err_console = Console(
                file=self.err, markup=False, emoji=False, highlight=False, stderr=True
            )
        return self._err_console

    def line(self, text: str = "") -> None:
        """One line: line breaks in the text (a file name's) become spaces."""
        text = LINE_BREAKS.sub(" ", text)
        if self.rich and text:
            self.styled(text, "")  # wrapped between words on a terminal
        else:
            self.out.write(shown(text) + "\n")

    def text(self, text: str) -> None:
        text = shown(text)
        self.out.write(text if text.endswith("\n") else text + "\n")

    def prompt(self, text: str) -> str:
        """The answer typed after `text` on the terminal (EOFError at the end of input)."""
        self.out.write(LINE_BREAKS.sub(" ", shown(text)))
        self.out.flush()
        return input()

    def styled(self, text: str, style: str) -> None:
        """A line of our own text on stdout, in `style` on a terminal."""
        if self.rich:
            from rich.padding import Padding
            from rich.text import Text

            from esslex.text.linebreaks import NoBreakText

            # Wrapped lines keep the line's own indent; words and addresses are never cut.
            body = text.lstrip(" ")
            wrapped = NoBreakText(Text(shown(body), style=style))
            self.render(Padding(wrapped, (0, 0, 0, len(text) - len(body))))
        else:
            self.out.write(shown(text) + "\n")

    def say(self, text: str, style: str) -> None:
        """A line of a game played in the terminal (quiz, review): `style` is a Rich style,
        "" for plain text, "panel" for a framed block (the text a question is about)."""
        # Labels and definitions come from glossaries anyone writes: `styled` and the panel
        # show them through `shown`, which strips every escape.
        if style == "panel" and self.rich:
            from rich.panel import Panel
            from rich.text import Text

            self.render(Panel(Text(shown(text)), border_style="cyan", padding=(0, 1)))
        else:
            self.styled(text, "" if style == "panel" else style)

    def json(self, data: Any) -> None:
        import json  # only `--json` needs it

        self.json_text(json.dumps(data, ensure_ascii=False, indent=2))

    def json_text(self, text: str) -> None:
        """JSON text made elsewhere (a long list, in pieces), its characters escaped; on an
        output that is not UTF-8, every non-ASCII character too (the same data, \\uXXXX)."""
        text = terminal_json(text)
        encoding = (getattr(self.out, "encoding", None) or "utf-8").lower()
        if not encoding.replace("_", "-").startswith("utf") and not text.isascii():
            text = _NON_ASCII.sub(lambda match: _json_escape(match.group()), text)
        self.out.write(text + "\n")

    def deliver(self, rendered: str | bytes, path: Any, force: bool, escapes: str = "") -> None:
        """A rendered document on stdout (text, `path` None) or written atomically to `path`
        as it is. On stdout, a format that can escape a character (`escapes`: see
        `terminal_escaped`) keeps every one, escaped; any other text loses what a terminal
        would obey or hide."""
        if path is None:
            assert isinstance(rendered, str)  # binary formats require a file
            # The byte order mark that opens a CSV for Excel is the format's, not text.
            bom = "\ufeff" if rendered.startswith("\ufeff") else ""
            self.out.write(bom)
            self.text(terminal_escaped(rendered, escapes) if escapes else rendered)
            return
        from esslex.write.atomicfile import write_atomic

        data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
        write_atomic(path, data, force=force)

    def render(self, renderable: Any) -> None:
        self.console().print(_Inert(renderable))

    def message(self, text: str, style: str = "") -> None:
        """A one-line message on stderr (dim or red on a terminal)."""
        # Messages quote file names and queries, which may hold line breaks and escapes.
        text = one_line(shown(text))
        if self.rich_err and style:
            from rich.text import Text

            self.err_console().print(_Inert(Text(text, style=style)))
        else:
            self.err.write(text + "\n")
        self.err.flush()

    def progress(self, text: str, done: int = 0, total: int = 0) -> None:
        """What a long step is doing, on a terminal's stderr (Rich: a spinner, the text, a
        bar when the step counts `done` of `total`, the time spent), replaced by the next
        step; "" clears it. Nothing when stderr is not a terminal."""
        isatty = getattr(self.err, "isatty", None)
        if not (isatty and isatty()) or os.environ.get("TERM") == "dumb":
            return
        if not text:
            if self._progress is not None:
                self._progress.stop()
                self._progress = None
            return
        if self._progress is None:
            from rich.progress import (
                BarColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}", markup=False),  # a file name is not markup
                BarColumn(),
                TimeElapsedColumn(),
                console=self.err_console(),
                transient=True,
            )
            self._progress.add_task("", total=None)
            self._progress.start()
        task = self._progress.task_ids[0]
        description = one_line(shown(text))
        renamed = self._progress.tasks[0].description != description
        self._progress.update(
            task,
            description=description,
            completed=done,
            total=total or None,  # None: a step that is not counted
        )
        if renamed:
            # A new step is drawn at once: a quick one would otherwise never be seen.
            self._progress.refresh()

    @contextlib.contextmanager
    def slow_step(self, text: str, after: float = 1.0) -> Iterator[None]:
        """`progress(text)` once the step has taken `after` seconds, cleared when it ends:
        a quick step prints nothing, a slow one (a PDF) says it is working."""
        import threading

        lock = threading.Lock()
        state = {"finished": False, "shown": False}

        def show() -> None:
            with lock:
                if not state["finished"]:
                    self.progress(text)
                    state["shown"] = True

        timer = threading.Timer(after, show)
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()
            with lock:
                state["finished"] = True
                if state["shown"]:
                    self.progress("")

    def error(self, text: str) -> None:
        self.message(f"Erreur\u00a0: {sentence(text)}", style="bold red")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _json_escape(char: str) -> str:
    import json

    return json.dumps(char)[1:-1]  # \u00e9, or a surrogate pair beyond U+FFFF


_FIRST_WORD = re.compile(r"[^\W\d_][\w’'-]*(?=[\s\u00a0,]|$)")


def sentence(text: str) -> str:
    """A message as a sentence: one style for every error, starting with a capital (a file
    name or an option that opens it keeps its own case)."""
    if _FIRST_WORD.match(text):
        return text[:1].upper() + text[1:]
    return text
