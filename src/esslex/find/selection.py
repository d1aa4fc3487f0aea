"""Which entries an export covers: themes, terms and their neighbours."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from esslex.errors import EsslexError, UsageError
from esslex.glossary.model import Glossary, Term, Theme, in_jurisdiction


class EmptySelection(EsslexError):
    pass


@dataclass(frozen=True)
class Selection:
    """The entries to export, with the whole glossary to name the entries left out."""

    glossary: Glossary
    source: Glossary
    # Themes asked for with --theme, in the order given (they come first in a handout).
    themes: tuple[Theme, ...] = ()
    # True when every entry of the loaded glossary is exported.
    complete: bool = True
    # The exported ids in the order asked: --theme entries, --term entries, then neighbours.
    asked: tuple[str, ...] = ()

    def exported(self, term_id: str) -> bool:
        return self.glossary.get(term_id) is not None

    def label(self, term_id: str) -> str:
        term = self.source.get(term_id)
        return term.label if term is not None else term_id

    def closed(self) -> Glossary:
        """The exported entries, relations limited to exported entries (for data formats)."""
        terms = tuple(
            term._replace(
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
    only: Collection[str] | None = None,
    jurisdiction: str | None = None,
    files: Sequence[Path] = (),
) -> Selection:
    """The entries of the asked themes and terms (all entries if neither is given); with
    `only` (the learner's favourites), those of them whose id it holds; with a
    `jurisdiction` (« BE »), those that hold there (its subdivisions included); with
    `files` (--from), those that come from these glossary files."""
    from esslex.find import resolve

    chosen_themes = tuple(dict.fromkeys(resolve.theme(glossary, query) for query in themes))
    if not themes and not terms:
        chosen: dict[str, Term] = {term.id: term for term in glossary}
    else:
        chosen = {}
        for theme in chosen_themes:
            for term in glossary.terms_of_theme(theme.id):
                chosen.setdefault(term.id, term)
        for query in terms:
            term = resolve.entry(glossary, query, jurisdiction).term
            chosen.setdefault(term.id, term)
    if only is not None:
        chosen = {term_id: term for term_id, term in chosen.items() if term_id in only}
        if not chosen:
            raise EmptySelection(
                "Aucune entrée favorite dans cette sélection («\u00a0esslex favourites add"
                " TERME\u00a0» en ajoute)."
            )
    if jurisdiction is not None:
        chosen = {i: t for i, t in chosen.items() if in_jurisdiction(t.jurisdictions, jurisdiction)}
        if not chosen:
            from esslex.glossary.places import place_and_code

            raise EmptySelection(
                f"Aucune entrée de cette sélection ne vaut pour {place_and_code(jurisdiction)}."
            )
    if files:
        paths = _loaded_paths(glossary, files)
        chosen = {term_id: term for term_id, term in chosen.items() if term.glossary in paths}
        if not chosen:
            named = ", ".join(str(path) for path in files)
            raise EmptySelection(f"Aucune entrée de {named} dans cette sélection.")
    if with_related:
        for term in list(chosen.values()):
            for neighbour in glossary.neighbours(term):
                chosen.setdefault(neighbour.id, neighbour)
    if not chosen:
        names = ", ".join(f"«\u00a0{theme.label}\u00a0»" for theme in chosen_themes)
        raise EmptySelection(f"Aucune entrée à exporter (thème {names} sans entrée).")
    # All of it keeps the themes without entries too: a data export gives back what it read.
    whole = not themes and not terms and only is None and jurisdiction is None and not files
    subset = glossary if whole else glossary.subset(list(chosen))
    return Selection(
        subset, glossary, chosen_themes, complete=len(subset) == len(glossary), asked=tuple(chosen)
    )


def _loaded_paths(glossary: Glossary, files: Sequence[Path]) -> set[str]:
    """The paths, as loaded, of the glossaries in use that `files` name (--from)."""
    from esslex.glossary.paths import same_file

    loaded = [part.path for part in glossary.parts or (glossary.info,)]
    found: set[str] = set()
    for path in files:
        matches = [name for name in loaded if name and same_file(Path(name), path)]
        if not matches:
            raise UsageError(
                f"--from {path}\u00a0: ce fichier n’est pas un des glossaires en usage\u00a0;"
                f" chargez-le avec «\u00a0esslex --glossary {path} …\u00a0» (voir"
                " «\u00a0esslex glossaries\u00a0»)"
            )
        found.update(matches)
    return found


def describe(selection: Selection) -> str:
    """A short French account of what was exported, e.g. « 7 entrées sur 18 »."""
    count = len(selection.glossary)
    noun = "entrée" if count == 1 else "entrées"
    if selection.complete:
        return f"{count} {noun}"
    return f"{count} {noun} sur {len(selection.source)}"


def select_ids(glossary: Glossary, ids: Sequence[str]) -> Selection:
    """The entries of these ids, in this order: entries already picked (`browse`), not
    names to read through the lookup ladder; ids the glossary lacks are left out."""
    chosen = [term_id for term_id in dict.fromkeys(ids) if glossary.get(term_id) is not None]
    if not chosen:
        raise EmptySelection("Aucune entrée à exporter.")
    subset = glossary.subset(chosen)
    return Selection(subset, glossary, complete=len(subset) == len(glossary), asked=tuple(chosen))
