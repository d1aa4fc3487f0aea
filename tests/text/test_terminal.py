"""text/terminal: what may reach a terminal. Text loses every escape and control character
(whatever the input: Hypothesis); JSON, TOML and Turtle keep every character, escaped."""

from __future__ import annotations

import json
import sys
import unicodedata

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from esslex.text.terminal import terminal_escaped, terminal_json, terminal_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

# Every way a text can drive a terminal, in 7-bit and 8-bit forms.
ATTACKS = {
    "clear": "\x1b[2J\x1b[H",
    "hidden link": "\x1b]8;;https://mal.example/\x1b\\ici\x1b]8;;\x1b\\",
    "window title": "\x1b]0;titre\x07",
    "DECRQSS": "\x1bP$qm\x1b\\",
    "8-bit DCS": "\x90$qm\x9c",
    "8-bit CSI": "\x9b31m",
    "8-bit OSC": "\x9d0;titre\x9c",
    "APC": "\x1b_payload\x1b\\",
    "reset": "\x1bc",
    "carriage return": "rm -rf /\rls",
    "bidi": "\u202eesrevni\u202c\u2066x\u2069",
    "invisible": "zéro\u200blargeur\u2060\ufeff",
    "line separator": "a\u2028b\u2029c\x85d",
}


def assert_inert(text: str) -> None:
    for position, char in enumerate(text):
        if char in "\t\n" or (char == "\r" and text[position + 1 : position + 2] == "\n"):
            continue
        assert unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"), repr(char)


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_text_keeps_nothing_a_terminal_obeys(attack: str) -> None:
    shown = terminal_text(f"avant {attack} après")
    assert_inert(shown)
    assert shown.startswith("avant ") and shown.endswith(" après")
    for payload in ("mal.example", "titre", "$q", "31m", "payload", "2J"):
        assert payload not in shown


def test_text_keeps_tabs_line_ends_and_marks_undecodable_bytes() -> None:
    assert terminal_text("a\tb\r\nc\nd") == "a\tb\r\nc\nd"
    assert terminal_text("fichier\udcff.toml") == "fichier\ufffd.toml"
    assert terminal_text("avant\rapres") == "avant\napres"  # the cursor is not sent back


@given(st.text())
def test_any_text_is_inert_and_cleaning_is_idempotent(text: str) -> None:
    shown = terminal_text(text)
    assert_inert(shown)
    assert terminal_text(shown) == shown


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",))))
def test_json_keeps_every_character_escaped(text: str) -> None:
    document = json.dumps({"clé": text, "liste": [text]}, ensure_ascii=False)
    escaped = terminal_json(document)
    assert_inert(escaped)
    assert json.loads(escaped) == {"clé": text, "liste": [text]}


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",))))
def test_toml_keeps_every_character_escaped(text: str) -> None:
    for multiline in (False, True):
        document = tomli_w.dumps({"t": {"texte": text}}, multiline_strings=multiline)
        escaped = terminal_escaped(document, "unicode")
        assert_inert(escaped)
        read = tomllib.loads(escaped)["t"]["texte"]
        # TOML lets a reader normalise a line break written in a multi-line string (a CRLF
        # written raw by tomli_w reads as LF): the text is kept, line breaks aside.
        assert read == text or (multiline and read == text.replace("\r\n", "\n"))


def test_json_shows_an_undecodable_byte_as_a_replacement_character() -> None:
    assert json.loads(terminal_json('"fichier\udcff"')) == "fichier\ufffd"
