"""Concept maps (Mermaid, DOT): an entry of several themes is found in each; a legend."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from esslex.exporters.conceptmap import concept_map
from esslex.find.selection import select
from esslex.glossary.loader import load_glossary
from support.exports import export
from support.glossaries import write_glossary

GLOSSARY = """
[glossary]
id = "carte"
title = "Carte"

[[theme]]
id = "a"
label = "Thème A"

[[theme]]
id = "b"
label = "Thème B"

[[term]]
id = "double"
label = "Entrée double"
themes = ["a", "b"]
definition = "Dans deux thèmes."

[[term]]
id = "simple"
label = "Entrée simple"
themes = ["b"]
definition = "Dans un thème."
broader = ["double"]
"""


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    return write_glossary(tmp_path / "carte.toml", text=GLOSSARY)


def test_an_entry_of_two_themes_is_drawn_once_and_referred_to_in_the_other(
    glossary: Path,
) -> None:
    graph = concept_map(select(load_glossary([glossary])))
    clusters = {cluster.id: cluster for cluster in graph.clusters}
    assert clusters["a"].members == ("double",)
    assert clusters["b"].members == ("simple",)
    assert [(r.term, r.home) for r in clusters["b"].references] == [("double", "Thème A")]
    # Asking for theme B draws it there, and A only gathers nothing.
    asked = concept_map(select(load_glossary([glossary]), themes=["b"]))
    assert [c.id for c in asked.clusters] == ["b"]
    assert set(asked.clusters[0].members) == {"double", "simple"}


def test_mermaid_has_the_reference_and_a_legend(glossary: Path) -> None:
    chart = export(glossary, "-f", "mermaid", expect=0).out
    assert 'r_ref_b_double["Entrée double (voir\u00a0: Thème A)"]:::ailleurs' in chart
    legend = chart.split("  subgraph legende[")[1]
    assert '"générique"' in legend and "-.-" in legend and ":::ailleurs" in legend
    # Edges join the entries themselves, never a reference box.
    assert not re.search(r"r_\w+ -", chart)


@pytest.mark.slow
def test_dot_draws_the_reference_and_the_legend(glossary: Path, tmp_path: Path) -> None:
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz absent")
    source = export(glossary, "-f", "dot", expect=0).out
    svg = subprocess.run(
        [dot, "-Tsvg"], input=source, capture_output=True, text=True, check=True, timeout=60
    ).stdout
    for text in ("Thème A", "Thème B", "Entrée double (voir", "Légende", "terme générique"):
        assert text in svg
    # Two entries and one reference box, then five boxes in the legend.
    assert svg.count('class="node"') == 3 + 5
    png = tmp_path / "carte.png"
    subprocess.run([dot, "-Tpng", "-o", str(png)], input=source, text=True, check=True)
    assert png.read_bytes().startswith(b"\x89PNG")
