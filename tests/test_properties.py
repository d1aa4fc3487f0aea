"""Property tests (hypothesis): random glossaries, random documents, random queries.

- Any valid glossary, whatever its Unicode text, comes back equal from the `toml` export
  (read by the loader) and from the `json` export (read as JSON, and through
  `esslex import` when its text has no control character, which the importer removes).
- `esslex check` never raises, whatever the document: random TOML tables and arrays of
  the glossary's own vocabulary, random text, random bytes.
- `define`, `related` and `search` never raise, whatever the query.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esslex.loader import load_glossary
from esslex.model import Glossary, GlossaryInfo, Rights, Source, Term, Theme
from hostile_support import assert_one_line, run

FIXTURES_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]

IDS = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,5}){0,2}\Z")
# Any text a TOML file can hold: every code point but the lone surrogates.
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
WORDS = ANY_TEXT.filter(lambda text: text.strip())


# Text the importer keeps as it is: no control, format or unassigned character, no
# surrounding space (it removes them).
PRINTABLE = (
    st.text(st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn")), max_size=40)
    .map(str.strip)
    .filter(bool)
)


@st.composite
def glossaries(
    draw: st.DrawFn, text: st.SearchStrategy[str] = WORDS, distinct_names: bool = False
) -> dict[str, Any]:
    """A valid glossary document: consistent themes, relations and no broader cycle.

    `distinct_names`: no two labels or alternative labels alike (as the importer wants).
    """
    term_ids = draw(st.lists(IDS, min_size=1, max_size=5, unique=True))
    theme_ids = draw(st.lists(IDS, max_size=3, unique=True))
    labels = st.lists(text, max_size=3)
    terms = []
    for position, term_id in enumerate(term_ids):
        term: dict[str, Any] = {"id": term_id, "label": draw(text), "definition": draw(text)}
        names = labels
        if distinct_names:
            # A last word of its own: « entree2x », « entree2n1x ».
            term["label"] += f" entree{position}x"
            names = labels.map(
                lambda items, at=position: [f"{x} entree{at}n{n}x" for n, x in enumerate(items)]
            )
        optional = {
            "alt_labels": names,
            "hidden_labels": names,
            "notes": labels,
            "origin": text,
            "themes": st.lists(st.sampled_from(theme_ids), unique=True, max_size=2)
            if theme_ids
            else st.nothing(),
            "related": st.lists(st.sampled_from(term_ids), unique=True, max_size=3),
            # Only towards later entries: the hierarchy has no cycle.
            "broader": st.lists(st.sampled_from(term_ids[position + 1 :]), unique=True, max_size=2)
            if position + 1 < len(term_ids)
            else st.nothing(),
            "sources": st.lists(
                st.fixed_dictionaries(
                    {"title": text},
                    optional={
                        "author": text,
                        "publisher": text,
                        "article": text,
                        "url": text,
                        "year": st.integers(-3000, 3000),
                    },
                ),
                max_size=2,
            ),
        }
        for key, values in optional.items():
            if draw(st.booleans()):
                term[key] = draw(values)
        terms.append({key: value for key, value in term.items() if value is not None})
    return {
        "glossary": {
            "id": draw(IDS),
            "title": draw(text),
            "version": draw(text),
            "publishers": draw(labels),
            "description": draw(text),
            "licence": draw(text),
        },
        "theme": [
            {"id": theme_id, "label": draw(text), "description": draw(text)}
            for theme_id in theme_ids
        ],
        "term": terms,
    }


def comparable(glossary: Glossary) -> tuple[object, ...]:
    info = dataclasses.replace(glossary.info, path="")
    terms = tuple(dataclasses.replace(term, glossary="") for term in glossary.terms)
    return info, glossary.themes, terms


def written(folder: Path, document: dict[str, Any]) -> Glossary:
    """`document` as a glossary file, loaded: the original the exports must give back."""
    source = folder / "source.toml"
    source.write_text(tomli_w.dumps(document), encoding="utf-8")
    return load_glossary([source])


def exported(folder: Path, format_name: str, name: str) -> Path:
    target = folder / name
    result = run(
        "--no-bundled", "-g", str(folder / "source.toml"), "export", "-f", format_name,
        "-o", str(target), "--force",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return target


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES_OK)
@given(document=glossaries())
def test_toml_export_reads_back_equal(tmp_path: Path, document: dict[str, Any]) -> None:
    original = written(tmp_path, document)
    copy = load_glossary([exported(tmp_path, "toml", "copie.toml")])
    assert comparable(copy) == comparable(original)


def _term_of_json(data: dict[str, Any]) -> Term:
    fields = {**data, "glossary": ""}
    fields["sources"] = tuple(Source(**source) for source in data["sources"])
    for key in ("alt_labels", "hidden_labels", "themes", "notes", "related", "broader"):
        fields[key] = tuple(data[key])
    fields["narrower"] = tuple(data["narrower"])
    fields["rights"] = Rights(*(value or "" for value in data["rights"].values()))
    return Term(**fields)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES_OK)
@given(document=glossaries())
def test_json_export_reads_back_equal(tmp_path: Path, document: dict[str, Any]) -> None:
    original = written(tmp_path, document)
    data = json.loads(exported(tmp_path, "json", "copie.json").read_text(encoding="utf-8"))
    info = data["glossary"]
    read_back = Glossary(
        GlossaryInfo(**{**info, "publishers": tuple(info.get("publishers", ()))}),
        tuple(Theme(**theme) for theme in data["themes"]),
        tuple(_term_of_json(term) for term in data["terms"]),
    )
    assert comparable(read_back) == comparable(original)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=FIXTURES_OK)
@given(document=glossaries(PRINTABLE, distinct_names=True))
def test_json_export_imports_back_equal(tmp_path: Path, document: dict[str, Any]) -> None:
    original = written(tmp_path, document)
    copy = tmp_path / "importe.toml"
    result = run(
        "--no-bundled", "import", str(exported(tmp_path, "json", "copie.json")),
        "-o", str(copy), "--force",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    _, themes, terms = comparable(load_glossary([copy]))
    _, original_themes, original_terms = comparable(original)
    used = {theme_id for term in original_terms for theme_id in term.themes}
    # The importer brings the entries and the themes they cite; it writes a label on one
    # line of single spaces, and each entry's `related` as exported (the loader, which makes
    # them symmetric, may then list them in another order).
    assert themes == tuple(theme for theme in original_themes if theme.id in used)
    assert [set(term.related) for term in terms] == [set(t.related) for t in original_terms]
    assert [
        dataclasses.replace(term, label=" ".join(term.label.split()), related=())
        for term in original_terms
    ] == [dataclasses.replace(term, related=()) for term in terms]


# --- check never raises ---------------------------------------------------------------------

VOCABULARY = [
    *("glossary", "theme", "term", "sources", "id", "label", "definition", "alt_labels"),
    *("hidden_labels", "themes", "notes", "related", "broader", "origin", "title", "author"),
    *("publisher", "year", "article", "url", "language", "version", "publishers"),
    *("description", "licence", "couleur"),
]
SCALARS = st.one_of(
    st.text(max_size=8),
    st.sampled_from(["a", "b", "economie", "cooperation", ""]),
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=True),
    st.dates(),
    st.datetimes(),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(VOCABULARY) | st.text(max_size=5), children, max_size=5),
    ),
    max_leaves=30,
)
DOCUMENTS = st.dictionaries(st.sampled_from(VOCABULARY), VALUES, max_size=5).map(tomli_w.dumps)


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=FIXTURES_OK)
@given(content=DOCUMENTS | st.text())
def test_check_never_raises(tmp_path: Path, content: str) -> None:
    path = tmp_path / "hasard.toml"
    path.write_bytes(content.encode("utf-8", "surrogatepass"))
    result = run("--no-bundled", "check", str(path))
    assert result.exit_code in (0, 3), result.output
    assert result.stdout.splitlines()[-1].startswith("1 fichier, ")
    loaded = run("--no-bundled", "-g", str(path), "list")
    assert loaded.exit_code in (0, 3)
    if loaded.exit_code == 3:
        assert_one_line(loaded.stderr, str(path))


@settings(max_examples=80, deadline=None)
@given(content=st.binary(max_size=200))
def test_check_never_raises_on_bytes(content: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "octets.toml"
        path.write_bytes(content)
        result = run("--no-bundled", "check", str(path))
    assert result.exit_code in (0, 3), result.output


# --- queries never raise ----------------------------------------------------------------------


@pytest.mark.parametrize("command", ["define", "related", "search"])
@settings(max_examples=40, deadline=None)
@given(query=st.text(max_size=200))
def test_reading_commands_never_raise_on_any_query(command: str, query: str) -> None:
    result = run(command, "--", query)  # a query may start with "-"
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    if result.exit_code == 0:
        assert result.stdout.strip() and result.stderr == ""
    else:
        assert result.stdout == ""
        assert_one_line(result.stderr)
