"""`export --format stardict`: a folder that a StarDict reader opens.

Read back by a parser of the format written here from its specification (.ifo, .idx, .syn,
.dict) and, where it is installed, by sdcv itself.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esslex.exporters.stardict import headword, index_order
from support.cli import run
from support.exports import export
from support.glossaries import write_glossary

GLOSSARY = '''
[glossary]
id = "essai"
title = "Glossaire d’essai"
publishers = ["Réseau A", "Collectif B"]
description = """Deux lignes
de description."""

[[theme]]
id = "familles"
label = "Familles"

[[term]]
id = "ess"
label = "Économie sociale et solidaire"
alt_labels = ["ESS", "économie sociale et solidaire"]
themes = ["familles"]
definition = """
Un mode d’entreprendre.

1° Premier point ;
2° Second point.
"""
notes = ["Une note."]
related = ["scop"]

[[term.sources]]
title = "Loi n° 2014-856"
article = "1er"
url = "https://exemple.org/loi"

[[term]]
id = "scop"
label = "SCOP"
alt_labels = ["Société coopérative et participative"]
themes = ["familles"]
definition = "Une coopérative de salariés."

[[term]]
id = "abc"
label = "abc"
themes = ["familles"]
definition = "Minuscule, avant « Abd » et après « ABC » dans l’ordre de StarDict."

[[term]]
id = "abc-majuscules"
label = "ABC"
themes = ["familles"]
definition = "Majuscules."
'''


def read_dictionary(folder: Path, name: str = "essai") -> dict[str, object]:
    """The dictionary as its reader sees it: headwords, articles, synonyms, .ifo keys."""
    ifo_lines = (folder / f"{name}.ifo").read_text(encoding="utf-8").splitlines()
    assert ifo_lines[0] == "StarDict's dict ifo file"
    ifo = dict(line.split("=", 1) for line in ifo_lines[1:])
    idx = (folder / f"{name}.idx").read_bytes()
    data = (folder / f"{name}.dict").read_bytes()
    assert int(ifo["idxfilesize"]) == len(idx)
    words: list[bytes] = []
    articles: list[str] = []
    position = 0
    while position < len(idx):
        end = idx.index(b"\0", position)
        words.append(idx[position:end])
        offset, size = struct.unpack(">II", idx[end + 1 : end + 9])
        assert offset + size <= len(data)
        articles.append(data[offset : offset + size].decode("utf-8"))
        position = end + 9
    assert int(ifo["wordcount"]) == len(words)
    assert words == sorted(words, key=index_order)
    synonyms: dict[str, str] = {}
    syn_path = folder / f"{name}.syn"
    if syn_path.exists():
        syn = syn_path.read_bytes()
        position = 0
        syn_words = []
        while position < len(syn):
            end = syn.index(b"\0", position)
            (target,) = struct.unpack(">I", syn[end + 1 : end + 5])
            syn_words.append(syn[position:end])
            synonyms[syn[position:end].decode("utf-8")] = words[target].decode("utf-8")
            position = end + 5
        assert int(ifo["synwordcount"]) == len(syn_words)
        assert syn_words == sorted(syn_words, key=index_order)
    return {
        "ifo": ifo,
        "articles": dict(zip((w.decode("utf-8") for w in words), articles, strict=True)),
        "words": [w.decode("utf-8") for w in words],
        "synonyms": synonyms,
    }


class _Shown(HTMLParser):
    """The text an HTML article shows: a blank line between paragraphs, <br> a line break;
    any other element is a fault."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in ("p", "br") and not attrs, tag
        if tag == "br":
            self.text += "\n"

    def handle_endtag(self, tag: str) -> None:
        assert tag == "p", tag
        self.text += "\n\n"

    def handle_data(self, data: str) -> None:
        self.text += data.strip("\n")


def shown_text(article: str) -> str:
    parser = _Shown()
    parser.feed(article)
    parser.close()
    return parser.text


def write_dictionary(tmp_path: Path, *extra: str, text: str = GLOSSARY) -> tuple[int, str, Path]:
    """The exit code, what was said, and the folder of the dictionary of `text`."""
    source = write_glossary(tmp_path / "glossaire.toml", text=text)
    target = tmp_path / "dictionnaire"
    done = export(source, "-f", "stardict", "-o", str(target), *extra)
    return done.code, done.out + done.err, target


def test_dictionary_reads_back(tmp_path: Path) -> None:
    code, output, folder = write_dictionary(tmp_path)
    assert code == 0, output
    assert "Dossier écrit" in output
    assert sorted(p.name for p in folder.iterdir()) == [
        "essai.dict",
        "essai.idx",
        "essai.ifo",
        "essai.syn",
    ]
    book = read_dictionary(folder)
    ifo = book["ifo"]
    assert isinstance(ifo, dict)
    assert ifo["bookname"] == "Glossaire d’essai"
    assert ifo["sametypesequence"] == "h"
    assert ifo["author"] == "Réseau A, Collectif B"
    assert ifo["description"] == "Deux lignes de description."
    assert book["words"] == ["ABC", "abc", "SCOP", "Économie sociale et solidaire"]
    articles = book["articles"]
    assert isinstance(articles, dict)
    article = shown_text(articles["Économie sociale et solidaire"])
    assert article.startswith("Autres appellations\u00a0: ESS")
    assert "Un mode d’entreprendre.\n\n1° Premier point\u00a0;\n2° Second point.\n\n" in article
    assert "Voir aussi\u00a0: SCOP" in article
    assert "• Loi n°\u00a02014-856, article 1er, https://exemple.org/loi" in article
    # The alternative label that only differs by case is no second name.
    assert book["synonyms"] == {
        "ESS": "Économie sociale et solidaire",
        "Société coopérative et participative": "SCOP",
    }


def test_folder_needs_output_and_force(tmp_path: Path) -> None:
    source = tmp_path / "glossaire.toml"
    source.write_text(GLOSSARY, encoding="utf-8")
    result = run("--no-bundled", "-g", str(source), "export", "-f", "stardict")
    assert result.exit_code == 2
    assert "--output" in result.output
    code, _, folder = write_dictionary(tmp_path)
    assert code == 0
    (folder / "autre.txt").write_text("à garder", encoding="utf-8")
    before = (folder / "essai.idx").read_bytes()
    code, output, _ = write_dictionary(tmp_path)
    assert code == 1
    assert "--force" in output
    assert (folder / "essai.idx").read_bytes() == before
    code, output, _ = write_dictionary(tmp_path, "--force")
    assert code == 0, output
    assert (folder / "autre.txt").read_text(encoding="utf-8") == "à garder"


def test_missing_parent_folder_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "glossaire.toml"
    source.write_text(GLOSSARY, encoding="utf-8")
    target = tmp_path / "absent" / "dico"
    result = run("--no-bundled", "-g", str(source), "export", "-f", "stardict", "-o", str(target))
    assert result.exit_code == 1
    assert "n’existe pas" in result.output
    assert not list(tmp_path.glob(".*tmp"))


def test_a_label_longer_than_the_index_allows_is_cut_and_given_whole(tmp_path: Path) -> None:
    # The index holds at most 255 bytes a word: a longer label was cut silently, its end
    # lost from the dictionary.
    long_label = "Économie " + "é" * 150 + " fin du libellé"
    entry = f'[[term]]\nid = "long"\nlabel = "{long_label}"\ndefinition = "Définition."\n'
    source = write_glossary(tmp_path / "glossaire.toml", text=entry)
    target = tmp_path / "dico"
    result = run("--no-bundled", "-g", str(source), "export", "-f", "stardict", "-o", str(target))
    assert result.exit_code == 0, result.output
    index = (target / "glossaire.idx").read_bytes()
    word = index.split(b"\0", 1)[0]
    assert len(word) <= 255 and word.decode("utf-8").endswith("…")
    assert word.decode("utf-8")[:-1] in long_label
    article = (target / "glossaire.dict").read_bytes().decode("utf-8")
    assert shown_text(article).startswith(long_label + "\n")


@pytest.mark.slow
@given(st.text(min_size=1, max_size=200))
@settings(max_examples=200)
def test_headwords_fit_the_index(label: str) -> None:
    word = headword(label)
    assert len(word) <= 255
    assert b"\0" not in word or "\0" in label
    word.decode("utf-8")  # never cut inside a character


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("sdcv") is None, reason="sdcv absent")
def test_sdcv_opens_the_dictionary(tmp_path: Path) -> None:
    code, output, folder = write_dictionary(tmp_path)
    assert code == 0, output
    for query, headline in (
        ("ESS", "Économie sociale et solidaire"),
        ("Société coopérative et participative", "SCOP"),
        ("SCOP", "SCOP"),
    ):
        shown = subprocess.run(
            ["sdcv", "--non-interactive", "--exact-search", "--data-dir", str(folder), query],
            capture_output=True,
            text=True,
            env={**os.environ, "HOME": str(tmp_path)},
            check=True,
            timeout=30,
        ).stdout
        assert f"-->{headline}\n" in shown, shown
        assert "-->Glossaire d’essai" in shown
        assert "</p>\n<p>" in shown  # the article's paragraphs, as HTML


def test_hostile_text_stays_text_in_the_html_articles(tmp_path: Path) -> None:
    hostile = GLOSSARY.replace(
        'definition = "Une coopérative de salariés."',
        'definition = """<script>alert(1)</script> & <b>gras</b>\n\nSecond paragraphe."""',
    )
    code, output, folder = write_dictionary(tmp_path, text=hostile)
    assert code == 0, output
    articles = read_dictionary(folder)["articles"]
    assert isinstance(articles, dict)
    article = articles["SCOP"]
    assert "<script>" not in article and "<b>" not in article
    assert shown_text(article).startswith(
        "Autres appellations\u00a0: Société coopérative et participative\nThèmes\u00a0: Familles"
        "\n\n<script>alert(1)</script> & <b>gras</b>\n\nSecond paragraphe.\n\n"
    )
