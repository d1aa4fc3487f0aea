"""Find and read glossary files: a file's text, its tables checked and built into a
GlossaryFile, and the files in use loaded into one Glossary.

The reading is split by concern: `tomlsyntax` (the TOML document and its lines), `tables`
(the checks every table goes through, [glossary] and [[theme]]), `entries` ([[term]] and
its sources, read once) and `assembly` (several files, relations); the names other modules
use are all importable from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from esslex.errors import GlossaryError, Location
from esslex.glossary.assembly import Assembly as Assembly
from esslex.glossary.assembly import GlossaryFile as GlossaryFile
from esslex.glossary.assembly import assemble as assemble
from esslex.glossary.assembly import raise_first_error as raise_first_error
from esslex.glossary.entries import TermSite as TermSite
from esslex.glossary.entries import read_entries
from esslex.glossary.files import read_input
from esslex.glossary.model import Glossary

# bundled_path is re-exported: it lived here before esslex.glossary.paths.
from esslex.glossary.paths import bundled_path as bundled_path
from esslex.glossary.paths import glossary_paths
from esslex.glossary.tables import ID_PATTERN as ID_PATTERN
from esslex.glossary.tables import FileReport, check_top_keys, read_info, read_themes

if TYPE_CHECKING:
    from esslex.glossary.tomlsyntax import LineIndex

# The TOML parser, the line scanner and findings are imported where used: a cached
# glossary needs none of them (start-up time).


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


def read_glossary_file(path: Path, locate: bool = True) -> GlossaryFile:
    """Read one file; raise GlossaryError if it cannot be parsed, collect the rest.

    With locate=False, findings carry no line numbers (the scan for them is skipped).
    """
    return glossary_file_from_text(read_text(path), path, locate)


def glossary_file_from_text(text: str, path: Path, locate: bool = True) -> GlossaryFile:
    """Check `text` as if it were the content of `path` (a file about to be written)."""
    from esslex.glossary.tomlsyntax import LineIndex, parse_document

    name = _display_path(path)
    document = parse_document(text, name)
    if not document:
        # Nothing but blanks or comments: most likely the wrong file, so say it.
        raise GlossaryError(
            Location(name), "fichier vide\u00a0: ni table [glossary] ni entrée [[term]]"
        )
    lines = LineIndex.scan(text) if locate else LineIndex()
    del text  # hundreds of megabytes for a large file, not needed to build the entries
    return build_glossary_file(document, name, lines, path.stem)


def build_glossary_file(
    document: dict[str, Any], name: str, lines: LineIndex, stem: str = ""
) -> GlossaryFile:
    """The file's tables checked and built, in one pass over each (`lines` places the
    findings; an empty LineIndex leaves them without a line)."""
    report = FileReport(name, lines)
    check_top_keys(document, report)
    info = read_info(document, report, stem)
    themes, theme_sites = read_themes(document, report)
    terms, sites = read_entries(document, report, info)
    return GlossaryFile(name, info, themes, terms, sites, theme_sites, report.findings)


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
