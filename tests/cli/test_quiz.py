"""`esslex quiz`: the JSON contract, a game played through the CLI and in a real terminal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from cli_support import SCRIPT, run, run_script, write_glossary
from terminal_support import terminal

GLOSSARY = """
[glossary]
id = "essai"
title = "Glossaire d’essai"

[[theme]]
id = "economie"
label = "Économie"

[[term]]
id = "scop"
label = "Scop"
alt_labels = ["société coopérative et participative"]
themes = ["economie"]
definition = "Une Scop est une société coopérative et participative détenue par ses salariés."

[[term]]
id = "scic"
label = "SCIC"
themes = ["economie"]
definition = "Une société coopérative d’intérêt collectif, à plusieurs catégories d’associés."

[[term]]
id = "mutuelle"
label = "Mutuelle"
themes = ["economie"]
definition = "Un groupement de personnes qui s’assurent entre elles."

[[term]]
id = "fondation"
label = "Fondation"
themes = ["economie"]
definition = "Des biens affectés à une œuvre d’intérêt général : \\u001b[31mrouge."
"""


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    return write_glossary(tmp_path / "essai.toml", text=GLOSSARY)


def quiz(glossary: Path, *args: str, **kwargs: Any) -> Result:
    return run("--no-bundled", "-g", str(glossary), "quiz", *args, **kwargs)


def questions(glossary: Path, *args: str) -> list[dict[str, Any]]:
    result = quiz(glossary, "--json", *args)
    assert result.exit_code == 0, result.output
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


def test_json_shape_is_the_documented_one(glossary: Path) -> None:
    data = questions(glossary, "--seed", "3", "--kind", "choice", "--kind", "cloze")
    assert [q["kind"] for q in data] == ["choice"] * 4 + ["cloze"] * 4
    for question in data:
        assert list(question) == ["kind", "prompt", "choices", "answer"]
        assert isinstance(question["prompt"], str)
        for choice in question["choices"]:
            assert list(choice) == ["key", "id", "label"]
        assert question["answer"] in {choice["id"] for choice in question["choices"]}
    assert [c["key"] for c in data[0]["choices"]] == ["A", "B", "C", "D"]
    assert [c["key"] for c in data[4]["choices"]] == ["1", "2", "3", "4"]


def test_json_matching_gives_pairs(glossary: Path) -> None:
    (question,) = questions(glossary, "--seed", "1", "--kind", "matching")
    assert list(question) == ["kind", "prompt", "choices", "definitions", "pairs"]
    assert question["kind"] == "matching"
    by_letter = {item["key"]: item["id"] for item in question["definitions"]}
    by_number = {choice["key"]: choice["id"] for choice in question["choices"]}
    assert len(question["pairs"]) == 4
    for pair in question["pairs"]:
        assert list(pair) == ["term", "definition"]
        assert by_letter[pair["definition"]] == by_number[pair["term"]]


def test_json_masks_the_term_and_strips_escapes(glossary: Path) -> None:
    data = questions(glossary, "--seed", "2", "--term", "scop", "--term", "fondation")
    # Too few entries selected: the wrong options come from the theme's other entries.
    scop = next(q for q in data if q["answer"] == "scop")
    assert "scop" not in scop["prompt"].casefold()
    assert "coopérative et participative" not in scop["prompt"]
    fondation = next(q for q in data if q["answer"] == "fondation")
    assert "\x1b" not in fondation["prompt"] and "rouge" in fondation["prompt"]


def test_the_same_seed_gives_the_same_quiz(glossary: Path) -> None:
    assert questions(glossary, "--seed", "9") == questions(glossary, "--seed", "9")


def test_count_limits_the_questions(glossary: Path) -> None:
    assert len(questions(glossary, "--seed", "9", "--count", "2")) == 2


def test_without_a_terminal_nor_json_it_refuses(glossary: Path) -> None:
    result = quiz(glossary)
    assert result.exit_code == 2
    assert "Le quiz se joue dans un terminal" in result.stderr
    assert "--json" in result.stderr
    assert result.stdout == ""


def test_a_selection_too_small_is_a_usage_error(tmp_path: Path, glossary: Path) -> None:
    small = tmp_path / "petit.toml"
    small.write_text(GLOSSARY.split('[[term]]\nid = "mutuelle"')[0], encoding="utf-8")
    result = quiz(small, "--json")
    assert result.exit_code == 2
    assert "Sélection trop petite" in result.stderr
    assert "au moins 4 entrées" in result.stderr


TERMINAL = {"ESSLEX_FORCE_TERMINAL": "1"}


def right_answers(data: list[dict[str, Any]]) -> list[str]:
    return [
        next(c["key"] for c in question["choices"] if c["id"] == question["answer"])
        for question in data
    ]


def test_a_game_answered_right_scores_everything(glossary: Path) -> None:
    answers = right_answers(questions(glossary, "--seed", "5"))
    result = quiz(glossary, "--seed", "5", env=TERMINAL, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Question 1/4 · Choix multiple" in result.stdout
    assert result.stdout.count("Juste\u00a0!") == 4
    assert "Score\u00a0: 4/4 (100\u00a0%)" in result.stdout
    assert "À revoir" not in result.stdout


def test_wrong_answers_are_corrected_and_listed_for_review(glossary: Path) -> None:
    data = questions(glossary, "--seed", "5")
    right = right_answers(data)
    # A number works as well as a letter; a key that is not offered is asked again.
    wrong = [next(k for k in "ABCD" if k != key) for key in right]
    typed = ["Z", wrong[0], str("ABCD".index(right[1]) + 1), right[2].lower(), right[3]]
    result = quiz(glossary, "--seed", "5", env=TERMINAL, input="\n".join(typed) + "\n")
    assert result.exit_code == 0, result.output
    assert "Répondez par A à D" in result.stdout
    first = data[0]
    label = next(c["label"] for c in first["choices"] if c["id"] == first["answer"])
    assert f"Faux. La bonne réponse\u00a0: {right[0]}. {label}" in result.stdout
    assert "Score\u00a0: 3/4 (75\u00a0%)" in result.stdout
    assert "À revoir\u00a0:" in result.stdout
    assert f"esslex --no-bundled -g {glossary} define {label}" in result.stdout


def test_matching_asks_each_term(glossary: Path) -> None:
    (question,) = questions(glossary, "--seed", "1", "--kind", "matching")
    typed = [pair["definition"] for pair in question["pairs"]]
    result = quiz(
        glossary, "--seed", "1", "--kind", "matching", env=TERMINAL, input="\n".join(typed) + "\n"
    )
    assert result.exit_code == 0, result.output
    assert "Score\u00a0: 4/4" in result.stdout


def test_end_of_input_stops_with_the_score_so_far(glossary: Path) -> None:
    answers = right_answers(questions(glossary, "--seed", "5"))
    result = quiz(glossary, "--seed", "5", env=TERMINAL, input=answers[0] + "\n")
    assert result.exit_code == 130
    assert "Quiz interrompu." in result.stdout
    assert "Score\u00a0: 1/1 (100\u00a0%)" in result.stdout


@pytest.mark.slow
def test_installed_script_prints_json(glossary: Path) -> None:
    completed = run_script(
        "--no-bundled", "-g", str(glossary), "quiz", "--json", "--seed", "4", text=True
    )
    assert completed.returncode == 0, completed.stderr
    assert len(json.loads(completed.stdout)) == 4


@pytest.mark.slow
def test_played_in_tmux_with_ctrl_c(glossary: Path, tmp_path: Path) -> None:
    answers = right_answers(questions(glossary, "--seed", "5"))
    command = f"{SCRIPT} --no-bundled -g {glossary} quiz --seed 5; echo CODE=$?; sleep 30"
    with terminal(command, tmp_path) as screen:
        screen.wait_for("Votre réponse (A à D)")
        screen.keys(answers[0], "Enter")
        screen.wait_for("Question 2/4")
        screen.keys("C-c")
        shown = screen.wait_for("CODE=")
        assert "Juste\u00a0!" in shown
        assert "Quiz interrompu." in shown
        assert "Score\u00a0: 1/1 (100\u00a0%)" in shown
        assert "CODE=130" in shown
