"""An Anki package (.apkg, through genanki): one note per entry, tagged with its themes.

Each note's GUID comes from its glossary's id and the entry's id, and nothing else: a deck
exported again after the glossary changed updates the cards already studied instead of
adding copies (the most common complaint about generated decks).
"""

from __future__ import annotations

import datetime
import hashlib
import html
import io
import os
import sqlite3
import tempfile
import zipfile
from typing import Any

from esslex.documents.entryview import EntryView
from esslex.documents.entryview import document_view as entry_view
from esslex.documents.printable import printable_selection
from esslex.exporters import ExportOptions
from esslex.find.selection import Selection
from esslex.glossary.model import Glossary, Term
from esslex.text.textblocks import Paragraph

# Fixed ids: Anki recognises the note type across exports (a new id would add a new type).
MODEL_ID = 1_742_606_013
MODEL_NAME = "esslex — terme et définition"
CSS = """.card { font-family: Georgia, serif; font-size: 20px; text-align: center; color: #1f2933; }
.alt { font-size: 15px; color: #5d6466; font-style: italic; }
.definition { text-align: left; font-size: 17px; line-height: 1.45; }
.sources { text-align: left; font-size: 13px; color: #5d6466; margin-top: 1em; }"""


def stable_id(*parts: str) -> int:
    """A positive 31-bit id that depends only on `parts` (deck ids)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF or 1


def note_guid(glossary_id: str, entry_id: str) -> str:
    """The note's GUID: the same entry of the same glossary always gets the same one."""
    import genanki

    return genanki.guid_for("esslex", glossary_id, entry_id)  # type: ignore[no-any-return]


def glossary_id_of(term: Term, glossary: Glossary) -> str:
    """The id of the glossary file the entry was read from (a user's glossary has its own)."""
    for part in glossary.parts:
        if part.path and part.path == term.glossary:
            return part.id
    return glossary.info.id


def _front(entry: EntryView) -> str:
    front = html.escape(entry.label)
    if entry.alt_labels:
        front += f'<div class="alt">{html.escape(", ".join(entry.alt_labels))}</div>'
    return front


def _back(entry: EntryView) -> str:
    parts = []
    for block in entry.blocks:
        if isinstance(block, Paragraph):
            parts.append(html.escape(block.text))
        else:
            parts.append(
                "<br>".join(
                    html.escape(f"{item.marker if block.numbered else '•'} {item.text}")
                    for item in block.items
                )
            )
    return "<br><br>".join(parts)


def _sources(entry: EntryView) -> str:
    return "<br>".join(html.escape(source.text) for source in entry.sources)


def deck_name(selection: Selection, options: ExportOptions) -> str:
    """The deck is named after the selection: « Glossaire DEVISUS — Transitions »."""
    name = " ".join((options.branding.title or "").split()) or selection.glossary.info.title
    if selection.themes:
        name += " — " + ", ".join(theme.label for theme in selection.themes)
    return name


def _package(deck: Any, moment: datetime.datetime) -> bytes:
    """The .apkg bytes: genanki's collection written to a temporary file we remove, zipped
    with the export's date (the same day gives the same bytes)."""
    import itertools

    handle, path = tempfile.mkstemp(suffix=".anki2")
    os.close(handle)
    try:
        connection = sqlite3.connect(path)
        try:
            import genanki

            package = genanki.Package(deck)
            timestamp = moment.timestamp()
            package.write_to_db(
                connection.cursor(), timestamp, itertools.count(int(timestamp * 1000))
            )
            connection.commit()
        finally:
            connection.close()
        with open(path, "rb") as collection:
            data = collection.read()
        buffer = io.BytesIO()
        stamp = moment.timetuple()[:6]
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(zipfile.ZipInfo("collection.anki2", stamp), data)
            archive.writestr(zipfile.ZipInfo("media", stamp), "{}")
        return buffer.getvalue()
    finally:
        os.unlink(path)


def export(selection: Selection, options: ExportOptions) -> bytes:
    import genanki

    selection = printable_selection(selection)
    model = genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": "Terme"}, {"name": "Définition"}, {"name": "Sources"}],
        templates=[
            {
                "name": "Terme → définition",
                "qfmt": "{{Terme}}",
                "afmt": '{{FrontSide}}<hr id="answer"><div class="definition">{{Définition}}</div>'
                '<div class="sources">{{Sources}}</div>',
            }
        ],
        css=CSS,
    )
    name = deck_name(selection, options)
    deck = genanki.Deck(stable_id(selection.glossary.info.id, name), name)
    for term in selection.glossary:
        entry = entry_view(term, selection)
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[_front(entry), _back(entry), _sources(entry)],
                tags=["_".join(theme.split()) for theme in term.themes],  # no space in a tag
                guid=note_guid(glossary_id_of(term, selection.source), term.id),
            )
        )
    # The date of the export, not the clock: the same day gives the same file.
    moment = datetime.datetime.combine(options.date, datetime.time(), datetime.timezone.utc)
    return _package(deck, moment)
