"""The Mermaid concept map."""

from __future__ import annotations

import re
from pathlib import Path

from support.exports import export
from support.glossaries import write_glossary
from support.hostile import assert_inert, export_hostile

_MERMAID_LINE = re.compile(
    r"^(flowchart LR"
    r'|  subgraph s_\w+\["[^"]*"\]'
    r"|  end"
    r'|\s+t_\w+\["[^"]*"\]'
    r'|\s+r_\w+\["[^"]*"\]:::ailleurs'
    r'|  t_\w+ -->\|"[^"]*"\| t_\w+'
    r"|  t_\w+ -\.- t_\w+)$"
)


def test_mermaid_concept_map(glossary: Path) -> None:
    text = export(glossary, "-f", "mermaid", expect=0).out
    lines = text.split("  subgraph legende[")[0].rstrip("\n").split("\n")
    assert lines[0] == "flowchart LR"
    for line in lines:
        assert line.startswith("  classDef ") or _MERMAID_LINE.match(line), line
    assert lines.count("  end") == 2
    assert 't_cooperation["Coopération #quot;de fait#quot;"]' in text
    assert 't_ecosysteme_local -->|"générique"| t_ecosysteme' in text
    assert "t_ecosysteme_local -.- t_achats" in text


MERMAID_LINE = re.compile(
    r'flowchart LR|  subgraph s_\w+\["[^"`\n]*"\]|  end|    ?t_\w+\["[^"`\n]*"\]'
    r'|  t_\w+ -->\|"[^"`\n]*"\| t_\w+|  t_\w+ -\.- t_\w+'
)


def test_mermaid_labels_cannot_break_out(hostile: Path, tmp_path: Path) -> None:
    chart = export_hostile(hostile, "mermaid", tmp_path).decode("utf-8")
    assert_inert(chart)
    # The style of reference boxes and the legend are fixed text, without glossary text.
    chart, legend = chart.split("  subgraph legende[", 1)
    assert "\n  classDef ailleurs " in chart and "t_" not in legend
    lines = [line for line in chart.splitlines() if not line.startswith("  classDef ")]
    for line in lines:
        assert MERMAID_LINE.fullmatch(line), line
    assert len(lines) == 1 + 2 + 2 + 2  # header, subgraph and end, two nodes, two edges
    names = {"quot": '"', "amp": "&", "lt": "<", "gt": ">"}

    def decoded(label: str) -> str:
        return re.sub(r"#(\w+);", lambda m: names.get(m[1]) or chr(int(m[1])), label)

    labels = [decoded(label) for label in re.findall(r't_lien\["([^"]*)"\]', chart)]
    assert labels and labels[0].startswith('Lien"]; x -- y; [label="z [bold red]gras[/]')
    assert '"`]--> x -- y;' in labels[0] and "<script>" in labels[0]


def test_a_label_cannot_give_mermaid_a_directive(tmp_path: Path) -> None:
    # Mermaid obeys "%%{init: …}%%" anywhere in the chart, even inside a quoted label.
    directive = '%%{init: {"theme": "dark", "themeCSS": ".node rect {fill: red}"}}%%'
    source = write_glossary(
        tmp_path / "directive.toml",
        text=f"[[theme]]\nid = \"t\"\nlabel = '{directive}'\n\n"
        f'[[term]]\nid = "a"\nlabel = \'50 % {directive}\'\nthemes = ["t"]\n'
        'definition = "Définition."\n',
    )
    chart = export(source, "-f", "mermaid", expect=0).out
    assert "%" not in chart
    assert "#37;#37;{init: {#quot;theme#quot;: #quot;dark#quot;" in chart
    assert 't_a["50 #37; #37;#37;{init:' in chart
