"""`esslex quiz`: the JSON contract, a game played through the CLI and in a real terminal."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from support.cli import SCRIPT, run, run_script
from support.glossaries import write_glossary
from support.hostile import NBSP, SGR, assert_inert, run_in_terminal
from support.terminal import terminal

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
    if shutil.which("tmux") is None:
        pytest.skip("tmux absent")
    answers = right_answers(questions(glossary, "--seed", "5"))
    session = f"esslex-quiz-{os.getpid()}"
    socket = str(tmp_path / "tmux.sock")
    tmux = ["tmux", "-S", socket]
    command = f"{SCRIPT} --no-bundled -g {glossary} quiz --seed 5; echo CODE=$?; sleep 30"
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", session, "-x", "100", "-y", "50", command],
        check=True,
        env=env,
    )
    try:

        def screen() -> str:
            return subprocess.run(
                [*tmux, "capture-pane", "-p", "-t", session],
                capture_output=True,
                text=True,
                check=True,
            ).stdout

        def wait_for(text: str) -> str:
            for _ in range(100):
                shown = screen()
                if text in shown:
                    return shown
                time.sleep(0.1)
            raise AssertionError(f"{text!r} absent:\n{screen()}")

        wait_for("Votre réponse (A à D)")
        subprocess.run([*tmux, "send-keys", "-t", session, answers[0], "Enter"], check=True)
        wait_for("Question 2/4")
        subprocess.run([*tmux, "send-keys", "-t", session, "C-c"], check=True)
        shown = wait_for("CODE=")
        assert "Juste\u00a0!" in shown
        assert "Quiz interrompu." in shown
        assert "Score\u00a0: 1/1 (100\u00a0%)" in shown
        assert "CODE=130" in shown
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)


# --- a glossary that tries to drive the terminal --------------------------------------------

# Clear the screen, a link whose target is hidden, a DECRQSS query (the terminal would type
# its reply into the quiz's input), the same query and a colour in 8-bit form, bidi, invisible.
DRIVING = (
    "\x1b[2J\x1b[H \x1b]8;;https://mal.example/\x1b\\ici\x1b]8;;\x1b\\ \x1bP$qm\x1b\\"
    " \x90$qm\x9c \x9b31m \x1b]0;titre\x07 \u202eesrevni\u202c zéro\u200blargeur \x1bc"
)


def driving_glossary(path: Path) -> Path:
    import tomli_w

    terms = [
        {
            "id": term_id,
            "label": f"{label} \x1b[5m",
            "themes": ["economie"],
            "definition": f"{definition} {DRIVING}",
        }
        for term_id, label, definition in (
            ("scop", "Scop", "Une société coopérative et participative."),
            ("scic", "SCIC", "Une société coopérative d’intérêt collectif."),
            ("mutuelle", "Mutuelle", "Un groupement de personnes qui s’assurent."),
            ("fondation", "Fondation", "Des biens affectés à une œuvre d’intérêt général."),
        )
    ]
    document = {
        "glossary": {"id": "piege", "title": f"Piège {DRIVING}"},
        "theme": [{"id": "economie", "label": "Économie"}],
        "term": terms,
    }
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return path


KINDS = ("--kind", "choice", "--kind", "cloze", "--kind", "matching")


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize("colours", [True, False], ids=["rich", "plain"])
def test_no_escape_of_the_glossary_reaches_the_terminal(tmp_path: Path, colours: bool) -> None:
    glossary = driving_glossary(tmp_path / "piege.toml")
    code, received = run_in_terminal(
        ["--no-bundled", "-g", str(glossary), "quiz", "--seed", "1", "-n", "6", *KINDS],
        answers=["B", "1", "A", "A", "B", "C", "D"] * 3,
        env={"NO_COLOR": None} if colours else {"NO_COLOR": "1"},
    )
    screen = received.decode("utf-8")
    assert code == 0, screen
    assert "Score\u00a0:" in screen and "Faux." in screen  # the corrections were shown
    assert "Une société coopérative et participative." in screen
    if colours:
        assert SGR.search(screen), "the Rich path was not taken"
    # The terminal's own line ends (CR LF) aside, nothing but text and Rich's colours.
    text = SGR.sub("", screen)
    assert_inert(text, ignore="\r" + NBSP)
    for trace in ("2J", "mal.example", "$q", "31m", "titre", "[5m"):
        assert trace not in text, trace


# --- the count announced is the count used -----------------------------------------------


def test_the_announced_count_is_the_scored_count(glossary: Path) -> None:
    # A matching series of 2 terms and 2 choice questions: 4 questions, 4 answers.
    args = ("--seed", "3", "--matching", "2", "--choice", "2")
    data = questions(glossary, *args)
    matching = next(q for q in data if q["kind"] == "matching")
    typed = [pair["definition"] for pair in matching["pairs"]]
    typed += right_answers([q for q in data if q["kind"] != "matching"])
    result = quiz(glossary, *args, env=TERMINAL, input="\n".join(typed) + "\n")
    assert result.exit_code == 0, result.output
    assert "Quiz\u00a0: 4 questions" in result.stdout
    assert "Question 4/4 · Choix multiple" in result.stdout
    assert "Score\u00a0: 4/4 (100\u00a0%)" in result.stdout


def test_feedback_never_names_another_answer_of_the_set(tmp_path: Path) -> None:
    path = write_glossary(
        tmp_path / "g.toml",
        text=GLOSSARY.replace(
            "Un groupement de personnes qui s’assurent entre elles.",
            "Un groupement de personnes, à la différence d’une fondation.",
        ),
    )
    data = questions(path, "--seed", "2", "-n", "4")
    answers = right_answers(data)
    result = quiz(path, "--seed", "2", "-n", "4", env=TERMINAL, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    # The question shows its definition; the feedback recalls it, Fondation masked.
    assert result.stdout.count("à la différence d’une fondation.") == 1
    assert result.stdout.count("à la différence d’une ______.") == 1


# --- the room ----------------------------------------------------------------------------

PLAIN_TERMINAL = {**TERMINAL, "NO_COLOR": "1"}


def test_room_reveals_on_enter_and_tallies_the_rooms_answers(glossary: Path) -> None:
    data = questions(glossary, "--seed", "5", "-n", "2")
    right = right_answers(data)
    # Question 1: the room answers right, then Enter reveals, Enter goes on; question 2:
    # Enter reveals without an answer, space ends.
    typed = f"{right[0].lower()}\r\r\r "
    result = quiz(glossary, "--room", "--seed", "5", "-n", "2", env=PLAIN_TERMINAL, input=typed)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.count("Question 1/2 · Choix multiple") == 3  # asked, answered, revealed
    assert f"La salle a répondu {right[0]}\u00a0: juste\u00a0!" in out
    assert "2 questions posées." in out
    assert "Réponses de la salle\u00a0: 1 juste sur 1 enregistrée (100\u00a0%)." in out
    assert "Score" not in out


def test_room_stops_on_q_and_at_the_end_of_input(glossary: Path) -> None:
    for typed in ("\rq", "\r"):
        result = quiz(glossary, "--room", "--seed", "5", env=PLAIN_TERMINAL, input=typed)
        assert result.exit_code == 130
        assert "Quiz interrompu." in result.stdout and "1 question posée." in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--room", "--json"), "--room et --json s’excluent"),
        (("--seconds", "30"), "ajoutez --room"),
    ],
)
def test_room_options_that_do_not_go_together(
    glossary: Path, args: tuple[str, ...], message: str
) -> None:
    result = quiz(glossary, *args, env=TERMINAL)
    assert result.exit_code == 2 and message in result.stderr


@pytest.mark.slow
def test_room_played_in_tmux_at_80_by_24(tmp_path: Path) -> None:
    """The room quiz on the bundled glossary in an 80×24 terminal, as projected."""
    command = f"{SCRIPT} quiz --room -n 3 --seed 1 --seconds 30; echo CODE=$?; sleep 30"
    with terminal(command, tmp_path, width=80, height=24) as screen:
        first = screen.wait_for("Question 1/3 · Choix multiple")
        lines = first.rstrip("\n").split("\n")
        # One panel, the whole screen but its last line, no line wider than the terminal.
        assert lines[0].startswith("╭") and lines[22].startswith("╰"), first
        assert len(lines) == 23 and max(len(line) for line in lines) == 80
        assert "Quel terme correspond à cette définition\u00a0?" in first
        assert "A. " in first and "D. " in first and "Réponse\u00a0:" not in first
        left = re.search(r"Temps restant\u00a0: (\d+)\u00a0s", first)
        assert left and 15 < int(left.group(1)) <= 30, first  # a busy machine draws late
        screen.keys("b")
        screen.wait_for("La salle a répondu B")
        screen.keys("Enter")
        revealed = screen.wait_for("Réponse\u00a0:")
        assert "Temps restant" not in revealed and "question suivante" in revealed
        screen.keys("Space")
        screen.wait_for("Question 2/3 · Choix multiple")
        # Two keys in one burst (the room's answer, then Enter): neither is lost.
        screen.keys("a", "Enter")
        revealed = screen.wait_for("Réponse\u00a0:")
        assert "La salle a répondu A" in revealed
        screen.keys("q")
        end = screen.wait_for("CODE=")
        assert "Quiz interrompu." in end and "2 questions posées." in end
        assert "Réponses de la salle\u00a0:" in end and "sur 2 enregistrées" in end
        assert "CODE=130" in end


def test_room_cuts_a_long_definition_so_the_options_stay_on_screen(tmp_path: Path) -> None:
    long = " ".join(["Une phrase de définition assez longue pour remplir une ligne."] * 40)
    path = write_glossary(
        tmp_path / "long.toml",
        text=GLOSSARY.replace("Un groupement de personnes qui s’assurent entre elles.", long),
    )
    args = ("--room", "--full-definitions", "--term", "mutuelle", "--seed", "1")
    env = {**TERMINAL, "NO_COLOR": None, "COLUMNS": "80", "LINES": "24"}
    result = quiz(path, *args, "-n", "1", env=env, input="\r")
    assert result.exit_code == 130, result.output
    first = SGR.sub("", result.stdout).split("Question 1/1")[1]
    panel = first[: first.index("╰")]
    assert "…" in panel and "A. " in panel and "D. " in panel
    assert panel.count("\n") <= 22
