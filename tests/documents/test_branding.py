"""Branding (options and --profile) and credits computed from the entries exported."""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from esslex.documents.branding import Branding, credits, load_profile
from esslex.find.selection import select
from esslex.glossary.loader import load_glossary
from esslex.glossary.paths import bundled_path
from support.cli import outcome
from support.glossaries import write_glossary


@pytest.fixture(autouse=True)
def reproducible_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 15 January 2027


# A trainer's own glossary, loaded after the bundled one.
OWN = """
[glossary]
id = "reseau-x"
title = "Glossaire du réseau X"
publishers = ["Réseau X"]
licence = "Textes sous licence CC BY 4.0, © Réseau X."

[[theme]]
id = "formes"
label = "Formes d'entreprise"

[[term]]
id = "scop"
label = "SCOP"
themes = ["formes"]
definition = "Une société coopérative où les salariés sont associés majoritaires."

[[term]]
id = "tiers-lieu"
label = "Tiers-lieu"
themes = ["formes"]
definition = "Un lieu partagé : on y travaille, on s'y forme, on y fabrique."

[[term]]
id = "cae"
label = "Coopérative d'activité et d'emploi"
alt_labels = ["CAE"]
themes = ["formes"]
definition = "Une coopérative qui héberge des entrepreneurs salariés ; elle mutualise leurs services."
"""


def png(width: int = 4, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x1f\x5f\x5b" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def own(tmp_path: Path) -> Path:
    return write_glossary(tmp_path / "reseau-x.toml", text=OWN)


MINE = ("--term", "SCOP", "--term", "tiers-lieu", "--term", "CAE")


# -- credits -------------------------------------------------------------------------------


@pytest.mark.parametrize("format_name", ["markdown", "html"])
def test_a_handout_of_the_users_entries_says_nothing_of_devisus(
    own: Path, format_name: str
) -> None:
    code, out, err = outcome(
        "-g", str(own), "export", "-f", format_name, *MINE, "--title", "Mes termes"
    )
    assert code == 0, err
    assert "Glossaire du réseau X" in out and "CC BY 4.0" in out
    for foreign in ("DEVISUS", "Apes", "UNIPSO", "CORRECTIONS.md", "origin ="):
        assert foreign not in out


def test_docx_core_properties_come_from_the_content(own: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.docx"
    code, _, err = outcome(
        "-g", str(own), "export", *MINE, "-o", str(target), "--author", "Marie Dupont"
    )
    assert code == 0, err
    core = zipfile.ZipFile(target).read("docProps/core.xml").decode("utf-8")
    assert "python-docx" not in core and "DEVISUS" not in core and "Apes" not in core
    assert "<dc:creator>Marie Dupont</dc:creator>" in core
    # SOURCE_DATE_EPOCH=1800000000 is 15 January 2027.
    assert re.search(r"<dcterms:created[^>]*>2027-01-15T", core)
    assert re.search(r"<dcterms:modified[^>]*>2027-01-15T", core)


def test_docx_author_without_branding_is_the_glossarys_publisher(own: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.docx"
    code, _, err = outcome("-g", str(own), "export", *MINE, "-o", str(target))
    assert code == 0, err
    core = zipfile.ZipFile(target).read("docProps/core.xml").decode("utf-8")
    assert "<dc:creator>Réseau X</dc:creator>" in core


def test_credits_name_each_glossary_the_entries_come_from(own: Path) -> None:
    glossary = load_glossary([bundled_path(), own])
    mixed = credits(select(glossary, terms=["scop", "ptce"]))
    assert [(c.title, c.entries) for c in mixed.glossaries] == [
        ("Glossaire esslex de l’économie sociale et solidaire", 1),
        ("Glossaire du réseau X", 1),
    ]
    assert mixed.title == (
        "Glossaire esslex de l’économie sociale et solidaire et Glossaire du réseau X"
    )
    # The texts are credited to their authors, with counts and licences.
    assert mixed.authors_line == (
        "esslex (1 entrée, licence MIT)\u00a0; Glossaire du réseau X (1 entrée, Textes sous"
        " licence CC BY 4.0, © Réseau X)"
    )
    only_mine = credits(select(glossary, terms=["scop"]))
    assert [c.title for c in only_mine.glossaries] == ["Glossaire du réseau X"]
    assert only_mine.publishers == ("Réseau X",)


def test_mixed_handout_credits_both_glossaries_and_each_rights(own: Path) -> None:
    code, out, err = outcome(
        "-g", str(own), "export", "-f", "markdown",
        "--term", "scop", "--term", "PTCE", "--term", "écosystème", "--term", "tiers-lieu",
    )  # fmt: skip
    assert code == 0, err
    header = out.split("**Sommaire**")[0]
    assert "*Glossaire esslex de l’économie sociale et solidaire*, version 1.1.0" in header
    assert "Glossaire DEVISUS (1 entrée" in header.replace("\u00a0", " ")
    assert "*Glossaire du réseau X*, éditeurs\u00a0: Réseau X, 2 entrées de ce document." in header
    # The Wikipédia text under CC BY-SA is named with its licence; the user's licence too.
    assert re.search(
        r"- Écosystème\u00a0: Contributeurs de Wikipédia.*licence CC BY-SA 4\.0", header
    )
    assert (
        "- Textes sous licence CC BY\u00a04.0" in header
        or "- Textes sous licence CC BY 4.0" in header
    )
    # Developer words stay out of what participants read.
    for word in ("origin", "CORRECTIONS.md", "MIT."):
        assert word not in header


# -- branding --------------------------------------------------------------------------------


def test_branding_options_reach_the_html_page(own: Path, tmp_path: Path) -> None:
    from lxml import html

    logo = tmp_path / "logo.png"
    logo.write_bytes(png())
    code, out, err = outcome(
        "-g", str(own), "export", "-f", "html", *MINE,
        "--title", "Atelier coopératives", "--subtitle", "Session de printemps",
        "--organisation", "Réseau X", "--author", "Marie Dupont",
        "--date", "2027-03-01", "--licence", "CC BY-SA 4.0", "--logo", str(logo),
    )  # fmt: skip
    assert code == 0, err
    page = html.fromstring(out)
    header = page.xpath("//header")[0].text_content()
    assert page.xpath("//h1/text()") == ["Atelier coopératives"]
    assert "Session de printemps" in header and "Réseau X" in header
    assert "Marie Dupont · 1er mars 2027" in header
    assert page.xpath("//img[@class='logo']/@src")[0].startswith("data:image/png;base64,")
    assert page.xpath("//meta[@name='author']/@content") == ["Marie Dupont"]
    assert page.xpath("//meta[@name='keywords']/@content") == ["Formes d’entreprise"]
    assert page.xpath("//meta[@name='dcterms.created']/@content") == ["2027-01-15"]
    assert "CC BY-SA 4.0" in page.xpath("//section[@id='credits']")[0].text_content()
    assert page.xpath("/html/@lang") == ["fr"]


def test_a_profile_holds_the_branding_and_options_win(own: Path, tmp_path: Path) -> None:
    (tmp_path / "marque").mkdir()
    (tmp_path / "marque" / "logo.png").write_bytes(png())
    profile = tmp_path / "marque" / "profil.toml"
    profile.write_text(
        'organisation = "Réseau X"\nauthor = "Équipe formation"\nlogo = "logo.png"\n'
        "date = 2027-04-02\n",
        encoding="utf-8",
    )
    branding = load_profile(profile)
    assert branding.organisation == "Réseau X" and branding.date == "2027-04-02"
    assert branding.logo is not None and branding.logo.media_type == "image/png"
    code, out, err = outcome(
        "-g", str(own), "export", "-f", "markdown", *MINE,
        "--profile", str(profile), "--author", "Marie Dupont",
    )  # fmt: skip
    assert code == 0, err
    assert "**Réseau X**" in out
    assert "Marie Dupont · 2 avril 2027" in out and "Équipe formation" not in out


def test_branding_over_keeps_what_is_not_given() -> None:
    base = Branding(title="A", organisation="O")
    assert Branding(title="B").over(base) == Branding(title="B", organisation="O")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('author = "M"\norganisaton = "X"\n', 2, ["champ inconnu", "organisaton", "organisation"]),
        ('title = "T"\nlogo = 3\n', 2, ["logo", "chaîne"]),
        ('title = "T"\nsubtitle = "S\n', 2, ["syntaxe TOML"]),
        ('date = "2027-02-30"\n', 1, ["impossible"]),
        ('logo = "absent.png"\n', 1, ["logo", "introuvable"]),
    ],
)
def test_a_bad_profile_is_reported_with_its_line(
    own: Path, tmp_path: Path, text: str, line: int, words: list[str]
) -> None:
    profile = tmp_path / "profil.toml"
    profile.write_text(text, encoding="utf-8")
    code, out, err = outcome("-g", str(own), "export", "-f", "markdown", "--profile", str(profile))
    assert code == 3, err
    assert out == ""
    assert f"{profile}:{line}" in err
    for word in words:
        assert word in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"GIF89a\x01\x00", ["PNG, JPEG ou SVG"]),
        (b"\x89PNG\r\n\x1a\n\x00\x00", ["abîmée"]),
        (b"<?xml version='1.0'?>\n<!-- logo -->\n<svg xmlns='http://www.w3.org/2000/svg'/>", []),
    ],
)
def test_a_logo_is_checked(tmp_path: Path, content: bytes, words: list[str]) -> None:
    logo = tmp_path / "logo.img"
    logo.write_bytes(content)
    code, out, err = outcome("export", "-f", "html", "--term", "PTCE", "--logo", str(logo))
    if not words:
        assert code == 0, err
        assert "data:image/svg+xml;base64," in out
        return
    assert code == 2
    for word in words:
        assert word in err


def test_a_huge_logo_is_refused(tmp_path: Path) -> None:
    logo = tmp_path / "photo.png"
    logo.write_bytes(png(8000, 1))
    code, _, err = outcome("export", "-f", "html", "--term", "PTCE", "--logo", str(logo))
    assert code == 2 and "trop grand" in err
    heavy = tmp_path / "lourd.png"
    heavy.write_bytes(png() + b"\x00" * 2_100_000)
    code, _, err = outcome("export", "-f", "html", "--term", "PTCE", "--logo", str(heavy))
    assert code == 2 and "trop lourd" in err


def test_a_session_date_in_words_is_kept() -> None:
    import datetime

    day = datetime.date(2027, 1, 15)
    assert Branding(date="12 et 13 mars 2027").shown_date(day) == "12 et 13 mars 2027"
    assert Branding().shown_date(day) == "15 janvier 2027"
