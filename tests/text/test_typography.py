"""The French typography rule applied to documents for people; the data is left alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from esslex.text.typography import NBSP, french_typography

CASES = [
    ("Note: voir", f"Note{NBSP}: voir"),
    ("ainsi : oui ; non !", f"ainsi{NBSP}: oui{NBSP}; non{NBSP}!"),
    ("« bonjour »", f"«{NBSP}bonjour{NBSP}»"),
    ("«bonjour»", f"«{NBSP}bonjour{NBSP}»"),
    ("Quoi?", f"Quoi{NBSP}?"),
    ("l'économie d'un pays", "l’économie d’un pays"),
    ("n° 2014-856", f"n°{NBSP}2014-856"),
    ("15 %", f"15{NBSP}%"),
    # Addresses, times and code stay as they are.
    ("https://exemple.org/a?b=1;c", "https://exemple.org/a?b=1;c"),
    ("à 10:30", "à 10:30"),
    ("rock'n'roll 'cité'", "rock’n’roll 'cité'"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_the_rule(text: str, expected: str) -> None:
    assert french_typography(text) == expected


@given(st.text(alphabet=" ab:;!?«»'%\u00a0n°1"))
def test_no_break_can_start_a_line_with_a_closing_mark(text: str) -> None:
    typeset = french_typography(text)
    for mark in (":", ";", "!", "?", "»"):
        assert f" {mark}" not in typeset  # an ordinary space before it is a break opportunity
    assert "« " not in typeset
    assert french_typography(typeset) == typeset  # applying it twice changes nothing


@given(st.text())
def test_only_spaces_and_apostrophes_change(text: str) -> None:
    typeset = french_typography(text)
    strip = str.maketrans("", "", " \u00a0'\u2019")
    assert typeset.translate(strip) == text.translate(strip)
