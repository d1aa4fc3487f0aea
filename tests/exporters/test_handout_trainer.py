"""A trainer's handout: the trainer's own entries first (--group-own), the entries of one
glossary (--from, shared with exercises and quiz), and the QR code of the published page
(--qr), read back from the DOCX and the printed PDF as a phone reads it (zxing-cpp)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from support.cli import outcome
from support.exports import export
from support.tools import need

OWN = """[glossary]
id = "atelier"
title = "Glossaire de l’atelier"

[[term]]
id = "chantier-ecole"
label = "Chantier école"
themes = ["emploi"]
definition = "Une action de formation sur un chantier réel, pour des personnes en insertion."
notes = ["Appelée aussi chantier de formation."]
editorial_notes = ["Définition reprise du compte rendu de l’atelier de mars."]

[[term.sources]]
title = "Code du travail"
article = "L6313-1"
url = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000037385655"
read_in = { title = "Copie Etalab", url = "https://github.com/etalab/code-du-travail" }

[[term.sources]]
title = "Compte rendu de l’atelier"
year = 2027

[[term]]
id = "regie-de-quartier"
label = "Régie de quartier"
themes = ["emploi"]
definition = "Une association qui emploie des habitants pour entretenir leur quartier."
"""

URL = "https://exemple.org/glossaire/atelier-insertion/"


@pytest.fixture
def own(tmp_path: Path) -> Path:
    path = tmp_path / "atelier.toml"
    path.write_text(OWN, encoding="utf-8")
    return path


def headings(markdown: str, level: str) -> list[str]:
    return [
        line.split("</a>")[-1] for line in markdown.splitlines() if line.startswith(level + " ")
    ]


def test_editorial_notes_and_copies_read_are_for_trainers(own: Path) -> None:
    mine = ("-g", str(own), "export", "-f", "markdown", "--from", str(own))
    participants = outcome(*mine)[1]
    trainers = outcome(*mine, "--for", "trainers")[1]
    for text in (participants, trainers):
        assert "**Note\u00a0:** Appelée aussi chantier de formation." in text
    for editorial in ("compte rendu de l’atelier de mars", "Copie Etalab", "Bibliographie"):
        assert editorial not in participants and editorial in trainers
    assert "lu dans Copie Etalab, https://github.com/etalab/code-du-travail" in trainers
    assert "Source\u00a0: [Code du travail, art.\u00a0L6313-1]" in participants
    assert "Compte rendu de l’atelier" not in participants


def test_group_own_puts_the_trainers_entries_first(own: Path) -> None:
    code, out, err = outcome(
        "-g", str(own), "export", "-f", "markdown", "--theme", "emploi", "--group-own"
    )
    assert code == 0, err
    assert headings(out, "##")[:2] == ["Nos termes", "Emploi et insertion"]
    own_part = out.split("Emploi et insertion\n", 1)[0].split("Nos termes\n", 2)[-1]
    assert headings(own_part, "###") == ["Chantier école", "Régie de quartier"]
    # Each entry once: the theme's section holds the bundled entries only.
    assert headings(out, "###").count("Chantier école") == 1
    code, plain, _ = outcome("-g", str(own), "export", "-f", "markdown", "--theme", "emploi")
    assert "Nos termes" not in plain


def test_from_keeps_the_entries_of_one_glossary(own: Path, tmp_path: Path) -> None:
    code, out, err = outcome("-g", str(own), "export", "-f", "markdown", "--from", str(own))
    assert code == 0, err
    assert headings(out, "###") == ["Chantier école", "Régie de quartier"]
    assert "2 entrées sur" in out
    # A glossary that states no licence gets no empty line in the credits.
    assert "*Glossaire de l’atelier*, 2 entrées de ce document.\n\n" in out
    code, out, err = outcome(
        "-g", str(own), "quiz", "--json", "-n", "2", "--seed", "1", "--from", str(own)
    )
    assert code == 0, err
    answers = {question["answer"] for question in json.loads(out)}
    assert answers <= {"chantier-ecole", "regie-de-quartier", "Chantier école", "Régie de quartier"}
    code, _, err = outcome("export", "-f", "markdown", "--from", str(tmp_path / "ailleurs.toml"))
    assert code == 2 and "n’est pas un des glossaires en usage" in err


def test_qr_wants_a_web_address(glossary: Path) -> None:
    code, _, err = export(glossary, "-f", "html", "--qr", "javascript:alert(1)")
    assert code == 2 and "http ou https" in err


def test_qr_without_segno_names_the_extra(
    glossary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "segno", None)
    assert export(glossary, "-f", "html", expect=0).code == 0  # needed only with --qr
    for extra, args in (("export", ["-f", "html"]), ("pdf", ["-o", str(tmp_path / "q.pdf")])):
        code, out, err = export(glossary, *args, "--qr", URL)
        assert (code, out) == (4, ""), err
        assert "«\u00a0segno\u00a0»" in err and f".venv/bin/pip install '.[{extra}]'" in err


def decoded(image: object) -> list[str]:
    zxingcpp = pytest.importorskip("zxingcpp")
    return [found.text for found in zxingcpp.read_barcodes(image)]


def test_qr_code_in_html_and_docx(glossary: Path, tmp_path: Path) -> None:
    from lxml import html
    from PIL import Image

    page = html.fromstring(export(glossary, "-f", "html", "--qr", URL, expect=0).out)
    [image] = page.xpath("//header//figure[@class='qr']/img/@src")
    assert image.startswith("data:image/svg+xml")
    assert page.xpath("//figure[@class='qr']//a/@href") == [URL]
    assert "qr" not in export(glossary, "-f", "html", expect=0).out.split("<body>")[1][:400]

    target = tmp_path / "qr.docx"
    export(glossary, "-o", str(target), "--qr", URL, expect=0)
    with zipfile.ZipFile(target) as archive:
        [png] = [name for name in archive.namelist() if name.startswith("word/media/")]
        assert decoded(Image.open(io.BytesIO(archive.read(png)))) == [URL]


@pytest.mark.slow
def test_qr_code_reads_back_from_the_printed_pdf(glossary: Path, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    from PIL import Image

    target = tmp_path / "qr.pdf"
    export(glossary, "-o", str(target), "--qr", URL, expect=0)
    subprocess.run(
        [need("pdftoppm"), "-r", "150", "-png", "-f", "1", "-l", "1", str(target), str(tmp_path / "p")],
        check=True,
    )  # fmt: skip
    [page] = sorted(tmp_path.glob("p-*.png"))
    assert decoded(Image.open(page)) == [URL]
