"""SKOS in JSON-LD: the same graph as the Turtle export, compacted with a small context."""

from __future__ import annotations

from esslex.exporters import ExportOptions
from esslex.exporters.skos import graph
from esslex.find.selection import Selection

CONTEXT = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "foaf": "http://xmlns.com/foaf/0.1/",
}


def export(selection: Selection, options: ExportOptions) -> str:
    data = graph(selection, options).serialize(format="json-ld", context=CONTEXT, indent=2)
    text = data if isinstance(data, str) else data.decode("utf-8")
    return text if text.endswith("\n") else text + "\n"
