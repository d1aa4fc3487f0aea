"""The handout as CommonMark: themes as sections, entries as headings with anchors."""

from __future__ import annotations

import re

from esslex.documents.entryview import EntryView, Link, SourceView, meta_lines
from esslex.documents.handout import Handout, build
from esslex.exporters import ExportOptions
from esslex.find.selection import Selection
from esslex.text.textblocks import Block, ItemList, Paragraph

# Every ASCII punctuation character may be backslash-escaped in CommonMark; these are
# the ones that could start markup inside a line.
_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~!&])")
# At the start of a line: a heading, a quote, a list item, a thematic break, a table.
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+(?=[.)]))")


def escape(text: str) -> str:
    """Glossary text shown as text, whatever Markdown or HTML it contains."""
    lines = []
    for line in text.split("\n"):
        line = _INLINE.sub(r"\\\1", line)
        match = _LINE_START.match(line)
        if match:
            start = match.end(1)
            if match.group(2).isdigit():
                # "2014. " would start an ordered list: escape the dot or parenthesis.
                end = match.end(2)
                line = line[:end] + "\\" + line[end:]
            else:
                line = line[:start] + "\\" + line[start:]
        lines.append(line)
    return "\n".join(lines)


def _link(link: Link) -> str:
    if link.anchor is None:
        return escape(link.label)
    return f"[{escape(link.label)}](#{link.anchor})"


def cited(source: SourceView) -> str:
    """The short citation beside an entry, linked to the official text when it has one."""
    if source.link and not any(char.isspace() or char in "<>" for char in source.link):
        return f"[{escape(source.short)}](<{source.link}>)"
    if source.url:
        return f"*{escape(source.short)}*, {escape(source.url)}"
    return f"*{escape(source.short)}*"


def _source(source: SourceView) -> str:
    parts = [f"*{escape(source.title)}*", *(escape(detail) for detail in source.details)]
    if source.link:
        autolink = not any(char.isspace() or char in "<>" for char in source.link)
        parts.append(f"<{source.link}>" if autolink else escape(source.link))
    elif source.url:
        parts.append(escape(source.url))
    return ", ".join(parts)


def _blocks(blocks: tuple[Block, ...]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(escape(block.text))
        elif isinstance(block, ItemList):
            if (
                block.numbered
                and all(item.marker[:-1].isdigit() for item in block.items)
                and all(item.marker.endswith(".") for item in block.items)
            ):
                out.append("\n".join(f"{item.marker} {escape(item.text)}" for item in block.items))
            elif block.numbered:
                # "1°": kept as written, one item per line (a hard line break).
                out.append(
                    "\\\n".join(
                        f"{escape(item.marker)} {escape(item.text)}" for item in block.items
                    )
                )
            else:
                out.append("\n".join(f"- {escape(item.text)}" for item in block.items))
    return out


def _entry(entry: EntryView, show_themes: bool) -> list[str]:
    parts = [f'### <a id="{entry.anchor}"></a>{escape(entry.label)}']
    if entry.alt_labels:
        labels = ", ".join(escape(label) for label in entry.alt_labels)
        parts.append(f"*Autres appellations\u00a0: {labels}*")
    parts.extend(f"*{escape(line)}*" for line in meta_lines(entry))
    if show_themes and entry.themes:
        parts.append(f"*Thèmes\u00a0: {', '.join(escape(theme) for theme in entry.themes)}*")
    parts.extend(_blocks(entry.blocks))
    for note in entry.notes:
        parts.append(f"**Note\u00a0:** {escape(note)}")
    for relation in entry.relations:
        links = ", ".join(_link(link) for link in relation.links)
        parts.append(f"**{relation.name}\u00a0:** {links}")
    if entry.sources:
        label = "Source" if len(entry.sources) == 1 else "Sources"
        parts.append(f"{label}\u00a0: " + "\u00a0; ".join(cited(s) for s in entry.sources))
    for note in entry.editorial:
        parts.append(f"*Note éditoriale\u00a0: {escape(note)}*")
    return parts


def _fiche(handout: Handout) -> str:
    rows = ["| Terme | En une phrase |", "|---|---|"]
    for row in handout.fiche:
        cells = (escape(row.label), escape(row.summary))
        rows.append("| " + " | ".join(cell.replace("\n", " ") for cell in cells) + " |")
    return "\n".join(rows)


def _credits(handout: Handout) -> str:
    lines = [escape(handout.document_line)] if handout.document_line else []
    for credit in handout.credit_entries:
        lines.append(f"*{escape(credit.title)}*, {escape(credit.details)}.")
        lines.extend(f"- {escape(rights)}" for rights in credit.rights)
    return "\n".join(lines)


def cover(handout: Handout) -> list[str]:
    """The title, branding and credits that open a handout or a worksheet."""
    parts = [f"# {escape(handout.title)}"]
    header = []
    if handout.organisation:
        header.append(f"**{escape(handout.organisation)}**")
    if handout.subtitle:
        header.append(f"*{escape(handout.subtitle)}*")
    header.append(escape(handout.meta_line))
    header.append(f"Textes\u00a0: {escape(handout.origin_line)}")
    parts.append("  \n".join(header))
    if handout.description:
        parts.append(f"> {escape(handout.description)}")
    parts.append(_credits(handout))
    return parts


def render(handout: Handout) -> str:
    parts = cover(handout)
    if handout.table_of_contents:
        contents = [
            f"- [{escape(section.title)}](#{section.anchor})" for section in handout.sections
        ]
        if handout.index:
            contents.append("- [Index](#index)")
        if handout.bibliography:
            contents.append("- [Bibliographie](#bibliographie)")
        parts.append("**Sommaire**\n\n" + "\n".join(contents))
    if handout.fiche:
        parts.append(_fiche(handout))
    for section in handout.sections:
        parts.append(f'## <a id="{section.anchor}"></a>{escape(section.title)}')
        if section.description:
            parts.append(f"*{escape(section.description)}*")
        for entry in section.entries:
            parts.extend(_entry(entry, handout.show_themes))
        if section.elsewhere:
            links = ", ".join(_link(link) for link in section.elsewhere)
            parts.append(f"*Également dans ce thème\u00a0:* {links}")
    if handout.index:
        parts.append('## <a id="index"></a>Index')
    for letter in handout.index:
        lines = []
        for item in letter.items:
            if item.see is None:
                lines.append(f"- [{escape(item.text)}](#{item.anchor})")
            else:
                lines.append(f"- {escape(item.text)} → voir [{escape(item.see)}](#{item.anchor})")
        parts.append(f"**{letter.letter}**\n\n" + "\n".join(lines))
    if handout.bibliography:
        parts.append('## <a id="bibliographie"></a>Bibliographie')
        parts.append("\n".join(f"- {_source(source)}" for source in handout.bibliography))
    return "\n\n".join(parts) + "\n"


def export(selection: Selection, options: ExportOptions) -> str:
    return render(build(selection, options))
