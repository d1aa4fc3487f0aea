"""Several glossary files assembled into one Glossary: a later id overrides an earlier
one, relations checked and made both ways, cycles of broader entries found."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from esslex.errors import GlossaryError, Location
from esslex.glossary.entries import TermSite
from esslex.glossary.model import Glossary, GlossaryInfo, Term, Theme

if TYPE_CHECKING:
    from esslex.glossary.issues import Finding

# Findings and difflib are imported where used: a cached glossary needs neither.


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
    # Related the other way (« b » names « a »): after an entry's own, so that writing the
    # resolved relations back and reading them again gives the same order.
    related_back: dict[str, list[str]] = {}
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
                related_back.setdefault(other, []).append(term_id)
        for other in broader_read:
            if other != term_id and (
                other in terms or known(term_id, "broader", other, terms, "terme")
            ):
                broader.setdefault(term_id, []).append(other)
                narrower.setdefault(other, []).append(term_id)

    for term_id, back in related_back.items():
        related.setdefault(term_id, []).extend(back)
    for term_id, back in related_back.items():
        related.setdefault(term_id, []).extend(back)
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
        term.jurisdictions,
        term.equivalents,
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
