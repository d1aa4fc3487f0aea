"""`esslex export --format anki`: the .apkg's SQLite collection read back with sqlite3."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from support.cli import run
from support.glossaries import TRAINER_GLOSSARY

pytest.importorskip("genanki")


def collection(glossary: Path, name: str, *args: str) -> sqlite3.Connection:
    target = glossary.parent / f"{name}.apkg"
    result = run("--no-bundled", "-g", str(glossary), "export", "-o", str(target), *args)
    assert result.exit_code == 0, result.output
    database = glossary.parent / f"{name}.anki2"
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
        database.write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(database)


def notes(connection: sqlite3.Connection) -> dict[str, tuple[str, list[str], list[str]]]:
    """guid → (tags, fields) for every note."""
    rows = connection.execute("SELECT guid, tags, flds FROM notes").fetchall()
    return {guid: (tags, tags.split(), fields.split("\x1f")) for guid, tags, fields in rows}


def test_one_note_per_entry_with_label_definition_sources_and_tags(trainer_glossary: Path) -> None:
    found = notes(collection(trainer_glossary, "deck"))
    assert len(found) == 5
    by_front = {fields[0].split("<div")[0]: (tags, fields) for _, tags, fields in found.values()}
    assert set(by_front) == {"Scop", "SCIC", "Mutuelle", "Association", "PTCE"}
    tags, fields = by_front["Scop"]
    assert tags == ["statuts"]
    assert "société coopérative et participative, coopérative de salariés" in fields[0]
    assert "les salariés {détiennent} le capital" in fields[1]
    assert fields[2] == "Loi n°\u00a078-763, article 1"
    _, mutuelle = by_front["Mutuelle"]
    assert "&lt;script&gt;" in mutuelle[1] and "<script>" not in mutuelle[1]
    assert "1° Prévoyance" in mutuelle[1]
    assert by_front["PTCE"][0] == ["territoires"]


def test_the_deck_is_named_after_the_selection(trainer_glossary: Path) -> None:
    connection = collection(trainer_glossary, "territoires", "--theme", "territoires")
    decks = json.loads(connection.execute("SELECT decks FROM col").fetchone()[0])
    names = {deck["name"] for deck in decks.values()}
    assert "Glossaire de formation — Territoires" in names
    assert len(notes(connection)) == 1


def test_guids_are_stable_and_survive_a_changed_definition(
    trainer_glossary: Path, tmp_path: Path
) -> None:
    first = notes(collection(trainer_glossary, "premier"))
    second = notes(collection(trainer_glossary, "second"))
    assert set(first) == set(second)
    changed = tmp_path / "change" / "formation.toml"
    changed.parent.mkdir()
    changed.write_text(
        TRAINER_GLOSSARY.replace("Un regroupement d’acteurs", "Une alliance d’acteurs"),
        encoding="utf-8",
    )
    third = notes(collection(changed, "modifie"))
    assert set(third) == set(first)
    ptce = next(guid for guid, (_, _, fields) in third.items() if fields[0].startswith("PTCE"))
    assert "Une alliance" in third[ptce][2][1] and "Un regroupement" in first[ptce][2][1]


def test_another_glossary_gives_other_guids(trainer_glossary: Path, tmp_path: Path) -> None:
    other = tmp_path / "autre" / "formation.toml"
    other.parent.mkdir()
    other.write_text(TRAINER_GLOSSARY.replace('id = "formation"', 'id = "autre"'), encoding="utf-8")
    assert not set(notes(collection(other, "autre"))) & set(
        notes(collection(trainer_glossary, "deck"))
    )


def test_binary_format_needs_an_output_file(trainer_glossary: Path) -> None:
    result = run("--no-bundled", "-g", str(trainer_glossary), "export", "-f", "anki")
    assert result.exit_code == 2
    assert "--output" in result.stderr
