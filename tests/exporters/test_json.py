"""The JSON export: the shipped schema, the same in the docs."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from cli_support import run
from export_support import out_of


def test_json_matches_the_shipped_schema(glossary: Path) -> None:
    import jsonschema

    schema = json.loads(
        resources.files("esslex.exporters").joinpath("glossary.schema.json").read_text("utf-8")
    )
    data = json.loads(out_of(glossary, "-f", "json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["schema_version"] == 2
    assert [t["label"] for t in data["terms"]] == [
        "Écosystème",
        "Écosystème local",
        "Achats publics responsables",
        'Coopération "de fait"',
    ]
    assert all("glossary" not in term for term in data["terms"])
    bundled = json.loads(run("export", "-f", "json").stdout)
    jsonschema.validate(bundled, schema, cls=jsonschema.Draft202012Validator)


def test_docs_carry_the_same_schema() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "glossary.schema.json"
    shipped = (
        resources.files("esslex.exporters").joinpath("glossary.schema.json").read_text("utf-8")
    )
    assert docs.read_text(encoding="utf-8") == shipped
