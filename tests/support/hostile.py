"""Hostile input: a glossary full of traps, glossary files esslex must refuse (each with
the line and words of its one-line French message), running esslex on them, and what a
clean failure and inert output look like."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from support.cli import run
from support.exports import export
from support.glossaries import GOOD_HEAD, write_glossary

NBSP = "\u00a0"
# Rich's own colours (SGR); any other escape in the output would come from the data.
SGR = re.compile(r"\x1b\[[0-9;]*m")
# On a terminal: colours on, whatever the test runner's environment says.
TERMINAL = {
    "NO_COLOR": None,
    "ESSLEX_FORCE_TERMINAL": "1",
    "FORCE_COLOR": "1",  # Rich's colours, although CliRunner's output is no tty
    "TERM": "xterm",
    "COLUMNS": "100",
}
PLAIN = {"NO_COLOR": "1", "COLUMNS": "100"}


def assert_one_line(stderr: str, *fragments: str) -> None:
    """One line on stderr, no traceback, with each fragment in it."""
    assert stderr.endswith("\n") and stderr.count("\n") == 1, repr(stderr)
    assert "Traceback" not in stderr
    for fragment in fragments:
        assert fragment in stderr, (fragment, stderr)


def assert_error_line(stderr: str, path: Path | str, line: int | None, *fragments: str) -> None:
    """The French error of a bad file: `Erreur : FICHIER:LIGNE: message`, on one line."""
    where = f"{path}:{line}" if line else f"{path}"
    assert_one_line(stderr, f"Erreur{NBSP}: {where}: ", *fragments)
    if line is None:
        assert not re.match(rf"Erreur{NBSP}: {re.escape(str(path))}:\d", stderr), stderr


def assert_inert(output: str, ignore: Sequence[str] = ()) -> None:
    """No escape, control, bidi or invisible character: what a terminal prints as is."""
    for char in output:
        if char == "\n" or char in ignore:
            continue
        category = unicodedata.category(char)
        assert category not in ("Cc", "Cf", "Cs", "Co"), (repr(char), output)


def flat(text: str) -> str:
    """Text with its line wrapping undone (no-break spaces kept)."""
    return " ".join(re.split(r"[ \n]+", text.strip()))


# A query of about 100 000 characters.
LONG_QUERY = "coopération " * 8_500


# --- a glossary full of traps ---------------------------------------------------------------


MARKUP = "[bold red]gras[/] [link=https://exemple.org]lien[/link]"


CSI = "\x1b[31mrouge\x1b[0m\x1b[2J"


OSC = "\x1b]8;;https://exemple.org\x1b\\ici\x1b]8;;\x1b\\\x1b]0;titre\x07"


C1 = "\x9b31m"


CR = "avant\rapres ligne\r\nsuivante"


BIDI = "\u202eesrevni\u202c \u2066isolé\u2069\u2067\u2068"


ZERO_WIDTH = "zéro\u200blargeur\u200d\u2060joint\ufeff"


HTML = "<script>alert(1)</script><img src=x onerror=alert(2)>"


# Characters XML 1.0 cannot carry, even escaped.
NOT_XML = "\x00\x01\x08\x0b\x0c\x0e\x1f\ufffe\uffff"


BREAKERS = '"`]--> x -- y; [label="z" ` ``` ]] }'


HOSTILE = f"{MARKUP} {CSI} {OSC} {C1} {CR} {BIDI} {ZERO_WIDTH} {HTML} {NOT_XML} {BREAKERS}"


# What must be read, literally, wherever the text is shown.
VISIBLE = (
    "[bold red]gras[/]",
    "[link=https://exemple.org]lien[/link]",
    "<script>alert(1)</script>",
)


def hostile_document() -> dict[str, Any]:
    def text(name: str) -> str:
        return f"{name} {HOSTILE}"

    return {
        "glossary": {
            "id": "piege",
            "title": text("Titre"),
            "publishers": [text("Éditeur"), '=HYPERLINK("https://e.org")'],
            "description": text("Description"),
            "licence": text("Licence"),
            "version": "1\x1b[31m",
        },
        "theme": [
            {"id": "theme-piege", "label": text("Thème"), "description": text("Sur le thème")},
        ],
        "term": [
            {
                "id": "formule",
                "label": f"=1+2 Formule {HOSTILE}",
                "alt_labels": [
                    "formule",
                    f"+cmd|' /C calc'!A0 {HOSTILE}",
                    "@SUM(1)",
                    "-2",
                    "\tTabulation",
                    "\rRetour",
                    f"Autre\nligne {HOSTILE}",
                ],
                "hidden_labels": [text("Caché")],
                "themes": ["theme-piege"],
                "definition": f"Définition {HOSTILE}\n\n1° Premier {MARKUP} ;\n2° Second {CSI}.",
                "notes": [text("Note"), "=NOTE()"],
                "related": ["lien"],
                "origin": text("Origine"),
                "sources": [
                    {
                        "title": text("Source"),
                        "author": "@auteur",
                        "publisher": text("Éditeur"),
                        "article": "-1",
                        "url": "javascript:alert(3)",
                    },
                    {"title": "Data", "url": "data:text/html,<script>alert(4)</script>"},
                    {"title": "Guillemet", "url": 'https://e.org/" onmouseover="alert(5)'},
                    {"title": "Espace", "url": "https://e.org/mon document.pdf"},
                ],
            },
            {
                "id": "lien",
                "label": f'Lien"]; x -- y; [label="z {HOSTILE}',
                # Each cell of this row in the CSV starts like a formula.
                "alt_labels": ["+cmd|' /C calc'!A0", "lien", "\u202eesrevni"],
                "hidden_labels": ["\tTabulation", "caché"],
                "notes": ["=NOTE()"],
                "origin": "-1",
                "themes": ["theme-piege"],
                "definition": "Deux\r\nlignes\rpuis -->| fin `code` ]",
                "broader": ["formule"],
                "sources": [{"title": "Ailleurs", "url": "JaVaScRiPt:alert(6)"}],
            },
        ],
    }


def esslex(hostile: Path, *args: str, env: dict[str, str | None]) -> Any:
    return run("--no-bundled", "--glossary", str(hostile), *args, env=env)


def export_hostile(hostile: Path, format_name: str, tmp_path: Path) -> bytes:
    """The export of the hostile glossary, as written to its file."""
    target = tmp_path / f"piege.{format_name}"
    export(hostile, "--format", format_name, "-o", str(target), expect=0)
    return target.read_bytes()


# What `--title` shows of a title full of traps (and of a byte that was not UTF-8).
HOSTILE_TITLE_SHOWN = "Séance [bold red]gras[/] [link=https://exemple.org]lien[/link]"


def hostile_title_export(hostile: Path, tmp_path: Path, format_name: str) -> bytes:
    """The export of the hostile glossary under a `--title` that is itself hostile."""
    target = tmp_path / f"titre.{format_name}"
    title = f"Séance {HOSTILE}\udcff"
    export(hostile, "--format", format_name, "--title", title, "-o", str(target), expect=0)
    return target.read_bytes()


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_safe_html(page: str) -> str:
    """No script, no image, no event handler, no link but http(s) or in-page; the text."""
    parser = _Tags()
    parser.feed(page)
    for tag, attributes in parser.tags:
        assert tag not in ("script", "img", "iframe", "object"), tag
        for name, value in attributes:
            assert not name.startswith("on"), name
            if name in ("href", "src"):
                assert value is not None
                assert value.startswith(("#", "http://", "https://")), value
                assert '"' not in value and " " not in value, value
    return "".join(parser.text)


# --- glossary files esslex must refuse ---------------------------------------------------


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


# --- the installed program in a pseudo-terminal ---------------------------------------------


def run_in_terminal(
    args: Sequence[str],
    answers: Sequence[str] = (),
    prompt: bytes = b"\xc2\xa0: ",
    env: dict[str, str | None] | None = None,
    timeout: float = 60,
) -> tuple[int, bytes]:
    """The installed `esslex` with a pseudo-terminal as stdin, stdout and stderr, as a user
    runs it: each answer is typed once the program waits after a prompt; every byte the
    terminal received, and the exit code."""
    import os
    import pty
    import select
    import subprocess
    import time

    from support.cli import SCRIPT

    master, slave = pty.openpty()
    environment = dict(os.environ, TERM="xterm", COLUMNS="100")
    for name, value in (env or {}).items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    process = subprocess.Popen(
        [str(SCRIPT), *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=environment,
        close_fds=True,
        start_new_session=True,
    )
    os.close(slave)
    received = b""
    typed = 0
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the program ended and closed the terminal
                    break
                if not chunk:
                    break
                received += chunk
            elif typed < len(answers) and received.rstrip(b" ").endswith(prompt.rstrip()):
                os.write(master, answers[typed].encode("utf-8") + b"\n")
                typed += 1
                received += b"\n"  # so that the same prompt is not answered twice
            elif process.poll() is not None:
                break
        else:
            raise AssertionError(f"no end after {timeout} s:\n{received.decode(errors='replace')}")
        return process.wait(timeout=10), received
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
