"""Text as data, never as code: a glossary written to attack every output.

Rich markup, ANSI CSI and OSC 8 sequences, carriage returns, bidi controls, zero-width
characters, HTML, spreadsheet formulas, `javascript:` links, characters XML 1.0 cannot
carry and the punctuation of Markdown, Mermaid and DOT, in every text field: each
reading command prints them inertly, in plain text and on a terminal (Rich), and each
export keeps them as text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli_w

from hostile_support import (
    BIDI,
    CSI,
    MARKUP,
    NBSP,
    OSC,
    PLAIN,
    SGR,
    TERMINAL,
    assert_inert,
    esslex,
    flat,
    run,
)

# --- the reading commands ---------------------------------------------------------------

READING = {
    "define": ("define", "formule"),
    "define-other": ("define", "lien"),
    "list": ("list",),
    "list-theme": ("list", "--theme", "theme-piege"),
    "search": ("search", "formule"),
    "themes": ("themes",),
    "related": ("related", "formule", "--depth", "3"),
    "glossaries": ("glossaries",),
}


@pytest.mark.parametrize("mode", ["plain", "rich"])
@pytest.mark.parametrize("args", READING.values(), ids=READING.keys())
def test_reading_commands_print_glossary_text_inertly(
    hostile: Path, args: tuple[str, ...], mode: str
) -> None:
    result = esslex(hostile, *args, env=TERMINAL if mode == "rich" else PLAIN)
    assert result.exit_code == 0, result.stderr
    output = result.stdout
    if mode == "rich":
        assert SGR.search(output), "the Rich path was not taken"
        output = SGR.sub("", output)
    else:
        assert "\x1b" not in output
    assert_inert(output, ignore=NBSP)
    assert_inert(SGR.sub("", result.stderr), ignore=NBSP)
    text = flat(output)
    assert "[bold red]gras[/]" in text or args[0] == "glossaries", text
    if args[0] in ("define", "list", "search", "related"):
        assert "<script>alert(1)</script>" in text
    for trace in ("31m", "2J", "8;;", "]0;", "titre"):
        assert trace not in text, trace


def test_every_field_of_an_entry_is_shown_inertly(hostile: Path) -> None:
    result = esslex(hostile, "define", "formule", env=PLAIN)
    text = flat(result.stdout)
    for shown in (
        "=1+2 Formule [bold red]gras[/]",
        "+cmd|' /C calc'!A0",  # alternative labels
        "Autre ligne [bold red]gras[/]",  # a line break in a label: one line
        "Définition [bold red]gras[/]",
        "Note [bold red]gras[/]",
        "Source [bold red]gras[/]",
        "javascript:alert(3)",  # shown as text
        "avant apres",  # a carriage return separates words, it moves no cursor
        "esrevni isolé",
        "zérolargeurjoint",
    ):
        assert shown in text, shown


def test_check_messages_quote_glossary_text_inertly(tmp_path: Path) -> None:
    path = tmp_path / "cles.toml"
    key = f"clé {MARKUP} {CSI} {OSC} {BIDI}".replace("\n", " ")
    path.write_text(
        tomli_w.dumps({"term": [{"id": "a", "label": "A", "definition": "D.", key: 1}]}),
        encoding="utf-8",
    )
    for env in (PLAIN, TERMINAL):
        result = run("--no-bundled", "check", str(path), env=env)
        assert result.exit_code == 3
        output = SGR.sub("", result.stdout)
        assert_inert(output, ignore=NBSP)
        assert "champ inconnu «" in flat(output) and "clé [bold red]gras[/]" in flat(output)
        loaded = run("--no-bundled", "-g", str(path), "list", env=env)
        assert loaded.exit_code == 3
        assert_inert(SGR.sub("", loaded.stderr), ignore=NBSP)
        assert "[link=https://exemple.org]lien[/link]" in loaded.stderr


def test_the_markup_of_a_query_is_echoed_inertly() -> None:
    for env in (PLAIN, TERMINAL):
        result = run("define", f"{MARKUP} {CSI} {OSC}", env=env)
        assert result.exit_code == 1
        assert_inert(SGR.sub("", result.stderr), ignore=NBSP)
        assert "[bold red]gras[/]" in result.stderr


# --- exports -------------------------------------------------------------------------------


def test_the_loader_cannot_produce_lone_surrogates(tmp_path: Path) -> None:
    escaped = tmp_path / "echappe.toml"
    escaped.write_text('[[term]]\nid = "a"\nlabel = "\\udc80"\ndefinition = "D."\n', "utf-8")
    raw = tmp_path / "brut.toml"
    raw.write_bytes(b'[[term]]\nid = "a"\nlabel = "\xed\xb2\x80"\ndefinition = "D."\n')
    for path, fragment in (
        (escaped, "caractère non valide dans une chaîne"),
        (raw, "le fichier n’est pas en UTF-8"),
    ):
        result = run("--no-bundled", "-g", str(path), "export", "--format", "tbx")
        assert result.exit_code == 3
        assert f"{path}:3: " in result.stderr and fragment in result.stderr
