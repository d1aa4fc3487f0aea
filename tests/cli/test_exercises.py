"""`esslex exercises`: the worksheet in every format, its answer key, and as a reader sees it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import Result

from esslex.trainer.questions import BLANK
from support.cli import run
from support.tools import need


def exercises(trainer_glossary: Path, *args: str) -> Result:
    return run("--no-bundled", "-g", str(trainer_glossary), "exercises", *args)


def markdown(trainer_glossary: Path, *args: str) -> str:
    result = exercises(trainer_glossary, "-f", "markdown", "--seed", "7", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_kind_is_a_part_and_the_key_follows(trainer_glossary: Path) -> None:
    text = markdown(trainer_glossary)
    titles = re.findall(r"^## (.+)$", text, re.M)
    assert titles == [
        "Exercice 1\u00a0— Associer termes et définitions",
        "Exercice 2\u00a0— Texte à trous",
        "Exercice 3\u00a0— Choix multiple",
        "Corrigé",
    ]
    assert text.index('<div style="page-break-before: always"></div>') < text.index("## Corrigé")
    assert "Nom\u00a0:" in text and "Graine du tirage\u00a0: 7 (--seed 7" in text


def test_kind_is_repeatable_and_keeps_its_order(trainer_glossary: Path) -> None:
    text = markdown(trainer_glossary, "--kind", "choice", "--kind", "cloze")
    assert re.findall(r"^## Exercice \d\u00a0— (.+)$", text, re.M) == [
        "Choix multiple",
        "Texte à trous",
    ]


def test_the_key_answers_each_question(trainer_glossary: Path) -> None:
    text = markdown(trainer_glossary, "--kind", "choice")
    questions, key = text.split("## Corrigé")
    asked = re.findall(r"^\*\*(\d+)\.\*\* ", questions, re.M)
    answers = re.findall(r"^- (\d+) → \*\*([A-D])\*\* \((.+)\)$", key, re.M)
    assert [number for number, _, _ in answers] == asked
    blocks = re.split(r"^\*\*\d+\.\*\* ", questions, flags=re.M)[1:]
    for block, (_, letter, label) in zip(blocks, answers, strict=True):
        assert f"- ☐ {letter}. {label}" in block


def test_names_are_masked_and_text_escaped(trainer_glossary: Path) -> None:
    text = markdown(trainer_glossary)
    questions = text.split("## Corrigé")[0]
    assert "participative" not in questions
    assert "\\<script\\>" in questions and "<script>" not in questions
    assert "\\_" * 6 in questions  # the blank, escaped


def test_count_takes_fewer_entries(trainer_glossary: Path) -> None:
    text = markdown(trainer_glossary, "--kind", "choice", "--count", "2")
    assert len(re.findall(r"^\*\*\d+\.\*\* ", text, re.M)) == 2


def test_count_must_be_positive(trainer_glossary: Path) -> None:
    result = exercises(trainer_glossary, "-f", "markdown", "--count", "0")
    assert result.exit_code == 2
    assert "--count / -n" in result.stderr and "au moins 1" in result.stderr


def test_the_same_seed_gives_the_same_sheet(trainer_glossary: Path) -> None:
    assert markdown(trainer_glossary) == markdown(trainer_glossary)
    assert markdown(trainer_glossary) != markdown(trainer_glossary, "--seed", "8")


def test_no_key_and_key_only(trainer_glossary: Path) -> None:
    assert "Corrigé" not in markdown(trainer_glossary, "--no-key")
    key_only = markdown(trainer_glossary, "--key-only")
    assert "## Corrigé" in key_only and "\n## Exercice" not in key_only
    assert "Nom\u00a0:" not in key_only and "page-break" not in key_only
    result = exercises(trainer_glossary, "-f", "markdown", "--no-key", "--key-only")
    assert result.exit_code == 2
    assert "s’excluent" in result.stderr


def test_html_is_escaped_and_puts_the_key_on_its_own_page(trainer_glossary: Path) -> None:
    result = exercises(trainer_glossary, "-f", "html", "--seed", "1", "--title", "Séance <2>")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert "<title>Séance &lt;2&gt;</title>" in page
    assert "&lt;script&gt;" in page and "<script>" not in page
    assert 'class="answer-key"' in page and "break-before: page" in page


def test_the_cover_is_the_handouts_with_its_branding(trainer_glossary: Path) -> None:
    text = markdown(
        trainer_glossary,
        "--title",
        "Séance 3",
        "--organisation",
        "Réseau A",
        "--date",
        "2027-03-12",
    )
    assert text.startswith("# Séance 3\n")
    assert "**Réseau A**" in text and "12 mars 2027" in text
    assert "Textes\u00a0: Glossaire de formation" in text
    assert markdown(trainer_glossary, "--key-only").startswith("# Exercices\u00a0— corrigé\n")


@pytest.mark.slow
def test_binary_formats_need_an_output(trainer_glossary: Path) -> None:
    result = exercises(trainer_glossary, "-f", "pdf")
    assert result.exit_code == 2
    assert "--output" in result.stderr


def test_a_selection_too_small_is_a_usage_error(trainer_glossary: Path) -> None:
    result = exercises(trainer_glossary, "-f", "markdown", "--theme", "territoires")
    assert result.exit_code == 2
    assert "Sélection trop petite" in result.stderr


def test_existing_file_is_kept_without_force(trainer_glossary: Path, tmp_path: Path) -> None:
    target = tmp_path / "fiche.md"
    target.write_text("à garder", encoding="utf-8")
    result = exercises(trainer_glossary, "-o", str(target))
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "à garder"
    result = exercises(trainer_glossary, "-o", str(target), "--force", "--seed", "2")
    assert result.exit_code == 0, result.output
    assert "graine 2" in result.stderr and "(markdown, 5 entrées" in result.stderr


# -- as a reader sees it ----------------------------------------------------------------


def test_each_kind_asks_about_its_own_entries_and_the_cover_counts_them(
    trainer_glossary: Path,
) -> None:
    text = markdown(trainer_glossary, "--count", "4", "--kind", "cloze", "--kind", "choice")
    # Two entries for each kind, each definition printed once, and the cover says 4 of 5.
    assert "4 entrées sur 5" in text.split("Graine du tirage")[0]
    key = text.split("## Corrigé")[1]
    labels = re.findall(r"^- \d+ → \*\*(?:[A-D]\*\* \()?([^*()]+)", key, re.M)
    assert len(labels) == len(set(labels)) == 4


def test_counts_per_kind_and_full_definitions(trainer_glossary: Path) -> None:
    text = markdown(trainer_glossary, "--cloze", "2", "--choice", "3")
    assert re.findall(r"^## Exercice \d\u00a0— (.+)$", text, re.M) == [
        "Texte à trous",
        "Choix multiple",
    ]
    questions = text.split("## Corrigé")[0]
    assert len(re.findall(r"^\*\*\d+\.\*\* ", questions, re.M)) == 5
    # The defining sentence by default; the whole definition on demand.
    assert "deux buts" not in questions
    full = markdown(trainer_glossary, "--choice", "5", "--full-definitions")
    assert "Il poursuit deux buts\u00a0:" in full


def test_versions_write_one_file_each_with_the_same_questions(
    trainer_glossary: Path, tmp_path: Path
) -> None:
    target = tmp_path / "fiche.md"
    args = ("--seed", "4", "--choice", "4", "--versions", "2", "-o", str(target))
    result = exercises(trainer_glossary, *args)
    assert result.exit_code == 0, result.output
    first, second = (tmp_path / "fiche-A.md").read_text(), (tmp_path / "fiche-B.md").read_text()
    assert not target.exists() and first != second
    assert "Version A, graine du tirage\u00a0: 4" in first and "# Exercices B" in second

    def answers(text: str) -> list[str]:
        return sorted(re.findall(r"\((.+)\)$", text.split("## Corrigé")[1], re.M))

    assert answers(first) == answers(second)
    refused = exercises(trainer_glossary, "--versions", "2", "-f", "markdown")
    assert refused.exit_code == 2 and "--output" in refused.stderr


def libreoffice_pdf(document: Path, folder: Path) -> Path:
    """`document` as LibreOffice lays it out, printed to PDF in `folder`."""
    profile = folder / "profil-libreoffice"
    subprocess.run(
        [
            need("soffice"),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(document),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    return folder / document.with_suffix(".pdf").name


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        [need("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.rstrip("\f\n").split("\f")


def check_pages_as_images(pdf: Path, pages: int) -> None:
    """Every page renders to a non-blank image (what a reader would see)."""
    prefix = pdf.with_suffix("")
    subprocess.run([need("pdftoppm"), "-r", "30", "-png", str(pdf), str(prefix)], check=True)
    images = sorted(pdf.parent.glob(f"{prefix.name}-*.png"))
    assert len(images) == pages
    assert all(image.stat().st_size > 1000 for image in images)


@pytest.mark.slow
def test_pdf_worksheet_for_one_theme_has_its_key_on_the_last_page(
    trainer_glossary: Path, tmp_path: Path
) -> None:
    pytest.importorskip("weasyprint")
    target = tmp_path / "fiche.pdf"
    result = exercises(trainer_glossary, "--theme", "statuts", "--seed", "3", "-o", str(target))
    assert result.exit_code == 0, result.output
    pages = pdf_pages(target)
    assert len(pages) >= 2
    # The key starts its own page, and no exercise shares it.
    assert pages[-1].strip().startswith("Corrigé")
    assert "Reliez chaque terme" not in pages[-1] and "Cochez" not in pages[-1]
    assert all("Corrigé" not in page for page in pages[:-1])
    assert "Exercice 1" in pages[0] and BLANK in "".join(pages[:-1])
    check_pages_as_images(target, len(pages))


@pytest.mark.slow
def test_docx_worksheet_for_one_theme_opens_in_libreoffice_with_its_key_apart(
    trainer_glossary: Path, tmp_path: Path
) -> None:
    pytest.importorskip("docx")
    target = tmp_path / "fiche.docx"
    result = exercises(trainer_glossary, "--theme", "statuts", "--seed", "3", "-o", str(target))
    assert result.exit_code == 0, result.output
    pdf = libreoffice_pdf(target, tmp_path)
    pages = pdf_pages(pdf)
    assert len(pages) >= 2
    assert pages[-1].strip().startswith("Corrigé")
    assert "Reliez chaque terme" not in pages[-1]
    assert all("Corrigé" not in page for page in pages[:-1])
    assert "Exercice 1" in pages[0] and "Page 1 / " in pages[0]
    check_pages_as_images(pdf, len(pages))


def test_a_missing_library_is_told_in_french(
    trainer_glossary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "docx", None)  # python-docx not installed
    result = exercises(trainer_glossary, "-o", str(tmp_path / "fiche.docx"))
    assert result.exit_code == 4
    assert "«\u00a0docx\u00a0» demande la bibliothèque «\u00a0docx\u00a0»" in result.stderr
    assert not (tmp_path / "fiche.docx").exists()


@pytest.mark.slow
@pytest.mark.parametrize("extension", ["pdf", "docx"])
def test_a_12_question_worksheet_fits_on_four_pages_with_its_key(
    tmp_path: Path, extension: str
) -> None:
    """The bundled glossary, 12 questions of the three kinds (docs/trainers.md)."""
    pytest.importorskip("weasyprint" if extension == "pdf" else "docx")
    target = tmp_path / f"fiche.{extension}"
    result = run("exercises", "-n", "12", "--seed", "1", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "12 entrées sur" in result.stderr
    pdf = libreoffice_pdf(target, tmp_path / "lo") if extension == "docx" else target
    pages = pdf_pages(pdf)
    assert len(pages) <= 4, len(pages)
    assert "12 entrées sur" in pages[0]
    # A matching series is never split: its four terms and its definitions share a page.
    matching = next(page for page in pages if "Reliez chaque terme" in page)
    assert all(f"{letter}." in matching for letter in "ABCD")
    assert pages[-1].lstrip().startswith("Corrigé")
    check_pages_as_images(pdf, len(pages))


STRAIGHT = """
[glossary]
id = "droit"
title = "Glossaire droit"

[[term]]
id = "scop"
label = "Scop d'atelier"
definition = "Une Scop d'atelier est une société : l'atelier ; les salariés !"

[[term]]
id = "scic"
label = "Scic"
definition = "Une Scic réunit l'usager et le salarié : tous associés."

[[term]]
id = "mutuelle"
label = "Mutuelle"
definition = "Une mutuelle protège l'adhérent ; elle est solidaire."

[[term]]
id = "fondation"
label = "Fondation"
definition = "Une fondation affecte des biens : l'œuvre d'intérêt général."
"""


@pytest.mark.parametrize("command", ["exercises", "quiz"])
def test_questions_have_the_handouts_french_typography(tmp_path: Path, command: str) -> None:
    glossary = tmp_path / "droit.toml"
    glossary.write_text(STRAIGHT, encoding="utf-8")
    args = ["-f", "markdown"] if command == "exercises" else ["--json", "--kind", "cloze"]
    result = run("--no-bundled", "-g", str(glossary), command, "--seed", "2", *args)
    assert result.exit_code == 0, result.output
    text = result.stdout.replace("\\u00a0", "\u00a0")  # JSON escapes no-break spaces
    assert re.search(r"[^\W\d_]'[^\W\d_]", text) is None, "a straight apostrophe"
    assert re.search(r"[^\W\d_] [:;!?]", text) is None, "a breakable space before : ; ! ?"
    assert "l’atelier" in text and "Scop d’atelier" in text and "\u00a0: tous" in text
