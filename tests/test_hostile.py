"""Hostile input: bad glossary files and bad queries.

Glossary files travel by mail and on the web; queries come from scripts. Whatever they
hold, esslex answers with one French line on stderr (the file and the line where there is
one), a documented exit code and no traceback, and `check` still reports on the other
glossaries. What is tried here and what it guarantees: docs/robustness.md.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from cli_support import run
from esslex.loader import load_glossary
from esslex.paths import bundled_path
from hostile_support import (
    NBSP,
    SCRIPT,
    assert_error_line,
    assert_inert,
    assert_one_line,
    run_script,
)

BUNDLED_ENTRIES = len(load_glossary([bundled_path()]))

GOOD_HEAD = '[glossary]\nid = "essai"\ntitle = "Essai"\n\n'


@dataclass(frozen=True)
class BadFile:
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

BAD_FILES = [
    BadFile(
        "unterminated-string",
        _term('id = "a"', 'label = "A', 'definition = "D."'),
        7,
        "erreur de syntaxe TOML",
    ),
    BadFile("missing-equals", _term('id "a"'), 6, f"«{NBSP}={NBSP}» attendu après la clé"),
    BadFile("duplicate-key", _term('id = "a"', 'id = "b"'), 7, "valeur redéfinie"),
    BadFile(
        "lone-surrogate-escape",
        _term('id = "a"', 'label = "\\ud800"'),
        7,
        "caractère non valide dans une chaîne",
    ),
    BadFile("nul-byte", _term('id = "a"', 'label = "A\x00"'), 7, "caractère interdit"),
    BadFile(
        "label-is-a-number",
        _term('id = "a"', "label = 3", 'definition = "D."'),
        7,
        f"«{NBSP}label{NBSP}» doit être une chaîne de caractères, pas un entier",
    ),
    BadFile(
        "alt-labels-is-a-string",
        _term('id = "a"', 'label = "A"', 'definition = "D."', 'alt_labels = "B"'),
        9,
        f"«{NBSP}alt_labels{NBSP}» doit être une liste de chaînes",
    ),
    BadFile(
        "year-is-text",
        _term(
            'id = "a"', 'label = "A"', 'definition = "D."', "[[term.sources]]", 'year = "2014"'
        ).replace(b'year = "2014"', b'title = "T"\nyear = "2014"'),
        9,  # the line of [[term.sources]]
        f"«{NBSP}year{NBSP}» doit être un entier",
    ),
    BadFile(
        "term-is-a-number",
        ("term = 3\n" + GOOD_HEAD).encode(),
        1,
        f"«{NBSP}term{NBSP}» doit être un tableau de tables",
    ),
    BadFile(
        "missing-definition",
        _term('id = "a"', 'label = "A"'),
        5,
        f"champ obligatoire «{NBSP}definition{NBSP}» absent",
    ),
    BadFile(
        "missing-id",
        _term('label = "A"', 'definition = "D."'),
        5,
        f"champ obligatoire «{NBSP}id{NBSP}» absent",
    ),
    BadFile(
        "unknown-field",
        _term('id = "a"', 'label = "A"', 'definition = "D."', 'colour = "rouge"'),
        9,
        f"champ inconnu «{NBSP}colour{NBSP}» dans une entrée",
    ),
    BadFile(
        "misspelt-field",
        _term('id = "a"', 'label = "A"', 'definition = "D."', 'them = ["economie"]'),
        9,
        f"(vouliez-vous dire «{NBSP}themes{NBSP}»{NBSP}?)",
    ),
    BadFile(
        "latin-1",
        _term('id = "a"', 'label = "Été"', 'definition = "D."').replace(
            "Été".encode(), "Été".encode("latin-1")
        ),
        7,
        "le fichier n’est pas en UTF-8 (octet 0xc9 invalide)",
    ),
    BadFile(
        "utf-16",
        _term('id = "a"').decode().encode("utf-16"),
        1,
        "le fichier n’est pas en UTF-8 (octet 0xff invalide)",
    ),
    BadFile(
        "image",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        1,
        "le fichier n’est pas en UTF-8",
    ),
    BadFile("directory", _directory, None, "c’est un dossier, pas un fichier de glossaire"),
    BadFile("missing-file", _missing, None, "fichier introuvable"),
    BadFile(
        "name-too-long",
        lambda folder: folder / ("n" * 300 + ".toml"),
        None,
        "lecture impossible (nom de fichier trop long)",  # not the system's English
    ),
    BadFile(
        "deep-arrays",
        ("x = " + "[" * DEPTH + "]" * DEPTH + "\n").encode(),
        # tomllib overflows its stack (no line); a parser with a nesting limit gives one.
        -1,
        "TOML",
    ),
    BadFile(
        "deep-inline-tables",
        ("x = " + "{ a = " * DEPTH + "1" + " }" * DEPTH + "\n").encode(),
        -1,
        "TOML",
    ),
    BadFile(
        "deep-table-header",
        ("[" + ".".join(["a"] * DEPTH) + "]\n").encode(),
        -1,
        f"1: champ inconnu «{NBSP}a{NBSP}» dans le fichier",
        otherwise="structure TOML trop profondément imbriquée",
    ),
    BadFile(
        "broader-cycle",
        _cycle(),
        9,
        f"cycle dans «{NBSP}broader{NBSP}»{NBSP}: a → b → c → a",
    ),
]


def _write(case: BadFile, folder: Path) -> Path:
    if callable(case.content):
        return case.content(folder)
    path = folder / f"{case.name}.toml"
    path.write_bytes(case.content)
    return path


def _expect(stderr: str, path: Path, case: BadFile) -> None:
    if case.line == -1:  # the line is optional
        fragment = case.otherwise if case.otherwise in stderr else case.fragment
        assert_one_line(stderr, f"Erreur{NBSP}: {path}", fragment)
    else:
        assert_error_line(stderr, path, case.line, case.fragment)


@pytest.mark.parametrize("case", BAD_FILES, ids=lambda case: case.name)
@pytest.mark.parametrize(
    "command",
    # A reading command (the cached glossary) and a command that loads the files.
    [("define", "ESS"), ("export", "--format", "json")],
    ids=lambda command: command[0],
)
def test_bad_glossary_option_is_one_french_line_and_exit_3(
    tmp_path: Path, case: BadFile, command: tuple[str, ...]
) -> None:
    path = _write(case, tmp_path)
    result = run("--glossary", str(path), *command)
    assert result.exit_code == 3, result.output
    assert result.stdout == ""
    _expect(result.stderr, path, case)


@pytest.mark.parametrize("case", BAD_FILES, ids=lambda case: case.name)
def test_check_reports_the_bad_file_and_still_the_bundled_entries(
    tmp_path: Path, case: BadFile
) -> None:
    path = _write(case, tmp_path)
    result = run("--glossary", str(path), "check", "--json")
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    assert report["files"] == [str(bundled_path()), str(path)]
    assert report["terms"] >= BUNDLED_ENTRIES
    first = report["findings"][0]
    assert first["level"] == "error" and first["file"] == str(path)
    where = f"{first['line']}: " if first["line"] else ""
    assert case.fragment in where + first["message"] or case.otherwise in first["message"]
    if case.line != -1:
        assert first["line"] == case.line

    # The same file named on the command line, as text.
    text = run("check", str(path))
    assert text.exit_code == 3
    line = {None: "", -1: "(:[0-9]+)?"}.get(case.line, f":{case.line}")
    assert re.search(f"^{re.escape(str(path))}{line}: erreur{NBSP}: ", text.stdout, re.M)
    summary = text.stdout.splitlines()[-1]
    assert summary.startswith("2 fichiers, ") and "erreur" in summary
    assert int(summary.split(", ")[1].split()[0]) >= BUNDLED_ENTRIES
    assert_inert(text.stdout, ignore=NBSP)


def test_a_bad_file_among_several_names_itself_and_check_reads_the_others(
    tmp_path: Path,
) -> None:
    good = tmp_path / "bon.toml"
    good.write_text(
        GOOD_HEAD
        + '[[term]]\nid = "jardin-partage"\nlabel = "Jardin partagé"\ndefinition = "D."\n',
        encoding="utf-8",
    )
    bad = _write(BAD_FILES[0], tmp_path)
    result = run("-g", str(good), "-g", str(bad), "define", "jardin-partage")
    assert result.exit_code == 3
    assert_error_line(result.stderr, bad, 7, "erreur de syntaxe TOML")

    report = json.loads(run("-g", str(good), "-g", str(bad), "check", "--json").stdout)
    assert report["terms"] == BUNDLED_ENTRIES + 1
    assert {finding["file"] for finding in report["findings"]} >= {str(bad), str(good)}


@pytest.mark.parametrize(
    "content",
    [b"", b"\n\n   \n", b"# un commentaire seulement\n", b"\xef\xbb\xbf"],
    ids=["empty", "blank", "comment", "bom"],
)
def test_an_empty_file_is_bad_data_and_check_still_reports_the_bundled_entries(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "vide.toml"
    path.write_bytes(content)
    message = f"Erreur{NBSP}: {path}: fichier vide{NBSP}: ni table [glossary] ni entrée [[term]]\n"
    found = run("-g", str(path), "define", "ESS")
    assert (found.exit_code, found.stdout, found.stderr) == (3, "", message)
    checked = run("-g", str(path), "check", "--json")
    assert checked.exit_code == 3
    report = json.loads(checked.stdout)
    assert report["terms"] == BUNDLED_ENTRIES
    assert [f["code"] for f in report["findings"] if f["level"] == "error"] == ["unreadable"]


@pytest.mark.slow
def test_ten_thousand_aliases_on_one_entry(tmp_path: Path) -> None:
    aliases = ", ".join(f'"appellation {n}"' for n in range(10_000))
    path = tmp_path / "alias.toml"
    path.write_text(
        GOOD_HEAD + '[[term]]\nid = "nombreux"\nlabel = "Nombreux"\ndefinition = "D."\n'
        f'themes = ["principes"]\nrelated = ["cooperation"]\nalt_labels = [{aliases}]\n',
        encoding="utf-8",
    )
    found = run("-g", str(path), "define", "appellation 9999")
    assert found.exit_code == 0, found.stderr
    assert found.stdout.startswith("Nombreux\n")
    assert f"autre appellation «{NBSP}appellation 9999{NBSP}»" in found.stdout
    exported = run("-g", str(path), "export", "--format", "json", "--term", "nombreux")
    assert exported.exit_code == 0
    assert len(json.loads(exported.stdout)["terms"][0]["alt_labels"]) == 10_000
    checked = run("check", str(path))
    assert checked.exit_code == 0, checked.stdout
    assert checked.stdout.splitlines()[-1].startswith(f"2 fichiers, {BUNDLED_ENTRIES + 1} entrées")


def test_a_self_relation_is_a_warning_and_related_cycles_are_allowed(tmp_path: Path) -> None:
    path = tmp_path / "boucles.toml"
    path.write_text(
        GOOD_HEAD
        + "".join(
            f'[[term]]\nid = "{one}"\nlabel = "Terme {one}"\ndefinition = "D."\n'
            f'related = ["{other}"]\nbroader = [{broader}]\n\n'
            for one, other, broader in (("a", "b", '"a"'), ("b", "c", ""), ("c", "a", ""))
        ),
        encoding="utf-8",
    )
    related = run("-g", str(path), "related", "Terme a", "--depth", "10")
    assert related.exit_code == 0, related.stderr
    assert "Terme c" in related.stdout
    checked = run("check", "--json", str(path))
    codes = {finding["code"] for finding in json.loads(checked.stdout)["findings"]}
    assert "self-relation" in codes and "broader-cycle" not in codes
    assert checked.exit_code == 0


@pytest.mark.slow
def test_a_hierarchy_thousands_of_levels_deep(tmp_path: Path) -> None:
    depth = 3_000
    path = tmp_path / "profond.toml"
    path.write_text(
        GOOD_HEAD
        + "".join(
            f'[[term]]\nid = "n{n}"\nlabel = "Niveau {n}"\ndefinition = "D."\n'
            + (f'broader = ["n{n + 1}"]\n' if n + 1 < depth else "")
            + ('related = ["n0"]\n' if n == depth - 1 else "")
            for n in range(depth)
        ),
        encoding="utf-8",
    )
    related = run("--no-bundled", "-g", str(path), "related", "Niveau 0", "--depth", "10")
    assert related.exit_code == 0, related.stderr
    assert "Niveau 10" in related.stdout and "Niveau 11" not in related.stdout
    for format_name in ("skos", "skos-jsonld", "tbx", "toml", "mermaid"):
        exported = run("--no-bundled", "-g", str(path), "export", "--format", format_name)
        assert exported.exit_code == 0, (format_name, exported.stderr)
        assert "n2999" in exported.stdout
    checked = run("check", str(path))
    assert checked.exit_code == 0, checked.stdout


def test_a_missing_spreadsheet_is_said_in_french(tmp_path: Path) -> None:
    result = run("import", str(tmp_path / "absent.csv"), "-o", str(tmp_path / "x.toml"))
    assert result.exit_code == 3
    assert_error_line(
        result.stderr,
        tmp_path / "absent.csv",
        None,
        "lecture impossible (fichier ou dossier introuvable)",
    )


# --- a 50 MB file ---------------------------------------------------------------------------

FIFTY_MB = 50_000


def _huge(path: Path, tail: str) -> Path:
    # 50 000 lines of 1 000 characters in one definition: written in a fraction of a second.
    with path.open("w", encoding="utf-8") as handle:
        handle.write('[[term]]\nid = "enorme"\nlabel = "Énorme"\ndefinition = \'\'\'\n')
        handle.write(("x" * 999 + "\n") * FIFTY_MB)
        handle.write("'''\n" + tail)
    assert path.stat().st_size > 50_000_000
    return path


def _measured(*args: str | Path) -> tuple[int, str, str, int]:
    """Exit code, stdout, stderr and peak memory (kB) of the installed script."""
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [str(SCRIPT), *(str(arg) for arg in args)],
            stdout=out,
            stderr=err,
            env={**os.environ, "NO_COLOR": "1"},
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        peak = usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1)
        return process.returncode, out.read().decode(), err.read().decode(), peak


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "wait4"), reason="mesure de la mémoire par wait4 (POSIX)")
def test_a_50_mb_file_gets_its_answer_without_eating_the_memory(tmp_path: Path) -> None:
    invalid = _huge(tmp_path / "enorme-invalide.toml", "= oups\n")
    code, out, err, peak = _measured("--glossary", invalid, "define", "ESS")
    assert code == 3
    assert out == ""
    assert_error_line(err, invalid, FIFTY_MB + 6, "erreur de syntaxe TOML")
    assert peak < 1_000_000, f"{peak} kB"

    code, out, err, peak = _measured("check", invalid)
    assert code == 3 and err == ""
    assert f"{invalid}:{FIFTY_MB + 6}: erreur{NBSP}: erreur de syntaxe TOML" in out
    assert peak < 1_000_000, f"{peak} kB"

    valid = _huge(tmp_path / "enorme.toml", "")
    code, out, err, peak = _measured("check", valid)
    assert code == 0, err
    assert out.splitlines()[-1].startswith(f"2 fichiers, {BUNDLED_ENTRIES + 1} entrées")
    assert peak < 1_000_000, f"{peak} kB"


# --- bad queries ----------------------------------------------------------------------------

LONG_QUERY = "coopération " * 8_500  # about 100 000 characters
BAD_QUERIES = {
    "empty": "",
    "blank": "   \t ",
    "long": LONG_QUERY,
    "controls": "\x01\x1b[31m\x7f\r\nESS\x9b2J\u202e",
    "regex": ".*[(",
    "regex-group": "(?P<x>\\1",
    "format": "%s %n {0} {query}",
    "backslashes": "\\\\\\",
    "surrogates": "\udcff\udcfe",
    "nul": "\x00",
}
QUERY_COMMANDS = {
    "define": (("define",), (1,)),
    "related": (("related",), (1,)),
    "search": (("search",), (0, 1)),
    "list-theme": (("list", "--theme"), (0, 1)),
    "export-term": (("export", "--format", "json", "--term"), (1,)),
    "export-theme": (("export", "--format", "json", "--theme"), (1,)),
}


@pytest.mark.parametrize("query", BAD_QUERIES.values(), ids=BAD_QUERIES.keys())
@pytest.mark.parametrize("command", QUERY_COMMANDS.values(), ids=QUERY_COMMANDS.keys())
def test_bad_queries_get_a_clear_french_answer(
    command: tuple[tuple[str, ...], tuple[int, ...]], query: str
) -> None:
    args, codes = command
    result = run(*args, query)
    assert result.exit_code in codes, (result.exit_code, result.stderr)
    if result.exit_code == 0:
        assert result.stdout.strip() and result.stderr == ""
        return
    assert result.stdout == ""
    assert_one_line(result.stderr)
    assert len(result.stderr) < 600, "the query is quoted whole"
    assert_inert(result.stderr, ignore=NBSP)
    assert result.stderr.startswith(
        ("Aucun terme trouvé pour «", "Aucun résultat pour «", f"Erreur{NBSP}: ")
    )


def test_a_long_query_is_quoted_shortened() -> None:
    result = run("define", LONG_QUERY)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Aucun terme trouvé pour «{NBSP}{' '.join(LONG_QUERY.split())[:59].rstrip()}…{NBSP}».\n"
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        [b"define", b"coop\xff\xfe"],
        [b"related", b"\xed\xa0\x80"],
        [b"search", b"\xff" * 3],
        [b"list", b"--theme", b"\x80transitions"],
        [b"define", LONG_QUERY.encode()],
        [b"search", b".*[(\x1b[31m"],
    ],
    ids=["define-latin1", "related-surrogate-bytes", "search-ff", "list-theme", "long", "regex"],
)
def test_bytes_from_the_shell_reach_the_installed_program_safely(args: list[bytes]) -> None:
    completed = run_script(*args)
    stderr = completed.stderr.decode("utf-8")  # valid UTF-8: nothing undecodable echoed
    assert completed.returncode in (0, 1, 2), stderr
    assert "Traceback" not in stderr
    if completed.returncode:
        assert completed.stdout == b""
        assert_one_line(stderr)
        assert "\x1b" not in stderr
    else:
        assert completed.stdout.decode("utf-8").strip()
        assert stderr == ""


@pytest.mark.slow
def test_the_installed_program_with_a_strict_output_encoding(tmp_path: Path) -> None:
    """With PYTHONIOENCODING=utf-8, undecodable bytes cannot reach stdout or stderr raw."""
    name = os.fsdecode(b"lexique-\xe9t\xe9.toml")  # a Latin-1 file name
    glossary = tmp_path / name
    glossary.write_text(
        GOOD_HEAD + '[[term]]\nid = "ete"\nlabel = "Été"\ndefinition = "Saison."\n', "utf-8"
    )
    an_hour_ago = glossary.stat().st_mtime - 3600  # old enough to be cached
    os.utime(glossary, (an_hour_ago, an_hour_ago))
    environment = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    for args in (
        ["-g", name, "define", "été"],
        ["-g", name, "define", "été"],  # from the cache, if there is one
        ["-g", name, "check"],
        ["-g", name, "glossaries"],
        ["new", os.fsdecode(b"nouveau-\xff.toml")],
        ["define", os.fsdecode(b"\xff")],
    ):
        completed = subprocess.run(
            [str(SCRIPT), *args],
            capture_output=True,
            env=environment,
            cwd=tmp_path,
            timeout=120,
            check=False,
        )
        stderr = completed.stderr.decode("utf-8")
        assert "Traceback" not in stderr, (args, stderr)
        assert completed.returncode in (0, 1), (args, stderr)
        completed.stdout.decode("utf-8")
    assert (tmp_path / os.fsdecode(b"nouveau-\xff.toml")).is_file()
