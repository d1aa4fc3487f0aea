"""Find, read and validate glossary files, then assemble them into one Glossary."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FunctionType
from typing import TYPE_CHECKING, Any

from esslex.errors import GlossaryError, Location
from esslex.glossary.files import read_input
from esslex.glossary.model import (
    SOURCE_FIELDS,
    Glossary,
    GlossaryInfo,
    Rights,
    Source,
    Term,
    Theme,
    is_language_tag,
    resolve_rights,
)

# bundled_path is re-exported: it lived here before esslex.glossary.paths.
from esslex.glossary.paths import bundled_path as bundled_path
from esslex.glossary.paths import glossary_paths
from esslex.text.normalize import slug

if TYPE_CHECKING:
    from esslex.glossary.issues import Finding
    from esslex.glossary.tomlsyntax import LineIndex

# The TOML parser, the line scanner, findings and difflib are imported where used: a cached
# glossary needs none of them (start-up time).

# \Z, not $: "$" lets a final line break through ("a\n"), then into URIs and file names.
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")

TOP_KEYS = ("glossary", "theme", "term")
GLOSSARY_KEYS = (
    "id",
    "title",
    "language",
    "version",
    "publishers",
    "description",
    "licence",
    "origins",
)
RIGHTS_KEYS = ("rights", "licence", "licence_url")
ORIGIN_KEYS = (*RIGHTS_KEYS, "author")
THEME_KEYS = ("id", "label", "description")
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
)
ANNOTATE_RULES = ("always", "exact", "never")
SOURCE_KEYS = SOURCE_FIELDS
# Source keys that hold an ISO date (a TOML date, or a string in that form).
SOURCE_DATE_KEYS = ("in_force_since", "checked")
_SOURCE_TEXT_KEYS = tuple(
    key for key in SOURCE_KEYS if key not in ("title", "year", "read_in", *SOURCE_DATE_KEYS)
)
_LIST_KEYS = (
    "alt_labels",
    "hidden_labels",
    "themes",
    "notes",
    "related",
    "broader",
    "editorial_notes",
)


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


@dataclass
class GlossaryFile:
    """One file, read and checked on its own (relations not yet resolved)."""

    path: str
    info: GlossaryInfo
    themes: list[Theme]
    terms: list[Term]
    sites: dict[str, TermSite]
    theme_sites: dict[str, Location]
    findings: list[Finding]


def _display_path(path: Path) -> str:
    return str(path)


def read_text(path: Path) -> str:
    """The file's text, or a GlossaryError saying in French why it cannot be read."""
    where = Location(_display_path(path))
    data = read_input(path)  # a regular file of a bounded size, or a French reason
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise GlossaryError(
            Location(where.path, line),
            f"le fichier n’est pas en UTF-8 (octet 0x{data[error.start]:02x} invalide)",
        ) from None


# Above this size, the compiled `tomli` wheel parses about twice as fast as `tomllib`.
COMPILED_PARSER_ABOVE = 1_000_000


def parse_document(text: str, path: str) -> dict[str, Any]:
    from esslex.glossary import tomlsyntax

    tomlsyntax.refuse_long_keys(text, path)  # before either parser: both are quadratic there
    if len(text) > COMPILED_PARSER_ABOVE:
        document = _parse_compiled(text)
        if document is not None:
            return document
    try:
        return tomlsyntax.parse(text)
    except tomlsyntax.TOMLDecodeError as error:
        syntax = tomlsyntax.describe_decode_error(error, text)
        raise GlossaryError(Location(path, syntax.line), syntax.message) from None
    except RecursionError:
        raise GlossaryError(Location(path), "structure TOML trop profondément imbriquée") from None


def _parse_compiled(text: str) -> dict[str, Any] | None:
    """The document parsed by a compiled `tomli`; None without one, or on an error (which
    the standard parser then reports, with its usual messages)."""
    try:
        import tomli
    except ImportError:
        return None
    if isinstance(tomli.loads, FunctionType):  # compiled (mypyc), it is a built-in
        return None
    try:
        return tomli.loads(text)
    except Exception:
        return None


class _Collector:
    def __init__(self, path: str, lines: LineIndex) -> None:
        self.path = path
        self.lines = lines
        self.findings: list[Finding] = []

    def at(self, table: str, position: int, key: str | None = None) -> Location:
        return Location(self.path, self.lines.line_of(table, position, key))

    def key_locator(self, table: str, position: int) -> Callable[[str], Location]:
        """Where each key of a table is written (the table's header when not found)."""
        return lambda key: self.at(table, position, key)

    def error(self, code: str, message: str, where: Location) -> None:
        from esslex.glossary.issues import Finding, Level

        self.findings.append(Finding(Level.ERROR, code, message, where))

    def unknown_keys(
        self,
        table: dict[str, Any],
        allowed: Sequence[str],
        what: str,
        where: Location,
        locate: Callable[[str], Location] | None = None,
    ) -> None:
        for key in table:
            if key in allowed:
                continue
            import difflib

            guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f" (vouliez-vous dire «\u00a0{guess[0]}\u00a0»\u00a0?)" if guess else ""
            allowed_list = ", ".join(allowed)
            self.error(
                "unknown-field",
                f"champ inconnu «\u00a0{key}\u00a0» dans {what}{hint}\u00a0; champs admis\u00a0: {allowed_list}",
                locate(key) if locate else where,
            )

    def text(
        self, table: dict[str, Any], key: str, what: str, where: Location, required: bool = False
    ) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.error(
                    "missing-field",
                    f"champ obligatoire «\u00a0{key}\u00a0» absent dans {what}",
                    where,
                )
            return ""
        if not isinstance(value, str):
            self.error(
                "wrong-type",
                f"«\u00a0{key}\u00a0» doit être une chaîne de caractères, pas {_type_name(value)}",
                where,
            )
            return ""
        return value

    def texts(self, table: dict[str, Any], key: str, where: Location) -> tuple[str, ...]:
        value = table.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            self.error(
                "wrong-type",
                f'«\u00a0{key}\u00a0» doit être une liste de chaînes, par exemple {key} = ["…"]',
                where,
            )
            return ()
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.error("wrong-type", f"«\u00a0{key}\u00a0» doit être une liste de chaînes", where)
            return ()
        return tuple(value)


def _type_name(value: object) -> str:
    names = {
        bool: "un booléen",
        int: "un entier",
        float: "un nombre",
        list: "une liste",
        dict: "une table",
    }
    return names.get(type(value), "une valeur d’un autre type")


def _tables(document: dict[str, Any], key: str, collector: _Collector) -> list[dict[str, Any]]:
    value = document.get(key, [])
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        collector.error(
            "wrong-type",
            f"«\u00a0{key}\u00a0» doit être un tableau de tables ([[{key}]])",
            collector.at("", 0, key),
        )
        return []
    return value


def _read_sources(raw: Any, collector: _Collector, where: Location) -> tuple[Source, ...]:
    if raw is None:
        return ()
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        collector.error(
            "wrong-type",
            "«\u00a0sources\u00a0» doit être un tableau de tables ([[term.sources]])",
            where,
        )
        return ()
    sources = []
    for item in raw:
        collector.unknown_keys(item, SOURCE_KEYS, "une source", where)
        title = collector.text(item, "title", "une source", where, required=True)
        year = item.get("year")
        if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
            collector.error(
                "wrong-type", "«\u00a0year\u00a0» doit être un entier (ex. 2014)", where
            )
            year = None
        fields: dict[str, Any] = {
            name: collector.text(item, name, "une source", where) or None
            for name in _SOURCE_TEXT_KEYS
        }
        for name in SOURCE_DATE_KEYS:
            fields[name] = _iso_date(item.get(name))
            if item.get(name) is not None and fields[name] is None:
                collector.error(
                    "wrong-type",
                    f"« {name} » doit être une date (ex. {name} = 2024-06-01)",
                    where,
                )
        fields["read_in"] = _copy_read(item.get("read_in"))
        if item.get("read_in") is not None and fields["read_in"] is None:
            collector.error(
                "wrong-type",
                '« read_in » doit être une table { title = "…", url = "…" }',
                where,
            )
        if title:
            sources.append(Source(title=title, year=year, **fields))
    return tuple(sources)


def _iso_date(value: Any) -> str | None:
    """An ISO date (`2024-06-01`) from a TOML date or a string in that form; None else."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    return None


def _copy_read(value: Any) -> tuple[str, str] | None:
    """`read_in = { title, url }` as (title, url); None when absent or malformed."""
    if type(value) is not dict or not value.keys() <= {"title", "url"}:
        return None
    title, url = value.get("title", ""), value.get("url", "")
    if type(title) is not str or type(url) is not str or not (title or url):
        return None
    return (title, url)


def _read_origins(
    raw: Any, collector: _Collector, where: Location
) -> tuple[tuple[str, Rights], ...]:
    """[glossary.origins.<origin>] tables: the default rights of each origin's entries."""
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not all(isinstance(item, dict) for item in raw.values()):
        collector.error(
            "wrong-type",
            "«\u00a0origins\u00a0» doit contenir une table par origine ([glossary.origins.esslex])",
            where,
        )
        return ()
    origins = []
    for origin, table in raw.items():
        what = f"[glossary.origins.{origin}]"
        collector.unknown_keys(table, ORIGIN_KEYS, what, where)
        values = {key: collector.text(table, key, what, where) for key in ORIGIN_KEYS}
        origins.append(
            (
                origin,
                Rights(
                    values["rights"], values["licence"], values["licence_url"], values["author"]
                ),
            )
        )
    return tuple(origins)


def read_glossary_file(path: Path, locate: bool = True) -> GlossaryFile:
    """Read one file; raise GlossaryError if it cannot be parsed, collect the rest.

    With locate=False, findings carry no line numbers (the scan for them is skipped).
    """
    return glossary_file_from_text(read_text(path), path, locate)


def glossary_file_from_text(text: str, path: Path, locate: bool = True) -> GlossaryFile:
    """Check `text` as if it were the content of `path` (a file about to be written)."""
    name = _display_path(path)
    document = parse_document(text, name)
    if not document:
        # Nothing but blanks or comments: most likely the wrong file, so say it.
        raise GlossaryError(
            Location(name), "fichier vide\u00a0: ni table [glossary] ni entrée [[term]]"
        )
    from esslex.glossary.tomlsyntax import LineIndex

    lines = LineIndex.scan(text) if locate else LineIndex()
    del text  # hundreds of megabytes for a large file, not needed to build the entries
    return build_glossary_file(document, name, lines, path.stem)


def build_glossary_file(
    document: dict[str, Any], name: str, lines: LineIndex, stem: str = ""
) -> GlossaryFile:
    collector = _Collector(name, lines)

    def top_at(key: str) -> Location:
        # A top-level key is written `key = …` before any table, or as a `[key]` header.
        return collector.at("", 0, key) if lines.line_of("", 0, key) else collector.at(key, 0)

    collector.unknown_keys(document, TOP_KEYS, "le fichier", collector.at("", 0), top_at)

    meta = document.get("glossary", {})
    meta_where = collector.at("glossary", 0)
    if not isinstance(meta, dict):
        collector.error(
            "wrong-type", "«\u00a0glossary\u00a0» doit être une table ([glossary])", meta_where
        )
        meta = {}
    meta_at = collector.key_locator("glossary", 0)
    collector.unknown_keys(meta, GLOSSARY_KEYS, "[glossary]", meta_where, meta_at)
    info = GlossaryInfo(
        id=collector.text(meta, "id", "[glossary]", meta_at("id")) or slug(stem) or "glossaire",
        title=collector.text(meta, "title", "[glossary]", meta_at("title")) or stem or name,
        language=collector.text(meta, "language", "[glossary]", meta_at("language")) or "fr",
        version=collector.text(meta, "version", "[glossary]", meta_at("version")),
        publishers=collector.texts(meta, "publishers", meta_at("publishers")),
        description=collector.text(meta, "description", "[glossary]", meta_at("description")),
        licence=collector.text(meta, "licence", "[glossary]", meta_at("licence")),
        path=name,
        origins=_read_origins(meta.get("origins"), collector, meta_at("origins")),
    )
    _check_glossary_names(meta, info, collector, meta_at)

    themes: list[Theme] = []
    theme_sites: dict[str, Location] = {}
    for position, raw in enumerate(_tables(document, "theme", collector)):
        where = collector.at("theme", position)
        theme_at = collector.key_locator("theme", position)
        collector.unknown_keys(raw, THEME_KEYS, "un thème", where, theme_at)
        theme_id = collector.text(raw, "id", "un thème", theme_at("id"), required=True)
        label = collector.text(raw, "label", "un thème", theme_at("label"), required=True)
        if theme_id and not ID_PATTERN.match(theme_id):
            collector.error(
                "bad-id", _bad_id_message(theme_id), collector.at("theme", position, "id")
            )
        if theme_id in theme_sites:
            collector.error(
                "duplicate-id",
                f"thème «\u00a0{theme_id}\u00a0» déjà déclaré ligne {theme_sites[theme_id].line}",
                where,
            )
            continue
        if theme_id:
            theme_sites[theme_id] = where
            themes.append(
                Theme(
                    theme_id,
                    label,
                    collector.text(raw, "description", "un thème", theme_at("description")),
                )
            )

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
    for position, raw in enumerate(_tables(document, "term", collector)):
        plain = _plain_entry(raw, name, info, rights_of_origin)
        if plain is not None and plain.id not in sites:
            sites[plain.id] = unknown_site or TermSite(
                name, lines.line_of("term", position), term_key_lines.get(position, {})
            )
            terms.append(plain)
            continue
        where = collector.at("term", position)

        def at(key: str, position: int = position) -> Location:
            return collector.at("term", position, key)

        collector.unknown_keys(raw, TERM_KEYS, "une entrée", where, at)
        term_id = collector.text(raw, "id", "une entrée", at("id"), required=True)
        label = collector.text(raw, "label", "une entrée", at("label"), required=True)
        definition = collector.text(
            raw, "definition", "une entrée", at("definition"), required=True
        )
        if "id" in raw and isinstance(raw["id"], str) and not ID_PATTERN.match(term_id):
            collector.error("bad-id", _bad_id_message(term_id), at("id"))
        if "label" in raw and isinstance(raw["label"], str) and not label.strip():
            collector.error("empty-label", "libellé vide", at("label"))
        if "definition" in raw and isinstance(raw["definition"], str) and not definition.strip():
            collector.error(
                "empty-definition",
                f"définition vide pour «\u00a0{term_id}\u00a0»",
                at("definition"),
            )
        lists = {key: collector.texts(raw, key, at(key)) for key in _LIST_KEYS}
        sources = _read_sources(raw.get("sources"), collector, at("sources"))
        origin = collector.text(raw, "origin", "une entrée", at("origin"))
        annotate = collector.text(raw, "annotate", "une entrée", at("annotate"))
        if annotate and annotate not in ANNOTATE_RULES:
            collector.error(
                "wrong-value",
                f"«\u00a0annotate\u00a0» vaut {', '.join(ANNOTATE_RULES)}, pas «\u00a0{annotate}\u00a0»",
                at("annotate"),
            )
            annotate = ""
        annotate = "" if annotate == "always" else annotate  # the default, kept as ""
        if not term_id:
            continue
        if term_id in sites:
            collector.error(
                "duplicate-id",
                f"identifiant «\u00a0{term_id}\u00a0» déjà utilisé ligne {sites[term_id].line}",
                where,
            )
            continue
        sites[term_id] = TermSite(
            name,
            where.line,
            term_key_lines.get(position, {}),
        )
        terms.append(
            Term(
                id=term_id,
                label=label.strip(),
                definition=_clean_block(definition),
                alt_labels=tuple(_unique(lists["alt_labels"])),
                hidden_labels=tuple(_unique(lists["hidden_labels"])),
                themes=tuple(_unique(lists["themes"])),
                notes=tuple(_clean_block(note) for note in lists["notes"]),
                editorial_notes=tuple(_clean_block(note) for note in lists["editorial_notes"]),
                sources=sources,
                related=tuple(_unique(lists["related"])),
                broader=tuple(_unique(lists["broader"])),
                origin=origin,
                annotate=annotate,
                glossary=name,
                rights=resolve_rights(sources, origin, info),
            )
        )
    return GlossaryFile(name, info, themes, terms, sites, theme_sites, collector.findings)


_TERM_KEY_SET = frozenset(TERM_KEYS)
_SOURCE_KEY_SET = frozenset(SOURCE_KEYS)
_ANNOTATE_VALUES = frozenset(("", *ANNOTATE_RULES))
_SOURCE_SPECIAL_KEYS = frozenset(("read_in", *SOURCE_DATE_KEYS))
_UNIQUE_LIST_KEYS = ("alt_labels", "hidden_labels", "themes", "related", "broader")


def _plain_entry(
    raw: dict[str, Any], name: str, info: GlossaryInfo, rights_of_origin: dict[str, Rights]
) -> Term | None:
    """The entry of a `[[term]]` table the full check would find nothing to say about,
    built as the full check builds it; None for any other table, which the full check then
    reads (with its messages and lines). Every entry of a large file goes through here:
    100,000 entries are read in a third of the time."""
    if not raw.keys() <= _TERM_KEY_SET:
        return None
    term_id, label, definition = raw.get("id"), raw.get("label"), raw.get("definition")
    if type(term_id) is not str or type(label) is not str or type(definition) is not str:
        return None
    label, definition = label.strip(), _clean_block(definition)
    if not label or not definition or not ID_PATTERN.match(term_id):
        return None
    lists: list[tuple[str, ...]] = []
    for key in _LIST_KEYS:
        value = raw.get(key)
        if value is None:  # absent (TOML has no null)
            lists.append(())
            continue
        if type(value) is not list:
            return None
        if value:
            try:
                "".join(value)  # the quickest test that every item is a string
            except TypeError:
                return None
            if len(value) > 1 and key in _UNIQUE_LIST_KEYS:
                value = dict.fromkeys(value)
        lists.append(tuple(value))
    alt_labels, hidden_labels, themes, notes, related, broader, editorial_notes = lists
    origin = raw.get("origin", "")
    annotate = raw.get("annotate", "")
    if type(origin) is not str or annotate not in _ANNOTATE_VALUES:
        return None
    if annotate == "always":
        annotate = ""
    sources = _plain_sources(raw.get("sources"))
    if sources is None:
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
        tuple(map(_clean_block, notes)) if notes else (),
        sources,
        related,
        broader,
        (),
        origin,
        name,
        rights,
        tuple(map(_clean_block, editorial_notes)) if editorial_notes else (),
        annotate,
    )


def _plain_sources(raw: Any) -> tuple[Source, ...] | None:
    """The sources of an entry when the full check has nothing to say about them (and
    none is empty or has an empty field); None otherwise."""
    if raw is None:
        return ()
    if type(raw) is not list:
        return None
    sources = []
    for item in raw:
        if type(item) is not dict or not item.keys() <= _SOURCE_KEY_SET or "title" not in item:
            return None
        fields = item
        for key, value in item.items():
            if key == "year":
                if type(value) is not int:
                    return None
            elif key in _SOURCE_SPECIAL_KEYS:
                # A date or `read_in`: read as the full check reads them, or left to it.
                if fields is item:
                    fields = dict(item)
                fields[key] = (_copy_read if key == "read_in" else _iso_date)(value)
                if fields[key] is None:
                    return None
            elif type(value) is not str or not value:
                return None
        sources.append(Source(**fields))
    return tuple(sources)


def _check_glossary_names(
    meta: dict[str, Any],
    info: GlossaryInfo,
    collector: _Collector,
    meta_at: Callable[[str], Location],
) -> None:
    """The glossary's id and language as the exports write them: in URIs (SKOS: « urn:esslex:
    <id>: ») and as language tags (SKOS, TBX, HTML, DOCX)."""
    if isinstance(meta.get("id"), str) and not ID_PATTERN.match(info.id):
        collector.error("bad-id", _bad_id_message(info.id), meta_at("id"))
    if isinstance(meta.get("language"), str) and not is_language_tag(info.language):
        collector.error(
            "bad-language",
            f"langue «\u00a0{info.language}\u00a0» invalide\u00a0: une étiquette de langue"
            " BCP\u00a047 est attendue (ex. «\u00a0fr\u00a0», «\u00a0fr-BE\u00a0»)",
            meta_at("language"),
        )


def _bad_id_message(value: str) -> str:
    return (
        f"identifiant «\u00a0{value}\u00a0» invalide\u00a0: minuscules ASCII, chiffres et tirets"
        " seulement (ex. «\u00a0achats-publics\u00a0»)"
    )


def _clean_block(text: str) -> str:
    """The text with plain line breaks, no white space ending a line nor around it."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join([line.rstrip() for line in text.split("\n")]).strip()


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items))


@dataclass
class Assembly:
    glossary: Glossary
    findings: list[Finding]
    sites: dict[str, TermSite]
    theme_sites: dict[str, Location]


def assemble(files: Sequence[GlossaryFile]) -> Assembly:
    """Merge files in order (a later id overrides), check and resolve relations."""
    from esslex.glossary.issues import Finding, Level

    findings = [finding for part in files for finding in part.findings]
    terms: dict[str, Term] = {}
    sites: dict[str, TermSite] = {}
    themes: dict[str, Theme] = {}
    theme_sites: dict[str, Location] = {}
    overrides: list[tuple[str, str, str]] = []
    for part in files:
        for theme in part.themes:
            themes[theme.id] = theme
            theme_sites[theme.id] = part.theme_sites[theme.id]
        for term in part.terms:
            if term.id in terms:
                overrides.append((term.id, terms[term.id].glossary, part.path))
                findings.append(
                    Finding(
                        Level.INFO,
                        "override",
                        f"«\u00a0{term.id}\u00a0» remplace l’entrée de {terms[term.id].glossary}",
                        part.sites[term.id].at(),
                    )
                )
                del terms[term.id]
            terms[term.id] = term
            sites[term.id] = part.sites[term.id]

    def known(term_id: str, key: str, value: str, catalogue: Iterable[str], what: str) -> bool:
        if value in catalogue:
            return True
        import difflib

        guess = difflib.get_close_matches(value, list(catalogue), n=1, cutoff=0.6)
        hint = f" (vouliez-vous dire «\u00a0{guess[0]}\u00a0»\u00a0?)" if guess else ""
        findings.append(
            Finding(
                Level.ERROR,
                "broken-reference",
                f"«\u00a0{term_id}\u00a0»\u00a0: {what} inconnu «\u00a0{value}\u00a0» dans «\u00a0{key}\u00a0»{hint}",
                sites[term_id].at(key),
            )
        )
        return False

    # Only the entries that have relations are keys (most of a large glossary has none).
    related: dict[str, list[str]] = {}
    broader: dict[str, list[str]] = {}
    narrower: dict[str, list[str]] = {}
    known_themes: dict[str, tuple[str, ...]] = {}  # of the entries naming an unknown theme
    theme_exists = themes.__contains__
    for term_id, term in terms.items():
        if term.themes and not all(map(theme_exists, term.themes)):
            known_themes[term_id] = tuple(
                theme_id
                for theme_id in term.themes
                if known(term_id, "themes", theme_id, themes, "thème")
            )
        related_read, broader_read = term.related, term.broader
        if not (related_read or broader_read):
            continue
        for key, read in (("related", related_read), ("broader", broader_read)):
            if term_id in read:
                findings.append(
                    Finding(
                        Level.WARNING,
                        "self-relation",
                        f"«\u00a0{term_id}\u00a0» est relié à lui-même dans «\u00a0{key}\u00a0»",
                        sites[term_id].at(key),
                    )
                )
        for other in related_read:
            if other != term_id and (
                other in terms or known(term_id, "related", other, terms, "terme")
            ):
                related.setdefault(term_id, []).append(other)
                related.setdefault(other, []).append(term_id)
        for other in broader_read:
            if other != term_id and (
                other in terms or known(term_id, "broader", other, terms, "terme")
            ):
                broader.setdefault(term_id, []).append(other)
                narrower.setdefault(other, []).append(term_id)

    changed = related.keys() | narrower.keys() | known_themes.keys()
    for cycle in _broader_cycles(broader):
        path = " → ".join([*cycle, cycle[0]])
        findings.append(
            Finding(
                Level.ERROR,
                "broader-cycle",
                f"cycle dans «\u00a0broader\u00a0»\u00a0: {path}",
                sites[cycle[0]].at("broader"),
            )
        )

    # An entry is rebuilt only if a relation or a theme changes it (read, or found).
    resolved = [
        _with_relations(
            term,
            known_themes.get(term.id, term.themes),
            related.get(term.id, ()),
            broader.get(term.id, ()),
            narrower.get(term.id, ()),
        )
        if term.related or term.broader or term.narrower or term.id in changed
        else term
        for term in terms.values()
    ]
    infos = tuple(part.info for part in files)
    info = infos[0] if infos else GlossaryInfo(id="vide", title="Glossaire vide")
    glossary = Glossary(info, tuple(themes.values()), tuple(resolved), infos, tuple(overrides))
    return Assembly(glossary, findings, sites, theme_sites)


def _with_relations(
    term: Term,
    themes: tuple[str, ...],
    related: Sequence[str],
    broader: Sequence[str],
    narrower: Sequence[str],
) -> Term:
    """The entry with its known themes and its relations both ways, each id once."""
    # Positional: most entries of a large glossary are rebuilt here (85,000 of 100,000).
    return Term(
        term.id,
        term.label,
        term.definition,
        term.alt_labels,
        term.hidden_labels,
        themes,
        term.notes,
        term.sources,
        _distinct(related),
        _distinct(broader),
        _distinct(narrower),
        term.origin,
        term.glossary,
        term.rights,
        term.editorial_notes,
        term.annotate,
    )


def _distinct(ids: Sequence[str]) -> tuple[str, ...]:
    return tuple(ids) if len(ids) < 2 else tuple(dict.fromkeys(ids))


def _broader_cycles(broader: dict[str, list[str]]) -> list[list[str]]:
    """Each cycle of the broader graph once (iterative DFS: glossaries may be deep)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    cycles: list[list[str]] = []
    for start in broader:
        if state.get(start):
            continue
        path: list[str] = []
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            node, index = stack.pop()
            if index == 0:
                state[node] = 1
                path.append(node)
            parents = broader.get(node, [])
            if index < len(parents):
                stack.append((node, index + 1))
                parent = parents[index]
                if state.get(parent) == 1:
                    cycles.append(path[path.index(parent) :])
                elif not state.get(parent):
                    stack.append((parent, 0))
            else:
                state[node] = 2
                path.pop()
    return cycles


def raise_first_error(findings: Sequence[Finding]) -> None:
    from esslex.glossary.issues import Level

    errors = [finding for finding in findings if finding.level is Level.ERROR]
    if errors:
        # The first error of the first faulty file, in reading order (fixed top-down).
        path = errors[0].location.path
        first = min(
            (error for error in errors if error.location.path == path),
            key=lambda error: error.location.line or 0,
        )
        raise GlossaryError(first.location, first.message, more=len(errors) - 1)


def load_glossary(paths: Sequence[Path], locate: bool = True) -> Glossary:
    """Read the files in order and return the merged glossary; GlossaryError on any error.

    locate=False skips looking up line numbers (seconds on a large file) unless there is an
    error to report: the files are then read again to say where it is.
    """
    from esslex.glossary.issues import Level

    files = [read_glossary_file(path, locate) for path in paths]
    assembly = assemble(files)
    if not locate and any(finding.level is Level.ERROR for finding in assembly.findings):
        return load_glossary(paths)
    raise_first_error(assembly.findings)
    return assembly.glossary


def load_default(extra: Sequence[Path] = (), bundled: bool = True) -> Glossary:
    return load_glossary(glossary_paths(extra, bundled))
