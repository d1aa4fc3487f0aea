"""The TOML document of a file: parsed (compiled `tomli` for a large one), syntax errors in
French, and the line of each table and key."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from types import FunctionType
from typing import Any

from esslex.errors import GlossaryError, Location

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

TOMLDecodeError = tomllib.TOMLDecodeError

_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_POSITION_EOF = re.compile(r"\s*\(at end of document\)\s*$")

# tomllib's and tomli's messages, prefix-matched, in French.
_MESSAGES: tuple[tuple[str, str], ...] = (
    ("Invalid value", "valeur invalide"),
    ("Invalid statement", "instruction invalide (attendu\u00a0: clé = valeur ou [table])"),
    ("Expected '=' after a key", "«\u00a0=\u00a0» attendu après la clé"),
    (
        "Expected ']' at the end of a table declaration",
        "«\u00a0]\u00a0» attendu à la fin de l’en-tête de table",
    ),
    (
        "Expected ']]' at the end of an array declaration",
        "«\u00a0]]\u00a0» attendu à la fin de l’en-tête de tableau",
    ),
    ("Unclosed array", "tableau non fermé"),
    ("Unclosed inline table", "table en ligne non fermée"),
    ("Unterminated string", "chaîne non terminée"),
    ("Illegal character", "caractère interdit"),
    ("Invalid initial character for a key part", "caractère initial invalide dans une clé"),
    ("Invalid key", "clé invalide"),
    ("Cannot declare", "table ou clé déclarée deux fois"),
    ("Cannot overwrite a value", "valeur redéfinie"),
    ("Cannot mutate immutable namespace", "valeur redéfinie"),
    ("Cannot append to", "tableau de tables incompatible avec une déclaration précédente"),
    ("Duplicate inline table key", "clé dupliquée dans une table en ligne"),
    ("Expected newline or end of document", "fin de ligne attendue après la valeur"),
    ("Invalid date or datetime", "date invalide"),
    ("Invalid hex value", "séquence d’échappement hexadécimale invalide"),
    ("Unescaped '\\' in a string", "barre oblique inverse non échappée dans une chaîne"),
    ("Escaped character", "caractère non valide dans une chaîne"),
    ("Found invalid character", "caractère non valide"),
    ("Invalid", "syntaxe invalide"),
)


@dataclass(frozen=True)
class TomlSyntaxError:
    line: int | None
    message: str


class RefusedDocument(TOMLDecodeError):
    """A document esslex will not parse, or that the parser could not read for a reason of
    its own (not a TOML syntax error): its French message and line, caught as a decode
    error by every caller."""

    def __init__(self, line: int | None, message: str) -> None:
        ValueError.__init__(self, message)  # not TOMLDecodeError's: its signature varies
        self.line = line
        self.french = message


# A dotted key of more parts than this is refused before parsing: both TOML parsers take a
# time quadratic in its parts (300,000 in one header: 209 s per command, and a file with an
# error is never cached). A glossary's deepest key has three (glossary.origins.NAME).
MAX_KEY_PARTS = 32
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
# A run of parts, from a dot: finditer scans each run once (a linear scan of the text).
_DOTTED_RUN = re.compile(r"\.(?:[ \t]*" + _KEY_PART + r"[ \t]*\.)+")
_DOTTED_PART = re.compile(r"[ \t]*" + _KEY_PART + r"[ \t]*\.")


def long_key_line(text: str) -> int | None:
    """The line of the first dotted key of more than MAX_KEY_PARTS parts (text written
    like one in a string included: no glossary holds such a text either)."""
    shortest = 2 * (MAX_KEY_PARTS - 1)  # a dot and a character per part
    for run in _DOTTED_RUN.finditer(text):
        if run.end() - run.start() >= shortest:
            parts = len(_DOTTED_PART.findall(text, run.start() + 1, run.end())) + 2
            if parts > MAX_KEY_PARTS:
                return text.count("\n", 0, run.start()) + 1
    return None


def refuse_long_keys(text: str, path: str) -> None:
    """GlossaryError, with its line, for a dotted key of more than MAX_KEY_PARTS parts."""
    line = long_key_line(text)
    if line is not None:
        from esslex.errors import GlossaryError, Location

        raise GlossaryError(Location(path, line), long_key_message())


def long_key_message() -> str:
    return (
        f"clé de plus de {MAX_KEY_PARTS} parties séparées par des points\u00a0: refusée"
        " (aucun glossaire n’en a besoin, et la lecture du fichier prendrait des minutes)"
    )


def long_number_message() -> str:
    from esslex.glossary.files import digits_limit

    limit = f"{digits_limit():,}".replace(",", "\u00a0")
    return f"nombre de plus de {limit}\u00a0chiffres\u00a0: esslex ne lit pas un nombre aussi long"


def describe_decode_error(error: Exception, text: str) -> TomlSyntaxError:
    """French message and line number for a tomllib/tomli decode error."""
    if isinstance(error, RefusedDocument):
        return TomlSyntaxError(error.line, error.french)
    raw = str(error)
    line: int | None = getattr(error, "lineno", None)
    column: int | None = getattr(error, "colno", None)
    position = _POSITION.search(raw)
    if position:
        line, column = int(position.group(1)), int(position.group(2))
        raw = raw[: position.start()]
    elif _POSITION_EOF.search(raw):
        # The last line, or where the multi-line string left open starts.
        line = _unclosed_string_line(text) or max(1, len(text.splitlines()))
        column = None  # tomli ≥ 2.1 gives one past the end: no help
        raw = _POSITION_EOF.sub("", raw)
    raw = getattr(error, "msg", raw) or raw
    french = next((fr for en, fr in _MESSAGES if raw.startswith(en)), "syntaxe TOML invalide")
    where = f", colonne {column}" if column else ""
    return TomlSyntaxError(line, f"erreur de syntaxe TOML{where}\u00a0: {french}")


def _unclosed_string_line(text: str) -> int | None:
    opened: tuple[str, int] | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        for quote in ('"""', "'''"):
            if opened and opened[0] != quote:
                continue
            if line.count(quote) % 2 == 1:
                opened = None if opened else (quote, lineno)
    return opened[1] if opened else None


def parse(text: str) -> dict[str, Any]:
    """The TOML document; TOMLDecodeError (RefusedDocument among them) if it cannot be read."""
    line = long_key_line(text)
    if line is not None:
        raise RefusedDocument(line, long_key_message())
    try:
        document: dict[str, Any] = tomllib.loads(text)
    except TOMLDecodeError:
        raise
    except ValueError:  # int() refuses a number of more than 4,300 digits
        from esslex.glossary.files import long_number_line

        raise RefusedDocument(long_number_line(text), long_number_message()) from None
    return document


# Above this size, the compiled `tomli` wheel parses faster than `tomllib` (twice as fast on
# 96 MB, four times on the bundled 570 kB: 20 ms instead of 82), its import (2 ms) included.
COMPILED_PARSER_ABOVE = 256_000


def parse_document(text: str, path: str) -> dict[str, Any]:
    """The TOML document of a file's text; GlossaryError, in French and at its line, for a
    syntax error."""
    refuse_long_keys(text, path)  # before either parser: both are quadratic there
    if len(text) > COMPILED_PARSER_ABOVE:
        document = _parse_compiled(text)
        if document is not None:
            return document
    try:
        return parse(text)
    except TOMLDecodeError as error:
        syntax = describe_decode_error(error, text)
        raise GlossaryError(Location(path, syntax.line), syntax.message) from None
    except RecursionError:
        raise GlossaryError(Location(path), "structure TOML trop profondément imbriquée") from None


def _parse_compiled(text: str) -> dict[str, Any] | None:
    """The document parsed by a compiled `tomli`; None without one, or on an error (which
    the standard parser then reports, with its usual messages)."""
    try:
        import tomli
    except ImportError:
        return None
    if isinstance(tomli.loads, FunctionType):  # compiled (mypyc), it is a built-in
        return None
    try:
        return tomli.loads(text)
    except Exception:
        return None


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]#]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*=")


@dataclass
class LineIndex:
    """Where each table and key of a glossary file starts, for `file:line` messages.

    TOML parsers give no positions for values, so the text is scanned once: table headers
    (`[[term]]`, `[[term.sources]]`, `[glossary]`) and `key =` lines outside multi-line strings.
    """

    tables: dict[tuple[str, int], int] = field(default_factory=dict)
    keys: dict[tuple[str, int, str], int] = field(default_factory=dict)

    @classmethod
    def scan(cls, text: str) -> LineIndex:
        index = cls()
        counts: dict[str, int] = {}
        current = ("", 0)
        subtable = ""
        open_quote = ""
        for lineno, line in enumerate(text.splitlines(), 1):
            if open_quote:
                if line.count(open_quote) % 2 == 1:
                    open_quote = ""
                continue
            header = _HEADER.match(line)
            if header:
                name = header.group(2).replace(" ", "")
                base, _, sub = name.partition(".")
                if header.group(1) == "[[" and not sub:
                    counts[base] = counts.get(base, -1) + 1
                    current = (base, counts[base])
                    subtable = ""
                    index.tables[current] = lineno
                elif not sub:
                    current = (base, 0)
                    subtable = ""
                    index.tables[current] = lineno
                else:
                    subtable = sub
                    index.keys.setdefault((*current, sub), lineno)
                    if base not in counts:
                        # `[a.b]` also declares the table `a`, unless it was already.
                        index.tables.setdefault((base, 0), lineno)
                continue
            key = _KEY.match(line)
            if key and not subtable:
                index.keys.setdefault((*current, key.group(1).strip('"')), lineno)
            for quote in ('"""', "'''"):
                if line.count(quote) % 2 == 1:
                    open_quote = quote
                    break
        return index

    def line_of(self, table: str, position: int, key: str | None = None) -> int | None:
        if key is not None and (table, position, key) in self.keys:
            return self.keys[(table, position, key)]
        return self.tables.get((table, position))
