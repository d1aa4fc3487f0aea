"""SKOS in JSON-LD: the same graph as the Turtle export, compacted with a small context.

rdflib writes the nodes and the values of a property in the order of its store, which
changes from one run to the next; the nodes are sorted by id and each property's values
(a set in JSON-LD) by their text, so the same glossary gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from esslex.exporters import ExportOptions
from esslex.exporters.skos import graph
from esslex.find.selection import Selection

CONTEXT = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "foaf": "http://xmlns.com/foaf/0.1/",
}


def _sorted(value: Any) -> Any:
    """`value` with its objects' keys and its arrays' items in a fixed order."""
    if isinstance(value, dict):
        return {key: _sorted(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        items = [_sorted(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, ensure_ascii=False))
    return value


def export(selection: Selection, options: ExportOptions) -> str:
    data = graph(selection, options).serialize(format="json-ld", context=CONTEXT, indent=2)
    document = json.loads(data if isinstance(data, str) else data.decode("utf-8"))
    return json.dumps(_sorted(document), ensure_ascii=False, indent=2) + "\n"
