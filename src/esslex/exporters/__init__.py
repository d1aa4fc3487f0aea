"""Every export format, declared in one registry that `esslex export --format` reads.

This module stays light: it only describes the formats. Each format's module, and the
library it needs, is imported when that format is used, so `esslex define` never pays
for jinja2, rdflib, python-docx, lxml or WeasyPrint.
"""

from __future__ import annotations

import datetime
import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar, Union

from esslex.branding import Branding
from esslex.errors import EXIT_MISSING_LIBRARY, EsslexError

if TYPE_CHECKING:
    from esslex.selection import Selection

# Text, a binary file, or the files of a folder (name → content).
RenderedT = TypeVar("RenderedT")
Rendered = Union[str, bytes, dict[str, bytes]]


class MissingDependency(EsslexError):
    """A format whose library (an optional extra) or system library is not installed."""

    exit_code = EXIT_MISSING_LIBRARY


def _today() -> datetime.date:
    # SOURCE_DATE_EPOCH makes the date of a handout reproducible (builds, tests).
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).date()
    return datetime.date.today()


@dataclass(frozen=True)
class ExportOptions:
    """Layout choices; data formats ignore the ones that do not apply to them."""

    branding: Branding = field(default_factory=Branding)
    date: datetime.date = field(default_factory=_today)
    base_uri: str | None = None
    # Handouts: "theme" (sections by theme), "label" (A to Z) or "given" (order of --term).
    order: str = "theme"
    notes: bool = True
    sources: bool = True  # the sources under each entry and the bibliography
    index: bool = True
    toc: bool = True
    one_per_page: bool = False
    layout: str = "full"  # or "fiche": one table of terms and first sentences
    # CSV: the cell separator; `excel` means what French Excel opens in columns.
    delimiter: str = ","
    excel: bool = False


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
    # Top-level modules the format imports (a missing one gives a French message).
    requires: tuple[str, ...] = ()
    # Other file suffixes that select this format when --format is not given.
    aliases: tuple[str, ...] = ()

    @property
    def module(self) -> str:
        return "esslex.exporters." + self.name.replace("-", "_")

    def function(self) -> Callable[[Selection, ExportOptions], Rendered]:
        module = importlib.import_module(self.module)
        return module.export  # type: ignore[no-any-return]

    def render(self, selection: Selection, options: ExportOptions) -> Rendered:
        return self.with_libraries(lambda: self.function()(selection, options))

    def with_libraries(self, make: Callable[[], RenderedT]) -> RenderedT:
        """`make()`, a missing library of this format told in French (worksheets in the
        same formats use it too)."""
        try:
            return make()
        except ImportError as error:
            missing = (error.name or "").split(".")[0]
            if missing not in self.requires:
                raise
            raise MissingDependency(self.missing_message(missing)) from None

    def missing_message(self, module: str) -> str:
        install = (
            f"installez l’extra «\u00a0{self.extra}\u00a0» d’esslex"
            f"\u00a0: pip install 'esslex[{self.extra}]'"
            if self.extra
            else f"installez-la avec\u00a0: pip install {module}"
        )
        return (
            f"le format «\u00a0{self.name}\u00a0» demande la bibliothèque «\u00a0{module}\u00a0»,"
            f" absente\u00a0; {install}"
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
            requires=_EXPORT_LIBS,
            aliases=("htm",),
        ),
        Exporter(
            "pdf",
            "Polycopié PDF (A4, pages numérotées), produit par WeasyPrint",
            "pdf",
            binary=True,
            handout=True,
            extra="pdf",
            requires=("jinja2", "weasyprint"),
        ),
        Exporter(
            "docx",
            "Polycopié modifiable dans Word ou LibreOffice",
            "docx",
            binary=True,
            handout=True,
            extra="export",
            requires=("docx",),
        ),
        Exporter(
            "site",
            "Site hors ligne\u00a0: une page HTML autonome, avec recherche et filtre par thème",
            "html",
            extra="export",
            requires=_EXPORT_LIBS,
        ),
        Exporter("json", "Données JSON versionnées (schema_version)", "json"),
        Exporter("csv", "Tableau CSV, une ligne par entrée (UTF-8 avec BOM)", "csv"),
        Exporter("toml", "Fichier de glossaire esslex, relisible par esslex", "toml"),
        Exporter(
            "skos",
            "Thésaurus SKOS en Turtle",
            "ttl",
            extra="export",
            requires=("rdflib",),
        ),
        Exporter(
            "skos-jsonld",
            "Thésaurus SKOS en JSON-LD",
            "jsonld",
            extra="export",
            requires=("rdflib",),
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


def get(name: str) -> Exporter:
    return EXPORTERS[name]


def for_suffix(suffix: str) -> Exporter | None:
    """The format a file name's suffix (".pdf", ".ttl") designates, if any."""
    wanted = suffix.lower().lstrip(".")
    for exporter in EXPORTERS.values():
        if wanted == exporter.extension or wanted in exporter.aliases:
            return exporter
    return None
