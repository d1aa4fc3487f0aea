"""Fidelity of the bundled glossary to the text of the Glossaire DEVISUS.

The seed text (tests/fixtures/devisus-seed.txt, one paragraph a line) is corrected with the
tables of data/CORRECTIONS.md, then compared with data/terms.toml: no definition sentence
dropped, none invented, every source of the text kept as a structured source.
"""

from __future__ import annotations

import difflib
import importlib.resources
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).parents[2]
SEED_PATH = Path(__file__).parents[1] / "fixtures" / "devisus-seed.txt"
CORRECTIONS_PATH = ROOT / "data" / "CORRECTIONS.md"

# Which seed line (1-based) gives which entry's definition text.
DEFINITION_LINES: dict[int, str] = {
    1: "achats-publics-responsables",
    2: "accompagnement",
    3: "acteurs",
    4: "communautes-apprenantes",
    5: "communautes-apprenantes",
    6: "communautes-apprenantes",
    7: "communautes-apprenantes",  # announces a lost list: removed, quoted in a note
    8: "cooperation",
    9: "economie-solidaire",
    10: "croissance-decroissance",
    11: "resilience-territoriale",
    12: "resilience-territoriale",
    13: "resilience-territoriale",
    14: "resilience-territoriale",
    15: "resilience-territoriale",
    17: "ecosysteme",
    18: "ecosysteme-action-publique",
    19: "ecosysteme-action-publique",
    20: "ecosysteme-territorial-ess",
    21: "ecosysteme-territorial-ess",
    22: "mise-en-recit",
    23: "plateformes-numeriques-solidaires",
    24: "production-locale",
    25: "production-locale",
    26: "production-locale",  # web remnant: removed
    27: "transition",
    28: "transition",
    29: "transition",
    33: "utilite-sociale",
    34: "utilite-sociale",
    35: "utilite-sociale",
    36: "utilite-sociale",
    37: "utilite-sociale",
}
# Lines that are sources of an entry (checked against its [[term.sources]]), and metadata.
SOURCE_LINES: dict[int, str] = {
    8: "cooperation",
    16: "resilience-territoriale",
    17: "ecosysteme",
    30: "transition",
    31: "transition",
    32: "utilite-sociale",
}
METADATA_LINE = 38
# Lines whose removed sentence announces a list that the extraction lost.
LOST_LISTS: dict[int, str] = {7: "communautes-apprenantes", 25: "production-locale"}

ESSLEX_TERMS = {"economie-sociale-et-solidaire": "1er", "ptce": "9"}
LAW_TITLE = "Loi n° 2014-856 du 31 juillet 2014 relative à l’économie sociale et solidaire"

HEADER = ["Ligne", "Avant", "Après", "Raison"]
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


# ---------------------------------------------------------------------------- helpers


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def sentences(text: str) -> list[str]:
    """Sentences of a text: split at line breaks and after . ! ? followed by a space."""
    found = []
    for line in text.splitlines():
        found.extend(part for part in _SENTENCE_END.split(normalise(line)) if part)
    return found


def terms_resource() -> Any:
    """The installed package's glossary, or the source checkout's data/terms.toml."""
    try:
        resource = importlib.resources.files("esslex") / "data" / "terms.toml"
        if resource.is_file():
            return resource
    except ModuleNotFoundError:
        pass
    return ROOT / "data" / "terms.toml"


def _split_row(line: str) -> list[str]:
    cells = re.split(r"(?<!\\)\|", line.strip())
    if cells and cells[0] == "":
        cells = cells[1:]
    if cells and cells[-1] == "":
        cells = cells[:-1]
    return [cell.strip().replace("\\|", "|") for cell in cells]


def parse_tables(markdown: str) -> list[list[tuple[int, str, str, str]]]:
    """Every table of CORRECTIONS.md with the header | Ligne | Avant | Après | Raison |."""
    tables: list[list[tuple[int, str, str, str]]] = []
    lines = markdown.splitlines()
    index = 0
    while index < len(lines):
        if lines[index].lstrip().startswith("|") and _split_row(lines[index]) == HEADER:
            rows = []
            index += 2  # header and separator
            while index < len(lines) and lines[index].lstrip().startswith("|"):
                cells = _split_row(lines[index])
                assert len(cells) == 4, f"CORRECTIONS.md: 4 colonnes attendues : {lines[index]!r}"
                rows.append((int(cells[0]), cells[1], cells[2], cells[3]))
                index += 1
            tables.append(rows)
        else:
            index += 1
    return tables


def apply_rows(lines: list[str], rows: list[tuple[int, str, str, str]]) -> list[str]:
    lines = list(lines)
    for number, before, after, _reason in rows:
        assert before, f"ligne {number} : colonne Avant vide"
        count = lines[number - 1].count(before)
        assert count == 1, f"ligne {number} : {before!r} trouvé {count} fois (attendu 1)"
        lines[number - 1] = lines[number - 1].replace(before, after)
    return lines


def edit(before: str, after: str) -> tuple[str, str]:
    """(removed, inserted): what differs once the common prefix and suffix are set aside."""
    prefix = 0
    while prefix < min(len(before), len(after)) and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(before), len(after)) - prefix and before[-1 - suffix] == after[-1 - suffix]
    ):
        suffix += 1
    return before[prefix : len(before) - suffix], after[prefix : len(after) - suffix]


# ---------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return tomllib.loads(terms_resource().read_bytes().decode("utf-8"))


@pytest.fixture(scope="module")
def terms(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {term["id"]: term for term in document["term"]}


@pytest.fixture(scope="module")
def seed() -> list[str]:
    return SEED_PATH.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def tables() -> list[list[tuple[int, str, str, str]]]:
    return parse_tables(CORRECTIONS_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corrected(seed: list[str], tables: list[list[tuple[int, str, str, str]]]) -> list[str]:
    """The seed with its typos corrected (first table)."""
    return apply_rows(seed, tables[0])


@pytest.fixture(scope="module")
def definitional(corrected: list[str], tables: list[list[tuple[int, str, str, str]]]) -> list[str]:
    """The corrected seed with the removals (second table) applied: definition text only."""
    lines = corrected
    for table in tables[1:]:
        lines = apply_rows(lines, table)
    return lines


def own_text(definitional: list[str], term_id: str) -> str:
    return " ".join(
        definitional[number - 1] for number, owner in DEFINITION_LINES.items() if owner == term_id
    )


# ---------------------------------------------------------------------------- the seed


def test_line_mapping_covers_the_whole_seed(seed: list[str]) -> None:
    assert len(seed) == 38
    mapped = set(DEFINITION_LINES) | set(SOURCE_LINES) | {METADATA_LINE}
    assert mapped == set(range(1, len(seed) + 1))


def test_corrections_tables(tables: list[list[tuple[int, str, str, str]]]) -> None:
    assert len(tables) == 2, "CORRECTIONS.md : un tableau de corrections, un tableau de retraits"
    typos, removals = tables
    assert typos and removals
    for number, before, after, reason in typos:
        # A typo fix is a small edit, never a way to drop text.
        assert after, f"ligne {number} : une correction ne retire pas tout le texte"
        assert abs(len(after) - len(before)) <= 4, (number, before, after)
        assert difflib.SequenceMatcher(None, before, after).ratio() > 0.7, (number, before, after)
        assert reason, f"ligne {number} : raison manquante"
    for number, _before, _after, reason in removals:
        assert reason, f"ligne {number} : raison manquante"


def test_removals_are_only_non_definition_text(
    seed: list[str], corrected: list[str], tables: list[list[tuple[int, str, str, str]]]
) -> None:
    expected_lines = {3, 7, 16, 17, 22, 25, 26, 28, 30, 31, 32, 38}
    removals = tables[1]
    assert {row[0] for row in removals} == expected_lines
    removed: dict[int, str] = {}
    for number, before, after, _reason in removals:
        gone, added = edit(before, after)
        assert not added.strip(), f"ligne {number} : un retrait n’ajoute pas de texte ({added!r})"
        removed[number] = removed.get(number, "") + gone
    whole_lines = {7, 16, 26, 30, 31, 32, 38}
    for number in whole_lines:
        assert normalise(removed[number]) == normalise(corrected[number - 1]), number
    assert removed[3].strip() == "*"
    assert removed[28] == "1"
    assert removed[17].strip() == "(Wikipédia)"
    assert removed[22].strip().startswith("Lien vers notre page")
    assert removed[22].strip().count(".") == 1
    assert removed[25].strip().startswith("Pour renforcer")
    assert removed[25].strip().endswith("balises :")
    assert removed[25].strip().count(".") == 0


# ---------------------------------------------------------------------------- (a) none dropped


@pytest.mark.parametrize("number", sorted(DEFINITION_LINES))
def test_every_seed_sentence_is_in_its_definition(
    number: int, definitional: list[str], terms: dict[str, dict[str, Any]]
) -> None:
    term_id = DEFINITION_LINES[number]
    assert term_id in terms, f"entrée {term_id} absente"
    definition = normalise(terms[term_id]["definition"])
    for sentence in sentences(definitional[number - 1]):
        assert sentence in definition, (
            f"ligne {number} : phrase absente de {term_id} : {sentence!r}"
        )


@pytest.mark.parametrize("number", sorted(LOST_LISTS))
def test_lost_list_sentences_are_quoted_in_notes(
    number: int,
    corrected: list[str],
    definitional: list[str],
    terms: dict[str, dict[str, Any]],
) -> None:
    gone, _ = edit(corrected[number - 1], definitional[number - 1])
    notes = " ".join(normalise(note) for note in terms[LOST_LISTS[number]].get("notes", []))
    assert normalise(gone) in notes
    assert "pas reproduite" in notes


def test_source_lines_are_structured_sources(
    seed: list[str], corrected: list[str], terms: dict[str, dict[str, Any]]
) -> None:
    def sources(term_id: str) -> list[dict[str, Any]]:
        return terms[term_id]["sources"]

    # Line 8: Margaret Mead, quoted in the definition.
    assert "Margaret Mead" in corrected[7]
    assert any(source.get("author") == "Margaret Mead" for source in sources("cooperation"))
    # Line 16: a text of the Fonda, with its address.
    match = re.search(r"\((https?://[^)\s]+)\)", corrected[15])
    assert match and "Fonda" in corrected[15]
    assert any(
        source.get("url") == match.group(1)
        and "Fonda" in source.get("publisher", "") + source["title"]
        for source in sources("resilience-territoriale")
    )
    # Line 17: Wikipédia.
    assert "(Wikipédia)" in corrected[16]
    assert any(
        "Wikipédia" in source["title"] + source.get("publisher", "")
        for source in sources("ecosysteme")
    )
    # Lines 30-31: one reference, split over two lines.
    authors, title, article = (part.strip() for part in corrected[29][len("1- ") :].split(",")[:3])
    year = int(re.sub(r"\D", "", corrected[30]))
    assert (authors, title, year) == (
        "Bourg D. & Papaux A. (dir.)",
        "Dictionnaire de la pensée écologique",
        2015,
    )
    assert any(
        source["title"] == title
        and source.get("author") == authors
        and "Transition" in source.get("article", "")
        and "Transition" in article
        and source.get("year") == year
        for source in sources("transition")
    )
    # Line 32: the law of 31 July 2014, article 2.
    match = re.search(r"du (\d+ \w+ (\d{4})) article (\d+)", corrected[31])
    assert match
    assert any(
        match.group(1) in source["title"]
        and source.get("article") == match.group(3)
        and source.get("year") == int(match.group(2))
        for source in sources("utilite-sociale")
    )


def test_metadata_line_is_the_glossary(
    corrected: list[str], document: dict[str, Any], terms: dict[str, dict[str, Any]]
) -> None:
    match = re.fullmatch(r"\* source : (.+?) - (.+)", corrected[METADATA_LINE - 1])
    assert match
    title, publishers = match.group(1), match.group(2)
    # The DEVISUS texts are one origin of esslex's own glossary: credited to the work, their
    # rights held by its publishers.
    devisus = document["glossary"]["origins"]["devisus"]
    assert devisus["author"] == title
    assert devisus["rights"].startswith("© " + publishers.replace(",RIPES", ", RIPES") + ",")
    for term in terms.values():
        if term["origin"] == "devisus":
            assert {"title": title, "publisher": publishers} in term["sources"], term["id"]


# ---------------------------------------------------------------------------- (b) none invented


@pytest.mark.parametrize("term_id", sorted(set(DEFINITION_LINES.values())))
def test_no_invented_sentence(
    term_id: str, definitional: list[str], terms: dict[str, dict[str, Any]]
) -> None:
    term = terms[term_id]
    assert term["origin"] == "devisus"
    source_text = normalise(own_text(definitional, term_id))
    for sentence in sentences(term["definition"]):
        assert sentence in source_text, f"{term_id} : phrase absente du texte source : {sentence!r}"


@pytest.mark.parametrize("term_id", sorted(set(DEFINITION_LINES.values())))
def test_definition_is_the_source_text_in_order(
    term_id: str, definitional: list[str], terms: dict[str, dict[str, Any]]
) -> None:
    assert normalise(terms[term_id]["definition"]) == normalise(own_text(definitional, term_id))


def test_definition_layout(terms: dict[str, dict[str, Any]]) -> None:
    for term_id, term in terms.items():
        definition = term["definition"].strip()
        assert "\n\n\n" not in definition, term_id
        assert all(line == line.strip() for line in definition.splitlines()), term_id
    # The conditions 1° to 4° of the law stay one numbered list, one item a line.
    lines = terms["utilite-sociale"]["definition"].strip().splitlines()
    items = [line for line in lines if re.match(r"\d+° ", line)]
    assert [item[:3] for item in items] == ["1° ", "2° ", "3° ", "4° "]
    first = lines.index(items[0])
    assert lines[first : first + 4] == items
    assert lines[first - 1] == ""


def test_every_devisus_term_comes_from_the_seed(terms: dict[str, dict[str, Any]]) -> None:
    devisus = {term_id for term_id, term in terms.items() if term["origin"] == "devisus"}
    assert devisus == set(DEFINITION_LINES.values())


# ---------------------------------------------------------------------------- (c) sources


def test_every_term_has_a_source(
    terms: dict[str, dict[str, Any]], document: dict[str, Any]
) -> None:
    title = document["glossary"]["origins"]["devisus"]["author"]
    for term_id, term in terms.items():
        assert term.get("sources"), term_id
        assert all(source.get("title") for source in term["sources"]), term_id
        cites_glossary = any(source["title"] == title for source in term["sources"])
        assert cites_glossary == (term["origin"] == "devisus"), term_id


def test_esslex_terms_rest_on_the_law(terms: dict[str, dict[str, Any]]) -> None:
    for term_id, article in ESSLEX_TERMS.items():
        term = terms[term_id]
        assert term["origin"] == "esslex"
        assert any(
            source["title"] == LAW_TITLE and source.get("article") == article
            for source in term["sources"]
        ), term_id
        notes = term.get("notes", [])
        assert any("rédigée pour esslex" in note.casefold() for note in notes), term_id
        # Short sentences for learners: a long definition is split, not run on.
        assert 2 <= len(sentences(term["definition"])) <= 12, term_id


def test_definitions_carry_no_source_text(terms: dict[str, dict[str, Any]]) -> None:
    for term_id, term in terms.items():
        for marker in ("http", "Wikipédia", "Extraits d’un texte", "Bourg D.", "* source", "»1"):
            assert marker not in term["definition"], (term_id, marker)


# ---------------------------------------------------------------------------- (d) counts


def test_counts(terms: dict[str, dict[str, Any]]) -> None:
    origins = [term["origin"] for term in terms.values()]
    # The DEVISUS entries are fixed by the seed; entries written for esslex keep coming.
    assert origins.count("devisus") == 16
    assert origins.count("devisus") + origins.count("esslex") == len(terms)
    assert origins.count("esslex") >= 2
