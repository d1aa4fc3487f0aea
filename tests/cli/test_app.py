"""The installed `esslex` program as a shell runs it: bytes that are not UTF-8 in its
arguments and file names, a strict output encoding."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from support.cli import UTF8_LOCALE, run_script
from support.glossaries import GOOD_HEAD, age
from support.hostile import LONG_QUERY, assert_one_line


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
    completed = run_script(*args, env=UTF8_LOCALE)
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
    age(glossary, 3600)  # old enough to be cached
    for args in (
        ["-g", name, "define", "été"],
        ["-g", name, "define", "été"],  # from the cache, if there is one
        ["-g", name, "check"],
        ["-g", name, "glossaries"],
        ["new", os.fsdecode(b"nouveau-\xff.toml")],
        ["define", os.fsdecode(b"\xff")],
    ):
        completed = run_script(*args, env={"PYTHONIOENCODING": "utf-8"}, cwd=tmp_path)
        stderr = completed.stderr.decode("utf-8")
        assert "Traceback" not in stderr, (args, stderr)
        assert completed.returncode in (0, 1), (args, stderr)
        completed.stdout.decode("utf-8")
    assert (tmp_path / os.fsdecode(b"nouveau-\xff.toml")).is_file()


# --- undecodable bytes in a query --------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "argument", [b"\xff\xfe", b"\xc3", b"ESS\x1b[31m", b"\xed\xa0\x80", b"\x7f\x01"]
)
def test_undecodable_bytes_on_the_command_line(argument: bytes) -> None:
    """Python turns these bytes into lone surrogates (surrogateescape)."""
    completed = run_script(b"define", argument, env=UTF8_LOCALE)
    assert completed.returncode == 1, completed.stderr
    assert completed.stdout == b""
    stderr = completed.stderr.decode("utf-8")
    assert stderr.startswith("Aucun terme trouvé pour «\u00a0"), stderr
    assert "Traceback" not in stderr
    assert "\x1b" not in stderr


@pytest.mark.slow
def test_a_latin_1_query_still_finds_its_entry() -> None:
    # « é » in Latin-1 is one undecodable byte: dropped, the typo is forgiven.
    completed = run_script(b"define", b"coop\xe9ration", env=UTF8_LOCALE)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.decode("utf-8").startswith("Coopération\n")
    assert completed.stderr == b""
