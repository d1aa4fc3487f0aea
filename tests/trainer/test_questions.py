"""The question generator: correct by construction, deterministic for a seed, and honest
about a selection too small for the kind asked."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esslex.documents.printable import printable_selection
from esslex.errors import EXIT_USAGE
from esslex.find.selection import Selection, select
from esslex.glossary.model import Glossary, GlossaryInfo, Term, Theme
from esslex.text.normalize import fold_key
from esslex.trainer.questions import (
    BLANK,
    Kind,
    Question,
    SelectionTooSmall,
    cloze_text,
    generate,
    mask,
    names_of,
    shown_definition,
    siblings,
)

INFO = GlossaryInfo("essai", "Glossaire d’essai")
THEMES = (Theme("economie", "Économie"), Theme("territoires", "Territoires"))


def term(term_id: str, label: str, definition: str, **fields: object) -> Term:
    return Term(term_id, label, definition, **fields)  # type: ignore[arg-type]


GLOSSARY = Glossary(
    INFO,
    THEMES,
    (
        term(
            "cooperation",
            "Coopération",
            "La coopération décrit des COOPÉRATIONS entre acteurs ; on dit aussi coopérer.",
            alt_labels=("coopérer",),
            themes=("territoires",),
            related=("ptce",),
        ),
        term("ptce", "PTCE", "Un pôle territorial.", themes=("territoires",), broader=("pole",)),
        term("pole", "Pôle", "Un regroupement.", themes=("territoires",), narrower=("ptce",)),
        term("cluster", "Cluster", "Un regroupement d’entreprises.", broader=("pole",)),
        # Another name of Coopération: never offered beside it.
        term("cooperer", "Coopérer", "Agir ensemble.", themes=("territoires",)),
        # Reads like PTCE: never two options alike.
        term("ptce-bis", "Ptcé", "Le même sigle.", themes=("territoires",)),
        term("achats", "Achats publics", "La commande publique.", themes=("economie",)),
        term("scic", "SCIC", "Une société coopérative.", themes=("economie",)),
    ),
)


def everything(glossary: Glossary = GLOSSARY) -> Selection:
    return select(glossary)


def folded_words(text: str) -> str:
    return f" {fold_key(text)} "


def named_in(text: str, names: list[str]) -> bool:
    """Whether a name reads in `text` outside the blanks (independent of `mask`)."""
    return any(
        f" {fold_key(name)} " in folded_words(part)
        for part in text.split(BLANK)
        for name in names
        if fold_key(name)
    )


# -- masking ---------------------------------------------------------------------------


def test_a_definition_naming_its_term_has_it_masked_in_every_form() -> None:
    masked = mask(
        "La coopération décrit des COOPÉRATIONS ; l’ESS et l'économie sociale aussi.",
        ["Coopération", "ESS", "Économie sociale"],
    )
    assert masked == f"La {BLANK} décrit des {BLANK} ; l’{BLANK} et l'{BLANK} aussi."


def test_the_longest_name_is_masked_whole() -> None:
    masked = mask(
        "L’économie sociale et solidaire, ou économie.",
        ["économie", "Économie sociale et solidaire"],
    )
    assert masked == f"L’{BLANK}, ou {BLANK}."


def test_words_that_only_contain_the_name_are_kept() -> None:
    assert mask("Les coopératives coopèrent.", ["coopération"]) == "Les coopératives coopèrent."


def test_shown_definition_masks_alternative_labels() -> None:
    shown = shown_definition(GLOSSARY["cooperation"])
    assert "coop" not in shown.casefold()
    assert shown.count(BLANK) == 3


# -- wrong options ---------------------------------------------------------------------


def test_siblings_are_related_same_broader_and_same_theme() -> None:
    near = {t.id for t in siblings(GLOSSARY["ptce"], GLOSSARY)}
    assert {"cooperation", "pole", "cluster", "cooperer", "ptce-bis"} <= near
    assert "scic" not in near and "ptce" not in near


def test_choice_options_never_name_the_right_entry_nor_repeat() -> None:
    for seed in range(40):
        for question in generate(everything(), [Kind.choice], seed=seed)[Kind.choice]:
            labels = [fold_key(option.label) for option in question.choices]
            assert len(labels) == len(set(labels)) == 4
            right = GLOSSARY[question.answer]
            wrong = [o for o in question.choices if o.id != right.id]
            assert not {fold_key(o.label) for o in wrong} & {fold_key(n) for n in names_of(right)}


def test_choice_draws_siblings_before_the_rest() -> None:
    seen: set[str] = set()
    for seed in range(30):
        questions = generate(select(GLOSSARY, terms=["ptce"]), [Kind.choice], seed=seed)
        seen |= {option.id for option in questions[Kind.choice][0].choices}
    # PTCE has five siblings (four usable): the two economy entries are never needed.
    assert not seen & {"achats", "scic", "ptce-bis"}


# -- determinism -----------------------------------------------------------------------


def test_the_same_seed_gives_the_same_questions() -> None:
    kinds = [Kind.matching, Kind.cloze, Kind.choice]
    assert generate(everything(), kinds, seed=7) == generate(everything(), kinds, seed=7)
    assert generate(everything(), kinds, seed=7) != generate(everything(), kinds, seed=8)


def test_adding_a_kind_leaves_the_others_unchanged() -> None:
    alone = generate(everything(), [Kind.choice], seed=5)[Kind.choice]
    assert generate(everything(), [Kind.cloze, Kind.choice], seed=5)[Kind.choice] == alone


def test_count_takes_fewer_entries() -> None:
    questions = generate(everything(), [Kind.choice], count=3, seed=1)[Kind.choice]
    assert len(questions) == 3
    assert len({q.answer for q in questions}) == 3


def test_matching_groups_keep_every_entry_once() -> None:
    questions = generate(everything(), [Kind.matching], seed=2)[Kind.matching]
    # Eight entries; Ptcé reads like PTCE, Coopérer is a name of Coopération: six left,
    # one of each pair, in one group.
    ids = [option.id for q in questions for option in q.choices]
    assert len(ids) == len(set(ids)) == 6
    assert len({"ptce", "ptce-bis"} & set(ids)) == 1
    assert len({"cooperation", "cooperer"} & set(ids)) == 1
    assert len(questions) == 1


# -- too small -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "terms"),
    [(Kind.choice, ["achats"]), (Kind.matching, ["scic"]), (Kind.cloze, ["scic"])],
)
def test_a_selection_too_small_is_a_usage_error(kind: Kind, terms: list[str]) -> None:
    small = Glossary(INFO, THEMES, (GLOSSARY["achats"], GLOSSARY["scic"]))
    with pytest.raises(SelectionTooSmall) as caught:
        generate(select(small, terms=terms), [kind], seed=0)
    assert caught.value.exit_code == EXIT_USAGE
    assert "sélection trop petite" in caught.value.message
    assert str(kind.minimum) in caught.value.message


# -- properties ------------------------------------------------------------------------

WORDS = st.sampled_from(
    ["coopération", "Coopérations", "ESS", "économie", "sociale", "pôle", "Pôles", "œuvre", "l’ESS"]
)
TEXT = st.lists(
    st.one_of(WORDS, st.text(alphabet=st.characters(codec="utf-8"), max_size=6)), max_size=12
).map(" ".join)
LABEL = st.lists(WORDS, min_size=1, max_size=2).map(" ".join) | st.text(min_size=1, max_size=8)


@st.composite
def glossaries(draw: st.DrawFn) -> Glossary:
    count = draw(st.integers(min_value=4, max_value=9))
    terms = []
    for number in range(count):
        terms.append(
            Term(
                f"t{number}",
                draw(LABEL),
                draw(TEXT) + " " + draw(LABEL),
                alt_labels=tuple(draw(st.lists(LABEL, max_size=2))),
                themes=tuple(
                    draw(st.lists(st.sampled_from(["economie", "territoires"]), max_size=2))
                ),
            )
        )
    return Glossary(INFO, THEMES, tuple(terms))


def check(question: Question, glossary: Glossary) -> None:
    keys = [option.key for option in question.choices]
    assert len(keys) == len(set(keys))
    labels = [fold_key(option.label) for option in question.choices]
    assert len(labels) == len(set(labels)), "two options read the same"
    if question.kind is Kind.matching:
        for item in question.definitions:
            entry = glossary[item.id]
            assert item.text == shown_definition(entry)
            assert not named_in(item.text, names_of(entry))
        answers = dict(question.pairs)
        by_key = {item.key: item.id for item in question.definitions}
        for option in question.choices:
            assert by_key[answers[option.key]] == option.id
        return
    right = glossary[question.answer]
    assert question.answer in {option.id for option in question.choices}
    # The definition shown is the right answer's, its names masked.
    assert question.prompt in (shown_definition(right), cloze_text(right))
    assert not named_in(question.prompt, names_of(right))
    wrong = {fold_key(o.label) for o in question.choices if o.id != right.id}
    assert not wrong & {fold_key(name) for name in names_of(right)}


# 25 generated glossaries: each builds every kind of question from it.
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(glossaries(), st.integers(min_value=0, max_value=10**6))
def test_every_question_is_correct_by_construction(glossary: Glossary, seed: int) -> None:
    for kind in Kind:
        try:
            questions = generate(select(glossary), [kind], seed=seed)[kind]
        except SelectionTooSmall:
            continue
        # Questions show the printable text (controls stripped).
        printable = printable_selection(select(glossary)).glossary
        for question in questions:
            check(question, printable)
            if question.kind is Kind.choice:
                assert question.prompt == shown_definition(printable[question.answer])


@settings(max_examples=100, deadline=None)
@given(TEXT, st.lists(LABEL, min_size=1, max_size=3))
def test_masked_names_never_read_in_the_text(text: str, names: list[str]) -> None:
    masked = mask(text, names)
    assert not named_in(masked, names)
    if BLANK not in text and not named_in(text, names):
        assert masked == text


def test_seeds_are_independent_of_global_random_state() -> None:
    random.seed(1)
    first = generate(everything(), [Kind.choice], seed=3)
    random.seed(2)
    assert generate(everything(), [Kind.choice], seed=3) == first


def test_symbols_spelt_out_by_the_folding_are_masked_too() -> None:
    # « ℀ » folds to « a c »: the letter it spells is a word the learner reads.
    assert not named_in(mask("℀", ["a"]), ["a"])
    assert mask("le ㎏ de farine", ["kg"]) == f"le {BLANK} de farine"
