"""Import of a spreadsheet glossary (CSV, TSV) or of esslex's own JSON export.

Columns are recognised by their header, case and accents aside (or named with --map); the
rows that cannot become entries are listed with their line and the reason, the rest are
imported into a new glossary file, checked with the loader before it is written. esslex's
own CSV export carries each entry whole in its `esslex` column: a cell left as exported is
read from it exactly, a cell changed in a spreadsheet is read as written.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

from esslex.errors import (
    AmbiguousTerm,
    EsslexError,
    GlossaryError,
    Location,
    UsageError,
    os_error_text,
)
from esslex.glossaries import files_around, with_candidate
from esslex.glossary.loader import GlossaryFile, build_glossary_file
from esslex.glossary.model import Glossary, Rights, Source, Term, Theme
from esslex.text.normalize import fold_key, slug, strip_controls
from esslex.write.authoring import (
    EntryRefused,
    choose_id,
    entry_block,
    parse_source,
    table_block,
    title_of,
)

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


@dataclass(frozen=True)
class RowProblem:
    place: str
    reason: str

    def __str__(self) -> str:
        return f"{self.place}\u00a0: {self.reason}"

    def as_dict(self) -> dict[str, str]:
        return {"place": self.place, "reason": self.reason}


@dataclass
class Draft:
    """One row or JSON entry, as read, before ids and links are settled."""

    place: str
    label: str
    definition: str
    id: str | None = None
    alt_labels: list[str] = field(default_factory=list)
    hidden_labels: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    origin: str = ""
    editorial_notes: list[str] = field(default_factory=list)
    annotate: str = ""
    # The rights an export gave the entry (its origin's default in the exported glossary).
    rights: Rights = field(default_factory=Rights)


@dataclass
class ImportResult:
    text: str
    terms: int
    themes: int
    read_as: str
    rejected: list[RowProblem]
    notices: list[RowProblem]

    def as_dict(self) -> dict[str, object]:
        return {
            "terms": self.terms,
            "themes_created": self.themes,
            "read_as": self.read_as,
            "rejected": [problem.as_dict() for problem in self.rejected],
            "notices": [problem.as_dict() for problem in self.notices],
        }


# --- Reading the spreadsheet ----------------------------------------------------------------


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


def sniff_delimiter(text: str, path: Path) -> str:
    """The delimiter that splits the header into most columns, consistently over the rows."""
    scores: list[tuple[int, int, int, str]] = []
    for delimiter in DELIMITERS:
        try:
            rows = records(text, delimiter)
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
    )
    if "esslex" in values:
        return _with_exported_entry(draft, values, present, notices, name)
    return draft


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
    from esslex.exporters.csv import as_written, cells, neutralise

    try:
        raw = json.loads(values["esslex"][0])
    except json.JSONDecodeError:
        raw = None
    exported = _term_of_json(raw, name) if isinstance(raw, dict) else None
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


# --- Reading esslex's JSON export -----------------------------------------------------------


def read_json(path: Path, data: bytes) -> tuple[list[Draft], list[RowProblem], list[Theme]]:
    """Drafts of an esslex JSON export, the entries refused, and its themes."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        line = getattr(error, "lineno", None)
        raise GlossaryError(Location(str(path), line), "JSON illisible") from None
    if isinstance(document, list):
        document = {"terms": document}
    if not isinstance(document, dict) or not isinstance(document.get("terms"), list):
        raise GlossaryError(
            Location(str(path)),
            "ce JSON n’est pas un export d’esslex (liste «\u00a0terms\u00a0» attendue)",
        )
    if not isinstance(document.get("themes") or [], list):
        raise GlossaryError(
            Location(str(path)), "«\u00a0themes\u00a0» doit être une liste de thèmes"
        )
    from esslex.glossary.serialize import SCHEMA_VERSION

    version = document.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise GlossaryError(
            Location(str(path)),
            f"version de format {version} non prise en charge (cette version d’esslex lit"
            f" jusqu’à la {SCHEMA_VERSION})",
        )
    drafts: list[Draft] = []
    rejected: list[RowProblem] = []
    themes = []
    for number, raw in enumerate(document.get("themes") or [], 1):
        theme = _theme_of_json(f"thème n°\u00a0{number}", raw, str(path))
        if isinstance(theme, Theme):
            themes.append(theme)
        else:
            rejected.append(theme)
    for number, raw in enumerate(document["terms"], 1):
        place = f"entrée n°\u00a0{number}"
        if not isinstance(raw, dict):
            rejected.append(RowProblem(place, "une entrée doit être un objet JSON"))
            continue
        if isinstance(raw.get("id"), str):
            place += f" («\u00a0{raw['id']}\u00a0»)"
        draft = _draft_of_json(place, raw, str(path))
        if isinstance(draft, Draft):
            drafts.append(draft)
        else:
            rejected.append(draft)
    return drafts, rejected, themes


# What the JSON export adds to an entry: derived (`narrower`, found again when the new file
# is loaded; `rights`, written as its origin's default) or local to the exporting machine
# (`glossary`); not read as fields of the entry.
_EXPORT_ONLY_KEYS = ("narrower", "rights", "glossary")


def _theme_of_json(place: str, raw: object, name: str) -> Theme | RowProblem:
    """The theme checked and read as the loader reads a `[[theme]]` table."""
    from esslex.glossary.tomlsyntax import LineIndex

    if not isinstance(raw, dict):
        return RowProblem(place, "un thème doit être un objet JSON")
    read = build_glossary_file({"theme": [raw]}, name, LineIndex())
    if read.findings or not read.themes:
        return RowProblem(place, "\u00a0; ".join(finding.message for finding in read.findings))
    return read.themes[0]


def _term_of_json(raw: dict[str, object], name: str) -> Term | RowProblem:
    """The entry checked and read as the loader reads a `[[term]]` table (one rule, one
    wording for both), with the rights the export gave it; what the loader finds wrong
    with it otherwise (its place left to the caller)."""
    from esslex.glossary.tomlsyntax import LineIndex

    table = {key: value for key, value in raw.items() if key not in _EXPORT_ONLY_KEYS}
    if table.get("annotate") == "always":
        table.pop("annotate")
    label = raw.get("label")
    if not raw.get("id") and isinstance(label, str):
        # An entry without id (a list written by hand) gets one when settled, as a row does.
        table["id"] = slug(label) or "entree"
    read = build_glossary_file({"term": [table]}, name, LineIndex())
    if read.findings or not read.terms:
        return RowProblem("", "\u00a0; ".join(finding.message for finding in read.findings))
    return read.terms[0]._replace(rights=_rights_of_json(raw.get("rights")))


def _rights_of_json(raw: object) -> Rights:
    if not isinstance(raw, dict):
        return Rights()
    keys = ("statement", "licence", "licence_url", "author")
    return Rights(*(raw[key] if isinstance(raw.get(key), str) else "" for key in keys))


def _draft_of_json(place: str, raw: dict[str, object], name: str) -> Draft | RowProblem:
    """The entry of a JSON export as a draft, or why the loader refuses it."""
    term = _term_of_json(raw, name)
    if isinstance(term, RowProblem):
        return RowProblem(place, term.reason)
    return Draft(
        place=place,
        label=term.label,
        definition=term.definition,
        id=term.id if raw.get("id") else None,
        alt_labels=list(term.alt_labels),
        hidden_labels=list(term.hidden_labels),
        themes=list(term.themes),
        notes=list(term.notes),
        related=list(term.related),
        broader=list(term.broader),
        sources=list(term.sources),
        origin=term.origin,
        editorial_notes=list(term.editorial_notes),
        annotate=term.annotate,
        rights=term.rights,
    )


# --- From drafts to a glossary file ---------------------------------------------------------


@dataclass
class _Settled:
    draft: Draft
    id: str
    label: str
    definition: str


class _Names:
    """Entries found by id, label or alternative label, case and accents aside."""

    def __init__(self) -> None:
        self.by_key: dict[str, str] = {}

    def add(self, term_id: str, names: Iterable[str]) -> None:
        self.by_key.setdefault(term_id, term_id)
        for name in names:
            if fold_key(name):
                self.by_key.setdefault(fold_key(name), term_id)

    def find(self, name: str) -> str | None:
        return self.by_key.get(name) or self.by_key.get(fold_key(name))


def _context_link(context: Glossary, name: str) -> tuple[str | None, str]:
    """An entry of the glossaries in use, named as every command names one: its id, and how
    it was understood when it was not named exactly (a notice for the user)."""
    from esslex.errors import TermNotFound
    from esslex.find import resolve

    try:
        found = resolve.entry(context, name)
    except (TermNotFound, AmbiguousTerm):
        return None, ""
    if found.kind in ("exact", "folded", "id"):
        return found.term.id, ""
    return found.term.id, f"«\u00a0{name}\u00a0» compris comme «\u00a0{found.term.label}\u00a0»"


def settle(
    drafts: Sequence[Draft],
    context: Glossary,
    override: bool,
    declared_themes: Sequence[Theme] = (),
) -> tuple[list[Term], list[Theme], list[RowProblem], list[RowProblem]]:
    """Ids, themes and links of the drafts: the entries, the new themes, refusals, notices."""
    rejected: list[RowProblem] = []
    notices: list[RowProblem] = []
    settled: list[_Settled] = []
    taken: dict[str, str] = {}
    labels: dict[str, str] = {}
    names = _Names()
    for draft in drafts:
        label = strip_controls(draft.label, keep_newlines=False).strip()
        definition = strip_controls(draft.definition).strip()
        try:
            if not label:
                raise EntryRefused("libellé vide")
            if not definition:
                raise EntryRefused(f"définition vide pour «\u00a0{label}\u00a0»")
            if fold_key(label) in labels:
                raise EntryRefused(f"même libellé que {labels[fold_key(label)]}")
            term_id, replaced = choose_id(context, label, draft.id, override, taken)
        except EntryRefused as refusal:
            rejected.append(RowProblem(draft.place, refusal.reason))
            continue
        if replaced is not None:
            notices.append(
                RowProblem(draft.place, f"remplace «\u00a0{term_id}\u00a0» de {replaced.glossary}")
            )
        taken[term_id] = draft.place
        labels[fold_key(label)] = draft.place
        names.add(term_id, [label, *draft.alt_labels])
        settled.append(_Settled(draft, term_id, label, definition))

    themes = _ThemeCatalogue(context, declared_themes)
    terms = []
    for entry in settled:
        draft = entry.draft
        theme_ids = []
        for name in draft.themes:
            theme_id = themes.resolve(name)
            if theme_id is None:
                notices.append(RowProblem(draft.place, f"thème «\u00a0{name}\u00a0» ignoré"))
            else:
                theme_ids.append(theme_id)
        links: dict[str, list[str]] = {"related": [], "broader": []}
        for key, wanted in (("related", draft.related), ("broader", draft.broader)):
            for name in wanted:
                target, understood = names.find(name), ""
                if target is None:
                    target, understood = _context_link(context, name)
                if understood:
                    notices.append(RowProblem(draft.place, understood))
                if target is None:
                    what = "voir aussi" if key == "related" else key
                    notices.append(
                        RowProblem(
                            draft.place,
                            f"«\u00a0{what}\u00a0»\u00a0: «\u00a0{name}\u00a0» ne correspond à"
                            " aucune entrée\u00a0; lien ignoré",
                        )
                    )
                elif target != entry.id:
                    links[key].append(target)
        terms.append(
            Term(
                id=entry.id,
                label=entry.label,
                definition=entry.definition,
                alt_labels=_clean(draft.alt_labels, exclude=entry.label),
                hidden_labels=_clean(draft.hidden_labels, exclude=entry.label),
                themes=tuple(dict.fromkeys(theme_ids)),
                notes=tuple(note.strip() for note in draft.notes if note.strip()),
                sources=tuple(draft.sources),
                related=tuple(dict.fromkeys(links["related"])),
                broader=tuple(dict.fromkeys(links["broader"])),
                origin=draft.origin,
                editorial_notes=tuple(
                    note.strip() for note in draft.editorial_notes if note.strip()
                ),
                annotate=draft.annotate,
                rights=draft.rights,
            )
        )
    return terms, themes.created(), rejected, notices


def _clean(items: Iterable[str], exclude: str) -> tuple[str, ...]:
    cleaned = (strip_controls(item, keep_newlines=False).strip() for item in items)
    return tuple(
        dict.fromkeys(item for item in cleaned if item and fold_key(item) != fold_key(exclude))
    )


class _ThemeCatalogue:
    """Themes of the glossaries in use, named as every command names one; any other theme
    named is created in the new file."""

    def __init__(self, context: Glossary, declared: Sequence[Theme]) -> None:
        self.context = context
        self.declared = {theme.id: theme for theme in declared}
        self.new: dict[str, Theme] = {}

    def resolve(self, name: str) -> str | None:
        from esslex.errors import AmbiguousTheme, ThemeNotFound
        from esslex.find import resolve

        if name in self.declared or slug(name) in self.new:
            theme = self.declared.get(name) or self.new[slug(name)]
            self.new.setdefault(theme.id, theme)
            return theme.id
        known = [t for t in self.new.values() if fold_key(t.label) == fold_key(name)]
        if known:
            return known[0].id
        try:
            return resolve.theme(self.context, name).id
        except (ThemeNotFound, AmbiguousTheme):
            pass
        theme_id = slug(name)
        if not theme_id:
            return None
        theme = Theme(theme_id, " ".join(name.split()))
        self.new.setdefault(theme.id, theme)
        return theme.id

    def created(self) -> list[Theme]:
        # Declared themes (a JSON export) keep their order: it is the handouts' order.
        order = {theme_id: position for position, theme_id in enumerate(self.declared)}
        return sorted(self.new.values(), key=lambda theme: order.get(theme.id, len(order)))


# --- The whole import -----------------------------------------------------------------------


def import_file(
    path: Path,
    output: Path,
    load_order: Sequence[Path],
    *,
    mapping: Sequence[tuple[str, str]] = (),
    delimiter: str | None = None,
    encoding: str | None = None,
    title: str | None = None,
    override: bool = False,
) -> ImportResult:
    """Read `path`, build the glossary file to write at `output`, check it, return it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise GlossaryError(
            Location(str(path)), f"lecture impossible ({os_error_text(error)})"
        ) from None
    # The glossaries in use, without the file about to be replaced.
    files, _, context = files_around(load_order, output, None)
    declared: list[Theme] = []
    if path.suffix.lower() == ".json" or data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        drafts, rejected, declared = read_json(path, data)
        notices: list[RowProblem] = []
        read_as = "export JSON d’esslex"
    else:
        drafts, rejected, notices, read_as = read_rows(path, data, mapping, delimiter, encoding)
    terms, themes, refused, more = settle(drafts, context, override, declared)
    rejected += refused
    notices += more
    rejected.sort(key=_place_order)
    notices.sort(key=_place_order)
    origins, conflicts = origins_of(terms)
    notices += conflicts
    text = glossary_text(path, output, terms, themes, title, origins)
    if terms:
        _check(text, output, files)
    return ImportResult(text, len(terms), len(themes), read_as, rejected, notices)


def _place_order(problem: RowProblem) -> tuple[bool, int]:
    # A JSON export's themes before its entries, each in file order.
    number = re.search(r"\d+", problem.place)
    return not problem.place.startswith("thème"), int(number.group()) if number else 0


def origins_of(terms: Sequence[Term]) -> tuple[dict[str, Rights], list[RowProblem]]:
    """The default rights to declare for each origin, so that each entry's rights, as
    exported, are found again when the new file is loaded; the entries whose rights
    another entry of the same origin contradicts."""
    origins: dict[str, Rights] = {}
    conflicts = []
    for term in terms:
        if not term.rights or any(source.declares_rights for source in term.sources):
            continue  # no rights, or rights that its sources give again
        known = origins.setdefault(term.origin, term.rights)
        if known != term.rights:
            conflicts.append(
                RowProblem(
                    f"entrée «\u00a0{term.id}\u00a0»",
                    f"droits «\u00a0{term.rights.text()}\u00a0» non repris\u00a0: l’origine"
                    f" «\u00a0{term.origin}\u00a0» a ceux d’une autre entrée",
                )
            )
    return origins, conflicts


def glossary_text(
    source: Path,
    output: Path,
    terms: Sequence[Term],
    themes: Sequence[Theme],
    title: str | None,
    origins: dict[str, Rights] | None = None,
) -> str:
    import tomli_w

    from esslex.glossary.serialize import rights_to_dict, theme_to_dict

    # Not the export's own `glossary` block: it describes the first glossary loaded (and its
    # licence), not necessarily the entries exported; the entries' rights are their own.
    info: dict[str, object] = {
        "id": slug(output.stem) or "import",
        "title": title or title_of(source.stem),
    }
    info["language"] = "fr"
    if origins:
        info["origins"] = {name: rights_to_dict(rights) for name, rights in origins.items()}
    blocks = [tomli_w.dumps({"glossary": info})]
    blocks += [table_block("theme", theme_to_dict(theme)) for theme in themes]
    blocks += [entry_block(term) for term in terms]
    # A file name may hold a line break (the rest would leave the comment) or undecodable bytes.
    name = strip_controls(source.name, keep_newlines=False)
    head = (
        f"# Glossaire importé de «\u00a0{name}\u00a0» par «\u00a0esslex import\u00a0».\n"
        "# Vérifiez-le avec «\u00a0esslex check\u00a0» ; ajoutez-y des entrées avec «\u00a0esslex"
        " add --to\u00a0» ou à la main.\n\n"
    )
    return head + "\n".join(blocks)


def _check(text: str, output: Path, files: Sequence[GlossaryFile]) -> None:
    """The new file, among the glossaries in use, must load without error."""
    _, error = with_candidate(files, text, output)
    if error is not None:
        raise GlossaryError(
            error.location, f"le glossaire importé serait invalide\u00a0: {error.message}"
        )
