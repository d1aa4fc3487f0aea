"""What a user names, read one way by every command: an entry or a theme.

Each kind of name has one function here; `define`, `related`, `list`, `search`, `export`,
`add` and `import` all call it, so the same input gives the same answer, the same message
and the same exit code everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from esslex.errors import AmbiguousTheme, ThemeNotFound
from esslex.glossary.model import Glossary, Theme
from esslex.text.normalize import fold_key

if TYPE_CHECKING:
    from esslex.find.index import GlossaryIndex
    from esslex.find.lookup import LookupResult

# A theme named by the start of its id or of a word of its label: at least this long.
THEME_PREFIX = 3
# Fuzzy theme names: a confident score, its lead over the next theme, a suggestion.
THEME_CONFIDENT = 85.0
THEME_LEAD = 6.0
THEME_SUGGEST = 60.0


# --- Entries --------------------------------------------------------------------------------


def entry(
    glossary: Glossary | GlossaryIndex, query: str, jurisdiction: str | None = None
) -> LookupResult:
    """The entry `query` names: label, alternative or hidden label, equivalent, id, folded
    form, fuzzy (the matching ladder of `lookup`), of namesakes the one that holds in
    `jurisdiction`; TermNotFound or AmbiguousTerm otherwise."""
    from esslex.find.lookup import find_term

    return find_term(glossary, query, jurisdiction)


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


def theme_hint(glossary: Glossary | GlossaryIndex, query: str) -> str:
    """When `query`, which names no entry, names a theme: where to find its entries, as a
    sentence (« Voir le thème « Familles et statuts »\u00a0: esslex list --theme familles. »);
    "" otherwise."""
    try:
        found = theme(glossary, query)
    except (ThemeNotFound, AmbiguousTheme):
        return ""
    return f"Voir le thème «\u00a0{found.label}\u00a0»\u00a0: esslex list --theme {found.id}."


def _by_prefix(themes: Sequence[Theme], key: str) -> list[Theme]:
    """Themes whose id, label or a word of the label starts like `key` ("transit", "eco")."""
    found = []
    for candidate in themes:
        label = fold_key(candidate.label)
        starts = (fold_key(candidate.id.replace("-", " ")), label, *label.split())
        if any(start.startswith(key) for start in starts):
            found.append(candidate)
    return found
