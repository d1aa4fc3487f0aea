"""The concept map shared by the Mermaid and DOT exports: nodes, clusters and edges."""

from __future__ import annotations

from dataclasses import dataclass

from esslex.exporters.printable import printable_selection
from esslex.model import Glossary
from esslex.selection import Selection


@dataclass(frozen=True)
class Cluster:
    id: str
    label: str
    members: tuple[str, ...]  # term ids


@dataclass(frozen=True)
class ConceptMap:
    labels: dict[str, str]  # term id → label, in glossary order
    clusters: tuple[Cluster, ...]  # each entry in one cluster: its first theme
    loose: tuple[str, ...]  # entries without a theme
    broader: tuple[tuple[str, str], ...]  # (narrower, broader)
    related: tuple[tuple[str, str], ...]  # each pair once


def concept_map(selection: Selection) -> ConceptMap:
    glossary: Glossary = printable_selection(selection).closed()
    labels = {term.id: term.label for term in glossary}
    placed: dict[str, list[str]] = {}
    loose = []
    asked = [theme.id for theme in selection.themes]
    for term in glossary:
        themes = [theme_id for theme_id in term.themes if glossary.theme(theme_id)]
        first = next((theme_id for theme_id in themes if theme_id in asked), None)
        first = first or (themes[0] if themes else None)
        if first is None:
            loose.append(term.id)
        else:
            placed.setdefault(first, []).append(term.id)
    clusters = []
    for theme in glossary.themes:
        if theme.id in placed:
            clusters.append(Cluster(theme.id, theme.label, tuple(placed[theme.id])))
    broader = tuple((term.id, parent) for term in glossary for parent in term.broader)
    pairs: dict[frozenset[str], tuple[str, str]] = {}
    for term in glossary:
        for other in term.related:
            if other != term.id:
                pairs.setdefault(frozenset((term.id, other)), (term.id, other))
    return ConceptMap(labels, tuple(clusters), tuple(loose), broader, tuple(pairs.values()))
