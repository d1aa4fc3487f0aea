"""What a user names, read one way by every command: an entry, a theme, a format, a file.

Each kind of name has one function here; `define`, `related`, `list`, `search`, `export`,
`add` and `import` all call it, so the same input gives the same answer, the same message
and the same exit code everywhere.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from esslex.errors import AmbiguousTheme, ThemeNotFound, UnknownFormat
from esslex.model import Glossary, Theme
from esslex.normalize import fold_key

if TYPE_CHECKING:
    from esslex.exporters import Exporter
    from esslex.index import GlossaryIndex
    from esslex.lookup import LookupResult

# A theme named by the start of its id or of a word of its label: at least this long.
THEME_PREFIX = 3
# Fuzzy theme names: a confident score, its lead over the next theme, a suggestion.
THEME_CONFIDENT = 85.0
THEME_LEAD = 6.0
THEME_SUGGEST = 60.0


# --- Entries --------------------------------------------------------------------------------


def entry(glossary: Glossary | GlossaryIndex, query: str) -> LookupResult:
    """The entry `query` names: label, alternative or hidden label, id, folded form, fuzzy
    (the matching ladder of `lookup`); TermNotFound or AmbiguousTerm otherwise."""
    from esslex.lookup import find_term

    return find_term(glossary, query)


# --- Themes ---------------------------------------------------------------------------------


def theme(glossary: Glossary | GlossaryIndex, query: str) -> Theme:
    """The theme `query` names: its id, its label, either folded (case, accents, plural),
    the start of its id or of a word of its label, or a near spelling of them."""
    text = query.strip()
    exact = glossary.theme(text)
    if exact is not None:
        return exact
    themes = glossary.themes
    key = fold_key(text)
    if not key:
        raise ThemeNotFound(query, themes, ())
    for found in (
        [t for t in themes if text == t.label],
        [t for t in themes if key in (fold_key(t.label), fold_key(t.id.replace("-", " ")))],
        _by_prefix(themes, key) if len(key) >= THEME_PREFIX else [],
    ):
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise AmbiguousTheme(query, found)
    from rapidfuzz import fuzz

    scored = sorted(
        (
            (max(fuzz.ratio(key, fold_key(t.label)), fuzz.ratio(key, fold_key(t.id))), t)
            for t in themes
        ),
        key=lambda pair: -pair[0],
    )
    leads = len(scored) < 2 or scored[1][0] < scored[0][0] - THEME_LEAD
    if scored and scored[0][0] >= THEME_CONFIDENT and leads:
        return scored[0][1]
    suggestions = [t for score, t in scored if score >= THEME_SUGGEST][:3]
    raise ThemeNotFound(query, themes, suggestions)


def _by_prefix(themes: Sequence[Theme], key: str) -> list[Theme]:
    """Themes whose id, label or a word of the label starts like `key` ("transit", "eco")."""
    found = []
    for candidate in themes:
        label = fold_key(candidate.label)
        starts = (fold_key(candidate.id.replace("-", " ")), label, *label.split())
        if any(start.startswith(key) for start in starts):
            found.append(candidate)
    return found


# --- Export formats -------------------------------------------------------------------------

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


def export_format(name: str) -> Exporter:
    """The exporter a format name designates: its name, its file extension or an alias
    (`md`, `htm`, `ttl`, `jsonld`…), case aside; UnknownFormat (exit 2) with a suggestion."""
    from esslex import exporters

    wanted = name.strip().lower().lstrip(".")
    if wanted in exporters.EXPORTERS:
        return exporters.EXPORTERS[wanted]
    found = exporters.for_suffix(wanted)
    if found is not None:
        return found
    known = [*exporters.EXPORTERS, *_extensions()]
    guess = _NEAREST_FORMAT.get(wanted) or next(
        iter(difflib.get_close_matches(wanted, known, n=1, cutoff=0.6)), None
    )
    suggestion = None
    if guess is not None:
        suggestion = exporters.EXPORTERS.get(guess) or exporters.for_suffix(guess)
    raise UnknownFormat(name, exporters.names(), suggestion.name if suggestion else None)


def _extensions() -> list[str]:
    from esslex import exporters

    return [
        name
        for exporter in exporters.EXPORTERS.values()
        for name in (exporter.extension, *exporter.aliases)
    ]


def format_names(incomplete: str = "") -> list[str]:
    """Format names and aliases that start like `incomplete` (shell completion)."""
    from esslex import exporters

    names = dict.fromkeys([*exporters.EXPORTERS, *_extensions()])
    return [name for name in names if name.startswith(incomplete.lower())]


# --- Glossary files -------------------------------------------------------------------------


def glossary_file(path: Path) -> Path:
    """The glossary file a path names: the path itself, or, when it does not exist and has
    no suffix, the same name with `.toml` (« -g reseau » for reseau.toml)."""
    try:
        if path.exists() or path.suffix:
            return path
        with_suffix = path.with_name(path.name + ".toml")
        return with_suffix if with_suffix.is_file() else path
    except (OSError, ValueError):  # a name too long, a NUL: the loader says why, in French
        return path
