"""French typography applied when text is shown to people; the glossary data is unchanged.

The one rule (docs/export.md, « Typographie »):
- a no-break space (U+00A0) before « : », « ; », « ! », « ? », « » » and « % », and after
  « « » and « n° » before a number: the space written in the text becomes a no-break one;
  where none is written, one is added before « : ; ! ? » » after a word and after « « »,
  but never inside an address or a time (`http://`, `10:30`, `?q=`);
- in what a printed document shows, a straight apostrophe between two letters becomes
  the typographic one (l'économie → l’économie).
"""

from __future__ import annotations

import datetime
import re

NBSP = "\u00a0"

_BEFORE_PUNCTUATION = re.compile(r" +([:;!?»%])")
_AFTER_GUILLEMET = re.compile(r"« +")
_NUMERO = re.compile(r"(?<!\w)([nN]°) +(?=\d)")
# A word or a closing mark glued to « ; ! ? » », followed by a space or the end of the text.
_GLUED_BEFORE = re.compile(r"(?<=[^\W\d_]|[)»\]])([:;!?»])(?=\s|$|[.,):;!?»])")
_GLUED_AFTER_GUILLEMET = re.compile(r"«(?=[^\s\u00a0])")
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")


def french_spacing(text: str) -> str:
    """No-break spaces where French typography wants them, so no line starts with « ; »."""
    text = _NUMERO.sub("\\1" + NBSP, text)
    return _AFTER_GUILLEMET.sub("«" + NBSP, _BEFORE_PUNCTUATION.sub(NBSP + "\\1", text))


def french_typography(text: str) -> str:
    """The whole rule, for documents: spaces added where missing, typographic apostrophes."""
    text = french_spacing(text)
    text = _GLUED_BEFORE.sub(NBSP + "\\1", text)
    text = _GLUED_AFTER_GUILLEMET.sub("«" + NBSP, text)
    return _APOSTROPHE.sub("\u2019", text)


MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_date(day: datetime.date) -> str:
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS[day.month - 1]} {day.year}"
