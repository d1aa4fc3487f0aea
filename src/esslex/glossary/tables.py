"""The checks every table of a glossary file goes through, and its [glossary] and [[theme]]."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from esslex.errors import Location
from esslex.glossary.model import GlossaryInfo, Rights, Theme, is_language_tag
from esslex.text.normalize import slug

if TYPE_CHECKING:
    from esslex.glossary.issues import Finding
    from esslex.glossary.tomlsyntax import LineIndex

# Findings and difflib are imported where a message is made: a file without fault needs
# neither (start-up time).

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


class FileReport:
    """The findings about one file, each at the line of the table or key concerned, and
    the checks of a table's keys and values that make them."""

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
        """The string at `key` ("" when absent); "" and a finding when it is not a string,
        or when a required key is absent."""
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
        """The list of strings at `key` (() when absent); () and a finding for another value."""
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

    def tables(self, document: dict[str, Any], key: str) -> list[dict[str, Any]]:
        """The tables of an array of tables (`[[term]]`), or of a lone table (`[term]`)."""
        value = document.get(key, [])
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.error(
                "wrong-type",
                f"«\u00a0{key}\u00a0» doit être un tableau de tables ([[{key}]])",
                self.at("", 0, key),
            )
            return []
        return value


def _type_name(value: object) -> str:
    names = {
        bool: "un booléen",
        int: "un entier",
        float: "un nombre",
        list: "une liste",
        dict: "une table",
    }
    return names.get(type(value), "une valeur d’un autre type")


def bad_id_message(value: str) -> str:
    return (
        f"identifiant «\u00a0{value}\u00a0» invalide\u00a0: minuscules ASCII, chiffres et tirets"
        " seulement (ex. «\u00a0achats-publics\u00a0»)"
    )


def check_top_keys(document: dict[str, Any], report: FileReport) -> None:
    """A finding for each top-level key or table that is not [glossary], [[theme]], [[term]]."""
    lines = report.lines

    def top_at(key: str) -> Location:
        # A top-level key is written `key = …` before any table, or as a `[key]` header.
        return report.at("", 0, key) if lines.line_of("", 0, key) else report.at(key, 0)

    report.unknown_keys(document, TOP_KEYS, "le fichier", report.at("", 0), top_at)


def read_info(document: dict[str, Any], report: FileReport, stem: str) -> GlossaryInfo:
    """The [glossary] table: the file's id and title (from its name when absent), its
    language, version, publishers, description, licence and the rights of each origin."""
    name = report.path
    meta = document.get("glossary", {})
    meta_where = report.at("glossary", 0)
    if not isinstance(meta, dict):
        report.error(
            "wrong-type", "«\u00a0glossary\u00a0» doit être une table ([glossary])", meta_where
        )
        meta = {}
    meta_at = report.key_locator("glossary", 0)
    report.unknown_keys(meta, GLOSSARY_KEYS, "[glossary]", meta_where, meta_at)
    info = GlossaryInfo(
        id=report.text(meta, "id", "[glossary]", meta_at("id")) or slug(stem) or "glossaire",
        title=report.text(meta, "title", "[glossary]", meta_at("title")) or stem or name,
        language=report.text(meta, "language", "[glossary]", meta_at("language")) or "fr",
        version=report.text(meta, "version", "[glossary]", meta_at("version")),
        publishers=report.texts(meta, "publishers", meta_at("publishers")),
        description=report.text(meta, "description", "[glossary]", meta_at("description")),
        licence=report.text(meta, "licence", "[glossary]", meta_at("licence")),
        path=name,
        origins=_read_origins(meta.get("origins"), report, meta_at("origins")),
    )
    # The id and language as the exports write them: in URIs (SKOS: « urn:esslex:<id>: »)
    # and as language tags (SKOS, TBX, HTML, DOCX).
    if isinstance(meta.get("id"), str) and not ID_PATTERN.match(info.id):
        report.error("bad-id", bad_id_message(info.id), meta_at("id"))
    if isinstance(meta.get("language"), str) and not is_language_tag(info.language):
        report.error(
            "bad-language",
            f"langue «\u00a0{info.language}\u00a0» invalide\u00a0: une étiquette de langue"
            " BCP\u00a047 est attendue (ex. «\u00a0fr\u00a0», «\u00a0fr-BE\u00a0»)",
            meta_at("language"),
        )
    return info


def _read_origins(raw: Any, report: FileReport, where: Location) -> tuple[tuple[str, Rights], ...]:
    """[glossary.origins.<origin>] tables: the default rights of each origin's entries."""
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not all(isinstance(item, dict) for item in raw.values()):
        report.error(
            "wrong-type",
            "«\u00a0origins\u00a0» doit contenir une table par origine ([glossary.origins.esslex])",
            where,
        )
        return ()
    origins = []
    for origin, table in raw.items():
        what = f"[glossary.origins.{origin}]"
        report.unknown_keys(table, ORIGIN_KEYS, what, where)
        values = {key: report.text(table, key, what, where) for key in ORIGIN_KEYS}
        origins.append(
            (
                origin,
                Rights(
                    values["rights"], values["licence"], values["licence_url"], values["author"]
                ),
            )
        )
    return tuple(origins)


def read_themes(
    document: dict[str, Any], report: FileReport
) -> tuple[list[Theme], dict[str, Location]]:
    """The [[theme]] tables, each id once, and where each theme is declared."""
    themes: list[Theme] = []
    theme_sites: dict[str, Location] = {}
    for position, raw in enumerate(report.tables(document, "theme")):
        where = report.at("theme", position)
        theme_at = report.key_locator("theme", position)
        report.unknown_keys(raw, THEME_KEYS, "un thème", where, theme_at)
        theme_id = report.text(raw, "id", "un thème", theme_at("id"), required=True)
        label = report.text(raw, "label", "un thème", theme_at("label"), required=True)
        if theme_id and not ID_PATTERN.match(theme_id):
            report.error("bad-id", bad_id_message(theme_id), report.at("theme", position, "id"))
        if theme_id in theme_sites:
            report.error(
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
                    report.text(raw, "description", "un thème", theme_at("description")),
                )
            )
    return themes, theme_sites
