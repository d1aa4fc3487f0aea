"""Line breaking for narrow terminals: text wraps between words, never inside one, and
never ends in « … »; an address or an id longer than the line breaks after its separators.
"""

from __future__ import annotations

import re
from typing import Any

NBSP = "\u00a0"
# Where an address, a path or an id may break: after / ? & # = _ . - (the separator stays
# at the end of the line, so the rest of the address starts the next one).
_BREAK_AFTER = re.compile(r"(?<=[/?&#=_.\-])(?=.)")
_WORD = re.compile(r"\S+")
# Spaces between words (not the no-break ones French typography put there).
_SPACES = re.compile(r"[ \t\n\r]+")
# Rich breaks lines at U+00A0 like at any space; while it wraps, a character it does not
# take for a space (private use, never left in cleaned glossary text) stands in for it.
_HELD_NBSP = "\ue000"


def pieces_of_long_word(word: str, width: int) -> list[str]:
    """`word` in pieces of at most `width` characters, cut after its separators; a run
    without any separator longer than `width` is the only thing ever cut inside."""
    width = max(1, width)
    lines: list[str] = []
    current = ""
    for part in _BREAK_AFTER.split(word):
        if current and len(current) + len(part) > width:
            lines.append(current)
            current = ""
        while len(current) + len(part) > width:
            room = width - len(current)
            lines.append(current + part[:room])
            current, part = "", part[room:]
        current += part
    if current:
        lines.append(current)
    return lines


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """`text` in lines of at most `width` characters, broken between words (no-break spaces
    hold), long addresses after their separators; `first` and `rest` indent the lines."""
    lines: list[str] = []
    line, filled = first, False
    for word in _SPACES.split(text.strip()):
        if not word:
            continue
        room = max(1, width - len(rest))
        pieces = [word] if len(word) <= room else pieces_of_long_word(word, room)
        for position, piece in enumerate(pieces):
            space = " " if filled and position == 0 else ""
            if filled and (position > 0 or len(line) + len(space) + len(piece) > width):
                lines.append(line)
                line, filled, space = rest, False, ""
            line += space + piece
            filled = True
    lines.append(line if filled else first.rstrip())
    return lines


class NoBreakText:
    """A Rich `Text` that wraps between words only: no-break spaces hold (no line starts
    with « : »), and a word longer than the line (an address) breaks after a separator."""

    def __init__(self, text: Any) -> None:
        self.text = text

    def _held(self, width: int | None = None) -> Any:
        held = self.text.copy()
        held.plain = held.plain.replace(NBSP, _HELD_NBSP)
        if width is None:
            return held
        cuts: list[int] = []
        for word in _WORD.finditer(held.plain):
            if len(word.group()) > width:
                offset = word.start()
                for piece in pieces_of_long_word(word.group(), width)[:-1]:
                    offset += len(piece)
                    cuts.append(offset)
        if not cuts:
            return held
        from rich.text import Text

        return Text("\n").join(held.divide(cuts))

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.segment import Segment

        for segment in self._held(options.max_width).__rich_console__(console, options):
            if isinstance(segment, Segment) and _HELD_NBSP in segment.text:
                segment = Segment(segment.text.replace(_HELD_NBSP, NBSP), *segment[1:])
            yield segment

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.measure import Measurement

        measured = self._held().__rich_measure__(console, options)
        # A word longer than a third of the line (an address, an id) may break after a
        # separator rather than squeeze the other columns of a table.
        room = max(12, options.max_width // 3)
        return Measurement(min(measured.minimum, room), measured.maximum)


class Heading:
    """An entry's title on a rule (« Coopération ─────── »); a title longer than the line
    is written whole, wrapped, above the rule."""

    def __init__(self, title: str, style: str, rule_style: str) -> None:
        self.title = title
        self.style = style
        self.rule_style = rule_style

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.rule import Rule
        from rich.text import Text

        title = Text(self.title, style=self.style)
        if len(self.title) + 4 <= options.max_width:
            yield Rule(title, align="left", style=self.rule_style)
            return
        yield NoBreakText(title)
        yield Rule(style=self.rule_style)
