"""Slides in Marp Markdown: a title slide, a slide per theme, then one slide per entry.

The slides follow the handout's sections (themes, or letters with --group-by alpha), so an
entry appears once, under its first theme. Glossary text is escaped as in the Markdown
handout: nothing in a definition can become a slide break, a directive or HTML.
"""

from __future__ import annotations

import math

from esslex.documents.entryview import EntryView
from esslex.documents.handout import Handout, Section, build
from esslex.exporters import ExportOptions
from esslex.exporters.markdown import cited, escape
from esslex.find.selection import Selection
from esslex.text.textblocks import Paragraph

# The font sizes an entry's slide may have (px), largest first: the largest its text fits.
SIZES = (26, 24, 22, 20, 18, 16, 14)
# Marp's default slide (1280 × 720) less its padding; a character of its sans-serif font is
# half its size wide on average, a line 1.5 times its size high, a block has 16 px under it.
# Measured on the bundled glossary rendered by Marp CLI in Chromium (docs/export.md).
TEXT_WIDTH = 1120
TEXT_HEIGHT = 560
CHAR_WIDTH = 0.5
LINE_HEIGHT = 1.5
BLOCK_GAP = 16

STYLE = "\n".join(
    [f"section {{ font-size: {SIZES[0]}px; }}"]
    + [f"section.size-{size} {{ font-size: {size}px; }}" for size in SIZES[1:]]
    + [
        """\
section.theme { background: #1f5f5b; color: #fff; }
section.theme h1 { color: #fff; }
section.title h1 { color: #10302e; }
h2 { color: #1f5f5b; }
blockquote { font-size: 0.6em; color: #5d6466; border: none; padding: 0; margin-top: 1em; }"""
    ]
)


def _front_matter(handout: Handout) -> str:
    # The title goes in the file's metadata as a YAML string: quoted, quotes escaped.
    title = handout.title.replace("\\", "\\\\").replace('"', '\\"')
    style = "\n".join(f"  {line}" for line in STYLE.splitlines())
    return "\n".join(
        [
            "---",
            "marp: true",
            "paginate: true",
            f"lang: {handout.language}",
            f'title: "{title}"',
            "style: |",
            style,
            "---",
        ]
    )


def _title_slide(handout: Handout) -> str:
    lines = ["<!-- _class: title -->", "<!-- _paginate: false -->"]
    if handout.organisation:
        lines.append(f"**{escape(handout.organisation)}**")
    lines.append(f"# {escape(handout.title)}")
    if handout.subtitle:
        lines.append(f"## {escape(handout.subtitle)}")
    lines.append(escape(handout.meta_line))
    if _credits_on_title(handout):
        lines.append(f"Textes\u00a0: {escape(handout.origin_line)}")
    else:
        lines.append("Textes\u00a0: voir les crédits, en dernière diapositive")
    if handout.document_line:
        lines.append(escape(handout.document_line))
    return "\n\n".join(lines)


# Credits longer than this (characters) get a last slide of their own: on the title slide
# they would run off it (a glossary of many authors and licences).
TITLE_CREDITS = 240


def _credits_on_title(handout: Handout) -> bool:
    return len(handout.origin_line) <= TITLE_CREDITS


def _credits_slide(handout: Handout) -> str:
    """The texts' authors and licences, set as small as they need to fit."""
    text = f"Textes\u00a0: {handout.origin_line}"
    heading = _height("Crédits", SIZES[0] * 1.5)
    size = next((s for s in SIZES if heading + _height(text, s) <= TEXT_HEIGHT), SIZES[-1])
    lines = [] if size == SIZES[0] else [f"<!-- _class: size-{size} -->"]
    lines.extend(["## Crédits", escape(text)])
    return "\n\n".join(lines)


def _theme_slide(section: Section) -> str:
    lines = ["<!-- _class: theme -->", f"# {escape(section.title)}"]
    if section.description:
        lines.append(escape(section.description))
    count = len(section.entries)
    lines.append(f"{count} entrée{'s' if count > 1 else ''}")
    return "\n\n".join(lines)


def _height(text: str, size: float, width: float = TEXT_WIDTH) -> float:
    """The height (px) of a block of `text` set at `size` px in `width` px."""
    per_line = max(1, int(width / (CHAR_WIDTH * size)))
    lines = sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n"))
    return lines * LINE_HEIGHT * size + BLOCK_GAP


def slide_height(entry: EntryView, size: int) -> float:
    """The estimated height of the entry's slide set at `size` px: heading, other names,
    definition blocks, sources in the smaller quote."""
    height = _height(entry.label, size * 1.5)
    if entry.alt_labels:
        height += _height(", ".join(entry.alt_labels), size)
    for block in entry.blocks:
        if isinstance(block, Paragraph):
            height += _height(block.text, size)
        else:
            indent = TEXT_WIDTH - 2 * size
            height += sum(
                _height(f"{item.marker} {item.text}", size, indent) - BLOCK_GAP
                for item in block.items
            )
            height += BLOCK_GAP
    if entry.sources:
        citations = "Sources\u00a0: " + " ; ".join(source.short for source in entry.sources)
        height += _height(citations, size * 0.6) + size * 0.6
    return height


def font_size(entry: EntryView) -> int:
    """The largest size at which the slide's text fits, measured from its length."""
    return next((size for size in SIZES if slide_height(entry, size) <= TEXT_HEIGHT), SIZES[-1])


def _entry_slide(entry: EntryView) -> str:
    lines = []
    size = font_size(entry)
    if size != SIZES[0]:
        lines.append(f"<!-- _class: size-{size} -->")
    lines.append(f"## {escape(entry.label)}")
    if entry.alt_labels:
        lines.append(f"*{escape(', '.join(entry.alt_labels))}*")
    for block in entry.blocks:
        if isinstance(block, Paragraph):
            lines.append(escape(block.text))
        else:
            lines.append(
                "\n".join(
                    f"- {escape(item.marker + ' ' if block.numbered else '')}{escape(item.text)}"
                    for item in block.items
                )
            )
    if entry.sources:
        label = "Source" if len(entry.sources) == 1 else "Sources"
        lines.append(f"> {label}\u00a0: " + "\u00a0; ".join(cited(s) for s in entry.sources))
    return "\n\n".join(lines)


def render(handout: Handout) -> str:
    slides = [_title_slide(handout)]
    for section in handout.sections:
        if not section.entries:
            continue
        slides.append(_theme_slide(section))
        slides.extend(_entry_slide(entry) for entry in section.entries)
    if not _credits_on_title(handout):
        slides.append(_credits_slide(handout))
    return _front_matter(handout) + "\n\n" + "\n\n---\n\n".join(slides) + "\n"


def export(selection: Selection, options: ExportOptions) -> str:
    return render(build(selection, options))
