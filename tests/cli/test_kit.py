"""`esslex kit`: a training day's documents in one folder, refused over a folder that holds
files, told when a library is missing, and read back (and looked at) file by file."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import Result

from support.cli import run
from support.tools import need, pages_text

EXPECTED = {
    "polycopie.pdf": "pdf",
    "polycopie.docx": "docx",
    "fiche-participants.pdf": "pdf",
    "exercices.pdf": "worksheet",
    "exercices-corrige.pdf": "worksheet",
    "quiz-moodle.gift": "gift",
    "glossaire-moodle.xml": "moodle-glossary",
    "cartes.apkg": "anki",
    "diaporama.md": "marp",
    "page.html": "site",
    "README.txt": "readme",
}


def kit(trainer_glossary: Path, *args: str) -> Result:
    return run("--no-bundled", "-g", str(trainer_glossary), "kit", *args)


def test_a_folder_that_holds_files_is_kept_without_force(
    trainer_glossary: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "trousse"
    folder.mkdir()
    (folder / "notes.txt").write_text("mes notes", encoding="utf-8")
    result = kit(trainer_glossary, "-o", str(folder))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Erreur\u00a0: Le dossier ")
    assert "n’est pas vide\u00a0; ajoutez --force" in result.stderr
    assert [path.name for path in folder.iterdir()] == ["notes.txt"]


def test_a_file_in_the_folder_s_place_is_refused(trainer_glossary: Path, tmp_path: Path) -> None:
    target = tmp_path / "trousse"
    target.write_text("un fichier", encoding="utf-8")
    result = kit(trainer_glossary, "-o", str(target))
    assert result.exit_code == 2
    assert "existe et n’est pas un dossier" in result.stderr
    assert target.read_text(encoding="utf-8") == "un fichier"


def test_a_missing_parent_folder_is_said_before_any_work(
    trainer_glossary: Path, tmp_path: Path
) -> None:
    result = kit(trainer_glossary, "-o", str(tmp_path / "absent" / "trousse"))
    assert result.exit_code == 1
    assert "le dossier " in result.stderr and "absent n’existe pas" in result.stderr


def test_a_selection_too_small_for_the_exercises_is_said_in_the_kit_s_terms(
    trainer_glossary: Path, tmp_path: Path
) -> None:
    result = kit(trainer_glossary, "--term", "Scop", "-o", str(tmp_path / "trousse"))
    assert result.exit_code == 2
    assert "Sélection trop petite pour les exercices d’une trousse (1 entrée)" in result.stderr
    assert "--kind" not in result.stderr
    assert not (tmp_path / "trousse").exists()


# -- the whole kit, read back -------------------------------------------------------------


def _written(trainer_glossary: Path, folder: Path, *args: str) -> list[dict[str, str]]:
    result = kit(
        trainer_glossary, "--seed", "11", "--date", "2027-03-12", "--json", "-o", str(folder), *args
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # piped: no progress bar, and the JSON says it all
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.slow
def test_the_kit_holds_every_document_each_readable(trainer_glossary: Path, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    folder = tmp_path / "trousse"
    listed = _written(trainer_glossary, folder, "--theme", "statuts", "--organisation", "Réseau")
    assert {Path(item["path"]).name: item["kind"] for item in listed} == EXPECTED
    assert all(item["description"] for item in listed)
    assert sorted(path.name for path in folder.iterdir()) == sorted(EXPECTED)
    assert not list(tmp_path.glob(".trousse*")), "a temporary folder was left behind"

    readme = (folder / "README.txt").read_text(encoding="utf-8")
    for item in listed:
        assert f"\n{Path(item['path']).name}\n  {item['description']}" in readme
    assert "12 mars 2027" in readme and "--seed 11 --date 2027-03-12" in readme
    assert "Organisme\u00a0: Réseau\n" in readme
    assert re.search(
        r"^Sélection\u00a0: \d+ entrées sur \d+ — thème\u00a0: Statuts\.$", readme, re.M
    )

    handout = pages_text(folder / "polycopie.pdf")
    assert "Scop" in "".join(handout) and "Réseau" in handout[0]
    assert "12 mars 2027" in handout[0]
    worksheet = "".join(pages_text(folder / "exercices.pdf"))
    key = "".join(pages_text(folder / "exercices-corrige.pdf"))
    assert "Exercice 1" in worksheet and "Corrigé" not in worksheet
    assert "Corrigé" in key and "Reliez chaque terme" not in key
    assert "Scop" in "".join(pages_text(folder / "fiche-participants.pdf"))
    with zipfile.ZipFile(folder / "polycopie.docx") as docx:
        assert "Scop" in docx.read("word/document.xml").decode("utf-8")
    with zipfile.ZipFile(folder / "cartes.apkg") as apkg:
        apkg.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as collection:
        assert collection.execute("select count(*) from notes").fetchone()[0] >= 2
    moodle = etree.parse(str(folder / "glossaire-moodle.xml"))
    assert "Scop" in moodle.xpath("//CONCEPT/text()")
    assert "::" in (folder / "quiz-moodle.gift").read_text(encoding="utf-8")
    assert (folder / "diaporama.md").read_text(encoding="utf-8").startswith("---\nmarp: true")
    assert "Scop" in (folder / "page.html").read_text(encoding="utf-8")

    # The same seed again, with --force: the same worksheet, the old folder's files gone.
    (folder / "brouillon.txt").write_text("à jeter", encoding="utf-8")
    again = kit(
        trainer_glossary,
        *("--seed", "11", "--date", "2027-03-12", "-o", str(folder), "--force"),
        *("--theme", "statuts", "--organisation", "Réseau"),
    )
    assert again.exit_code == 0, again.output
    # Piped: a line per file on stdout, one closing line on stderr, no progress bar.
    assert again.stdout.count("\n") == len(EXPECTED)
    assert again.stderr.count("\n") == 1 and again.stderr.startswith("Dossier écrit")
    assert not (folder / "brouillon.txt").exists()
    assert "".join(pages_text(folder / "exercices.pdf")) == worksheet


@pytest.mark.slow
def test_the_kit_s_handouts_look_like_pages(trainer_glossary: Path, tmp_path: Path) -> None:
    """Page 1 of the PDF handout, and of the DOCX as LibreOffice lays it out, as images."""
    pytest.importorskip("weasyprint")
    soffice = need("soffice")
    pdftoppm = need("pdftoppm")
    folder = tmp_path / "trousse"
    _written(trainer_glossary, folder)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profil-libreoffice",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "docx"),
            str(folder / "polycopie.docx"),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    for pdf in (
        folder / "polycopie.pdf",
        tmp_path / "docx" / "polycopie.pdf",
        folder / "exercices.pdf",
    ):
        prefix = tmp_path / f"image-{pdf.parent.name}-{pdf.stem}"
        subprocess.run(
            [pdftoppm, "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True
        )
        image = next(tmp_path.glob(f"{prefix.name}*.png"))
        data = image.read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 3_000, pdf  # drawn, not blank
        assert "Scop" in "".join(pages_text(pdf)) or "Exercice" in pages_text(pdf)[0]


def test_the_trainer_extra_brings_every_library_of_the_kit() -> None:
    from importlib import metadata

    from packaging.requirements import Requirement

    from esslex import exporters

    brought = {
        Requirement(line).name.lower()
        for line in metadata.requires("esslex") or []
        if Requirement(line).marker is not None
        and Requirement(line).marker.evaluate({"extra": "trainer"})  # type: ignore[union-attr]
    }
    distributions = metadata.packages_distributions()
    needed = {
        module
        for name in set(EXPECTED.values()) - {"readme", "worksheet"}
        for module in exporters.EXPORTERS[name].requires
    }
    assert needed >= {"weasyprint", "docx", "genanki", "lxml", "jinja2"}
    for module in needed:
        # Python 3.10 maps modules to distributions from top_level.txt only, which some
        # wheels (segno's) lack: the module's own name is then its distribution's.
        names = distributions.get(module, [module])
        assert {name.lower() for name in names} & brought, module


@pytest.mark.slow
def test_on_a_terminal_a_progress_bar_names_each_file(
    trainer_glossary: Path, tmp_path: Path
) -> None:
    """Under a pseudo-terminal (`script`), the step being made is shown, then cleared."""
    import shlex

    from support.cli import SCRIPT

    pytest.importorskip("weasyprint")
    script = need("script")
    folder = tmp_path / "trousse"
    line = shlex.join(
        [str(SCRIPT), "--no-bundled", "-g", str(trainer_glossary), "kit", "-o", str(folder)]
    )
    result = subprocess.run(
        [script, "-qec", line, "/dev/null"],
        capture_output=True,
        env={**os.environ, "TERM": "xterm", "COLUMNS": "100"},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    shown = result.stdout.decode("utf-8", "replace")
    for name in ("polycopie.pdf…", "exercices-corrige.pdf…", "page.html…"):
        assert name in shown
    assert "Dossier écrit" in shown


def test_from_keeps_one_glossary_and_refuses_one_not_loaded(tmp_path: Path) -> None:
    from support.glossaries import PLACES, write_glossary

    places = write_glossary(tmp_path / "places.toml", text=PLACES)
    result = run("kit", "--from", str(places), "-o", str(tmp_path / "kit"))
    assert result.exit_code == 2
    assert "ce fichier n’est pas un des glossaires en usage" in result.stderr
    assert not (tmp_path / "kit").exists()
