"""Slides in Marp Markdown: a title slide, a slide per theme, then one slide per entry.

The slides follow the handout's sections (themes, or letters with --group-by alpha), so an
entry appears once, under its first theme. Glossary text is escaped as in the Markdown
handout: nothing in a definition can become a slide break, a directive or HTML.
"""

from __future__ import annotations

from esslex.documents.entryview import EntryView
from esslex.documents.handout import Handout, Section, build
from esslex.exporters import ExportOptions
from esslex.exporters.markdown import cited, escape
from esslex.find.selection import Selection
from esslex.text.textblocks import Paragraph

# A definition longer than this is set smaller, so it fits on its slide.
LONG_DEFINITION = 600
VERY_LONG_DEFINITION = 1400

STYLE = """\
section { font-size: 26px; }
section.long { font-size: 21px; }
section.very-long { font-size: 16px; }
section.theme { background: #1f5f5b; color: #fff; }
section.theme h1 { color: #fff; }
section.title h1 { color: #10302e; }
h2 { color: #1f5f5b; }
blockquote { font-size: 0.6em; color: #5d6466; border: none; padding: 0; margin-top: 1em; }"""


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
    lines.append(f"Textes\u00a0: {escape(handout.origin_line)}")
    if handout.document_line:
        lines.append(escape(handout.document_line))
    return "\n\n".join(lines)


def _theme_slide(section: Section) -> str:
    lines = ["<!-- _class: theme -->", f"# {escape(section.title)}"]
    if section.description:
        lines.append(escape(section.description))
    count = len(section.entries)
    lines.append(f"{count} entrée{'s' if count > 1 else ''}")
    return "\n\n".join(lines)


def _entry_slide(entry: EntryView) -> str:
    size = sum(
        len(block.text) if isinstance(block, Paragraph) else sum(len(i.text) for i in block.items)
        for block in entry.blocks
    )
    lines = []
    if size > VERY_LONG_DEFINITION:
        lines.append("<!-- _class: very-long -->")
    elif size > LONG_DEFINITION:
        lines.append("<!-- _class: long -->")
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
    return _front_matter(handout) + "\n\n" + "\n\n---\n\n".join(slides) + "\n"


def export(selection: Selection, options: ExportOptions) -> str:
    return render(build(selection, options))
