"""Reading [[term]] tables and their sources in one pass: every fault found, in a fixed
order whatever the order of the keys in the file, and the same entry built."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from esslex.glossary.entries import SOURCE_KEYS, TERM_KEYS
from esslex.glossary.loader import build_glossary_file
from esslex.glossary.tomlsyntax import LineIndex
from support.cli import run
from support.glossaries import GOOD_HEAD, write_glossary
from support.hostile import NBSP
from support.properties import examples


def checked_errors(tmp_path: Path, entry: str) -> tuple[Path, list[str]]:
    """`esslex check` of a file with this one entry: the file and its error lines (exit 3)."""
    path = write_glossary(tmp_path / "glossaire.toml", text=GOOD_HEAD + entry)
    result = run("--no-bundled", "check", str(path))
    assert result.exit_code == 3
    return path, [line for line in result.stdout.splitlines() if f"erreur{NBSP}: " in line]


def test_the_faults_of_a_source_come_in_the_order_of_its_fields(tmp_path: Path) -> None:
    # Written read_in, url, year, without a title: reported title, year, url, read_in.
    entry = (
        '[[term]]\nid = "alpha"\nlabel = "Alpha"\ndefinition = "Texte."\n\n'
        '[[term.sources]]\nread_in = 3\nurl = 5\nyear = "2014"\nauthor = ""\n'
    )
    path, errors = checked_errors(tmp_path, entry)
    line = (GOOD_HEAD + entry).splitlines().index("[[term.sources]]") + 1
    where = f"{path}:{line}: erreur{NBSP}: "
    assert errors == [
        f"{where}champ obligatoire «{NBSP}title{NBSP}» absent dans une source",
        f"{where}«{NBSP}year{NBSP}» doit être un entier (ex. 2014)",
        f"{where}«{NBSP}url{NBSP}» doit être une chaîne de caractères, pas un entier",
        f'{where}«{NBSP}read_in{NBSP}» doit être une table {{ title = "…", url = "…" }}',
    ]


def test_a_faulty_entry_reports_each_of_its_faults_at_its_line(tmp_path: Path) -> None:
    entry = '[[term]]\ndefinition = "  "\nid = "Mon Terme"\nlabel = 3\nthemes = "demo"\norigin = ["x"]\n'
    path, errors = checked_errors(tmp_path, entry)
    numbered = enumerate((GOOD_HEAD + entry).splitlines(), 1)
    lines = {line.split(" = ")[0]: number for number, line in numbered}
    expected = [
        (lines["label"], f"«{NBSP}label{NBSP}» doit être une chaîne de caractères, pas un entier"),
        (lines["id"], f"identifiant «{NBSP}Mon Terme{NBSP}» invalide"),
        (lines["definition"], f"définition vide pour «{NBSP}Mon Terme{NBSP}»"),
        (lines["themes"], f"«{NBSP}themes{NBSP}» doit être une liste de chaînes, par exemple"),
        (
            lines["origin"],
            f"«{NBSP}origin{NBSP}» doit être une chaîne de caractères, pas une liste",
        ),
    ]
    assert len(errors) == len(expected), errors
    for error, (line, message) in zip(errors, sorted(expected), strict=True):  # by line
        assert error.startswith(f"{path}:{line}: erreur{NBSP}: {message}"), error


# Values of every kind a TOML table (or an imported JSON object, with its null) can hold.
VALUES: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(["", " ", "alpha", "Mon Terme", "a\r\nb  ", "2024-06-01", "hier"]),
    st.lists(st.sampled_from(["a", "b", "", " n "]), max_size=3),
    st.lists(st.one_of(st.integers(), st.text(max_size=2)), min_size=1, max_size=2),
    st.integers(min_value=1900, max_value=2100),
    st.booleans(),
    st.none(),
    st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2030, 1, 1)),
    st.fixed_dictionaries({}, optional={"title": st.text(max_size=2), "url": st.integers()}),
)
SOURCE_TABLES = st.dictionaries(st.sampled_from([*SOURCE_KEYS, "titel"]), VALUES, max_size=6)
ENTRY_TABLES = st.dictionaries(
    st.sampled_from([*TERM_KEYS, "alt_label"]),
    VALUES,
    max_size=8,
).flatmap(
    lambda table: st.one_of(
        st.just(table),
        st.lists(SOURCE_TABLES, max_size=3).map(lambda sources: {**table, "sources": sources}),
    )
)


def _read(table: dict[str, Any]) -> tuple[object, list[str]]:
    read = build_glossary_file({"term": [table]}, "glossaire.toml", LineIndex())
    return read.terms, [f"{finding.code}: {finding.message}" for finding in read.findings]


def _reordered(table: dict[str, Any], order: list[int]) -> dict[str, Any]:
    """The same table, its keys (and those of each of its sources) in another order."""
    keys = sorted(
        table, key=lambda key: order[TERM_KEYS.index(key) % len(order)] if key in TERM_KEYS else -1
    )
    reordered = {key: table[key] for key in reversed(keys)}
    if isinstance(reordered.get("sources"), list):
        reordered["sources"] = [
            dict(reversed(list(source.items()))) if isinstance(source, dict) else source
            for source in reordered["sources"]
        ]
    return reordered


@settings(max_examples=examples(100), deadline=None)
@given(ENTRY_TABLES, st.permutations(range(len(TERM_KEYS))))
def test_an_entry_reads_the_same_whatever_the_order_of_its_keys(
    table: dict[str, Any], order: list[int]
) -> None:
    # Unknown keys are reported in the order they are written: left out of the comparison.
    known = {key: value for key, value in table.items() if key in TERM_KEYS}
    assert _read(_reordered(known, order)) == _read(known)
