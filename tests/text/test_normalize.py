"""Folding, control-character stripping and French order, checked on any Unicode text.

Property tests (hypothesis): folding is idempotent and blind to case and Unicode forms;
`strip_controls` leaves no control or format character but the newline; on any string,
including the lone surrogates that Python makes of undecodable bytes in a command line
(surrogateescape). `find_term` and `esslex define` on such strings are tested in
find/test_lookup.py and cli/test_reading.py.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import strategies as st

from esslex.text.normalize import WordFolder, fold, fold_key, sort_key, strip_controls
from support.properties import QUERY_TEXT, TRICKY

FRENCH_TEXT = st.text(
    st.one_of(TRICKY, st.characters(min_codepoint=0x20, max_codepoint=0x24F)), max_size=40
)

# The autouse fixture of conftest.py only sets the environment: the same for every example.
FIXTURE_OK = [HealthCheck.function_scoped_fixture]


@given(QUERY_TEXT)
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(QUERY_TEXT)
def test_fold_key_is_idempotent(text: str) -> None:
    assert fold_key(fold_key(text)) == fold_key(text)


@given(QUERY_TEXT)
def test_fold_ignores_the_unicode_form(text: str) -> None:
    nfc, nfd = unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)
    assert fold(nfd) == fold(nfc) == fold(text)
    assert fold_key(nfd) == fold_key(nfc)


@given(QUERY_TEXT)
@example("Dıjon")  # the dotless ı, whose capital is I
@example("ß ſ ﬁ Σς")
def test_fold_ignores_case(text: str) -> None:
    assert fold(text.upper()) == fold(text.lower()) == fold(text)


@given(QUERY_TEXT)
def test_fold_gives_single_spaced_lowercase_words(text: str) -> None:
    folded = fold(text)
    assert folded == folded.strip()
    assert "  " not in folded
    assert not any(unicodedata.category(char) in ("Mn", "Cc", "Cf", "Cs") for char in folded)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Écosystème d’action publique", "ecosysteme d action publique"),
        ("Main-d'Œuvre", "main d oeuvre"),
        ("CURRICULUM VITÆ", "curriculum vitae"),
        ("«\u00a0Économie\u00a0»", "economie"),
        ("P.T.C.E.", "p t c e"),
    ],
)
def test_fold_examples(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_key_drops_a_final_plural_s_but_not_the_end_of_ess() -> None:
    assert fold_key("Acteurs de l’ESS") == "acteur de l ess"
    assert fold_key("Pôles territoriaux") == "pole territoriaux"
    assert fold_key("PTCE") == "ptce"


@given(QUERY_TEXT)
def test_strip_controls_leaves_no_control_or_format_character(text: str) -> None:
    stripped = strip_controls(text)
    for char in stripped:
        assert char == "\n" or unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co"), repr(
            char
        )
    assert "\x1b" not in stripped
    assert stripped.count("\n") == text.count("\n")


@given(QUERY_TEXT)
def test_strip_controls_on_one_line_leaves_no_newline(text: str) -> None:
    assert "\n" not in strip_controls(text, keep_newlines=False)


@given(QUERY_TEXT)
def test_strip_controls_is_idempotent(text: str) -> None:
    once = strip_controls(text)
    assert strip_controls(once) == once


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("\x1b[31mrouge\x1b[0m", "rouge"),
        ("\x1b]8;;http://e\x1b\\lien\x1b]8;;\x1b\\", "lien"),
        ("\x1b]0;titre\x07texte", "texte"),
        ("a\rb", "ab"),
        ("\u202eabc\u202c", "abc"),
        ("zéro\u200blargeur\u200d\ufeff", "zérolargeur"),
        ("[bold red]x[/]", "[bold red]x[/]"),
        ("ligne 1\nligne\t2", "ligne 1\nligne 2"),
        ("\u00a0:\u00a0«\u00a0»", "\u00a0:\u00a0«\u00a0»"),
    ],
)
def test_strip_controls_examples(text: str, clean: str) -> None:
    assert strip_controls(text) == clean


@given(FRENCH_TEXT, FRENCH_TEXT)
def test_sort_key_orders_by_folded_text_first(first: str, second: str) -> None:
    if fold(first) < fold(second):
        assert sort_key(first) < sort_key(second)


def test_sort_key_puts_accented_capitals_among_their_letter() -> None:
    labels = ["Zèbre", "Écosystème", "Économie", "Mise en récit", "Ecole", "Acteurs", "Œuvre"]
    assert sorted(labels, key=sort_key) == [
        "Acteurs",
        "Ecole",
        "Économie",
        "Écosystème",
        "Mise en récit",
        "Œuvre",
        "Zèbre",
    ]


@given(st.text(max_size=60) | QUERY_TEXT)
@example("Œuvre   d’art\u00a0: l'ÉTÉ — coopé\u00adration")
def test_folding_word_by_word_is_folding(text: str) -> None:
    assert WordFolder(fold)(text) == fold(text)
    assert WordFolder(fold_key)(text) == fold_key(text)
