"""`esslex export --format gift`: a Moodle quiz, parsed back by a GIFT reader written to
the format's rules (escapes, titles, answers, matching pairs)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from esslex.exporters.gift import escape
from esslex.glossary.loader import load_glossary
from esslex.trainer.masking import question_text
from support.exports import export
from support.glossaries import TRAINER_GLOSSARY


@dataclass
class GiftQuestion:
    title: str
    text: str
    right: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)


def unescape(text: str) -> str:
    return html.unescape(re.sub(r"\\(.)", r"\1", text).replace("<br>", "\n"))


def split_unescaped(text: str, marks: str) -> list[tuple[str, str]]:
    """(mark, text) for each piece starting at an unescaped mark."""
    pieces: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char == "\\":
            if pieces:
                pieces[-1] = (pieces[-1][0], pieces[-1][1] + text[position : position + 2])
            position += 2
            continue
        if char in marks:
            pieces.append((char, ""))
        elif pieces:
            pieces[-1] = (pieces[-1][0], pieces[-1][1] + char)
        position += 1
    return pieces


def parse(gift: str) -> list[GiftQuestion]:
    questions = []
    for block in re.split(r"\n\s*\n", gift):
        lines = [line for line in block.splitlines() if not line.startswith("//")]
        block = "\n".join(lines).strip()
        if not block or block.startswith("$CATEGORY"):
            continue
        match = re.fullmatch(
            r"::((?:[^:\\]|\\.)*)::(\[html\])?((?:[^{\\]|\\.)*)\{(.*)\}", block, re.S
        )
        assert match, block
        question = GiftQuestion(unescape(match.group(1)), unescape(match.group(3).strip()))
        for mark, text in split_unescaped(match.group(4), "=~"):
            text = text.strip()
            if mark == "=" and " -> " in text:
                left, right = text.rsplit(" -> ", 1)
                question.pairs.append((unescape(left), unescape(right)))
            elif mark == "=":
                question.right.append(unescape(text))
            else:
                question.wrong.append(unescape(text))
        questions.append(question)
    return questions


def test_every_entry_has_a_choice_question_whose_right_answer_is_the_entry(
    trainer_glossary: Path,
) -> None:
    gift = export(trainer_glossary, "-f", "gift", expect=0).out
    glossary = load_glossary([trainer_glossary])
    questions = parse(gift)
    choices = [q for q in questions if not q.pairs]
    assert sorted(q.title.split()[-1] for q in choices) == sorted(t.id for t in glossary)
    for question in choices:
        entry = glossary[question.title.split()[-1]]
        assert question.right == [entry.label]
        assert len(question.wrong) == 3
        assert entry.label not in question.wrong
        assert question.text == question_text(entry)
    scop = next(q for q in choices if q.title.endswith(" scop"))
    assert "scop" not in scop.text.casefold() and "participative" not in scop.text


def test_matching_pairs_each_definition_with_its_term(trainer_glossary: Path) -> None:
    questions = parse(export(trainer_glossary, "-f", "gift", expect=0).out)
    glossary = load_glossary([trainer_glossary])
    (matching,) = [q for q in questions if q.pairs]
    assert matching.title == "006 association"
    by_label = {term.label: term for term in glossary}
    assert len(matching.pairs) == 5
    for definition, label in matching.pairs:
        assert definition == question_text(by_label[label])


def test_special_characters_and_html_are_escaped(trainer_glossary: Path) -> None:
    gift = export(trainer_glossary, "-f", "gift", expect=0).out
    assert "\\{détiennent\\}" in gift and "\\~ 51" in gift and "\\= plusieurs" in gift
    assert "\\#1" in gift and "<script>" not in gift and "&lt;script&gt;" in gift
    mutuelle = next(q for q in parse(gift) if q.title.endswith(" mutuelle"))
    assert "<script>" in mutuelle.text


def test_french_typography_comes_before_the_escapes(trainer_glossary: Path) -> None:
    gift = export(trainer_glossary, "-f", "gift", expect=0).out
    # « participative : les salariés » and « 51 % »: no-break spaces, then GIFT's backslash.
    assert "\u00a0\\: les salariés" in gift and "51\u00a0%" in gift
    assert not re.search(r"(?m)^\s*\\?:(?!:)", gift), "a line starts with « : »"
    scop = next(q for q in parse(gift) if q.title.endswith(" scop"))
    assert scop.text.count("______") == 1  # the Scop once, its other name elided


@pytest.mark.parametrize("text", ["a:b", "{x}", "~=#", "\\", "x -> y", "<b>&</b>", "a\n\nb"])
def test_escape_round_trips(text: str) -> None:
    escaped = escape(text)
    assert "\n" not in escaped
    assert unescape(escaped) == "\n".join(line for line in text.splitlines() if line)


def test_the_same_selection_gives_the_same_file(trainer_glossary: Path) -> None:
    assert (
        export(trainer_glossary, "-f", "gift", expect=0).out
        == export(trainer_glossary, "-f", "gift", expect=0).out
    )


def test_too_small_a_selection_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "petit.toml"
    path.write_text(TRAINER_GLOSSARY.split('[[term]]\nid = "mutuelle"')[0], encoding="utf-8")
    result = export(path, "-f", "gift", expect=2).err
    assert "Sélection trop petite" in result
