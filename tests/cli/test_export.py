"""`esslex export`: every format is produced, then read back by a real parser."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import to_isomorphic

from esslex import exporters
from support.cli import run, run_script
from support.exports import TEXT_FORMATS, export
from support.hostile import PLAIN, assert_inert, esslex, export_hostile

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

# -- the registry and the command line ---------------------------------------------------


@pytest.mark.slow
def test_registry_declares_what_the_cli_offers() -> None:
    result = run("export", "--help")
    assert result.exit_code == 0
    for exporter in exporters.EXPORTERS.values():
        assert exporter.name in result.stdout
        # A folder format (stardict) has no file extension.
        assert exporter.description and (exporter.extension or exporter.directory)
        assert exporter.binary == (exporter.name in ("pdf", "docx", "anki") or exporter.directory)
    assert {
        "markdown",
        "html",
        "pdf",
        "docx",
        "json",
        "csv",
        "toml",
        "skos",
        "skos-jsonld",
        "tbx",
        "mermaid",
        "dot",
        "site",
        "stardict",
        "anki",
        "gift",
        "moodle-glossary",
        "marp",
    } == set(exporters.names())
    assert (
        exporters.EXPORTERS["pdf"].extra == "pdf" and exporters.EXPORTERS["skos"].extra == "export"
    )


def test_unknown_format_is_a_usage_error(glossary: Path) -> None:
    code, out, err = export(glossary, "--format", "odt")
    assert code == 2
    assert out == ""
    assert "--format" in err and "odt" in err


@pytest.mark.parametrize("name", TEXT_FORMATS)
def test_text_formats_go_to_stdout(glossary: Path, name: str) -> None:
    code, out, err = export(glossary, "--format", name)
    assert code == 0, err
    assert out.strip()
    # A table says that it keeps only the ids of the themes.
    assert err == "" or (name == "csv" and err.startswith("Attention\u00a0: un tableau ne garde"))


@pytest.mark.parametrize("name", ["pdf", "docx"])
def test_binary_formats_require_output(glossary: Path, name: str) -> None:
    code, out, err = export(glossary, "--format", name)
    assert code == 2
    assert out == ""
    assert f"«\u00a0{name}\u00a0» est binaire" in err and "--output" in err


def test_format_follows_the_output_suffix(glossary: Path, tmp_path: Path) -> None:
    target = tmp_path / "thesaurus.ttl"
    code, out, err = export(glossary, "--output", str(target))
    assert code == 0, err
    assert out == ""
    assert f"Fichier écrit\u00a0: {target} (skos, 4 entrées)." in err
    assert "skos:ConceptScheme" in target.read_text(encoding="utf-8")


def test_no_format_and_no_suffix_is_a_usage_error(glossary: Path) -> None:
    code, out, err = export(glossary)
    assert code == 2
    assert out == ""
    assert "Précisez le format avec --format" in err


# -- output files ----------------------------------------------------------------------


def test_existing_file_is_kept_without_force(glossary: Path, tmp_path: Path) -> None:
    target = tmp_path / "glossaire.md"
    target.write_text("à garder", encoding="utf-8")
    code, out, err = export(glossary, "-o", str(target))
    assert code == 1
    assert "existe déjà" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "à garder"
    code, out, err = export(glossary, "-o", str(target), "--force")
    assert code == 0, err
    assert out == ""
    assert target.read_text(encoding="utf-8").startswith("# Glossaire d’essai")


def test_missing_folder_is_one_french_line(glossary: Path, tmp_path: Path) -> None:
    target = tmp_path / "absent" / "glossaire.html"
    code, out, err = export(glossary, "-o", str(target))
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("Erreur\u00a0:") and "n’existe pas" in err
    assert not (tmp_path / "absent").exists()


def test_unwritable_folder_leaves_nothing(
    glossary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root ignores folder permissions: refuse the final rename, as a read-only folder would.
    import esslex.write.atomicfile

    def refuse(source: str, destination: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(esslex.write.atomicfile.os, "replace", refuse)
    folder = tmp_path / "sortie"
    folder.mkdir()
    code, out, err = export(glossary, "-f", "csv", "-o", str(folder / "glossaire.csv"))
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and "écriture refusée" in err
    assert list(folder.iterdir()) == []


def test_missing_library_names_the_extra(glossary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rdflib", None)
    code, out, err = export(glossary, "-f", "skos")
    assert code == 4  # not 1, which means "not found"
    assert out == ""
    assert "«\u00a0rdflib\u00a0»" in err and ".venv/bin/pip install '.[export]'" in err


# -- selection ---------------------------------------------------------------------------


def test_theme_is_forgiving(glossary: Path) -> None:
    for query in ("economie", "ÉCONOMIE", "Économie", "econom"):
        data = json.loads(export(glossary, "-f", "json", "--theme", query, expect=0).out)
        assert [t["id"] for t in data["terms"]] == ["ecosysteme-local", "achats", "cooperation"]
        assert data["complete"] is False


def test_unknown_theme_suggests(glossary: Path) -> None:
    code, out, err = export(glossary, "-f", "json", "--theme", "territoirs")
    assert code == 0, err  # a typo close enough is taken
    code, out, err = export(glossary, "-f", "json", "--theme", "santé")
    assert code == 1
    assert out == ""
    assert "Aucun thème trouvé pour «\u00a0santé\u00a0»" in err and "economie" in err


def test_term_is_forgiving_like_define(glossary: Path) -> None:
    data = json.loads(
        export(
            glossary, "-f", "json", "--term", "commande publique", "--term", "ecosysteme", expect=0
        ).out
    )
    assert [t["id"] for t in data["terms"]] == ["ecosysteme", "achats"]
    code, out, err = export(glossary, "-f", "json", "--term", "zzzz")
    assert code == 1
    assert out == ""
    assert "Aucun terme trouvé" in err


def test_with_related_adds_neighbours(glossary: Path) -> None:
    data = json.loads(
        export(glossary, "-f", "json", "--term", "achats", "--with-related", expect=0).out
    )
    assert {t["id"] for t in data["terms"]} == {"achats", "cooperation", "ecosysteme-local"}


# -- handouts ----------------------------------------------------------------------------


# -- data formats ------------------------------------------------------------------------


# -- the installed program ----------------------------------------------------------------


@pytest.mark.slow
def test_every_format_from_the_installed_program(glossary: Path, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    for exporter in exporters.EXPORTERS.values():
        target = tmp_path / f"sortie-{exporter.name}.{exporter.extension or 'dossier'}"
        result = run_script(
            *("--no-bundled", "-g", str(glossary), "export", "-f", exporter.name),
            *("-o", str(target)),
            text=True,
        )
        assert result.returncode == 0, (exporter.name, result.stderr)
        if exporter.directory:
            assert sum(part.stat().st_size for part in target.iterdir()) > 100
            assert result.stderr.startswith("Dossier écrit")
        else:
            assert target.stat().st_size > 100
            assert result.stderr.startswith("Fichier écrit")


def test_dash_output_is_stdout(glossary: Path) -> None:
    code, out, err = export(glossary, "-f", "mermaid", "-o", "-")
    assert code == 0, err
    assert out.startswith("flowchart LR\n")
    assert err == ""


# -- on standard output, nothing a terminal would obey ----------------------------------------

# Formats that can escape a character keep every one, escaped; the others lose them.
LOSSLESS = {
    "json": lambda text: json.loads(text),
    "toml": lambda text: tomllib.loads(text),
    "skos": lambda text: to_isomorphic(Graph().parse(data=text, format="turtle")),
    "skos-jsonld": lambda text: to_isomorphic(Graph().parse(data=text, format="json-ld")),
}
TEXT_ON_STDOUT = ("csv", "markdown", "marp", "mermaid", "dot", "html", "site", "tbx")


@pytest.mark.parametrize("format_name", [*LOSSLESS, *TEXT_ON_STDOUT, "moodle-glossary"])
def test_stdout_carries_no_escape_of_the_glossary(
    hostile: Path, tmp_path: Path, format_name: str
) -> None:
    result = esslex(hostile, "export", "--format", format_name, env=PLAIN)
    assert result.exit_code == 0, result.stderr
    # The byte order mark that opens the CSV for Excel is the only invisible character.
    assert_inert(result.stdout.removeprefix("\ufeff"), ignore="\t\r")
    for trace in ("\x1b", "\x9b", "\u202e"):
        assert trace not in result.stdout
    if format_name in LOSSLESS:  # the same data as the file written with --output
        read = LOSSLESS[format_name]
        assert read(result.stdout) == read(export_hostile(hostile, format_name, tmp_path).decode())


def test_gift_on_stdout_carries_no_escape(trainer_glossary: Path, tmp_path: Path) -> None:
    # The trainer's kit is large enough for a GIFT quiz; its title and entries get traps.
    trapped = tmp_path / "piege.toml"
    trapped.write_text(
        trainer_glossary.read_text("utf-8").replace('title = "', 'title = "\\u001b[2J\\u202e', 1)
        + '\n[[term]]\nid = "piege"\nlabel = "Piège \\u009b31m"\n'
        'definition = "Un texte \\u001b]8;;https://mal.example\\u001b\\\\ici \\u202eesrevni."\n',
        encoding="utf-8",
    )
    for target in (None, tmp_path / "quiz.gift"):
        output = ["-o", str(target)] if target else []
        result = run("--no-bundled", "-g", str(trapped), "export", "-f", "gift", *output, env=PLAIN)
        assert result.exit_code == 0, result.stderr
        text = target.read_text("utf-8") if target else result.stdout
        header = text.splitlines()[0]
        assert header.startswith("// ") and "questions produites par esslex" in header
        assert_inert(header)
        if target is None:
            assert_inert(text, ignore="\t")
            assert "mal.example" not in text and "31m" not in text
