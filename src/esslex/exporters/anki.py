"""An Anki package (.apkg, through genanki): one note per entry, tagged with its themes.

Each note's GUID comes from its glossary's id and the entry's id, and nothing else: a deck
exported again after the glossary changed updates the cards already studied instead of
adding copies (the most common complaint about generated decks). An entry a personal
glossary overrides keeps the GUID of the entry it replaces.

Anki updates a note it already has only when the imported note's modification time is later
(« si plus récent », its default) or differs (« toujours »). So each note's time follows its
content: a note whose fields are unchanged keeps the time it had (first a time derived from
its fields, in the past), a changed note gets the export's time; the fields' hash and the
time given are remembered in the user's esslex folder (`anki-notes.json`).
"""

from __future__ import annotations

import datetime
import hashlib
import html
import io
import json
import os
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
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
    """The id of the glossary file that first defined the entry: a user's glossary has its
    own, but an entry it overrides keeps the id of the glossary it replaces."""
    first = next(
        (overridden for term_id, overridden, _ in glossary.overrides if term_id == term.id),
        term.glossary,
    )
    for part in glossary.parts:
        if part.path and part.path == first:
            return part.id
    return glossary.info.id


# Times given to unchanged notes fall in the year 2020, before any export: a changed
# note's export time is always later, so Anki updates it.
_STABLE_START = 1_577_836_800  # 2020-01-01 00:00 UTC
_STABLE_SPAN = 366 * 86_400
LEDGER_NAME = "anki-notes.json"


def fields_hash(fields: Sequence[str], tags: Sequence[str]) -> str:
    """What Anki compares of a note: its fields and tags."""
    return hashlib.sha256("\x1f".join([*fields, "\x1e", *tags]).encode("utf-8")).hexdigest()


def stable_time(content_hash: str) -> int:
    """A modification time that depends only on the note's content."""
    return _STABLE_START + int(content_hash[:12], 16) % _STABLE_SPAN


def ledger_path() -> Path:
    from esslex.glossary.paths import user_data_dir

    return user_data_dir() / LEDGER_NAME


def read_ledger(path: Path) -> dict[str, list[Any]]:
    """GUID → [fields hash, modification time] of the notes exported before."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        guid: entry
        for guid, entry in data.items()
        if isinstance(entry, list)
        and len(entry) == 2
        and isinstance(entry[0], str)
        and isinstance(entry[1], int)
    }


def write_ledger(path: Path, ledger: dict[str, list[Any]]) -> None:
    """The ledger replaced whole (a temporary file renamed), or left as it was if the
    folder cannot be written: the deck is still right, later updates may be missed."""
    text = json.dumps(ledger, sort_keys=True, separators=(",", ":"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".anki-notes-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass


def modification_times(
    notes: dict[str, str], ledger: dict[str, list[Any]], now: int
) -> dict[str, int]:
    """GUID → modification time, from GUID → fields hash; `ledger` updated in place.

    Unchanged since the last export: the time it had. Never exported: a time derived from
    its content. Changed: the export's time, later than any time given before."""
    times = {}
    for guid, content in notes.items():
        known = ledger.get(guid)
        if known is None:
            times[guid] = stable_time(content)
        elif known[0] == content:
            times[guid] = known[1]
        else:
            times[guid] = max(now, known[1] + 1)
        ledger[guid] = [content, times[guid]]
    return times


def export_time() -> int:
    """The export's time: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(epoch) if epoch.isdigit() else int(time.time())


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


def _package(deck: Any, moment: datetime.datetime, times: dict[str, int]) -> bytes:
    """The .apkg bytes: genanki's collection written to a temporary file we remove, each
    note given its modification time, zipped with the export's date."""
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
            connection.executemany(
                "UPDATE notes SET mod = ? WHERE guid = ?",
                [(mod, guid) for guid, mod in sorted(times.items())],
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
    contents = {}
    for term in selection.glossary:
        entry = entry_view(term, selection)
        fields = [_front(entry), _back(entry), _sources(entry)]
        tags = ["_".join(theme.split()) for theme in term.themes]  # no space in a tag
        guid = note_guid(glossary_id_of(term, selection.source), term.id)
        deck.add_note(genanki.Note(model=model, fields=fields, tags=tags, guid=guid))
        contents[guid] = fields_hash(fields, tags)
    ledger_file = ledger_path()
    ledger = read_ledger(ledger_file)
    times = modification_times(contents, ledger, export_time())
    write_ledger(ledger_file, ledger)
    # The date of the export for the collection and the zip: the same notes exported the
    # same day give the same file.
    moment = datetime.datetime.combine(options.date, datetime.time(), datetime.timezone.utc)
    return _package(deck, moment, times)
