"""`esslex history` and `esslex favourites`, and `--favourites` as a selection: through the
CLI, with the lookups `define` and `related` record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from support.cli import run
from support.learner import START, learner_glossary


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    return learner_glossary(tmp_path)


def on(glossary: Path, *args: str, env: dict[str, str | None] | None = None) -> Any:
    return run("--no-bundled", "-g", str(glossary), *args, env=env)


def history(glossary: Path, env: dict[str, str | None] | None = None) -> list[dict[str, Any]]:
    result = on(glossary, "history", "--json", env=env)
    assert result.exit_code == 0, result.output
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


def test_define_and_related_are_recorded_latest_first(glossary: Path) -> None:
    when: dict[str, str | None] = {"ESSLEX_NOW": START.isoformat()}
    assert on(glossary, "define", "mutuele", env=when).exit_code == 0
    assert on(glossary, "define", "--json", "scop").exit_code == 0
    assert on(glossary, "related", "Fondation").exit_code == 0
    assert on(glossary, "define", "introuvable").exit_code == 1  # not found: not recorded
    rows = history(glossary, env=when)
    assert [(row["entry_id"], row["query"]) for row in rows] == [
        ("fondation", "Fondation"),
        ("scop", "scop"),
        ("mutuelle", "mutuele"),
    ]
    assert list(rows[0]) == ["time", "glossary_id", "entry_id", "label", "query"]
    assert rows[2] == {
        "time": "2026-03-02T09:00:00+01:00",
        "glossary_id": "essai",
        "entry_id": "mutuelle",
        "label": "Mutuelle",
        "query": "mutuele",
    }
    plain = on(glossary, "history", env=when).stdout.splitlines()
    assert plain[0].endswith("Fondation")  # the query is the label: not repeated
    assert plain[2] == "02/03/2026 09:00  Mutuelle — «\u00a0mutuele\u00a0»"
    assert len(on(glossary, "history", "-n", "2").stdout.splitlines()) == 2


def test_history_is_not_recorded_when_switched_off(glossary: Path) -> None:
    on(glossary, "define", "scop", env={"ESSLEX_NO_HISTORY": "1"})
    assert history(glossary) == []
    result = on(glossary, "history", "--off")
    assert result.exit_code == 0
    assert "Historique arrêté" in result.stderr
    on(glossary, "related", "scop")
    assert history(glossary) == []
    assert "Historique vide (arrêté)." in on(glossary, "history").stderr
    assert on(glossary, "history", "--on").exit_code == 0
    on(glossary, "define", "scop")
    assert [row["entry_id"] for row in history(glossary)] == ["scop"]
    result = on(glossary, "history", "--on", env={"ESSLEX_NO_HISTORY": "1"})
    assert "ESSLEX_NO_HISTORY l’arrête encore" in result.stderr


def test_history_clear(glossary: Path) -> None:
    on(glossary, "define", "scop")
    on(glossary, "define", "mutuelle")
    result = on(glossary, "history", "--clear")
    assert result.exit_code == 0
    assert "Historique effacé (2 consultations)." in result.stderr
    assert history(glossary) == []


def test_an_entry_gone_from_the_glossaries_keeps_its_history_line(
    glossary: Path, tmp_path: Path
) -> None:
    on(glossary, "define", "scop")
    other = learner_glossary(tmp_path / "autre", text='[glossary]\nid = "autre"\ntitle = "A"\n')
    result = on(other, "history")
    assert result.stdout.strip().endswith("scop (absente des glossaires en usage)")


def test_favourites_add_list_remove(glossary: Path) -> None:
    result = on(glossary, "favourites", "add", "mutuele")
    assert result.exit_code == 0
    assert "Ajouté aux favoris\u00a0: «\u00a0Mutuelle\u00a0»." in result.stderr
    assert "déjà dans vos favoris" in on(glossary, "favourites", "add", "Mutuelle").stderr
    on(glossary, "favourites", "add", "société", "coopérative", "et", "participative")
    assert on(glossary, "favourites").stdout.splitlines() == ["Mutuelle", "Scop"]
    listed = json.loads(on(glossary, "favourites", "list", "--json").stdout)
    assert [(row["glossary_id"], row["entry_id"], row["label"]) for row in listed] == [
        ("essai", "mutuelle", "Mutuelle"),
        ("essai", "scop", "Scop"),
    ]
    assert list(listed[0]) == ["glossary_id", "entry_id", "label", "added"]
    result = on(glossary, "favourites", "remove", "scop")
    assert result.exit_code == 0 and "Retiré des favoris" in result.stderr
    result = on(glossary, "favourites", "remove", "scop")
    assert result.exit_code == 1 and "n’est pas dans vos favoris" in result.stderr


def test_favourites_errors_are_one_french_line(glossary: Path) -> None:
    result = on(glossary, "favourites", "add")
    assert result.exit_code == 2 and "Précisez le terme" in result.stderr
    result = on(glossary, "favourites", "add", "introuvable")
    assert result.exit_code == 1 and "Aucun terme trouvé" in result.stderr
    result = on(glossary, "favourites", "ajouter", "scop")
    assert result.exit_code == 2
    result = on(glossary, "favourites", "list", "scop")
    assert result.exit_code == 2


def test_favourites_select_entries_for_export_quiz_exercises(
    glossary: Path, tmp_path: Path
) -> None:
    result = on(glossary, "export", "-f", "json", "--favourites")
    assert result.exit_code == 1
    assert "Aucune entrée favorite" in result.stderr
    for name in ("scop", "mutuelle", "fondation", "tiers-lieu"):
        on(glossary, "favourites", "add", name)
    on(glossary, "favourites", "remove", "tiers-lieu")
    data = json.loads(on(glossary, "export", "-f", "json", "--favourites").stdout)
    assert sorted(term["id"] for term in data["terms"]) == ["fondation", "mutuelle", "scop"]
    themed = json.loads(
        on(glossary, "export", "-f", "json", "--favourites", "--theme", "structures").stdout
    )
    assert sorted(term["id"] for term in themed["terms"]) == ["mutuelle", "scop"]
    on(glossary, "favourites", "add", "tiers-lieu")
    quiz = json.loads(on(glossary, "quiz", "--json", "--favourites", "--seed", "1").stdout)
    assert {question["answer"] for question in quiz} <= {
        "scop",
        "mutuelle",
        "fondation",
        "tiers-lieu",
    }
    target = tmp_path / "fiche.html"
    result = on(glossary, "exercises", "--favourites", "--kind", "cloze", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "4 entrées sur 4" in result.stderr or "4 entrées" in result.stderr


def test_a_lookup_never_fails_for_its_history(glossary: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "fichier"
    blocked.write_text("un fichier où un dossier est attendu", encoding="utf-8")
    result = on(glossary, "define", "scop", env={"ESSLEX_HOME": str(blocked / "esslex")})
    assert result.exit_code == 0 and "Scop" in result.stdout
    result = on(glossary, "define", "scop", env={"ESSLEX_NOW": "mardi"})
    assert result.exit_code == 0 and "Scop" in result.stdout
    assert history(glossary) == []


def test_labels_with_escapes_are_listed_as_text(tmp_path: Path) -> None:
    hostile = learner_glossary(
        tmp_path,
        text='[glossary]\nid = "piege"\ntitle = "Piège"\n\n[[term]]\nid = "rouge"\n'
        'label = "Rouge \\u001b[31mvif\\u001b]0;titre\\u0007"\ndefinition = "Une couleur."\n',
    )
    on(hostile, "define", "rouge")
    on(hostile, "favourites", "add", "rouge")
    for args in (("history",), ("favourites",)):
        result = on(hostile, *args)
        assert result.exit_code == 0
        assert "Rouge vif" in result.stdout
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
