"""The TOML export: read back equal, loads as a glossary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esslex.glossary.loader import load_glossary
from esslex.glossary.paths import bundled_path
from support.cli import run
from support.exports import export
from support.glossaries import RIGHTS_GLOSSARY, write_glossary
from support.hostile import export_hostile, hostile_document
from support.properties import FIXTURES_OK, comparable, exported, glossaries, written

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def _comparable(glossary):  # type: ignore[no-untyped-def]

    info = glossary.info._replace(path="")
    terms = tuple(term._replace(glossary="") for term in glossary.terms)
    return info, glossary.themes, terms


def test_toml_round_trip(glossary: Path, tmp_path: Path) -> None:
    target = tmp_path / "copie.toml"
    code, out, err = export(glossary, "-f", "toml", "-o", str(target))
    assert code == 0, err
    assert out == ""
    tomllib.loads(target.read_text(encoding="utf-8"))
    assert _comparable(load_glossary([target])) == _comparable(load_glossary([glossary]))


def test_toml_round_trip_of_the_bundled_glossary(tmp_path: Path) -> None:
    target = tmp_path / "devisus.toml"
    result = run("export", "-f", "toml", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert _comparable(load_glossary([target])) == _comparable(load_glossary([bundled_path()]))


def test_toml_of_a_selection_loads(glossary: Path, tmp_path: Path) -> None:
    target = tmp_path / "extrait.toml"
    code, out, err = export(glossary, "-f", "toml", "--term", "ecosysteme local", "-o", str(target))
    assert code == 0, err
    assert out == ""
    loaded = load_glossary([target])
    assert [term.id for term in loaded] == ["ecosysteme-local"]
    assert loaded["ecosysteme-local"].related == () and loaded["ecosysteme-local"].broader == ()


def _related_glossary(written: dict[int, list[int]], count: int) -> str:
    lines = ['[glossary]\nid = "g"\ntitle = "G"\n']
    for index in range(count):
        lines.append(f'[[term]]\nid = "t{index}"\nlabel = "Terme {index}"\ndefinition = "D."')
        if written.get(index):
            lines.append("related = [" + ", ".join(f'"t{o}"' for o in written[index]) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.slow
def test_toml_round_trip_keeps_the_order_of_related(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from hypothesis import given, settings

    @st.composite
    def glossaries(draw):  # type: ignore[no-untyped-def]
        count = draw(st.integers(2, 7))
        written: dict[int, list[int]] = {}
        for index in range(count):
            others = [o for o in range(count) if o != index]
            written[index] = draw(st.lists(st.sampled_from(others), unique=True, max_size=4))
        return count, written

    @settings(
        max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(glossaries())
    def check(case) -> None:  # type: ignore[no-untyped-def]
        count, written = case
        folder = tmp_path_factory.mktemp("related")
        source = write_glossary(folder / "source.toml", text=_related_glossary(written, count))
        code, out, err = export(source, "-f", "toml")
        assert code == 0, err
        copy = folder / "copie.toml"
        copy.write_text(out, encoding="utf-8")
        assert _comparable(load_glossary([copy])) == _comparable(load_glossary([source]))

    check()


# --- property: any glossary comes back equal ---------------------------------------------


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES_OK)
@given(document=glossaries())
def test_toml_export_reads_back_equal(tmp_path: Path, document: dict[str, Any]) -> None:
    original = written(tmp_path, document)
    copy = load_glossary([exported(tmp_path, "toml", "copie.toml")])
    assert comparable(copy) == comparable(original)


def test_toml_keeps_every_character_of_a_hostile_glossary(hostile: Path, tmp_path: Path) -> None:
    toml = tomllib.loads(export_hostile(hostile, "toml", tmp_path).decode("utf-8"))
    assert toml["term"][0]["label"] == hostile_document()["term"][0]["label"]


# --- rights ------------------------------------------------------------------------------


def test_toml_export_reads_back_the_same_rights(tmp_path: Path) -> None:
    path = write_glossary(tmp_path / "essai.toml", text=RIGHTS_GLOSSARY)
    copy = tmp_path / "copie.toml"
    result = run("--no-bundled", "-g", str(path), "export", "-f", "toml", "-o", str(copy))
    assert result.exit_code == 0, result.output
    original, read_back = load_glossary([path]), load_glossary([copy])
    assert [term.rights for term in read_back] == [term.rights for term in original]
    assert read_back["alpha"].sources == original["alpha"].sources
