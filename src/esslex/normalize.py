"""Folding of text for matching: case, accents, ligatures, apostrophes, Unicode forms."""

from __future__ import annotations

import re
import unicodedata

# Ligatures spelt out; the dotless ı, whose capital is I, folds like i.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ı": "i"})
_SPACES = re.compile(r"\s+")
# Terminal escapes (CSI, OSC, other ESC sequences), then any remaining control character.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[@-Z\\-_]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
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


def _singular(word: str) -> str:
    # A final plural s ("acteurs", "transitions"), not the end of "-ss" nor short words (ESS).
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def fold_key(text: str) -> str:
    """`fold` plus the final plural s of each word: the key of the folded match."""
    return " ".join(_singular(word) for word in fold(text).split(" ") if word)


def strip_controls(text: str, keep_newlines: bool = True) -> str:
    """Remove terminal escapes and control or invisible formatting characters."""
    text = _ESCAPES.sub("", text)
    kept: list[str] = []
    for char in text:
        if char == "\n" and keep_newlines:
            kept.append(char)
        elif char == "\t":
            kept.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co"):
            continue
        else:
            kept.append(char)
    return "".join(kept)


def has_controls(text: str, allow_newlines: bool = True) -> bool:
    return strip_controls(text, keep_newlines=allow_newlines) != text.replace("\t", " ")


def sort_key(text: str) -> tuple[str, str]:
    """French alphabetical order: accents ignored first (Écosystème among the E)."""
    return (fold(text), text)
