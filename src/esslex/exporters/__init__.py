"""Every export format, declared in one registry that `esslex export --format` reads.

This module stays light: it only describes the formats. Each format's module, and the
library it needs, is imported when that format is used, so `esslex define` never pays
for jinja2, rdflib, python-docx, lxml or WeasyPrint.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, Union

from esslex.documents.options import ExportOptions as ExportOptions
from esslex.errors import MissingDependency as MissingDependency
from esslex.errors import UnknownFormat, UsageError, needs_libraries

if TYPE_CHECKING:
    from esslex.find.selection import Selection

# Text, a binary file, or the files of a folder (name → content).
RenderedT = TypeVar("RenderedT")
Rendered = Union[str, bytes, dict[str, bytes]]


@dataclass(frozen=True)
class Exporter:
    name: str
    description: str
    extension: str
    binary: bool = False
    # Writes a folder of files (--output names the folder).
    directory: bool = False
    # Handouts take --title and --group-by; data formats keep the glossary's order.
    handout: bool = False
    # The pip extra that brings the libraries (`pip install '.[export]'`), if any.
    extra: str | None = None
    # Top-level modules the format imports, checked before a kit is made; any library a
    # format fails to import (these, or one they need) is told in French with its extra.
    requires: tuple[str, ...] = ()
    # Other file suffixes that select this format when --format is not given.
    aliases: tuple[str, ...] = ()
    # How its text writes a character that a terminal would obey or hide, so that on
    # stdout it is escaped rather than removed: "json" or "unicode" (TOML, Turtle).
    escapes: str = ""

    @property
    def module(self) -> str:
        return "esslex.exporters." + self.name.replace("-", "_")

    def function(self) -> Callable[[Selection, ExportOptions], Rendered]:
        module = importlib.import_module(self.module)
        return module.export  # type: ignore[no-any-return]

    def losses(self, selection: Selection) -> str:
        """What `esslex import` could not read back of this export of `selection` ("" for
        nothing, or a format not read back): said on stderr at export time."""
        said: Callable[[Selection], str] | None = getattr(
            importlib.import_module(self.module), "losses", None
        )
        return said(selection) if said else ""

    def render(self, selection: Selection, options: ExportOptions) -> Rendered:
        return self.with_libraries(lambda: self.function()(selection, options))

    def with_libraries(self, make: Callable[[], RenderedT]) -> RenderedT:
        """`make()`, a missing library of this format told in French (worksheets in the
        same formats use it too)."""
        with needs_libraries(self.name, self.extra or "", self.missing_message):
            return make()

    def missing_message(self, module: str) -> str:
        what = f"le format «\u00a0{self.name}\u00a0»"
        if self.extra:
            return MissingDependency.for_extra(what, module, self.extra).message
        return (
            f"{what} demande la bibliothèque «\u00a0{module}\u00a0», absente\u00a0;"
            f" installez-la avec\u00a0: .venv/bin/pip install {module}"
        )


_EXPORT_LIBS = ("jinja2",)

EXPORTERS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (
        Exporter(
            "markdown",
            "Document Markdown\u00a0: thèmes en sections, renvois, sources, index",
            "md",
            handout=True,
            aliases=("markdown",),
        ),
        Exporter(
            "html",
            "Page HTML autonome et imprimable (polycopié)",
            "html",
            handout=True,
            extra="export",
            requires=(*_EXPORT_LIBS, "segno"),
            aliases=("htm",),
        ),
        Exporter(
            "pdf",
            "Polycopié PDF (A4, pages numérotées), produit par WeasyPrint",
            "pdf",
            binary=True,
            handout=True,
            extra="pdf",
            requires=("jinja2", "weasyprint", "segno"),
        ),
        Exporter(
            "docx",
            "Polycopié modifiable dans Word ou LibreOffice",
            "docx",
            binary=True,
            handout=True,
            extra="export",
            requires=("docx", "segno"),
        ),
        Exporter(
            "site",
            "Site hors ligne\u00a0: une page HTML autonome, avec recherche et filtre par thème",
            "html",
            extra="export",
            requires=_EXPORT_LIBS,
        ),
        Exporter("json", "Données JSON versionnées (schema_version)", "json", escapes="json"),
        Exporter("csv", "Tableau CSV, une ligne par entrée (UTF-8 avec BOM)", "csv"),
        Exporter(
            "toml", "Fichier de glossaire esslex, relisible par esslex", "toml", escapes="unicode"
        ),
        Exporter(
            "skos",
            "Thésaurus SKOS en Turtle",
            "ttl",
            extra="export",
            requires=("rdflib",),
            escapes="unicode",
        ),
        Exporter(
            "skos-jsonld",
            "Thésaurus SKOS en JSON-LD",
            "jsonld",
            extra="export",
            requires=("rdflib",),
            escapes="json",
        ),
        Exporter(
            "tbx",
            "TBX-Basic (ISO 30042:2019), pour les outils de traduction",
            "tbx",
            extra="export",
            requires=("lxml",),
        ),
        Exporter(
            "stardict",
            "Dictionnaire StarDict (GoldenDict, sdcv, KOReader)\u00a0: un dossier de fichiers",
            "",
            binary=True,
            directory=True,
        ),
        Exporter(
            "anki",
            "Paquet de cartes Anki (.apkg)\u00a0: une carte par entrée, étiquetée par thème",
            "apkg",
            binary=True,
            extra="anki",
            requires=("genanki",),
        ),
        Exporter(
            "gift",
            "Quiz Moodle au format GIFT\u00a0: choix multiple par entrée, associations",
            "gift",
        ),
        Exporter(
            "moodle-glossary",
            "Glossaire Moodle (XML d’import), autres appellations en alias",
            "xml",
            extra="export",
            requires=("lxml",),
        ),
        Exporter(
            "marp",
            "Diaporama Marp (Markdown)\u00a0: titre, une diapositive par thème et par entrée",
            "md",
            handout=True,
        ),
        Exporter("mermaid", "Carte des notions en Mermaid", "mmd", aliases=("mermaid",)),
        Exporter("dot", "Carte des notions en Graphviz (DOT)", "dot", aliases=("gv",)),
    )
}


def names() -> list[str]:
    return list(EXPORTERS)


def _for_suffix(suffix: str) -> Exporter | None:
    """The format a file name's suffix (".pdf", ".ttl") designates, if any."""
    wanted = suffix.lower().lstrip(".")
    for exporter in EXPORTERS.values():
        if wanted == exporter.extension or wanted in exporter.aliases:
            return exporter
    return None


# --- Format names -------------------------------------------------------------------------

# Formats people ask for that esslex does not write, with the one that serves the purpose.
_NEAREST_FORMAT = {
    "xlsx": "csv",
    "xls": "csv",
    "ods": "csv",
    "excel": "csv",
    "tableur": "csv",
    "tsv": "csv",
    "doc": "docx",
    "odt": "docx",
    "rtf": "docx",
    "word": "docx",
    "txt": "markdown",
    "texte": "markdown",
    "rdf": "skos",
    "turtle": "skos",
    "owl": "skos",
    "xml": "tbx",
    "yaml": "json",
    "yml": "json",
    "svg": "dot",
    "png": "dot",
}


def choose(
    name: str | None, output: Path | None = None, among: Sequence[str] | None = None
) -> Exporter:
    """The one place a format becomes an exporter: the one `--format` names, or else the
    one `--output`'s suffix designates, among the formats `among` allows when given (a
    worksheet's four); UnknownFormat or UsageError (exit 2) otherwise."""
    allowed = list(among) if among is not None else names()
    if name:
        found = resolve(name)
        if found.name not in allowed:
            raise UnknownFormat(name, allowed, None)
        return found
    if output is not None and output.suffix:
        by_suffix = _for_suffix(output.suffix)
        if by_suffix is not None and by_suffix.name in allowed:
            return by_suffix
    raise UsageError(f"précisez le format avec --format ({', '.join(allowed)}).")


def resolve(name: str) -> Exporter:
    """The exporter a format name designates: its name, its file extension or an alias
    (`md`, `htm`, `ttl`, `jsonld`…), case aside; UnknownFormat (exit 2) with a suggestion."""
    wanted = name.strip().lower().lstrip(".")
    if wanted in EXPORTERS:
        return EXPORTERS[wanted]
    found = _for_suffix(wanted)
    if found is not None:
        return found
    known = [*EXPORTERS, *_extensions()]
    guess = _NEAREST_FORMAT.get(wanted) or next(
        iter(difflib.get_close_matches(wanted, known, n=1, cutoff=0.6)), None
    )
    suggestion = None
    if guess is not None:
        suggestion = EXPORTERS.get(guess) or _for_suffix(guess)
    raise UnknownFormat(name, names(), suggestion.name if suggestion else None)


def _extensions() -> list[str]:
    return [
        name for exporter in EXPORTERS.values() for name in (exporter.extension, *exporter.aliases)
    ]


def format_names(incomplete: str = "") -> list[str]:
    """Format names and aliases that start like `incomplete` (shell completion)."""
    known = dict.fromkeys([*EXPORTERS, *_extensions()])
    return [name for name in known if name.startswith(incomplete.lower())]
