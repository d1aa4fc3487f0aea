"""Credits that tell the truth, and what readers never see: a document names the authors of
the entries it holds, with counts and licences, computed from the entries; editorial notes
and the copies a text was read in stay out of every document for readers (issue 21)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.cli import run
from support.glossaries import write_glossary

HEAD = """[glossary]
id = "reseau"
title = "Glossaire du réseau"
publishers = ["Réseau"]

[glossary.origins.maison]
author = "Réseau"
rights = "Texte du réseau"
licence = "CC BY 4.0"
licence_url = "https://creativecommons.org/licenses/by/4.0/"

[glossary.origins.devisus]
author = "Glossaire DEVISUS"
rights = "© Apes, Concertes"

"""

ENTRIES = """
[[term]]
id = "maison-{n}"
label = "Maison {n}"
definition = "Un texte écrit par le réseau."
origin = "maison"
editorial_notes = ["NOTE-EDITORIALE-{n}"]
[[term.sources]]
title = "Code du travail"
article = "L5132-{n}"
url = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI00000000000{n}"
in_force_since = 2008-12-03
read_in = {{ title = "Copie", url = "https://copie.example.org/{n}" }}
"""

DEVISUS = """
[[term]]
id = "reprise"
label = "Reprise"
definition = "Un texte repris du Glossaire DEVISUS."
origin = "devisus"
[[term.sources]]
title = "Glossaire DEVISUS"

[[term]]
id = "wiki"
label = "Wiki"
definition = "Un texte repris de Wikipédia."
origin = "devisus"
[[term.sources]]
title = "Wikipédia, article « Wiki »"
rights = "Contributeurs de Wikipédia"
licence = "CC BY-SA 4.0"
licence_url = "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"
"""


@pytest.fixture
def network(tmp_path: Path) -> Path:
    text = HEAD + "".join(ENTRIES.format(n=n) for n in (1, 2, 3)) + DEVISUS
    return write_glossary(tmp_path / "reseau.toml", text=text)


def _export(path: Path, *args: str) -> str:
    result = run("--no-bundled", "-g", str(path), "export", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_cover_names_each_author_with_counts_and_licences(network: Path) -> None:
    text = _export(network, "-f", "markdown")
    cover = next(line for line in text.splitlines() if line.startswith("Textes"))
    assert cover.replace("\u00a0", " ") == (
        "Textes : Réseau (3 entrées, licence CC BY 4.0) ; Glossaire DEVISUS"
        " (1 entrée, © Apes, Concertes) ; Contributeurs de Wikipédia (1 entrée,"
        " licence CC BY-SA 4.0)"
    )


def test_a_selection_without_devisus_texts_never_names_devisus(network: Path) -> None:
    for format_name in ("markdown", "html", "marp", "skos", "tbx"):
        text = _export(network, "-f", format_name, "--term", "maison-1", "--term", "maison-2")
        assert "DEVISUS" not in text, format_name
        assert "Apes" not in text, format_name


def test_skos_credits_the_selection(network: Path) -> None:
    text = _export(network, "-f", "skos", "--term", "maison-1")
    assert "Réseau (1" in text and "DEVISUS" not in text


@pytest.mark.parametrize("format_name", ["markdown", "html", "site", "marp", "gift"])
def test_readers_never_see_editorial_notes_or_copies(network: Path, format_name: str) -> None:
    text = _export(network, "-f", format_name)
    assert "NOTE-EDITORIALE" not in text
    assert "copie.example.org" not in text


def test_a_worksheet_shows_no_editorial_note(network: Path) -> None:
    result = run("--no-bundled", "-g", str(network), "exercises", "-f", "markdown", "--seed", "1")
    assert result.exit_code == 0, result.stderr
    assert "NOTE-EDITORIALE" not in result.stdout and "copie.example.org" not in result.stdout


def test_data_exports_and_define_editorial_keep_them(network: Path) -> None:
    data = json.loads(_export(network, "-f", "json"))
    first = data["terms"][0]
    assert first["editorial_notes"] == ["NOTE-EDITORIALE-1"]
    assert first["sources"][0]["read_in"] == {
        "title": "Copie",
        "url": "https://copie.example.org/1",
    }
    plain = run("--no-bundled", "-g", str(network), "define", "maison 1")
    assert "NOTE-EDITORIALE" not in plain.stdout and "copie.example" not in plain.stdout
    shown = run("--no-bundled", "-g", str(network), "define", "maison 1", "--editorial")
    assert "Notes éditoriales" in shown.stdout and "NOTE-EDITORIALE-1" in shown.stdout
    assert "lu dans Copie, https://copie.example.org/1" in shown.stdout


def test_define_tells_the_licence_of_a_text_taken_from_wikipedia(network: Path) -> None:
    result = run("--no-bundled", "-g", str(network), "define", "wiki")
    assert "Droits\u00a0: Contributeurs de Wikipédia, licence CC BY-SA 4.0" in result.stdout
    assert "creativecommons.org/licenses/by-sa/4.0" in result.stdout
    assert "Droits" not in run("--no-bundled", "-g", str(network), "define", "reprise").stdout


# Slow: each of the bundled glossary's notes looked for in 1 MB of output (1 s); every day,
# test_readers_never_see_editorial_notes_or_copies checks the same rule on five formats.
@pytest.mark.slow
def test_the_whole_bundled_glossary_shows_readers_no_editorial_note(tmp_path: Path) -> None:
    from esslex.glossary.loader import load_glossary
    from esslex.glossary.paths import bundled_path

    glossary = load_glossary([bundled_path()])
    hidden = [note for term in glossary for note in term.editorial_notes]
    cited = {s.url for term in glossary for s in term.sources}
    # A copy that is also cited as a source in its own right (a minister's answer quoting
    # a law) may of course be shown.
    copies = [
        s.read_in[1]
        for term in glossary
        for s in term.sources
        if s.read_in and s.read_in[1] and s.read_in[1] not in cited
    ]
    for format_name in ("markdown", "site"):
        result = run("export", "-f", format_name)
        assert result.exit_code == 0
        assert not [note for note in hidden if note[:60] in result.stdout], format_name
        assert not [url for url in copies if url in result.stdout], format_name


def test_an_entry_cites_its_source_short_and_clickable(network: Path) -> None:
    from lxml import html

    page = html.fromstring(_export(network, "-f", "html", "--term", "maison-1"))
    link = page.xpath("//article//*[@class='sources']//a[@class='cited']")[0]
    assert (
        link.get("href") == "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000000000001"
    )
    assert link.text_content().replace("\u00a0", " ") == (
        "Code du travail, art. L5132-1 (version du 3 décembre 2008)"
    )
    markdown = _export(network, "-f", "markdown", "--term", "maison-1")
    assert "(<https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000000000001>)" in markdown
