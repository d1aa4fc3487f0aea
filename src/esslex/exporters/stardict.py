"""StarDict dictionary (.ifo, .idx, .dict, .syn) for GoldenDict, sdcv, KOReader and others.

Format: StarDict 3.0.0 (the `doc/StarDictFileFormat` of the StarDict project). Entries are
minimal HTML (`sametypesequence=h`: paragraphs and line breaks, every text escaped), as
GoldenDict shows them with their paragraphs (with plain text, `m`, it runs them together);
alternative labels are synonyms (.syn), so a lookup of « ESS » opens « Économie sociale et
solidaire ». The .dict is
left uncompressed: a `.dict.dz` needs dictzip's random-access gzip, which readers open no
faster at this size.
"""

from __future__ import annotations

import dataclasses
import html
import re
import struct
from collections.abc import Iterable

from esslex.documents.entryview import EntryView, meta_lines
from esslex.documents.handout import Handout, build
from esslex.exporters import ExportOptions
from esslex.find.selection import Selection
from esslex.text.normalize import fold
from esslex.text.textblocks import ItemList

# A headword is at most 255 bytes in the index (the format's limit is "< 256").
_MAX_WORD = 255
_ASCII_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")


def index_order(word: bytes) -> tuple[bytes, bytes]:
    """StarDict's order (`stardict_strcmp`): ASCII case ignored first, then the bytes."""
    return (word.translate(_ASCII_LOWER), word)


_ELLIPSIS = "…".encode()


def headword(text: str) -> bytes:
    """The UTF-8 headword, within the index's limit: a longer one is cut at a character
    boundary and ends with « … » (its article then opens with the whole label)."""
    data = " ".join(text.split()).encode("utf-8")
    if len(data) <= _MAX_WORD:
        return data
    cut = data[: _MAX_WORD - len(_ELLIPSIS)].decode("utf-8", errors="ignore").rstrip()
    return cut.encode("utf-8") + _ELLIPSIS


def _paragraph(lines: Iterable[str]) -> str:
    """Lines of text as one HTML paragraph, escaped, each line break kept."""
    return "<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>"


def entry_html(entry: EntryView) -> str:
    """The article of an entry as minimal HTML: names, definition, notes, links, sources,
    one paragraph each."""
    paragraphs: list[str] = []
    if headword(entry.label).endswith(_ELLIPSIS):  # a cut headword: the label in full
        paragraphs.append(_paragraph([entry.label]))
    names = []
    if entry.alt_labels:
        names.append("Autres appellations\u00a0: " + ", ".join(entry.alt_labels))
    names.extend(meta_lines(entry))
    if entry.themes:
        names.append("Thèmes\u00a0: " + ", ".join(entry.themes))
    if names:
        paragraphs.append(_paragraph(names))
    for block in entry.blocks:
        if isinstance(block, ItemList):
            marker = "•"
            paragraphs.append(
                _paragraph(
                    f"{item.marker if block.numbered else marker} {item.text}"
                    for item in block.items
                )
            )
        else:
            paragraphs.append(_paragraph(block.text.split("\n")))
    paragraphs.extend(_paragraph([f"Note\u00a0: {note}"]) for note in entry.notes)
    if entry.relations:
        paragraphs.append(
            _paragraph(
                f"{relation.name}\u00a0: " + ", ".join(link.label for link in relation.links)
                for relation in entry.relations
            )
        )
    if entry.sources:
        heading = "Sources\u00a0:" if len(entry.sources) > 1 else "Source\u00a0:"
        paragraphs.append(_paragraph([heading, *(f"• {source.text}" for source in entry.sources)]))
    return "\n".join(paragraphs)


def _ifo_value(text: str) -> str:
    # One line per key in the .ifo file.
    return " ".join(text.split())


def _ifo(handout: Handout, name: str, words: int, synonyms: int, idx_size: int, day: str) -> bytes:
    fields = [
        ("version", "3.0.0"),
        ("bookname", handout.title),
        ("wordcount", str(words)),
        ("synwordcount", str(synonyms) if synonyms else ""),
        ("idxfilesize", str(idx_size)),
        ("sametypesequence", "h"),
        ("author", ", ".join(handout.publishers)),
        ("description", " ".join(part for part in (handout.description, handout.licence) if part)),
        ("date", day),
    ]
    lines = ["StarDict's dict ifo file"]
    lines.extend(f"{key}={_ifo_value(value)}" for key, value in fields if value)
    return ("\n".join(lines) + "\n").encode("utf-8")


def _synonyms(entries: Iterable[tuple[bytes, EntryView]]) -> list[tuple[bytes, int]]:
    rows: list[tuple[bytes, int]] = []
    for position, (word, entry) in enumerate(entries):
        seen = {fold(word.decode("utf-8"))}
        # Other names and names in other languages: a lookup of either opens the entry.
        for label in (*entry.alt_labels, *(item.label for item in entry.equivalents)):
            synonym = headword(label)
            if synonym and fold(synonym.decode("utf-8")) not in seen:
                seen.add(fold(synonym.decode("utf-8")))
                rows.append((synonym, position))
    return sorted(rows, key=lambda row: (index_order(row[0]), row[1]))


def files(selection: Selection, options: ExportOptions) -> dict[str, bytes]:
    """The dictionary's files, named after the glossary's id."""
    handout = build(selection, dataclasses.replace(options, order="label"))
    entries = sorted(
        ((headword(entry.label), entry) for entry in handout.entries if headword(entry.label)),
        key=lambda pair: index_order(pair[0]),
    )
    data = bytearray()
    index = bytearray()
    for word, entry in entries:
        article = entry_html(entry).encode("utf-8")
        index += word + b"\0" + struct.pack(">II", len(data), len(article))
        data += article
    synonyms = _synonyms(entries)
    syn = b"".join(word + b"\0" + struct.pack(">I", position) for word, position in synonyms)
    name = re.sub(r"[^\w.-]+", "-", selection.glossary.info.id, flags=re.ASCII).strip(".-")
    name = name or "glossaire"
    result = {
        f"{name}.ifo": _ifo(
            handout, name, len(entries), len(synonyms), len(index), options.date.isoformat()
        ),
        f"{name}.idx": bytes(index),
        f"{name}.dict": bytes(data),
    }
    if synonyms:
        result[f"{name}.syn"] = syn
    return result


def export(selection: Selection, options: ExportOptions) -> dict[str, bytes]:
    return files(selection, options)
