"""The concept map in Graphviz DOT (`dot -Tsvg carte.dot > carte.svg`)."""

from __future__ import annotations

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


def quoted(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, one line."""
    text = single_spaced(text)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_BROADER_EDGE = f'dir=forward, arrowhead=empty, label="{LEGEND_BROADER}"'
_REFERENCE_NODE = 'style="rounded,dashed", fillcolor="#ffffff", fontcolor="#5d6466"'


def _legend() -> list[str]:
    return [
        "  subgraph cluster_legend {",
        f"    label={quoted(LEGEND_TITLE)};",
        '    color="#5d6466"; style=dashed; fontsize=11;',
        f'    "legende-specifique" [label={quoted(LEGEND_NARROW)}];',
        f'    "legende-generique" [label={quoted(LEGEND_BROAD)}];',
        f'    "legende-entree" [label={quoted(LEGEND_ONE)}];',
        f'    "legende-associee" [label={quoted(LEGEND_OTHER)}];',
        f'    "legende-ailleurs" [label={quoted(LEGEND_REFERENCE)}, {_REFERENCE_NODE}];',
        f'    "legende-specifique" -- "legende-generique" [{_BROADER_EDGE}];',
        '    "legende-entree" -- "legende-associee" [style=dashed];',
        "  }",
    ]


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
        for reference in cluster.references:
            label = reference_label(graph.labels[reference.term], reference.home)
            lines.append(
                f"    {quoted(reference.node)} [label={quoted(label)}, {_REFERENCE_NODE}];"
            )
        lines.append("  }")
    for term_id in graph.loose:
        lines.append(f"  {quoted(term_id)} [label={quoted(graph.labels[term_id])}];")
    for child, parent in graph.broader:
        lines.append(f"  {quoted(child)} -- {quoted(parent)} [{_BROADER_EDGE}];")
    for one, other in graph.related:
        lines.append(f"  {quoted(one)} -- {quoted(other)} [style=dashed];")
    lines.extend(_legend())
    lines.append("}")
    return "\n".join(lines) + "\n"
