"""Glossary files esslex must refuse (syntax, encoding, structure, cycles, a folder, a
missing file), each with the line and words of its one-line French message: read by the
loader's tests and by `check`'s."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cli_support import GOOD_HEAD, write_glossary
from hostile_support import (
    NBSP,
    assert_error_line,
    assert_one_line,
)


@dataclass(frozen=True)
class HostileFile:
    """A glossary file esslex must refuse: its content, the line and words of the message."""

    name: str
    content: bytes | Callable[[Path], Path]
    line: int | None  # -1: there may be one or not
    fragment: str
    # What another TOML parser may say instead (tomli, of Python 3.10, recurses on keys).
    otherwise: str = "\uffff"


def _term(*lines: str) -> bytes:
    return (GOOD_HEAD + "[[term]]\n" + "".join(line + "\n" for line in lines)).encode("utf-8")


def _directory(folder: Path) -> Path:
    path = folder / "dossier.toml"
    path.mkdir()
    return path


def _missing(folder: Path) -> Path:
    return folder / "absent.toml"


def _cycle() -> bytes:
    entries = [("a", "b"), ("b", "c"), ("c", "a")]
    text = GOOD_HEAD + "".join(
        f'[[term]]\nid = "{one}"\nlabel = "Terme {one}"\ndefinition = "D."\nbroader = ["{other}"]\n\n'
        for one, other in entries
    )
    return text.encode("utf-8")


DEPTH = 10_000


HOSTILE_FILES = [
    HostileFile(
        "unterminated-string",
        _term('id = "a"', 'label = "A', 'definition = "D."'),
        7,
        "erreur de syntaxe TOML",
    ),
    HostileFile("missing-equals", _term('id "a"'), 6, f"«{NBSP}={NBSP}» attendu après la clé"),
    HostileFile("duplicate-key", _term('id = "a"', 'id = "b"'), 7, "valeur redéfinie"),
    HostileFile(
        "lone-surrogate-escape",
        _term('id = "a"', 'label = "\\ud800"'),
        7,
        "caractère non valide dans une chaîne",
    ),
    HostileFile("nul-byte", _term('id = "a"', 'label = "A\x00"'), 7, "caractère interdit"),
    HostileFile(
        "label-is-a-number",
        _term('id = "a"', "label = 3", 'definition = "D."'),
        7,
        f"«{NBSP}label{NBSP}» doit être une chaîne de caractères, pas un entier",
    ),
    HostileFile(
        "alt-labels-is-a-string",
        _term('id = "a"', 'label = "A"', 'definition = "D."', 'alt_labels = "B"'),
        9,
        f"«{NBSP}alt_labels{NBSP}» doit être une liste de chaînes",
    ),
    HostileFile(
        "year-is-text",
        _term(
            'id = "a"', 'label = "A"', 'definition = "D."', "[[term.sources]]", 'year = "2014"'
        ).replace(b'year = "2014"', b'title = "T"\nyear = "2014"'),
        9,  # the line of [[term.sources]]
        f"«{NBSP}year{NBSP}» doit être un entier",
    ),
    HostileFile(
        "term-is-a-number",
        ("term = 3\n" + GOOD_HEAD).encode(),
        1,
        f"«{NBSP}term{NBSP}» doit être un tableau de tables",
    ),
    HostileFile(
        "missing-definition",
        _term('id = "a"', 'label = "A"'),
        5,
        f"champ obligatoire «{NBSP}definition{NBSP}» absent",
    ),
    HostileFile(
        "missing-id",
        _term('label = "A"', 'definition = "D."'),
        5,
        f"champ obligatoire «{NBSP}id{NBSP}» absent",
    ),
    HostileFile(
        "unknown-field",
        _term('id = "a"', 'label = "A"', 'definition = "D."', 'colour = "rouge"'),
        9,
        f"champ inconnu «{NBSP}colour{NBSP}» dans une entrée",
    ),
    HostileFile(
        "misspelt-field",
        _term('id = "a"', 'label = "A"', 'definition = "D."', 'them = ["economie"]'),
        9,
        f"(vouliez-vous dire «{NBSP}themes{NBSP}»{NBSP}?)",
    ),
    HostileFile(
        "latin-1",
        _term('id = "a"', 'label = "Été"', 'definition = "D."').replace(
            "Été".encode(), "Été".encode("latin-1")
        ),
        7,
        "le fichier n’est pas en UTF-8 (octet 0xc9 invalide)",
    ),
    HostileFile(
        "utf-16",
        _term('id = "a"').decode().encode("utf-16"),
        1,
        "le fichier n’est pas en UTF-8 (octet 0xff invalide)",
    ),
    HostileFile(
        "image",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        1,
        "le fichier n’est pas en UTF-8",
    ),
    HostileFile("directory", _directory, None, "c’est un dossier, pas un fichier de glossaire"),
    HostileFile("missing-file", _missing, None, "fichier introuvable"),
    HostileFile(
        "name-too-long",
        lambda folder: folder / ("n" * 300 + ".toml"),
        None,
        "lecture impossible (nom de fichier trop long)",  # not the system's English
    ),
    HostileFile(
        "deep-arrays",
        ("x = " + "[" * DEPTH + "]" * DEPTH + "\n").encode(),
        # tomllib overflows its stack (no line); a parser with a nesting limit gives one.
        -1,
        "TOML",
    ),
    HostileFile(
        "deep-inline-tables",
        ("x = " + "{ a = " * DEPTH + "1" + " }" * DEPTH + "\n").encode(),
        -1,
        "TOML",
    ),
    HostileFile(
        "deep-table-header",  # both TOML parsers take minutes on 300,000 parts
        ("[" + ".".join(["a"] * DEPTH) + "]\n").encode(),
        1,
        "clé de plus de 32 parties séparées par des points",
    ),
    HostileFile(
        "integer-too-long",  # int() refuses it: a ValueError the parser does not catch
        _term('id = "a"', 'label = "A"', 'definition = "D."', "[[term.sources]]", 'title = "T"')
        + b"year = "
        + b"1" * 5000
        + b"\n",
        11,
        f"nombre de plus de 4{NBSP}300{NBSP}chiffres",
    ),
    HostileFile(
        "broader-cycle",
        _cycle(),
        9,
        f"cycle dans «{NBSP}broader{NBSP}»{NBSP}: a → b → c → a",
    ),
]


def write_hostile_file(case: HostileFile, folder: Path) -> Path:
    if callable(case.content):
        return case.content(folder)
    return write_glossary(folder / f"{case.name}.toml", text=case.content)


def assert_hostile_file_error(stderr: str, path: Path, case: HostileFile) -> None:
    if case.line == -1:  # the line is optional
        fragment = case.otherwise if case.otherwise in stderr else case.fragment
        assert_one_line(stderr, f"Erreur{NBSP}: {path}", fragment)
    else:
        assert_error_line(stderr, path, case.line, case.fragment)
