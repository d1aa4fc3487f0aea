"""The question generator: correct by construction, deterministic for a seed, and honest
about a selection too small for the kind asked."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esslex.documents.printable import printable_selection
from esslex.errors import EXIT_USAGE, UsageError
from esslex.find.selection import Selection, select
from esslex.glossary.model import Glossary, GlossaryInfo, Term, Theme
from esslex.text.normalize import fold_key
from esslex.trainer.distractors import NOTION, SCHEME, STRUCTURE, Kinds, content_words
from esslex.trainer.masking import (
    BLANK,
    ELIDED,
    asked_names,
    mask,
    names_of,
    question_text,
    sentences,
    shown_definition,
)
from esslex.trainer.questions import (
    Kind,
    Question,
    SelectionTooSmall,
    cloze_text,
    entries_used,
    generate,
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


# -- the questions' blanks -----------------------------------------------------------------

SCOP = term(
    "scop",
    "Société coopérative et participative",
    "Une société coopérative et participative (SCOP) est une coopérative de travailleurs. Chaque"
    " membre coopérateur de la SCOP a une voix, et la SCOP lui doit l'information."
    "\n\nLa SCOP est née en 1884 : la SCOP de Paris.",
    alt_labels=("SCOP",),
    hidden_labels=("coopérateur",),
)


def test_a_question_shows_the_defining_sentence_blanked_once() -> None:
    assert question_text(SCOP) == f"Une {BLANK} est une coopérative de travailleurs."


def test_hidden_labels_stay_and_later_mentions_are_elided() -> None:
    text = question_text(SCOP, full=True)
    first, second = text.split("\n")
    # Never « ______ (______) »; the hidden label « coopérateur » is read as written.
    assert first.startswith(f"Une {BLANK} est une coopérative")
    assert f"membre coopérateur de la {BLANK} a une voix, et la {ELIDED} lui doit" in first
    # French typography: curly apostrophe, no-break space before « : ».
    assert "l’information" in first
    assert second == f"La {BLANK} est née en 1884\u00a0: la {ELIDED} de Paris."
    for paragraph in text.split("\n"):
        assert all(sentence.count(BLANK) == 1 for sentence in sentences(paragraph))


def test_a_definition_that_never_names_the_entry_leads_with_the_blank() -> None:
    entry = term("x", "Mutuelle", "Un groupement. Il assure ses membres.")
    assert cloze_text(entry) == f"{BLANK}\u00a0: Un groupement."


# -- wrong options ---------------------------------------------------------------------

FAMILY = Glossary(
    INFO,
    (Theme("familles", "Familles"), Theme("emploi", "Emploi")),
    (
        term("ess", "Entreprise de l’ESS", "Une entreprise de l’ESS.", narrower=("fondation",)),
        term(
            "fondation",
            "Fondation",
            "Une fondation est une personne morale.",
            broader=("ess",),
            themes=("familles",),
        ),
        term(
            "frup",
            "Fondation reconnue d’utilité publique",
            "Une fondation reconnue d’utilité publique est une fondation reconnue.",
            broader=("fondation",),
            themes=("familles",),
        ),
        term("association", "Association", "Une association est un contrat.", themes=("familles",)),
        term("mutuelle", "Mutuelle", "Une mutuelle est une personne morale.", themes=("familles",)),
        term(
            "clause", "Clause sociale", "Une clause sociale est une condition.", themes=("emploi",)
        ),
        term("agrement", "Agrément ESUS", "Un agrément.", themes=("emploi",)),
        term("benevolat", "Bénévolat", "Un engagement.", themes=("familles",)),
        term("utilite", "Utilité sociale", "Une utilité.", themes=("familles",)),
    ),
)


def test_kinds_come_from_the_broader_chain_and_the_head_noun() -> None:
    kinds = Kinds(FAMILY)
    # FRUP → Fondation → Entreprise de l’ESS: a structure, of that family.
    assert kinds.kind(FAMILY["frup"]) == kinds.kind(FAMILY["association"]) == STRUCTURE
    assert kinds.family(FAMILY["frup"]) == "ess"
    assert kinds.family(FAMILY["association"]) is None
    assert kinds.kind(FAMILY["clause"]) == kinds.kind(FAMILY["agrement"]) == SCHEME
    assert kinds.kind(FAMILY["benevolat"]) == NOTION


def test_distractors_are_of_the_same_kind_and_theme() -> None:
    for seed in range(20):
        (question,) = generate(select(FAMILY, terms=["mutuelle"]), [Kind.choice], seed=seed)[
            Kind.choice
        ]
        wrong = {o.id for o in question.choices} - {"mutuelle"}
        assert wrong <= {"ess", "fondation", "frup", "association"}, wrong


def test_no_option_is_told_right_by_a_word_it_shares_with_the_prompt() -> None:
    for seed in range(20):
        (question,) = generate(select(FAMILY, terms=["frup"]), [Kind.choice], seed=seed)[
            Kind.choice
        ]
        # « … est une fondation reconnue »: another option says « fondation » too.
        shared = content_words(question.prompt) & content_words(FAMILY["frup"].label)
        assert "fondation" in shared
        for word in shared - {"reconnue"}:  # no other entry says « reconnue »
            carriers = [o for o in question.choices if word in content_words(o.label)]
            assert len(carriers) > 1, (word, question)


def test_choice_options_never_name_the_right_entry_nor_repeat() -> None:
    for seed in range(40):
        for question in generate(everything(), [Kind.choice], seed=seed)[Kind.choice]:
            labels = [fold_key(option.label) for option in question.choices]
            assert len(labels) == len(set(labels)) == 4
            right = GLOSSARY[question.answer]
            wrong = [o for o in question.choices if o.id != right.id]
            assert not {fold_key(o.label) for o in wrong} & {fold_key(n) for n in names_of(right)}


# -- determinism and counts ----------------------------------------------------------------


def test_the_same_seed_gives_the_same_questions() -> None:
    kinds = [Kind.matching, Kind.cloze, Kind.choice]
    assert generate(everything(), kinds, seed=7) == generate(everything(), kinds, seed=7)
    assert generate(everything(), kinds, seed=7) != generate(everything(), kinds, seed=8)


def test_each_kind_asks_about_its_own_entries() -> None:
    kinds = [Kind.matching, Kind.cloze, Kind.choice]
    questions = generate(everything(), kinds, count=6, seed=5)
    ids = [entries_used(group) for group in questions.values()]
    assert [len(group) for group in ids] == [2, 2, 2]
    assert len({i for group in ids for i in group}) == 6


def test_counts_per_kind() -> None:
    questions = generate(
        everything(), [Kind.cloze, Kind.choice], seed=1, per_kind={Kind.cloze: 3, Kind.choice: 2}
    )
    assert len(questions[Kind.cloze]) == 3 and len(questions[Kind.choice]) == 2


def test_a_kind_left_without_entries_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--choice 1"):
        generate(everything(), [Kind.cloze, Kind.choice], count=2, per_kind={Kind.cloze: 2})


def test_versions_ask_the_same_questions_in_another_order() -> None:
    kinds = [Kind.matching, Kind.cloze, Kind.choice]
    first = generate(everything(), kinds, count=8, seed=3)
    second = generate(everything(), kinds, count=8, seed=3, version=1)
    assert first != second
    for kind in kinds:
        assert sorted(entries_used(first[kind])) == sorted(entries_used(second[kind]))
    for question in second[Kind.choice]:
        right = question.option(question.answer)
        assert right.key == "ABCD"[[o.id for o in question.choices].index(right.id)]


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
            assert item.text == question_text(entry)
            assert not named_in(item.text, asked_names(entry))
        answers = dict(question.pairs)
        by_key = {item.key: item.id for item in question.definitions}
        for option in question.choices:
            assert by_key[answers[option.key]] == option.id
        return
    right = glossary[question.answer]
    assert question.answer in {option.id for option in question.choices}
    # The definition shown is the right answer's, its names masked.
    assert question.prompt in (question_text(right), cloze_text(right))
    assert not named_in(question.prompt.replace(ELIDED, " "), asked_names(right))
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
                assert question.prompt == question_text(printable[question.answer])


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
