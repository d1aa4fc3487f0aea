"""The Graphviz concept map."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from support.exports import export
from support.hostile import assert_inert, export_hostile


@pytest.mark.slow
def test_dot_concept_map(glossary: Path, tmp_path: Path) -> None:
    text = export(glossary, "-f", "dot", expect=0).out
    assert text.startswith('graph "essai" {') and text.rstrip().endswith("}")
    assert text.count("{") == text.count("}")
    assert '"cooperation" [label="Coopération \\"de fait\\""];' in text
    if shutil.which("dot") is None:
        pytest.skip("graphviz absent: syntaxe DOT non vérifiée par dot")
    svg = subprocess.run(
        ["dot", "-Tsvg"], input=text, capture_output=True, text=True, check=True
    ).stdout
    assert "Écosystème local" in svg and "Coopération" in svg


DOT_STRING = r'"(?:[^"\\\n]|\\.)*"'


DOT_LINE = re.compile(
    rf"graph {DOT_STRING} \{{|  (?:graph|node|edge) \[.*\];|  subgraph cluster_\d+ \{{"
    rf"|    label={DOT_STRING};|    color={DOT_STRING};|  ?  {DOT_STRING} \[label={DOT_STRING}\];"
    rf"|  {DOT_STRING} -- {DOT_STRING} \[.*\];|  \}}|\}}"
)


@pytest.mark.slow
def test_dot_labels_cannot_break_out(hostile: Path, tmp_path: Path) -> None:
    graph = export_hostile(hostile, "dot", tmp_path).decode("utf-8")
    assert_inert(graph)
    # The legend is fixed text, without glossary text.
    body, legend = graph.split("  subgraph cluster_legend {", 1)
    assert legend.count("legende-") == 5 + 2 * 2  # five boxes, two edges
    for line in body.splitlines():
        assert DOT_LINE.fullmatch(line), line
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz (dot) absent: the structure is checked, not the drawing")
    drawn = subprocess.run(
        [dot, "-Tsvg"], input=graph.encode(), capture_output=True, timeout=60, check=False
    )
    assert drawn.returncode == 0, drawn.stderr
    assert drawn.stdout.count(b'class="node"') == 2 + 5  # two entries, five in the legend
