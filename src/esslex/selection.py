"""Which entries an export covers: themes, terms and their neighbours."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from esslex.errors import EsslexError, quoted
from esslex.model import Glossary, Term, Theme
from esslex.normalize import fold_key


class ThemeNotFound(EsslexError):
    def __init__(self, query: str, themes: Sequence[Theme], suggestions: Sequence[Theme]) -> None:
        message = f"Aucun thème trouvé pour {quoted(query)}."
        if suggestions:
            listed = ", ".join(f"{theme.label} ({theme.id})" for theme in suggestions)
            message += f" Vouliez-vous dire\u00a0: {listed}\u00a0?"
        elif themes:
            listed = ", ".join(theme.id for theme in themes)
            message += f" Thèmes disponibles\u00a0: {listed}."
        super().__init__(message)


class AmbiguousTheme(EsslexError):
    def __init__(self, query: str, candidates: Sequence[Theme]) -> None:
        listed = ", ".join(f"{theme.label} ({theme.id})" for theme in candidates)
        super().__init__(
            f"Plusieurs thèmes correspondent à {quoted(query)}\u00a0: {listed}."
            " Précisez votre choix."
        )


class EmptySelection(EsslexError):
    pass


def find_theme(glossary: Glossary, query: str) -> Theme:
    """The theme `query` names: its id or its label, case, accents and plural forgiven."""
    text = query.strip()
    exact = glossary.theme(text)
    if exact is not None:
        return exact
    key = fold_key(text)
    if not key:
        raise ThemeNotFound(query, glossary.themes, ())
    matches = [
        theme
        for theme in glossary.themes
        if key in (fold_key(theme.label), fold_key(theme.id.replace("-", " ")))
    ]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise AmbiguousTheme(query, matches)
    # A word or the start of a label ("écosystèmes", "territoire").
    partial = (
        [theme for theme in glossary.themes if any(word.startswith(key) for word in _words(theme))]
        if len(key) >= 4
        else []
    )
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        raise AmbiguousTheme(query, partial)
    from rapidfuzz import fuzz

    scored = sorted(
        (
            (max(fuzz.ratio(key, fold_key(theme.label)), fuzz.ratio(key, theme.id)), theme)
            for theme in glossary.themes
        ),
        key=lambda pair: -pair[0],
    )
    if scored and scored[0][0] >= 85 and (len(scored) == 1 or scored[1][0] < scored[0][0] - 6):
        return scored[0][1]
    suggestions = [theme for score, theme in scored if score >= 60][:3]
    raise ThemeNotFound(query, glossary.themes, suggestions)


def _words(theme: Theme) -> list[str]:
    return [word for word in fold_key(theme.label).split() if len(word) >= 4] + [
        fold_key(theme.id.replace("-", " "))
    ]


@dataclass(frozen=True)
class Selection:
    """The entries to export, with the whole glossary to name the entries left out."""

    glossary: Glossary
    source: Glossary
    # Themes asked for with --theme, in the order given (they come first in a handout).
    themes: tuple[Theme, ...] = ()
    # True when every entry of the loaded glossary is exported.
    complete: bool = True

    def exported(self, term_id: str) -> bool:
        return self.glossary.get(term_id) is not None

    def label(self, term_id: str) -> str:
        term = self.source.get(term_id)
        return term.label if term is not None else term_id

    def closed(self) -> Glossary:
        """The exported entries, relations limited to exported entries (for data formats)."""
        terms = tuple(
            dataclasses.replace(
                term,
                related=self._kept(term.related),
                broader=self._kept(term.broader),
                narrower=self._kept(term.narrower),
            )
            for term in self.glossary.terms
        )
        return Glossary(self.glossary.info, self.glossary.themes, terms, self.glossary.parts)

    def _kept(self, ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(term_id for term_id in ids if self.exported(term_id))


def select(
    glossary: Glossary,
    themes: Sequence[str] = (),
    terms: Sequence[str] = (),
    with_related: bool = False,
) -> Selection:
    """The entries of the asked themes and terms (all entries if neither is given)."""
    chosen_themes = tuple(dict.fromkeys(find_theme(glossary, query) for query in themes))
    if not themes and not terms:
        chosen: dict[str, Term] = {term.id: term for term in glossary}
    else:
        chosen = {}
        for theme in chosen_themes:
            for term in glossary.terms_of_theme(theme.id):
                chosen.setdefault(term.id, term)
        if terms:
            from esslex.lookup import find_term

            for query in terms:
                # An entry's id (scripts) or any name `define` understands (people).
                found = glossary.get(query.strip())
                term = found if found is not None else find_term(glossary, query).term
                chosen.setdefault(term.id, term)
    if with_related:
        for term in list(chosen.values()):
            for neighbour in glossary.neighbours(term):
                chosen.setdefault(neighbour.id, neighbour)
    if not chosen:
        names = ", ".join(f"«\u00a0{theme.label}\u00a0»" for theme in chosen_themes)
        raise EmptySelection(f"Aucune entrée à exporter (thème {names} sans entrée).")
    # All of it keeps the themes without entries too: a data export gives back what it read.
    subset = glossary if not themes and not terms else glossary.subset(list(chosen))
    return Selection(subset, glossary, chosen_themes, complete=len(subset) == len(glossary))


def describe(selection: Selection) -> str:
    """A short French account of what was exported, e.g. « 7 entrées sur 18 »."""
    count = len(selection.glossary)
    noun = "entrée" if count == 1 else "entrées"
    if selection.complete:
        return f"{count} {noun}"
    return f"{count} {noun} sur {len(selection.source)}"
