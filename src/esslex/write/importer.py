"""Import of a spreadsheet glossary (CSV, TSV) or of esslex's own JSON export.

Columns are recognised by their header, case and accents aside (or named with --map); the
rows that cannot become entries are listed with their line and the reason, the rest are
imported into a new glossary file, checked with the loader before it is written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from esslex.errors import GlossaryError
from esslex.glossaries import files_around, with_candidate
from esslex.glossary.files import read_input
from esslex.glossary.loader import GlossaryFile
from esslex.glossary.model import Rights, Term, Theme
from esslex.text.normalize import slug, strip_controls
from esslex.write.drafts import RowProblem
from esslex.write.entries import entry_block, table_block, title_of
from esslex.write.jsonsource import read_json
from esslex.write.settle import settle
from esslex.write.spreadsheet import parse_mapping, read_rows

__all__ = ["ImportResult", "import_file", "parse_mapping"]


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
    data = read_input(path, "un tableur ni un export JSON")
    # The glossaries in use, without the file about to be replaced.
    files, _, context = files_around(load_order, output, None)
    declared: list[Theme] = []
    if path.suffix.lower() == ".json" or _LOOKS_LIKE_JSON.match(data):
        drafts, rejected, declared = read_json(path, data)
        notices: list[RowProblem] = []
        read_as = "export JSON d’esslex"
    else:
        drafts, rejected, notices, read_as = read_rows(path, data, mapping, delimiter, encoding)
    del data  # what was read is in the drafts now (hundreds of megabytes for a large file)
    terms, themes, refused, more = settle(drafts, context, override, declared)
    del drafts
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


# A byte order mark, blanks, then an object or an array.
_LOOKS_LIKE_JSON = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*[{\[]")


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
    _, error = with_candidate(files, text, output, locate=False)
    if error is not None:  # read again, to say on which line
        _, error = with_candidate(files, text, output)
    if error is not None:
        raise GlossaryError(
            error.location, f"le glossaire importé serait invalide\u00a0: {error.message}"
        )
