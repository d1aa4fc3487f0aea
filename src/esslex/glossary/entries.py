"""The [[term]] tables of a file and their sources, each read once: checked and built in
one pass, a French message at its line made only for what is wrong."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from esslex.errors import Location
from esslex.glossary.model import (
    SOURCE_FIELDS,
    Equivalent,
    GlossaryInfo,
    Rights,
    Source,
    Term,
    is_jurisdiction,
    is_language_tag,
    resolve_rights,
)
from esslex.glossary.tables import ID_PATTERN, FileReport, bad_id_message

TERM_KEYS = (
    "id",
    "label",
    "alt_labels",
    "hidden_labels",
    "themes",
    "definition",
    "notes",
    "sources",
    "related",
    "broader",
    "origin",
    "editorial_notes",
    "annotate",
    "jurisdictions",
    "equivalents",
)
EQUIVALENT_KEYS = Equivalent._fields
# How `esslex annotate` finds the entry; "always", the default, is kept as "".
ANNOTATE_RULES = ("always", "exact", "never")
SOURCE_KEYS = SOURCE_FIELDS
# Source keys that hold an ISO date (a TOML date, or a string in that form).
SOURCE_DATE_KEYS = ("in_force_since", "checked")
_SOURCE_TEXT_KEYS = tuple(
    key for key in SOURCE_KEYS if key not in ("title", "year", "read_in", *SOURCE_DATE_KEYS)
)
# The order a source's faults are reported in, whatever the order of its keys in the file.
_SOURCE_CHECK_ORDER = ("title", "year", *_SOURCE_TEXT_KEYS, *SOURCE_DATE_KEYS, "read_in")
_LIST_KEYS = (
    "alt_labels",
    "hidden_labels",
    "themes",
    "notes",
    "related",
    "broader",
    "editorial_notes",
    "jurisdictions",
)
_UNIQUE_LIST_KEYS = frozenset(
    ("alt_labels", "hidden_labels", "themes", "related", "broader", "jurisdictions")
)
_TERM_KEY_SET = frozenset(TERM_KEYS)
_ANNOTATE_VALUES = frozenset(("", *ANNOTATE_RULES))
_SOURCE_KEY_SET = frozenset(SOURCE_KEYS)
_EQUIVALENT_KEY_SET = frozenset(EQUIVALENT_KEYS)
ENTRY = "une entrée"
SOURCE = "une source"
EQUIVALENT = "un équivalent"


@dataclass
class TermSite:
    """Where an entry was written, for messages about it."""

    path: str
    line: int | None
    key_lines: dict[str, int] = field(default_factory=dict)

    def at(self, key: str | None = None) -> Location:
        if key is not None and key in self.key_lines:
            return Location(self.path, self.key_lines[key])
        return Location(self.path, self.line)


def read_entries(
    document: dict[str, Any], report: FileReport, info: GlossaryInfo
) -> tuple[list[Term], dict[str, TermSite]]:
    """The entries of the [[term]] tables, each id once, and where each was written."""
    name, lines = report.path, report.lines
    terms: list[Term] = []
    sites: dict[str, TermSite] = {}
    # Lines of each entry's keys, grouped once (a scan per entry is quadratic).
    term_key_lines: dict[int, dict[str, int]] = {}
    for (table, pos, key), line in lines.keys.items():
        if table == "term":
            term_key_lines.setdefault(pos, {})[key] = line
    rights_of_origin: dict[str, Rights] = {}
    # Without lines (not located), every entry is at the same unknown place: one site.
    unknown_site = None if lines.tables or lines.keys else TermSite(name, None, {})
    for position, raw in enumerate(report.tables(document, "term")):
        term = read_entry(raw, position, report, info, rights_of_origin)
        if term is None:
            continue
        if term.id in sites:
            report.error(
                "duplicate-id",
                f"identifiant «\u00a0{term.id}\u00a0» déjà utilisé ligne {sites[term.id].line}",
                report.at("term", position),
            )
            continue
        sites[term.id] = unknown_site or TermSite(
            name, lines.line_of("term", position), term_key_lines.get(position, {})
        )
        terms.append(term)
    return terms, sites


def read_entry(
    raw: dict[str, Any],
    position: int,
    report: FileReport,
    info: GlossaryInfo,
    rights_of_origin: dict[str, Rights],
) -> Term | None:
    """The entry of the `[[term]]` table at `position`, and a finding in `report` for each
    fault (the faulty value then read as absent); None without an id.

    Every entry of a large file goes through here: each value gets the cheapest test that
    tells it right (a type, `"".join` for a list of strings), and only a wrong one has its
    line looked up and its message made; the findings come in a fixed order (unknown keys,
    id, label, definition, lists, sources, origin), whatever the order of the keys."""
    if not raw.keys() <= _TERM_KEY_SET:
        where = report.at("term", position)
        report.unknown_keys(raw, TERM_KEYS, ENTRY, where, report.key_locator("term", position))
    # Any: each is a string once tested (or replaced by "" with a finding).
    term_id: Any = raw.get("id")
    label: Any = raw.get("label")
    definition: Any = raw.get("definition")
    id_written, label_written = type(term_id) is str, type(label) is str
    definition_written = type(definition) is str
    if not id_written:
        term_id = report.text(raw, "id", ENTRY, report.at("term", position, "id"), True)
    if not label_written:
        label = report.text(raw, "label", ENTRY, report.at("term", position, "label"), True)
    if not definition_written:
        where = report.at("term", position, "definition")
        definition = report.text(raw, "definition", ENTRY, where, True)
    if id_written and not ID_PATTERN.match(term_id):
        report.error("bad-id", bad_id_message(term_id), report.at("term", position, "id"))
    label, definition = label.strip(), clean_block(definition)
    if label_written and not label:
        report.error("empty-label", "libellé vide", report.at("term", position, "label"))
    if definition_written and not definition:
        report.error(
            "empty-definition",
            f"définition vide pour «\u00a0{term_id}\u00a0»",
            report.at("term", position, "definition"),
        )

    lists: list[tuple[str, ...]] = []
    for key in _LIST_KEYS:
        value = raw.get(key)
        if value is None:  # absent (TOML has no null; JSON's null reads as absent)
            lists.append(())
            continue
        if type(value) is list:
            try:
                "".join(value)  # the quickest test that every item is a string
            except TypeError:
                pass
            else:
                if len(value) > 1 and key in _UNIQUE_LIST_KEYS:
                    value = dict.fromkeys(value)
                lists.append(tuple(value))
                continue
        lists.append(report.texts(raw, key, report.at("term", position, key)))
    alt_labels, hidden_labels, themes, notes, related, broader, editorial_notes, places = lists
    if places and not all(map(is_jurisdiction, places)):
        places = _known_jurisdictions(places, report, report.at("term", position, "jurisdictions"))
    equivalents = read_equivalents(raw.get("equivalents"), report, position)

    sources = read_sources(raw.get("sources"), report, position)
    origin = raw.get("origin", "")
    if type(origin) is not str:
        origin = report.text(raw, "origin", ENTRY, report.at("term", position, "origin"))
    annotate = raw.get("annotate", "")
    if type(annotate) is not str or annotate not in _ANNOTATE_VALUES:
        where = report.at("term", position, "annotate")
        annotate = report.text(raw, "annotate", ENTRY, where)
        if annotate:
            report.error(
                "wrong-value",
                f"«\u00a0annotate\u00a0» vaut {', '.join(ANNOTATE_RULES)}, pas"
                f" «\u00a0{annotate}\u00a0»",
                where,
            )
        annotate = ""
    if not term_id:
        return None
    if sources and any(source.declares_rights for source in sources):
        rights = resolve_rights(sources, origin, info)
    elif origin in rights_of_origin:
        rights = rights_of_origin[origin]
    else:
        rights = rights_of_origin[origin] = info.origin_rights(origin)
    # Positional, in the order of `Term`'s fields: the quickest to build.
    return Term(
        term_id,
        label,
        definition,
        alt_labels,
        hidden_labels,
        themes,
        tuple(map(clean_block, notes)) if notes else (),
        sources,
        related,
        broader,
        (),
        origin,
        report.path,
        rights,
        tuple(map(clean_block, editorial_notes)) if editorial_notes else (),
        "" if annotate == "always" else annotate,
        places,
        equivalents,
    )


def _known_jurisdictions(
    codes: tuple[str, ...], report: FileReport, where: Location
) -> tuple[str, ...]:
    for code in codes:
        if not is_jurisdiction(code):
            report.error(
                "wrong-value",
                f"juridiction « {code} » inconnue : un code ISO 3166 (FR, BE,"
                " BE-WAL, BE-BRU…), EU ou INT",
                where,
            )
    return tuple(filter(is_jurisdiction, codes))


def read_equivalents(raw: Any, report: FileReport, position: int) -> tuple[Equivalent, ...]:
    """The entry's `[[term.equivalents]]`: each with a language tag, a label and the text
    that gives it; one that lacks any of them is left out with a finding."""
    if raw is None:
        return ()
    where = report.at("term", position, "equivalents")
    if type(raw) is not list or not all(type(item) is dict for item in raw):
        report.error(
            "wrong-type",
            "« equivalents » doit être un tableau de tables ([[term.equivalents]])",
            where,
        )
        return ()
    found = []
    for item in raw:
        if not item.keys() <= _EQUIVALENT_KEY_SET:
            report.unknown_keys(item, EQUIVALENT_KEYS, EQUIVALENT, where)
        lang = report.text(item, "lang", EQUIVALENT, where, required=True)
        label = report.text(item, "label", EQUIVALENT, where, required=True).strip()
        source = report.text(item, "source", EQUIVALENT, where, required=True).strip()
        url = report.text(item, "url", EQUIVALENT, where).strip()
        if lang and not is_language_tag(lang):
            report.error(
                "wrong-value",
                f"« {lang} » n’est pas une étiquette de langue (BCP 47 : en, es, nl)",
                where,
            )
            continue
        if lang and label and source:
            found.append(Equivalent(lang, label, source, url))
    return tuple(dict.fromkeys(found))  # an equivalent written twice is one


def read_sources(raw: Any, report: FileReport, position: int) -> tuple[Source, ...]:
    """The sources of the entry at `position` (`[[term.sources]]`), each value tested once:
    an empty string is read as absent, a wrong value as absent with a finding; a source
    without a title is left out."""
    if raw is None:
        return ()
    if type(raw) is dict:
        raw = [raw]
    if type(raw) is not list or not all(type(item) is dict for item in raw):
        report.error(
            "wrong-type",
            "«\u00a0sources\u00a0» doit être un tableau de tables ([[term.sources]])",
            report.at("term", position, "sources"),
        )
        return ()
    sources = []
    for item in raw:
        fields = item
        if not item.keys() <= _SOURCE_KEY_SET:
            where = report.at("term", position, "sources")
            report.unknown_keys(item, SOURCE_KEYS, SOURCE, where)
            fields = {key: value for key, value in item.items() if key in _SOURCE_KEY_SET}
        wrong: list[str] | None = None
        own = fields is not item  # whether `fields` may be changed (never the document's)
        for key, value in list(fields.items()) if own else item.items():
            read: Any
            if type(value) is str and key not in _SOURCE_READERS:
                if value:
                    continue
                read = None  # an empty field is read as absent
            elif (key == "year" and type(value) is int) or value is None:  # JSON's null: absent
                continue
            else:
                reader = _SOURCE_READERS.get(key)
                read = reader(value) if reader else None
                if read is value:
                    continue
                if read is None:
                    wrong = [*(wrong or ()), key]
            if not own:
                fields, own = dict(item), True
            fields[key] = read
        title = fields.get("title")
        if not title and item.get("title") is None:  # absent (or JSON's null): required
            wrong = [*(wrong or ()), "title"]
        if wrong:
            where = report.at("term", position, "sources")
            for key in sorted(wrong, key=_SOURCE_CHECK_ORDER.index):
                _report_source_fault(item, key, report, where)
        if title:
            sources.append(Source(**fields))
    return tuple(sources)


def _report_source_fault(
    item: dict[str, Any], key: str, report: FileReport, where: Location
) -> None:
    if key == "year":
        report.error("wrong-type", "«\u00a0year\u00a0» doit être un entier (ex. 2014)", where)
    elif key in SOURCE_DATE_KEYS:
        report.error(
            "wrong-type", f"«\u00a0{key}\u00a0» doit être une date (ex. {key} = 2024-06-01)", where
        )
    elif key == "read_in":
        report.error(
            "wrong-type",
            '«\u00a0read_in\u00a0» doit être une table { title = "…", url = "…" }',
            where,
        )
    else:
        report.text(item, key, SOURCE, where, required=key == "title")


def _year(value: Any) -> int | None:
    return value if type(value) is int else None


def iso_date(value: Any) -> str | None:
    """An ISO date (`2024-06-01`) from a TOML date or a string in that form; None else."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    return None


def copy_read(value: Any) -> tuple[str, str] | None:
    """`read_in = { title, url }` as (title, url); None when absent or malformed."""
    if type(value) is not dict or not value.keys() <= {"title", "url"}:
        return None
    title, url = value.get("title", ""), value.get("url", "")
    if type(title) is not str or type(url) is not str or not (title or url):
        return None
    return (title, url)


# The source keys whose value is not a plain string: each read (or refused, None) here.
_SOURCE_READERS: dict[str, Callable[[Any], Any]] = {
    "year": _year,
    "in_force_since": iso_date,
    "checked": iso_date,
    "read_in": copy_read,
}


def clean_block(text: str) -> str:
    """The text with plain line breaks, no white space ending a line nor around it."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join([line.rstrip() for line in text.split("\n")]).strip()
