"""Folding of text for matching: case, accents, ligatures, apostrophes, Unicode forms."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Optional

# Ligatures spelt out; the dotless ı, whose capital is I, folds like i.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ı": "i"})
_SPACES = re.compile(r"\s+")
# Bytes of the command line or of a file name that are not UTF-8: Python keeps them as
# lone surrogates, which no UTF-8 file or stream can hold.
UNDECODABLE = re.compile("[\ud800-\udfff]")
# Terminal escapes with their payload: CSI, OSC and the string commands DCS, SOS, PM, APC
# (a DECRQSS query is a DCS), in their 7-bit and 8-bit (C1) forms; then any other ESC
# sequence. Any remaining control character is removed after them.
ESCAPE_SEQUENCES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    # A string's payload ends at its terminator, or at the line's end: a line break of the
    # text is kept, whatever an unterminated string would have swallowed.
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]"
)


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of `text` (idempotent)."""
    text = unicodedata.normalize("NFKD", text).casefold()
    text = unicodedata.normalize("NFKD", text)
    chars: list[str] = []
    for char in text.translate(_LIGATURES):
        category = unicodedata.category(char)
        if category in ("Mn", "Me", "Cf", "Cs", "Co", "Cn"):
            continue
        # Hyphens, apostrophes, brackets, quotes: word separators for matching.
        if category[0] in ("P", "Z", "S", "C"):
            chars.append(" ")
        else:
            chars.append(char)
    return _SPACES.sub(" ", "".join(chars)).strip()


class WordFolder(dict[str, str]):
    """`fold` (or `fold_key`) word by word, each distinct word once: the same result
    (folding never joins two words), many times faster on long texts."""

    def __init__(self, function: Callable[[str], str]) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, word: str) -> str:
        value = self[word] = self.function(word)
        return value

    def __call__(self, text: str) -> str:
        return " ".join(filter(None, map(self.__getitem__, text.split())))


def _singular(word: str) -> str:
    # A final plural s ("acteurs", "transitions"), not the end of "-ss" nor short words (ESS).
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def fold_key(text: str) -> str:
    """`fold` plus the final plural s of each word: the key of the folded match."""
    return " ".join(_singular(word) for word in fold(text).split(" ") if word)


class _ControlTable(dict[int, Optional[int]]):
    """A `str.translate` table filled as characters are met: None drops a character.

    The translation runs in C, so a 50 MB definition is cleaned in a second, not a minute.
    """

    def __init__(self, keep_newlines: bool) -> None:
        super().__init__({ord("\t"): ord(" "), ord("\n"): ord("\n") if keep_newlines else None})

    def __missing__(self, code: int) -> int | None:
        drop = (
            unicodedata.category(chr(code)) in ("Cc", "Cf", "Cs", "Co")
            # Noncharacters (U+FFFE…): no meaning in text, and XML cannot carry U+FFFE/U+FFFF.
            or 0xFDD0 <= code <= 0xFDEF
            or code & 0xFFFE == 0xFFFE
        )
        value = None if drop else code
        if len(self) < 100_000:  # every code point of Unicode would not need remembering
            self[code] = value
        return value


_KEEP_NEWLINES = _ControlTable(keep_newlines=True)
_ONE_LINE = _ControlTable(keep_newlines=False)


# Characters other than those of Latin scripts' letters, digits, punctuation and spaces, which
# `strip_controls` keeps as they are: a text without any needs no translation (done by a
# table filled in Python, 50 µs for a definition: an import strips every cell).
_NOT_PLAIN = re.compile("[^\n -~\u00a0-\u00ac\u00ae-\u024f\u2010-\u2027\u202f-\u205e\u20ac]")


def strip_controls(text: str, keep_newlines: bool = True) -> str:
    """Remove terminal escapes, control or invisible formatting characters and noncharacters."""
    if (keep_newlines or "\n" not in text) and _NOT_PLAIN.search(text) is None:
        return text
    return ESCAPE_SEQUENCES.sub("", text).translate(_KEEP_NEWLINES if keep_newlines else _ONE_LINE)


# Every line break Unicode knows, for text that must stay on one line.
LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """The text on one line: line breaks become spaces, invisible characters go."""
    return strip_controls(LINE_BREAKS.sub(" ", text), keep_newlines=False)


def slug(text: str) -> str:
    """An id made from a label: « Société coopérative (SCIC) » → societe-cooperative-scic."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text)))


def is_plain(text: str, one_line: bool = False) -> bool:
    """True when `strip_controls` (or, with `one_line`, `one_line`) would leave the text as
    it is: the common case, checked by one search instead of a copy."""
    return _NOT_PLAIN.search(text) is None and not (one_line and "\n" in text)


def has_controls(text: str, allow_newlines: bool = True) -> bool:
    return strip_controls(text, keep_newlines=allow_newlines) != text.replace("\t", " ")


def sort_key(text: str) -> tuple[str, str]:
    """French alphabetical order: accents ignored first (Écosystème among the E)."""
    return (fold(text), text)


# Leading articles and elisions a query may start with (« l’ESS », « la coopération »).
_ARTICLE = re.compile(
    r"^\s*(?P<article>(?:les|le|la|un|une|des|du|de\s+la|au|aux)\s+|[ld]\s*['’]\s*)(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)


def split_article(text: str) -> tuple[str, str]:
    """A leading article or elision and the rest (« l’ », « ESS »); ("", text) if none."""
    article = _ARTICLE.match(text)
    if article is None or not fold(article["rest"]):
        return "", text
    return " ".join(article["article"].split()), article["rest"].strip()
