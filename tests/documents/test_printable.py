"""An entry already fit for a page is given back as it is, without being rebuilt: the
shortcut must give exactly what the rebuilding gives, whatever the text holds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from esslex.documents import printable
from esslex.glossary.model import Rights, Source, Term
from support.properties import TRICKY, examples

# Mostly plain French, with the characters a page must not receive.
TEXT = st.text(st.one_of(st.sampled_from(list("ab é’«»\u00a0\n")), TRICKY), max_size=8)
OPTIONAL = st.one_of(st.none(), TEXT)


@st.composite
def terms(draw: st.DrawFn) -> Term:
    source = Source(
        title=draw(TEXT),
        author=draw(OPTIONAL),
        publisher=draw(OPTIONAL),
        article=draw(OPTIONAL),
        url=draw(OPTIONAL),
    )
    return Term(
        id="entree",
        label=draw(TEXT),
        definition=draw(TEXT),
        alt_labels=tuple(draw(st.lists(TEXT, max_size=2))),
        hidden_labels=tuple(draw(st.lists(TEXT, max_size=2))),
        notes=tuple(draw(st.lists(TEXT, max_size=2))),
        sources=(source,),
        origin=draw(TEXT),
        rights=Rights(*(draw(TEXT) for _ in Rights._fields)),
    )


@settings(max_examples=examples(300))
@given(terms())
def test_the_shortcut_gives_what_rebuilding_gives(term: Term) -> None:
    assert printable._term(term) == printable._rebuilt(term)


def test_a_plain_entry_is_not_rebuilt() -> None:
    term = Term(id="entree", label="Coopérative", definition="Une «\u00a0société\u00a0».\n\nSuite.")
    assert printable._term(term) is term
    broken = term._replace(label="Coop\nérative")
    assert printable._term(broken).label == "Coop érative"
