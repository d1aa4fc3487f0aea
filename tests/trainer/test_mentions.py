"""Finding the glossary in running French: a course text written for the tests, every
mention marked by hand (plurals, elisions, acronyms, names of several words, everyday words
left alone), found exactly; and the documents written back change nothing but the links."""

from __future__ import annotations

import io
import re
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from esslex.find.mentions import group_names
from esslex.glossary.loader import load_glossary
from esslex.glossary.model import Term
from esslex.glossary.paths import bundled_path
from esslex.trainer.annotate import MentionFinder
from esslex.trainer.course import chosen, link_docx, link_text, read_course
from support.properties import examples

COURSE = Path(__file__).parents[1] / "fixtures" / "cours-annote.md"
MARK = re.compile(r"⟦([a-z0-9-]+)\|([^⟧]+)⟧")


def unmarked(marked: str) -> tuple[str, list[tuple[str, int, int, str]]]:
    """The text without its marks, and each marked mention (id, start, end, text)."""
    pieces, expected, done, at = [], [], 0, 0
    for match in MARK.finditer(marked):
        pieces.append(marked[done : match.start()])
        at += match.start() - done
        words = match.group(2)
        expected.append((match.group(1), at, at + len(words), words))
        pieces.append(words)
        at += len(words)
        done = match.end()
    pieces.append(marked[done:])
    return "".join(pieces), expected


@pytest.fixture(scope="module")
def finder() -> MentionFinder:
    return MentionFinder(group_names(load_glossary([bundled_path()]).terms))


def test_every_marked_mention_is_found_and_nothing_else(finder: MentionFinder) -> None:
    text, expected = unmarked(COURSE.read_text(encoding="utf-8"))
    course = read_course("markdown", text.encode("utf-8"))
    found = [(m.id, m.start, m.end, m.text) for m in finder.find(course.text, course.protected)]
    assert [e for e in expected if e not in found] == [], "manquées"
    assert [f for f in found if f not in expected] == [], "en trop"
    assert len(expected) >= 20


def test_kinds_tell_a_name_as_written_from_an_inflection(finder: MentionFinder) -> None:
    found = {m.text: m.kind for m in finder.find("Une SCOP, des coopératives, une coopérative.")}
    assert found == {"SCOP": "alt", "coopératives": "inflected", "coopérative": "label"}


def test_the_longest_name_wins_and_mentions_never_overlap(finder: MentionFinder) -> None:
    found = finder.find("l’économie sociale et solidaire, puis l’économie sociale")
    assert [(m.id, m.text) for m in found] == [
        ("economie-sociale-et-solidaire", "économie sociale et solidaire"),
        ("economie-sociale", "économie sociale"),
    ]


def test_acronyms_match_in_capitals_only(finder: MentionFinder) -> None:
    assert [m.text for m in finder.find("ESS, ess, Ess, process, l’ESS")] == ["ESS", "ESS"]


def _term(term_id: str, label: str, annotate: str = "", hidden: tuple[str, ...] = ()) -> Term:
    return Term(term_id, label, "Définition.", hidden_labels=hidden, annotate=annotate)


def test_the_rule_of_each_entry_is_obeyed() -> None:
    terms = [
        _term("acteurs", "Acteurs", "never"),
        _term("gouvernance", "Gouvernance démocratique", "exact", hidden=("gouvernance",)),
        _term("mutuelle", "Mutuelle"),
    ]
    found = MentionFinder(group_names(terms)).find(
        "Des acteurs, une gouvernance, une gouvernance démocratique, des mutuelles."
    )
    assert [m.id for m in found] == ["gouvernance", "mutuelle"]


@pytest.mark.parametrize("pairs_from", [0, 1e9])  # the pairs of the text made, or not
def test_of_two_names_of_the_same_words_the_first_entry_shows(pairs_from: float) -> None:
    """« Caisse solidaires » and « Caisse solidaire » have the same words once lemmatised:
    the mention shows the entry listed first, though the second words differ as written and
    the other one's came first in the glossary (a group's names are kept by second word,
    then put back in the group's order)."""
    terms = [
        _term("france", "Caisse solidaire de France"),
        _term("pluriel", "Caisse solidaires"),
        _term("singulier", "Caisse solidaire"),
    ]
    with patch("esslex.trainer.annotate.PAIRS_FROM", pairs_from):
        found = MentionFinder(group_names(terms)).find("Une caisse solidaire, en France.")
    assert [(m.id, m.text, m.kind) for m in found] == [("pluriel", "caisse solidaire", "inflected")]


class _EveryPair:
    """Stands for the pairs of a text that holds every pair of words."""

    def __contains__(self, pair: object) -> bool:
        return True


NAME_WORDS = ["coopérative", "coopératives", "Coopératives", "sociale", "social", "économie",
              "l’économie", "d’intérêt", "intérêt", "collectif", "collective", "et", "solidaire",
              "ESS", "SCOP", "Scop", "de", "la", "mutuelle", "tiers-lieux"]  # fmt: skip
NAMES = st.lists(st.sampled_from(NAME_WORDS), min_size=1, max_size=4).map(" ".join)


@settings(max_examples=40, deadline=None)
@example([("économie solidaire", [])], ["la", "ÉCONOMIE", "SOLIDAIRE"])  # titles
@example([("SCOP coopérative", ["Scop"])], ["SCOP"])  # a word by its key first
@given(
    st.lists(st.tuples(NAMES, st.lists(NAMES, max_size=2)), min_size=1, max_size=6),
    st.lists(
        st.sampled_from([*NAME_WORDS, "ÉCONOMIE", "SOLIDAIRE", "COOPÉRATIVE", ",", "\n"]),
        max_size=30,
    ),
)
def test_leaving_out_the_names_the_text_cannot_hold_changes_nothing(
    named: list[tuple[str, list[str]]], text_words: list[str]
) -> None:
    """The trie of a text holds only the names whose first two words follow each other in
    it (when they are many: here always): the same mentions as from every name whose first
    word the text holds."""
    terms = [
        Term(f"t{at}", label, "Définition.", alt_labels=tuple(alts))
        for at, (label, alts) in enumerate(named)
    ]
    text = " ".join(text_words)
    finder = MentionFinder(group_names(terms))
    with patch("esslex.trainer.annotate._pairs", lambda keys, titles: _EveryPair()):
        from_every_name = finder.find(text)
    with patch("esslex.trainer.annotate.PAIRS_FROM", 0):
        assert finder.find(text) == from_every_name


# -- documents written back ------------------------------------------------------------------

WORDS = st.sampled_from(
    ["coopérative", "coopératives", "SCOP", "ESS", "l’économie", "sociale", "et", "solidaire",
     "mutuelle", "`code`", "[lien](https://x.org)", "le", "\n\n", "*gras*", "tiers-lieux"]
)  # fmt: skip


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(WORDS, max_size=40), st.booleans())
def test_removing_the_added_links_gives_back_the_markdown(
    finder: MentionFinder, words: list[str], every: bool
) -> None:
    text = " ".join(words)
    course = read_course("markdown", text.encode("utf-8"))
    mentions = chosen(finder.find(course.text, course.protected), every)
    linked = link_text(course, mentions, lambda term_id: f"https://glossaire.example/#{term_id}")
    restored = re.sub(r"\[([^\]]*)\]\(https://glossaire\.example/#[a-z0-9-]+\)", r"\1", linked)
    assert restored == text
    assert linked.count("https://glossaire.example/#") == len(mentions)


def _docx(paragraphs: list[list[tuple[str, bool]]]) -> bytes:
    import docx

    document = docx.Document()
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for text, bold in runs:
            paragraph.add_run(text).bold = bold
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def _runs(data: bytes) -> list[list[tuple[str, bool | None]]]:
    """Each paragraph's text pieces with their boldness, links opened (python-docx)."""
    import docx

    document = docx.Document(io.BytesIO(data))
    out = []
    for paragraph in document.paragraphs:
        pieces = []
        for item in paragraph.iter_inner_content():
            runs = item.runs if hasattr(item, "address") else [item]
            pieces.extend((run.text, run.bold) for run in runs)
        out.append(pieces)
    return out


def _characters(paragraphs: list[list[tuple[str, bool | None]]]) -> list[list[tuple[str, bool]]]:
    return [[(c, bool(bold)) for text, bold in runs for c in text] for runs in paragraphs]


RUNS = st.lists(
    st.lists(
        st.tuples(
            st.sampled_from(["Les coopé", "ratives ", "SCOP", " et l’", "économie sociale", " x"]),
            st.booleans(),
        ),
        min_size=1,
        max_size=5,
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=examples(10), deadline=None)  # a DOCX written and read each time
@given(RUNS)
def test_a_docx_keeps_its_text_and_the_formatting_of_every_character(
    finder: MentionFinder, paragraphs: list[list[tuple[str, bool]]]
) -> None:
    data = _docx(paragraphs)
    course = read_course("docx", data)
    mentions = chosen(finder.find(course.text, course.protected), True)
    linked = link_docx(course, mentions, lambda term_id: f"https://glossaire.example/#{term_id}")
    assert _characters(_runs(linked)) == _characters(_runs(data))
    import docx

    links = [
        item
        for paragraph in docx.Document(io.BytesIO(linked)).paragraphs
        for item in paragraph.iter_inner_content()
        if hasattr(item, "address")
    ]
    assert [link.text for link in links] == [m.text for m in mentions]
    assert all(link.address.startswith("https://glossaire.example/#") for link in links)
