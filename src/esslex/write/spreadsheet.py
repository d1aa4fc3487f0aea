"""Reading a spreadsheet (CSV, TSV) for an import: encoding, delimiter, columns, drafts.

Columns are recognised by their header (or named with --map); each row is a draft entry.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path

from esslex.errors import EsslexError, GlossaryError, Location, UsageError
from esslex.glossary.model import Equivalent, Term, is_language_tag
from esslex.text.normalize import fold_key, strip_controls
from esslex.write.drafts import Draft, RowProblem
from esslex.write.sources import parse_source

DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {
    ",": "virgule",
    ";": "point-virgule",
    "\t": "tabulation",
    "|": "barre verticale",
}

# Header names (compared once folded) → field of an entry.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "identifiant"),
    "label": ("label", "terme", "term", "libellé", "intitulé", "mot", "nom", "entrée"),
    "definition": ("définition", "definition", "déf", "description", "sens"),
    "alt_labels": (
        "synonymes",
        "alt",
        "alt_labels",
        "autres appellations",
        "variantes",
        "sigle",
    ),
    "hidden_labels": ("hidden_labels", "formes cachées"),
    "themes": ("thème", "theme", "themes", "catégorie", "domaine"),
    "related": ("voir aussi", "related", "termes associés", "associés", "renvois"),
    "sources": ("source", "sources", "référence", "références"),
    "notes": ("note", "notes", "remarque", "commentaire"),
    "broader": ("broader", "terme générique", "générique"),
    "origin": ("origin", "origine"),
    "editorial_notes": ("editorial_notes", "notes éditoriales"),
    "annotate": ("annotate",),
    "jurisdictions": ("jurisdictions", "juridictions", "portée", "territoire"),
    "equivalents": ("equivalents", "équivalents", "traductions"),
    # Written by the CSV export: the rights as one line, and the entry as JSON.
    "rights": ("rights", "droits"),
    "esslex": ("esslex",),
}
_IGNORE = ("-", "ignorer", "ignore")


def _header_key(text: str) -> str:
    # « Thème(s) », « Définition (FR) » are read as « Thème », « Définition ».
    return fold_key(re.sub(r"\([^)]*\)", " ", text))


_ALIASES = {
    _header_key(alias): name for name, aliases in FIELD_ALIASES.items() for alias in aliases
}


def field_of(name: str) -> str | None:
    return _ALIASES.get(_header_key(name))


def parse_mapping(items: Sequence[str]) -> list[tuple[str, str]]:
    """--map COLONNE=CHAMP values: (column, field or "" to ignore the column)."""
    pairs = []
    for item in items:
        column, equals, name = item.rpartition("=")
        if not equals or not column.strip():
            raise UsageError(f"--map «\u00a0{item}\u00a0»\u00a0: forme attendue COLONNE=CHAMP")
        name = name.strip()
        if name in _IGNORE:
            pairs.append((column.strip(), ""))
            continue
        target = field_of(name)
        if target is None:
            raise UsageError(
                f"--map «\u00a0{item}\u00a0»\u00a0: champ inconnu «\u00a0{name}\u00a0»\u00a0; champs"
                " admis\u00a0: label, definition, alt, theme, related, source, id, notes, -"
            )
        pairs.append((column.strip(), target))
    return pairs


def decode(data: bytes, path: Path, encoding: str | None = None) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-8 (BOM or not), UTF-16 with BOM, else cp1252."""
    where = Location(str(path))
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UsageError(f"encodage inconnu «\u00a0{encoding}\u00a0»") from None
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise GlossaryError(
                Location(where.path, line), f"le fichier n’est pas en {encoding}"
            ) from None
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "UTF-8 avec BOM"
        except UnicodeDecodeError as error:
            line = data[: error.start + 3].count(b"\n") + 1
            raise GlossaryError(
                Location(where.path, line), "octets invalides dans un fichier UTF-8"
            ) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise GlossaryError(where, "octets invalides dans un fichier UTF-16") from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise GlossaryError(
            Location(where.path, line),
            "encodage non reconnu (ni UTF-8 ni Windows-1252)\u00a0; indiquez-le avec --encoding",
        ) from None


def records(text: str, delimiter: str, first_line: int = 1) -> list[tuple[int, list[str]]]:
    """Each non-blank record with the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    found = []
    line = first_line
    for cells in reader:
        if any(cell.strip() for cell in cells):
            found.append((line, cells))
        line = first_line + reader.line_num
    return found


# Characters the delimiter is guessed from: a few hundred rows.
SNIFF_SAMPLE = 100_000


def sniff_delimiter(text: str, path: Path) -> str:
    """The delimiter that splits the header into most columns, consistently over the rows
    (the first rows: reading a large file four more times would double an import's time)."""
    sample = text if len(text) <= SNIFF_SAMPLE else text[: text.rfind("\n", 0, SNIFF_SAMPLE) + 1]
    scores: list[tuple[int, int, int, str]] = []
    for delimiter in DELIMITERS:
        try:
            rows = records(sample or text, delimiter)
        except csv.Error:
            continue
        if not rows or len(rows[0][1]) < 2:
            continue
        width = len(rows[0][1])
        consistent = sum(1 for _, cells in rows if len(cells) == width)
        preferred = 1 if delimiter == "\t" and path.suffix.lower() in (".tsv", ".tab") else 0
        scores.append((preferred, consistent, width, delimiter))
    if not scores:
        raise GlossaryError(
            Location(str(path), 1),
            "séparateur de colonnes non reconnu (essayé\u00a0: , ; tabulation |)\u00a0;"
            " indiquez-le avec --delimiter",
        )
    return max(scores)[3]


def read_rows(
    path: Path,
    data: bytes,
    mapping: Sequence[tuple[str, str]],
    delimiter: str | None,
    encoding: str | None,
) -> tuple[list[Draft], list[RowProblem], list[RowProblem], str]:
    """Drafts of a CSV/TSV file, the rows refused, notices, and how the file was read."""
    text, encoding_name = decode(data, path, encoding)
    first_line = 1
    declared = re.match(r"sep=(.)\r?\n", text)  # the line Excel writes to name the delimiter
    if declared:
        delimiter = delimiter or declared.group(1)
        text = text[declared.end() :]
        first_line = 2
    if delimiter is not None:
        from esslex.exporters.csv import parse_delimiter

        delimiter = parse_delimiter(delimiter)
    delimiter = delimiter or sniff_delimiter(text, path)
    try:
        rows = records(text, delimiter, first_line)
    except csv.Error as error:
        raise GlossaryError(Location(str(path)), f"CSV illisible ({error})") from None
    if not rows:
        raise GlossaryError(Location(str(path)), "le fichier ne contient aucune ligne")
    header_line, header = rows[0]
    columns, notices = map_columns(path, header_line, header, mapping)
    drafts: list[Draft] = []
    rejected: list[RowProblem] = []
    for line, cells in rows[1:]:
        place = f"ligne {line}"
        # Even empty, a cell too many means a delimiter inside a cell has shifted the others.
        if len(cells) > len(header):
            rejected.append(
                RowProblem(
                    place,
                    f"{len(cells)} cellules pour {len(header)} colonnes (séparateur"
                    f" «\u00a0{_show(delimiter)}\u00a0» dans une cellule non protégée par des"
                    " guillemets\u00a0?)",
                )
            )
            continue
        values: dict[str, list[str]] = {}
        for position, name in columns.items():
            cell = cells[position] if position < len(cells) else ""
            cell = strip_controls(cell, keep_newlines=True).strip()
            if cell:
                values.setdefault(name, []).append(cell)
        drafts.append(_draft_of_row(place, values, set(columns.values()), notices, str(path)))
    read_as = f"{encoding_name}, séparateur «\u00a0{_show(delimiter)}\u00a0»"
    return drafts, rejected, notices, read_as


def _show(delimiter: str) -> str:
    return _DELIMITER_NAMES.get(delimiter, delimiter)


def map_columns(
    path: Path, line: int, header: list[str], mapping: Sequence[tuple[str, str]]
) -> tuple[dict[int, str], list[RowProblem]]:
    """Column position → field, from --map first, then from the header names."""
    columns: dict[int, str] = {}
    chosen: set[int] = set()
    keys = [_header_key(name) for name in header]
    for column, name in mapping:
        if column.isdigit() and 1 <= int(column) <= len(header):
            position = int(column) - 1
        elif _header_key(column) in keys:
            position = keys.index(_header_key(column))
        else:
            listed = ", ".join(f"«\u00a0{name.strip()}\u00a0»" for name in header)
            raise UsageError(
                f"--map\u00a0: colonne «\u00a0{column}\u00a0» absente\u00a0; colonnes\u00a0: {listed}"
            )
        chosen.add(position)
        if name:
            columns[position] = name
    notices = []
    for position, name in enumerate(header):
        if position in chosen:
            continue
        target = field_of(name) if name.strip() else None
        if target is not None and target not in columns.values():
            columns[position] = target
        elif name.strip():
            notices.append(
                RowProblem(f"ligne {line}", f"colonne «\u00a0{name.strip()}\u00a0» ignorée")
            )
    for required, aliases in (("label", "label, terme, libellé"), ("definition", "définition")):
        if required not in columns.values():
            listed = ", ".join(f"«\u00a0{name.strip()}\u00a0»" for name in header)
            raise UsageError(
                f"{path}\u00a0: aucune colonne «\u00a0{required}\u00a0» ({aliases}) parmi {listed}"
                f"\u00a0; indiquez-la avec --map COLONNE={required}"
            )
    return columns, notices


def split_cell(text: str) -> list[str]:
    """The items of a cell: one per line, or separated by « ; » or « | » (else by commas)."""
    for separator in ("\n", ";", "|"):
        if separator in text:
            break
    else:
        separator = ","
    parts = re.split(r"[\n;|]" if separator != "," else ",", text)
    return [part.strip() for part in parts if part.strip()]


def _draft_of_row(
    place: str,
    values: dict[str, list[str]],
    present: set[str],
    notices: list[RowProblem],
    name: str = "",
) -> Draft:
    """The row as a draft: from its cells, or from its `esslex` cell for every cell that
    is as the CSV export wrote it."""
    from esslex.exporters.csv import as_written

    values = {key: [as_written(cell) for cell in cells] for key, cells in values.items()}

    def one(name: str) -> str:
        return "\n\n".join(values.get(name, []))

    def many(name: str) -> list[str]:
        return [item for cell in values.get(name, []) for item in split_cell(cell)]

    sources = []
    for cell in values.get("sources", []):
        for line in cell.splitlines():
            if line.strip():
                try:
                    sources.append(parse_source(line))
                except EsslexError as error:
                    notices.append(RowProblem(place, f"source ignorée\u00a0: {error.message}"))
    draft = Draft(
        place=place,
        label=" ".join(one("label").split()),
        definition=one("definition"),
        id=one("id") or None,
        alt_labels=many("alt_labels"),
        hidden_labels=many("hidden_labels"),
        themes=many("themes"),
        notes=values.get("notes", []),
        related=many("related"),
        broader=many("broader"),
        sources=sources,
        origin=one("origin"),
        editorial_notes=values.get("editorial_notes", []),
        annotate=_annotate_value(one("annotate")),
        jurisdictions=many("jurisdictions"),
        equivalents=_equivalents(place, values.get("equivalents", []), notices),
    )
    if "esslex" in values:
        return _with_exported_entry(draft, values, present, notices, name)
    return draft


# « en : social enterprise — Plan d’action…, version anglaise », as the CSV export writes it.
_EQUIVALENT_LINE = re.compile(
    r"^\s*([A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*)\s*:\s*(.+?)\s+—\s+(.+?)\s*$"
)


def _equivalents(place: str, cells: list[str], notices: list[RowProblem]) -> list[Equivalent]:
    """The equivalents of a cell, one per line « langue : terme — source »; a line without
    its source is left out, said (an equivalent is never kept without the text giving it)."""
    found = []
    for line in (line for cell in cells for line in cell.splitlines() if line.strip()):
        match = _EQUIVALENT_LINE.match(line)
        if match is None or not is_language_tag(match[1]):
            notices.append(
                RowProblem(
                    place,
                    f"équivalent «\u00a0{line.strip()}\u00a0» ignoré\u00a0: écrire «\u00a0langue"
                    "\u00a0: terme — source\u00a0»",
                )
            )
            continue
        found.append(Equivalent(match[1], match[2], match[3]))
    return found


def _annotate_value(text: str) -> str:
    # The JSON and CSV exports write « always » for the default, which a file leaves out.
    return "" if text == "always" else text


def _with_exported_entry(
    draft: Draft,
    values: dict[str, list[str]],
    present: set[str],
    notices: list[RowProblem],
    name: str,
) -> Draft:
    """`draft` with each field taken from the `esslex` cell when its cell (or its column)
    is as the export wrote it."""
    import json

    from esslex.exporters.csv import as_written, cells, neutralise
    from esslex.write.jsonsource import term_of_json

    try:
        raw = json.loads(values["esslex"][0])
    except json.JSONDecodeError:
        raw = None
    exported = term_of_json(raw, name) if isinstance(raw, dict) else None
    if not isinstance(exported, Term):
        notices.append(RowProblem(draft.place, "colonne «\u00a0esslex\u00a0» illisible, ignorée"))
        return draft
    written = cells(exported)
    taken: dict[str, object] = {}
    for key in (*_DRAFT_FIELDS, "rights"):
        expected = strip_controls(neutralise(written[key]), keep_newlines=True).strip()
        if key not in present or "\n\n".join(values.get(key, [])) == as_written(expected):
            taken[key] = _draft_value(exported, key)
        elif key == "rights":
            notices.append(
                RowProblem(draft.place, "droits changés dans le tableau\u00a0: non repris")
            )
    if "id" in taken and not raw.get("id"):
        taken.pop("id")
    return Draft(**{**draft.__dict__, **taken})


# The fields of a draft that a CSV row and the JSON of an entry both give.
_DRAFT_FIELDS = tuple(item.name for item in fields(Draft) if item.name not in ("place", "rights"))


def _draft_value(term: Term, key: str) -> object:
    value = getattr(term, key)
    return list(value) if isinstance(value, tuple) and key != "rights" else value
