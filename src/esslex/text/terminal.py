"""Text bound for a terminal: the one rule for everything esslex writes on stdout or stderr.

A glossary, a file name or a query can hold terminal escapes (clear the screen, a hidden
link, a query whose reply the terminal types into our input), control, direction and
invisible characters. Human text loses them; a JSON text keeps them, escaped as \\uXXXX
(the same data, nothing a terminal obeys).
"""

from __future__ import annotations

import re

from esslex.text.normalize import ESCAPE_SEQUENCES, UNDECODABLE, strip_controls

# Line breaks other than LF: a lone CR would move the cursor back over what was written.
_BREAKS = re.compile(r"\r(?!\n)|[\v\f\x85\u2028\u2029]")


def _printable(text: str) -> bool:
    """Nothing to remove or escape: every character printable, but for tabs, line feeds
    and French typography's no-break spaces. Checked at C speed (a 139 MB `list --json`:
    a second, against seven for the exact rule), so the exact rule runs only when needed."""
    for space in ("\n", "\t", "\u00a0", "\u202f"):
        text = text.replace(space, " ")
    return text.isprintable()


def terminal_text(text: str) -> str:
    """The text as a terminal may print it: escape sequences, control, direction and
    invisible characters removed; tabs, LF and CR LF kept; other line breaks made LF;
    bytes of a file name that were not UTF-8 shown as U+FFFD."""
    if _printable(text):  # the common case
        return text
    text = _BREAKS.sub("\n", ESCAPE_SEQUENCES.sub("", UNDECODABLE.sub("\ufffd", text)))
    return "\r\n".join(
        "\t".join(strip_controls(cell) for cell in line.split("\t")) for line in text.split("\r\n")
    )


class _Escapes(dict[int, str]):
    """`str.translate` table: a character a terminal would obey or hide becomes an escape
    (\\uXXXX; beyond U+FFFF a JSON surrogate pair, or TOML's and Turtle's \\UXXXXXXXX)."""

    def __init__(self, surrogate_pairs: bool) -> None:
        super().__init__()
        self.surrogate_pairs = surrogate_pairs

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:  # a file name's undecodable byte: shown as U+FFFD
            value = "\ufffd"
        elif terminal_text(char) == char:
            value = char
        elif code <= 0xFFFF:
            value = f"\\u{code:04x}"
        elif self.surrogate_pairs:
            high, low = divmod(code - 0x10000, 0x400)
            value = f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"
        else:
            value = f"\\U{code:08x}"
        if len(self) < 100_000:
            self[code] = value
        return value


ESCAPES = {"json": _Escapes(surrogate_pairs=True), "unicode": _Escapes(surrogate_pairs=False)}


def terminal_escaped(text: str, escapes: str = "json") -> str:
    """A JSON text ("json"), or a TOML or Turtle text ("unicode"), with every character a
    terminal would obey or hide escaped: the same data for any reader. Our writers put such
    characters only inside strings (JSON has only ASCII outside them; a JSON writer already
    escapes C0, a TOML one C0 and CR)."""
    if _printable(text):
        return text
    return text.translate(ESCAPES[escapes])


def terminal_json(json_text: str) -> str:
    return terminal_escaped(json_text, "json")


# -- a terminal that is not UTF-8 ------------------------------------------------------------

# What a character the output's encoding lacks becomes, before its plain letter (é → e)
# or, failing that, « ? ».
_NEAREST = {
    "œ": "oe",
    "Œ": "OE",
    "æ": "ae",
    "Æ": "AE",
    "ß": "ss",
    "’": "'",
    "‘": "'",
    "‚": ",",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "–": "-",
    "—": "-",
    "‑": "-",
    "…": "...",
    "•": "*",
    "·": ".",
    "→": "->",
    "←": "<-",
    "€": "EUR",
    "☐": "[ ]",
}
TRANSLITERATE = "esslex-transliterate"


def _nearest(char: str, encoding: str) -> str:
    """`char` as the encoding can write it: its usual stand-in, its letter without accent,
    or « ? »."""
    import unicodedata

    for candidate in (
        _NEAREST.get(char, ""),
        "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)),
    ):
        if candidate:
            try:
                candidate.encode(encoding)
            except UnicodeEncodeError:
                continue
            return candidate
    return "?"


def _transliterated(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(_nearest(char, error.encoding) for char in text), error.end


def register_transliteration() -> str:
    """The name of the error handler that writes what an encoding lacks as its nearest
    readable form (œ → oe, ’ → ', « » → " ", é → e in ASCII, else « ? »), registered once."""
    import codecs

    try:
        codecs.lookup_error(TRANSLITERATE)
    except LookupError:
        codecs.register_error(TRANSLITERATE, _transliterated)
    return TRANSLITERATE
