"""`esslex annotate` through the command: the JSON shape, the documents it writes, its
mini-glossary, its refusals (exit codes and French messages)."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import pytest

from support.cli import outcome, run
from support.glossaries import write_glossary

COURSE = "# Les coopératives\n\nUne SCOP, des coopératives, l’économie sociale et solidaire.\n"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    path = tmp_path / "cours.md"
    path.write_text(COURSE, encoding="utf-8")
    return path


def test_json_gives_each_mention_with_its_offsets(course: Path) -> None:
    result = run("annotate", str(course), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [set(item) for item in data] == [{"id", "label", "text", "start", "end", "kind"}] * len(
        data
    )
    assert [(m["id"], m["text"], m["kind"]) for m in data] == [
        ("cooperative", "coopératives", "inflected"),
        ("scop", "SCOP", "alt"),
        ("cooperative", "coopératives", "inflected"),
        ("economie-sociale-et-solidaire", "économie sociale et solidaire", "label"),
    ]
    assert all(COURSE[m["start"] : m["end"]] == m["text"] for m in data)


def _refuse(what: str) -> Callable[..., NoReturn]:
    def refused(*args: object, **kwargs: object) -> NoReturn:
        pytest.fail(what)

    return refused


def _annotated(tmp_path: Path, *args: str) -> tuple[str, str, str]:
    """What `esslex annotate` gives: its JSON, its Markdown with notes, its mini-glossary."""
    notes, mini = tmp_path / "notes.md", tmp_path / "mini.md"
    code, out, err = outcome(
        *args, "-o", str(notes), "--footnotes", "--glossary-out", str(mini), "--json", "--force"
    )
    assert code == 0, err
    return out, notes.read_text(encoding="utf-8"), mini.read_text(encoding="utf-8")


def test_a_second_run_reads_no_glossary_file(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The entries, and the names a course may mention them by, come from the cache that
    `define` reads: a second run parses no TOML and, on a glossary large enough for SQLite,
    groups no name; it gives what the files read afresh give."""
    large = write_glossary(tmp_path / "grand.toml")  # with the bundled one: a SQLite cache
    args = ("-g", str(large), "annotate", str(course))
    no_cache = tmp_path / "pas-un-dossier"
    no_cache.write_text("", encoding="utf-8")
    monkeypatch.setenv("ESSLEX_CACHE_DIR", str(no_cache))
    from_files = _annotated(tmp_path, *args)
    monkeypatch.setenv("ESSLEX_CACHE_DIR", str(tmp_path / "cache"))
    assert _annotated(tmp_path, *args) == from_files  # the cache built
    assert len(list((tmp_path / "cache").glob("*.mentions"))) == 1
    bundled = outcome("annotate", str(course), "--json")  # its own small cache, a snapshot
    with monkeypatch.context() as refusing:
        refusing.setattr("esslex.glossary.loader.read_glossary_file", _refuse("TOML relu"))
        refusing.setattr("esslex.find.mentions.group_names", _refuse("noms regroupés"))
        assert _annotated(tmp_path, *args) == from_files
    assert json.loads(from_files[0]) != []
    # The snapshot holds every entry, whose names are grouped at each run (under a
    # millisecond): its TOML is read no more.
    with monkeypatch.context() as refusing:
        refusing.setattr("esslex.glossary.loader.read_glossary_file", _refuse("TOML relu"))
        assert outcome("annotate", str(course), "--json") == bundled


def test_standard_input_and_the_report(course: Path) -> None:
    result = run("annotate", "-", input=COURSE)
    assert result.exit_code == 0, result.stderr
    assert "Coopérative — 2 mentions" in result.stdout
    assert result.stdout.rstrip().endswith("3 termes du glossaire, 4 mentions.")


def test_markdown_written_back_with_links_to_the_published_page(course: Path) -> None:
    target = course.with_name("annote.md")
    code, _, err = outcome(
        "annotate", str(course), "-o", str(target), "--link-base", "https://ex.org/g.html"
    )
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Les [coopératives](https://ex.org/g.html#cooperative)\n")
    assert "[SCOP](https://ex.org/g.html#scop), des coopératives," in text
    assert "Fichier écrit" in err and "(3 liens)" in err
    code, _, err = outcome("annotate", str(course), "-o", str(target))
    assert code == 1 and "--force" in err  # as export: the file is kept


def test_footnotes_give_the_first_sentence(course: Path) -> None:
    target = course.with_name("notes.md")
    code, _, err = outcome("annotate", str(course), "-o", str(target), "--footnotes")
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert "coopératives[^cooperative]" in text
    assert "\n[^scop]: Société coopérative et participative\u00a0: " in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["cours.odt"], "format de cours non pris en charge"),
        (["cours.md", "-o", "x.docx"], "s’écrit annoté en .md"),
        (["cours.md", "--footnotes"], "--footnotes s’applique au document écrit"),
    ],
)
def test_refusals_are_usage_errors_in_french(
    course: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(course.parent)
    code, _, err = outcome("annotate", *args)
    assert code == 2, err
    assert message in err.lower() and "Traceback" not in err


def test_a_course_that_cannot_be_read_is_bad_data(tmp_path: Path) -> None:
    code, _, err = outcome("annotate", str(tmp_path / "absent.md"))
    assert code == 3 and "fichier introuvable" in err
    code, _, err = outcome("annotate", str(tmp_path / "dossier.md").replace("dossier.md", ""))
    assert code == 2  # a folder has no suffix: not a course format


def test_a_missing_simplemma_says_which_extra(
    course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "simplemma", None)
    code, _, err = outcome("annotate", str(course))
    assert code == 4
    assert "«\u00a0simplemma\u00a0»" in err and ".venv/bin/pip install '.[annotate]'" in err


def test_a_docx_course_gets_hyperlinks(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph().add_run("Les coopé").bold = True
    document.paragraphs[0].add_run("ratives et les SCOP.")
    source = tmp_path / "cours.docx"
    document.save(str(source))
    target = tmp_path / "annote.docx"
    code, _, err = outcome("annotate", str(source), "-o", str(target), "--all")
    assert code == 0, err
    linked = docx.Document(str(target))
    links = [i for i in linked.paragraphs[0].iter_inner_content() if hasattr(i, "address")]
    assert [(link.text, link.address) for link in links] == [
        ("coopératives", "#cooperative"),
        ("SCOP", "#scop"),
    ]
    assert linked.paragraphs[0].text == "Les coopératives et les SCOP."
    assert [run.bold for run in links[0].runs] == [True, None]


def test_the_mini_glossary_lists_the_entries_in_the_order_of_first_mention(course: Path) -> None:
    target = course.with_name("mini.md")
    code, _, err = outcome(
        "annotate", str(course), "--glossary-out", str(target), "--title", "Mon cours"
    )
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Mon cours\n")
    headings = [line.split("</a>")[-1] for line in text.splitlines() if line.startswith("### ")]
    assert headings[:3] == [
        "Coopérative",
        "Société coopérative et participative",
        "Économie sociale et solidaire",
    ]


def test_a_damaged_docx_is_refused_in_french(tmp_path: Path) -> None:
    bad = tmp_path / "cours.docx"
    bad.write_bytes(io.BytesIO(b"PK\x03\x04 pas un document").getvalue())
    code, _, err = outcome("annotate", str(bad))
    assert code == 2 and "document docx illisible" in err.lower()
