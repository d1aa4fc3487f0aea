"""The glossary as versioned JSON data (shape described by glossary.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from esslex.exporters import ExportOptions
from esslex.find.selection import Selection
from esslex.glossary.serialize import SCHEMA_VERSION, info_to_dict, term_to_json, theme_to_dict


def document(selection: Selection) -> dict[str, Any]:
    glossary = selection.closed()
    terms = []
    for term in glossary.terms:
        data = term_to_json(term)
        # The path of the file an entry came from is local to this machine: not exported.
        data.pop("glossary", None)
        terms.append(data)
    return {
        "schema_version": SCHEMA_VERSION,
        "glossary": info_to_dict(glossary.info),
        "complete": selection.complete,
        "themes": [theme_to_dict(theme) for theme in glossary.themes],
        "terms": terms,
    }


def export(selection: Selection, options: ExportOptions) -> str:
    return json.dumps(document(selection), ensure_ascii=False, indent=2) + "\n"
