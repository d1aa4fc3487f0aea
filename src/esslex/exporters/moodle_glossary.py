"""A Moodle glossary (XML, as Moodle's glossary export writes it and its import reads it).

One ENTRY per entry: CONCEPT, DEFINITION in HTML (paragraphs, lists, sources), ALIASES from
the alternative labels so Moodle's auto-linking finds them in course texts, CATEGORIES from
the themes. Glossary text is HTML-escaped before lxml escapes the XML.
"""

from __future__ import annotations

import html

from esslex.documents.entryview import EntryView
from esslex.documents.entryview import document_view as entry_view
from esslex.documents.printable import printable_selection
from esslex.exporters import ExportOptions
from esslex.find.selection import Selection
from esslex.text.textblocks import Paragraph
from esslex.text.typography import french_typography

# Moodle's text formats: 1 is HTML.
FORMAT_HTML = "1"


def definition_html(entry: EntryView) -> str:
    """The definition as Moodle shows it: paragraphs, lists, notes and sources, escaped."""
    parts: list[str] = []
    for block in entry.blocks:
        if isinstance(block, Paragraph):
            parts.append(f"<p>{html.escape(block.text)}</p>")
        elif block.numbered:
            # "1°", "2°": the markers of the text are kept, one item per line.
            lines = "<br>".join(html.escape(f"{item.marker} {item.text}") for item in block.items)
            parts.append(f"<p>{lines}</p>")
        else:
            items = "".join(f"<li>{html.escape(item.text)}</li>" for item in block.items)
            parts.append(f"<ul>{items}</ul>")
    for note in entry.notes:
        parts.append(f"<p><em>Note\u00a0: {html.escape(note)}</em></p>")
    if entry.sources:
        label = "Source" if len(entry.sources) == 1 else "Sources"
        cited = "\u00a0; ".join(html.escape(source.text) for source in entry.sources)
        parts.append(f"<p><small>{label}\u00a0: {cited}</small></p>")
    return "\n".join(parts)


def export(selection: Selection, options: ExportOptions) -> str:
    from lxml import etree

    # Untrusted text: no control character reaches the XML (which cannot carry most).
    selection = printable_selection(selection)
    info_data = selection.glossary.info

    def add(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
        child = etree.SubElement(parent, tag)
        if text is not None:
            child.text = text
        return child

    root = etree.Element("GLOSSARY")
    info = add(root, "INFO")
    title = " ".join((options.branding.title or "").split()) or info_data.title
    add(info, "NAME", french_typography(title))
    # French typography as in the entries (the aliases stay as written: Moodle links them
    # where a course text writes them).
    intro = [
        f"<p>{html.escape(french_typography(part))}</p>"
        for part in (info_data.description, info_data.licence)
        if part
    ]
    add(info, "INTRO", "\n".join(intro))
    add(info, "INTROFORMAT", FORMAT_HTML)
    for tag, value in (
        ("ALLOWDUPLICATEDENTRIES", "0"),
        ("DISPLAYFORMAT", "dictionary"),
        ("SHOWSPECIAL", "1"),
        ("SHOWALPHABET", "1"),
        ("SHOWALL", "1"),
        ("ALLOWCOMMENTS", "0"),
        ("USEDYNALINK", "1"),
        ("DEFAULTAPPROVAL", "1"),
        ("GLOBALGLOSSARY", "0"),
        ("ENTBYPAGE", "20"),
    ):
        add(info, tag, value)
    entries = add(info, "ENTRIES")
    for entry in (entry_view(term, selection) for term in selection.glossary):
        element = add(entries, "ENTRY")
        add(element, "CONCEPT", entry.label)
        add(element, "DEFINITION", definition_html(entry))
        add(element, "FORMAT", FORMAT_HTML)
        for tag, value in (
            ("USEDYNALINK", "1"),
            ("CASESENSITIVE", "0"),
            ("FULLMATCH", "1"),  # whole words: "ESS" must not link inside "ESSor"
            ("TEACHERENTRY", "1"),
        ):
            add(element, tag, value)
        if entry.alt_labels:
            aliases = add(element, "ALIASES")
            for label in entry.alt_labels:
                add(add(aliases, "ALIAS"), "NAME", label)
        if entry.themes:
            categories = add(element, "CATEGORIES")
            for theme in entry.themes:
                category = add(categories, "CATEGORY")
                add(category, "NAME", theme)
                add(category, "USEDYNALINK", "0")
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data.decode("utf-8")
