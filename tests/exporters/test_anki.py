"""`esslex export --format anki`: the .apkg's SQLite collection read back with sqlite3."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

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


def anki_import(collection_path: Path, package: Path) -> Any:
    """The package imported by Anki's own library with its default options; the log."""
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = Collection(str(collection_path))
    try:
        request = ImportAnkiPackageRequest(
            package_path=str(package), options=ImportAnkiPackageOptions(with_scheduling=True)
        )
        return col.import_anki_package(request).log
    finally:
        col.close()


def export_deck(glossary: Path, target: Path, *options: str) -> None:
    result = run(
        "--no-bundled", "-g", str(glossary), *options, "export", "-o", str(target), "--force"
    )
    assert result.exit_code == 0, result.output


@pytest.mark.slow
def test_anki_updates_a_definition_corrected_the_same_day_and_keeps_reviews(
    trainer_glossary: Path, tmp_path: Path
) -> None:
    pytest.importorskip("anki")
    from anki.collection import Collection

    learner = tmp_path / "apprenant" / "collection.anki2"
    learner.parent.mkdir()
    first = tmp_path / "premier.apkg"
    export_deck(trainer_glossary, first)
    log = anki_import(learner, first)
    assert len(log.new) == 5 and not log.duplicate

    # The learner reviews the PTCE card once.
    col = Collection(str(learner))
    try:
        (note_id,) = col.find_notes("PTCE")
        card = col.get_note(note_id).cards()[0]
        card.start_timer()
        col.sched.answerCard(card, 3)  # « Bien »
        reviews = col.db.scalar("SELECT count() FROM revlog WHERE cid = ?", card.id)
    finally:
        col.close()
    assert reviews == 1

    # The definition corrected and exported again the same day (same SOURCE_DATE_EPOCH).
    trainer_glossary.write_text(
        trainer_glossary.read_text(encoding="utf-8").replace(
            "Un regroupement d’acteurs", "Une alliance d’acteurs"
        ),
        encoding="utf-8",
    )
    second = tmp_path / "second.apkg"
    export_deck(trainer_glossary, second)
    log = anki_import(learner, second)
    assert [note.fields[0][:4] for note in log.updated] == ["PTCE"]
    assert len(log.duplicate) == 4 and not log.new

    col = Collection(str(learner))
    try:
        assert col.note_count() == 5
        (note_id,) = col.find_notes("PTCE")
        assert "Une alliance d’acteurs" in col.get_note(note_id).fields[1]
        assert col.db.scalar("SELECT count() FROM revlog WHERE cid = ?", card.id) == 1
        assert col.get_note(note_id).cards()[0].id == card.id
    finally:
        col.close()

    # Unchanged: nothing to update.
    third = tmp_path / "troisieme.apkg"
    export_deck(trainer_glossary, third)
    log = anki_import(learner, third)
    assert not log.updated and not log.new and len(log.duplicate) == 5


def test_an_entry_overridden_by_another_glossary_keeps_its_guid(
    trainer_glossary: Path, tmp_path: Path
) -> None:
    personal = tmp_path / "perso" / "perso.toml"
    personal.parent.mkdir()
    personal.write_text(
        '[glossary]\nid = "perso"\ntitle = "Le mien"\n\n[[term]]\nid = "ptce"\nlabel = "PTCE"\n'
        'definition = "Ma définition."\n',
        encoding="utf-8",
    )
    alone = notes(collection(trainer_glossary, "seul"))
    target = tmp_path / "both.apkg"
    result = run(
        "--no-bundled", "-g", str(trainer_glossary), "-g", str(personal),
        "export", "-o", str(target),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(target) as archive:
        (tmp_path / "both.anki2").write_bytes(archive.read("collection.anki2"))
    both = notes(sqlite3.connect(tmp_path / "both.anki2"))
    assert set(both) == set(alone)
    ptce = next(guid for guid, (_, _, fields) in both.items() if fields[0].startswith("PTCE"))
    assert both[ptce][2][1] == "Ma définition."


def test_modification_times_follow_the_content(trainer_glossary: Path) -> None:
    def times(name: str) -> dict[str, int]:
        connection = collection(trainer_glossary, name)
        return dict(connection.execute("SELECT guid, mod FROM notes").fetchall())

    first = times("premier")
    assert times("second") == first  # unchanged: the same times, the same day or another
    trainer_glossary.write_text(
        trainer_glossary.read_text(encoding="utf-8").replace(
            "Un regroupement d’acteurs", "Une alliance d’acteurs"
        ),
        encoding="utf-8",
    )
    third = times("troisieme")
    changed = [guid for guid in first if third[guid] != first[guid]]
    assert len(changed) == 1 and third[changed[0]] > first[changed[0]]
