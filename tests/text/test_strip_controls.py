"""`strip_controls` returns a text of Latin letters, digits, punctuation and spaces as it is,
without translating it: the characters it lets through that way are all ones it keeps."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from esslex.text.normalize import strip_controls

# What the quick path lets through: every other character goes through the translation.
PLAIN = [*range(0x20, 0x7F), 0x0A, *range(0xA0, 0x250), *range(0x2010, 0x2028)]
PLAIN += [*range(0x202F, 0x205F), 0x20AC]


def test_every_character_of_the_quick_path_is_one_strip_controls_keeps() -> None:
    text = "".join(map(chr, PLAIN))
    kept = [char for char in text if char != "\u00ad"]  # the soft hyphen is dropped
    assert strip_controls(text) == "".join(kept)
    assert strip_controls(text, keep_newlines=False) == "".join(kept).replace("\n", "")


@given(st.text(st.sampled_from([*map(chr, PLAIN), "\x1b", "\x9b", "\t", "\u200b", "\u202e"])))
def test_the_quick_path_gives_what_the_translation_gives(text: str) -> None:
    for keep in (True, False):
        assert strip_controls(text, keep) == strip_controls(text + "\u200b", keep)
