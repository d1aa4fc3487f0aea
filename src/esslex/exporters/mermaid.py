"""The concept map as a Mermaid flowchart, for slides and wikis."""

from __future__ import annotations

import re

from esslex.exporters import ExportOptions
from esslex.exporters.conceptmap import concept_map
from esslex.selection import Selection

_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def node_id(term_id: str) -> str:
    return "t_" + _UNSAFE.sub("_", term_id)


# "#" itself, or "#quot;" written in a label would be read as a quote; a backtick would
# start a Markdown string.
_ENTITIES = {"#": "#35;", "&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;"}


def label(text: str) -> str:
    """A quoted Mermaid label: quotes and markup characters as entity codes."""
    return '"' + "".join(_ENTITIES.get(char, char) for char in " ".join(text.split())) + '"'


def export(selection: Selection, options: ExportOptions) -> str:
    graph = concept_map(selection)
    lines = ["flowchart LR"]
    for cluster in graph.clusters:
        lines.append(f"  subgraph {'s_' + _UNSAFE.sub('_', cluster.id)}[{label(cluster.label)}]")
        for term_id in cluster.members:
            lines.append(f"    {node_id(term_id)}[{label(graph.labels[term_id])}]")
        lines.append("  end")
    for term_id in graph.loose:
        lines.append(f"  {node_id(term_id)}[{label(graph.labels[term_id])}]")
    for child, parent in graph.broader:
        lines.append(f"  {node_id(child)} -->|{label('générique')}| {node_id(parent)}")
    for one, other in graph.related:
        lines.append(f"  {node_id(one)} -.- {node_id(other)}")
    return "\n".join(lines) + "\n"
