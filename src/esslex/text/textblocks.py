"""Structure of a definition's text: paragraphs and lists, shared by every renderer.

Convention of glossary files: paragraphs are separated by an empty line; a line starting
with a list marker ("1° ", "2. ", "3) ", "- ", "• ") is a list item.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_ITEM = re.compile(r"^\s*(\d+\s*°|\d+[.)]|[-•*–])\s+(.*)$")


class Paragraph(NamedTuple):
    text: str


class ListItem(NamedTuple):
    marker: str
    text: str


class ItemList(NamedTuple):
    items: tuple[ListItem, ...]

    @property
    def numbered(self) -> bool:
        return any(char.isdigit() for char in self.items[0].marker)


Block = Paragraph | ItemList


def split_blocks(text: str) -> list[Block]:
    """Paragraphs (lines of a chunk joined by a space) and lists, in order."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines: list[str] = []
        items: list[ListItem] = []
        for raw in chunk.split("\n"):
            line = raw.strip()
            item = _ITEM.match(line)
            if not line:
                continue
            if item:
                if lines:
                    blocks.append(Paragraph(" ".join(lines)))
                    lines = []
                items.append(ListItem(item.group(1).replace(" ", ""), item.group(2).strip()))
            elif items and raw[:1].isspace():
                # An indented line continues the previous item.
                last = items.pop()
                items.append(ListItem(last.marker, f"{last.text} {line}"))
            else:
                if items:
                    blocks.append(ItemList(tuple(items)))
                    items = []
                lines.append(line)
        if lines:
            blocks.append(Paragraph(" ".join(lines)))
        if items:
            blocks.append(ItemList(tuple(items)))
    return blocks
