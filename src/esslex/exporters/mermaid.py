"""The concept map as a Mermaid flowchart, for slides and wikis."""

from __future__ import annotations

import re

from esslex.exporters import ExportOptions
from esslex.exporters.conceptmap import (
    LEGEND_BROAD,
    LEGEND_BROADER,
    LEGEND_NARROW,
    LEGEND_ONE,
    LEGEND_OTHER,
    LEGEND_REFERENCE,
    LEGEND_TITLE,
    concept_map,
    reference_label,
    single_spaced,
)
from esslex.find.selection import Selection

_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def node_id(term_id: str) -> str:
    return "t_" + _UNSAFE.sub("_", term_id)


# "#" itself, or "#quot;" written in a label would be read as a quote; a backtick would
# start a Markdown string; Mermaid obeys "%%{init: …}%%" wherever it is, even in a quoted
# label (theme, CSS), and "%%" starts a comment.
_ENTITIES = {
    "#": "#35;",
    "&": "#amp;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
    "%": "#37;",
}


def label(text: str) -> str:
    """A quoted Mermaid label: quotes and markup characters as entity codes."""
    text = single_spaced(text)
    return '"' + "".join(_ENTITIES.get(char, char) for char in text) + '"'


def _legend() -> list[str]:
    return [
        f"  subgraph legende[{label(LEGEND_TITLE)}]",
        f"    legende_specifique[{label(LEGEND_NARROW)}] -->|{label(LEGEND_BROADER)}| legende_generique[{label(LEGEND_BROAD)}]",
        f"    legende_entree[{label(LEGEND_ONE)}] -.- legende_associee[{label(LEGEND_OTHER)}]",
        f"    legende_ailleurs[{label(LEGEND_REFERENCE)}]:::ailleurs",
        "  end",
    ]


def export(selection: Selection, options: ExportOptions) -> str:
    graph = concept_map(selection)
    lines = [
        "flowchart LR",
        "  classDef ailleurs stroke-dasharray: 5 5, fill:#ffffff, color:#5d6466",
    ]
    for cluster in graph.clusters:
        lines.append(f"  subgraph {'s_' + _UNSAFE.sub('_', cluster.id)}[{label(cluster.label)}]")
        for term_id in cluster.members:
            lines.append(f"    {node_id(term_id)}[{label(graph.labels[term_id])}]")
        for reference in cluster.references:
            text = reference_label(graph.labels[reference.term], reference.home)
            lines.append(f"    {'r_' + _UNSAFE.sub('_', reference.node)}[{label(text)}]:::ailleurs")
        lines.append("  end")
    for term_id in graph.loose:
        lines.append(f"  {node_id(term_id)}[{label(graph.labels[term_id])}]")
    for child, parent in graph.broader:
        lines.append(f"  {node_id(child)} -->|{label(LEGEND_BROADER)}| {node_id(parent)}")
    for one, other in graph.related:
        lines.append(f"  {node_id(one)} -.- {node_id(other)}")
    lines.extend(_legend())
    return "\n".join(lines) + "\n"
