"""The room quiz on a terminal: each screen drawn in a full-size Rich panel, keys read one
at a time (with a timeout for the timer), plain lines when colours are off."""

from __future__ import annotations

import contextlib
import os
import select
import sys
from collections.abc import Callable, Iterator
from typing import Any

from esslex.cli.output import Output
from esslex.trainer.room import Screen


def _plain(screen: Screen) -> list[str]:
    lines = [screen.title, screen.heading, "", screen.text, ""]
    lines += [f"  {option.key}. {option.label}" for option in screen.options]
    lines += _state(screen)
    lines += list(screen.lines)
    return [*lines, "", screen.hint] if screen.hint else lines


def _state(screen: Screen) -> list[str]:
    lines = []
    if screen.seconds is not None:
        lines.append(f"Temps restant\u00a0: {screen.seconds}\u00a0s")
    if screen.answer is not None:
        lines.append(f"Réponse\u00a0: {screen.answer.key}. {screen.answer.label}")
    if screen.room is not None:
        verdict = ""
        if screen.answer is not None:
            verdict = (
                "\u00a0: juste\u00a0!" if screen.room.id == screen.answer.id else "\u00a0: non."
            )
        lines.append(f"La salle a répondu {screen.room.key}{verdict}")
    return lines


def _panel(screen: Screen, width: int, height: int | None) -> Any:
    from rich.align import Align
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    padding = 4 if width >= 60 else 1
    inner = max(10, width - 2 - 2 * padding)
    columns = 1
    if screen.options:
        # Two columns when the labels are short enough to be read side by side.
        longest = max(len(option.label) for option in screen.options) + 4
        columns = 2 if 2 * longest + 6 < width - 8 and len(screen.options) > 2 else 1
    parts: list[Any] = [Text(screen.heading, style="bold magenta", justify="center"), Text("")]
    if screen.text:
        option_rows = -(-len(screen.options) // columns) if screen.options else 0
        # What the text may take: the panel less its frame and padding, the heading, the
        # options and the state lines, each with the blank line after it.
        taken = 4 + 2 + (option_rows + 1) + len(_state(screen)) + 1
        room = None if height is None else height - taken
        parts += [Text(_fitted(screen.text, inner, room), style="bold", justify="center"), Text("")]
    if screen.options:
        grid = Table.grid(padding=(0, 3))
        for _ in range(columns):
            grid.add_column()
        cells = [_option(screen, option) for option in screen.options]
        rows = [cells[start : start + columns] for start in range(0, len(cells), columns)]
        for row in rows:
            grid.add_row(*row)
        parts += [Align.center(grid), Text("")]
    for line in _state(screen):
        style = "bold green" if line.startswith("Réponse\u00a0:") else "bold yellow"
        parts.append(Text(line, style=style, justify="center"))
    for line in screen.lines:
        parts.append(Text(line, style="bold", justify="center"))
    return Panel(
        Align.center(Group(*parts), vertical="middle"),
        title=Text(screen.title, style="bold"),
        subtitle=Text(screen.hint, style="dim") if screen.hint else None,
        height=height,
        padding=(1, padding),
        border_style="magenta",
    )


def _fitted(text: str, width: int, lines: int | None) -> str:
    """`text` wrapped to `width`, cut with « … » after `lines` lines (the options of a long
    definition stay on the screen)."""
    import textwrap

    wrapped = [row for paragraph in text.split("\n") for row in textwrap.wrap(paragraph, width)]
    if lines is None or len(wrapped) <= lines:
        return "\n".join(wrapped)
    kept = wrapped[: max(1, lines)]
    kept[-1] = textwrap.shorten(kept[-1] + " …", width, placeholder=" …")
    if not kept[-1].endswith("…"):
        kept[-1] += " …"
    return "\n".join(kept)


def _option(screen: Screen, option: Any) -> Any:
    from rich.text import Text

    style = "bold cyan"
    if screen.answer is not None:
        style = "bold reverse green" if option.id == screen.answer.id else "dim"
    return Text(f"{option.key}. {option.label}", style=style)


def drawer(out: Output) -> Callable[[Screen], None]:
    """`show` for the room: the screen cleared, then one panel as large as the terminal."""

    def show(screen: Screen) -> None:
        if not out.rich:
            out.text("\n".join(["", *_plain(screen)]))
            return
        console = out.console()
        console.clear()
        width, height = console.size
        # One line left free: a panel as tall as the terminal would scroll it by one. The
        # closing screen fits its lines, so they stay in view above the shell's prompt.
        out.render(_panel(screen, width, None if screen.lines else max(8, height - 1)))

    return show


@contextlib.contextmanager
def keys() -> Iterator[Callable[[float | None], str | None]]:
    """`key(timeout)`: one key as soon as it is pressed on a terminal (no Enter needed),
    None when the timeout passes; on a pipe, the next character (EOFError at the end)."""
    stream = sys.stdin

    def read_piped(timeout: float | None) -> str | None:
        char = stream.read(1)
        if not char:
            raise EOFError
        return char

    try:
        import termios
        import tty
    except ImportError:  # Windows: characters come after Enter, the timer waits for them
        termios = None  # type: ignore[assignment]
    if termios is None or not stream.isatty():
        yield read_piped
        return

    fd = stream.fileno()
    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd)  # keys one by one, no echo; Ctrl-C still interrupts

    pending: list[str] = []  # keys typed together (« a » then Enter) arrive in one read

    def read_key(timeout: float | None) -> str | None:
        if not pending:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                return None
            data = os.read(fd, 64)
            if not data:
                raise EOFError
            pending.extend(data.decode("utf-8", errors="replace"))
        return pending.pop(0)

    try:
        yield read_key
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
