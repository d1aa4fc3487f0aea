"""The concept map shared by the Mermaid and DOT exports: nodes, clusters, edges, legend.

An entry is drawn once, in its first theme (the first asked, else the first of its
`themes`); each other theme it belongs to shows a dashed reference box saying where it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from esslex.documents.printable import printable_selection
from esslex.find.selection import Selection
from esslex.glossary.model import Glossary


@dataclass(frozen=True)
class Reference:
    """A box in a cluster for an entry drawn in another cluster."""

    node: str  # unique node id: `ref-<cluster>-<term>`
    term: str  # the entry's id
    home: str  # the label of the cluster where the entry is drawn


@dataclass(frozen=True)
class Cluster:
    id: str
    label: str
    members: tuple[str, ...]  # term ids drawn here
    references: tuple[Reference, ...] = ()  # entries of this theme drawn elsewhere


@dataclass(frozen=True)
class ConceptMap:
    labels: dict[str, str]  # term id → label, in glossary order
    clusters: tuple[Cluster, ...]  # each entry drawn in one cluster: its first theme
    loose: tuple[str, ...]  # entries without a theme
    broader: tuple[tuple[str, str], ...]  # (narrower, broader)
    related: tuple[tuple[str, str], ...]  # each pair once


# The legend's words, shared by both formats.
LEGEND_TITLE = "Légende"
LEGEND_BROADER = "générique"
LEGEND_NARROW, LEGEND_BROAD = "terme spécifique", "terme générique"
LEGEND_ONE, LEGEND_OTHER = "entrée", "entrée associée (voir aussi)"
LEGEND_REFERENCE = "décrite dans un autre thème"


_SPACES = re.compile(r"[^\S\u00a0]+")


def single_spaced(text: str) -> str:
    """A label on one line; the no-break spaces of French typography are kept."""
    return _SPACES.sub(" ", text).strip()


def reference_label(label: str, home: str) -> str:
    return f"{label} (voir\u00a0: {home})"


def concept_map(selection: Selection) -> ConceptMap:
    glossary: Glossary = printable_selection(selection).closed()
    labels = {term.id: term.label for term in glossary}
    placed: dict[str, list[str]] = {}
    elsewhere: dict[str, list[tuple[str, str]]] = {}  # theme → (term, home theme)
    loose = []
    asked = [theme.id for theme in selection.themes]
    for term in glossary:
        themes = [theme_id for theme_id in term.themes if glossary.theme(theme_id)]
        first = next((theme_id for theme_id in themes if theme_id in asked), None)
        first = first or (themes[0] if themes else None)
        if first is None:
            loose.append(term.id)
            continue
        placed.setdefault(first, []).append(term.id)
        for other in themes:
            if other != first and (not asked or other in asked):
                elsewhere.setdefault(other, []).append((term.id, first))
    theme_labels = {theme.id: theme.label for theme in glossary.themes}
    clusters = []
    for theme in glossary.themes:
        if theme.id in placed or theme.id in elsewhere:
            references = tuple(
                Reference(f"ref-{theme.id}-{term_id}", term_id, theme_labels[home])
                for term_id, home in elsewhere.get(theme.id, [])
            )
            members = tuple(placed.get(theme.id, []))
            clusters.append(Cluster(theme.id, theme_labels[theme.id], members, references))
    broader = tuple((term.id, parent) for term in glossary for parent in term.broader)
    pairs: dict[frozenset[str], tuple[str, str]] = {}
    for term in glossary:
        for other in term.related:
            if other != term.id:
                pairs.setdefault(frozenset((term.id, other)), (term.id, other))
    return ConceptMap(labels, tuple(clusters), tuple(loose), broader, tuple(pairs.values()))
