"""The concept map in Graphviz DOT (`dot -Tsvg carte.dot > carte.svg`)."""

from __future__ import annotations

from esslex.exporters import ExportOptions
from esslex.exporters.conceptmap import concept_map
from esslex.selection import Selection


def quoted(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, one line."""
    text = " ".join(text.split())
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def export(selection: Selection, options: ExportOptions) -> str:
    graph = concept_map(selection)
    lines = [
        f"graph {quoted(selection.glossary.info.id or 'glossaire')} {{",
        '  graph [rankdir=LR, fontname="Helvetica", labeljust=l];',
        '  node [shape=box, style="rounded,filled", fillcolor="#eef4f3", color="#1f5f5b", fontname="Helvetica"];',
        '  edge [color="#5d6466", fontname="Helvetica", fontsize=10];',
    ]
    for position, cluster in enumerate(graph.clusters):
        lines.append(f"  subgraph cluster_{position} {{")
        lines.append(f"    label={quoted(cluster.label)};")
        lines.append('    color="#c9d6d4";')
        for term_id in cluster.members:
            lines.append(f"    {quoted(term_id)} [label={quoted(graph.labels[term_id])}];")
        lines.append("  }")
    for term_id in graph.loose:
        lines.append(f"  {quoted(term_id)} [label={quoted(graph.labels[term_id])}];")
    for child, parent in graph.broader:
        lines.append(
            f'  {quoted(child)} -- {quoted(parent)} [dir=forward, arrowhead=empty, label="générique"];'
        )
    for one, other in graph.related:
        lines.append(f"  {quoted(one)} -- {quoted(other)} [style=dashed];")
    lines.append("}")
    return "\n".join(lines) + "\n"
