"""The JSON export: the shipped schema, the same in the docs."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from esslex.glossary.model import Equivalent, Glossary, GlossaryInfo, Rights, Source, Term, Theme
from support.cli import run
from support.exports import export
from support.hostile import export_hostile, hostile_document
from support.properties import FIXTURES_OK, comparable, exported, glossaries, written


def test_json_matches_the_shipped_schema(glossary: Path) -> None:
    import jsonschema

    schema = json.loads(
        resources.files("esslex.exporters").joinpath("glossary.schema.json").read_text("utf-8")
    )
    data = json.loads(export(glossary, "-f", "json", expect=0).out)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["schema_version"] == 4
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


# --- property: any glossary comes back equal ---------------------------------------------


def _pair(read_in: dict[str, str] | None) -> tuple[str, str] | None:
    return None if read_in is None else (read_in.get("title", ""), read_in.get("url", ""))


def _term_of_json(data: dict[str, Any]) -> Term:
    # JSON names the default way of annotating « always »; the entry leaves it empty.
    fields = {
        **data,
        "glossary": "",
        "annotate": "" if data["annotate"] == "always" else data["annotate"],
    }
    fields["sources"] = tuple(
        Source(**{**source, "read_in": _pair(source.get("read_in"))}) for source in data["sources"]
    )
    for key in (
        "alt_labels",
        "hidden_labels",
        "themes",
        "notes",
        "related",
        "broader",
        "editorial_notes",
    ):
        fields[key] = tuple(data[key])
    fields["narrower"] = tuple(data["narrower"])
    fields["jurisdictions"] = tuple(data["jurisdictions"])
    fields["equivalents"] = tuple(
        Equivalent(item["lang"], item["label"], item["source"], item["url"] or "")
        for item in data["equivalents"]
    )
    fields["rights"] = Rights(*(value or "" for value in data["rights"].values()))
    return Term(**fields)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES_OK)
@given(document=glossaries())
def test_json_export_reads_back_equal(tmp_path: Path, document: dict[str, Any]) -> None:
    original = written(tmp_path, document)
    data = json.loads(exported(tmp_path, "json", "copie.json").read_text(encoding="utf-8"))
    info = data["glossary"]
    read_back = Glossary(
        GlossaryInfo(**{**info, "publishers": tuple(info.get("publishers", ()))}),
        tuple(Theme(**theme) for theme in data["themes"]),
        tuple(_term_of_json(term) for term in data["terms"]),
    )
    assert comparable(read_back) == comparable(original)


def test_json_keeps_every_character_of_a_hostile_glossary(hostile: Path, tmp_path: Path) -> None:
    document = json.loads(export_hostile(hostile, "json", tmp_path))
    assert document["terms"][0]["label"] == hostile_document()["term"][0]["label"]
    assert document["terms"][0]["hidden_labels"] == hostile_document()["term"][0]["hidden_labels"]
