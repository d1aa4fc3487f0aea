"""Hypothesis strategies for glossaries and queries, and the round trip of a glossary
through an export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck
from hypothesis import strategies as st

from esslex.glossary.loader import load_glossary
from esslex.glossary.model import Glossary
from support.exports import export
from support.glossaries import write_glossary

FIXTURES_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


IDS = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,5}){0,2}\Z")


# Any text a TOML file can hold: every code point but the lone surrogates.
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


WORDS = ANY_TEXT.filter(lambda text: text.strip())


# Text the importer keeps as it is: no control, format or unassigned character, no
# surrounding space (it removes them).
PRINTABLE = (
    st.text(st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn")), max_size=40)
    .map(str.strip)
    .filter(bool)
)


# A query as it may come: any character, the shell's undecodable bytes, tricky ones.
# Lone surrogates as the shell's undecodable bytes give them (U+DC80–U+DCFF).
ESCAPED_BYTES = st.sampled_from([chr(code) for code in range(0xDC80, 0xDD00)])
# Characters that exercise folding and stripping more than random code points do.
TRICKY = st.sampled_from(
    list(
        "éÉèêëàâäîïôöùûüçÇœŒæÆßıİſﬁ’'‘-‐–—«»\u00a0\u202f\u200b\u200d\u2060\ufeff"
        "\u202e\u2066\x1b\x07\x9b\r\n\t\x00\x7f\u0301\u0327\u0308"
    )
)
ANY_CHAR = st.one_of(st.characters(exclude_categories=()), ESCAPED_BYTES, TRICKY)
QUERY_TEXT = st.text(ANY_CHAR, max_size=40)


@st.composite
def glossaries(
    draw: st.DrawFn, text: st.SearchStrategy[str] = WORDS, distinct_names: bool = False
) -> dict[str, Any]:
    """A valid glossary document: consistent themes, relations and no broader cycle.

    `distinct_names`: no two labels or alternative labels alike (as the importer wants).
    """
    term_ids = draw(st.lists(IDS, min_size=1, max_size=5, unique=True))
    theme_ids = draw(st.lists(IDS, max_size=3, unique=True))
    labels = st.lists(text, max_size=3)
    terms = []
    for position, term_id in enumerate(term_ids):
        term: dict[str, Any] = {"id": term_id, "label": draw(text), "definition": draw(text)}
        names = labels
        if distinct_names:
            # A last word of its own: « entree2x », « entree2n1x ».
            term["label"] += f" entree{position}x"
            names = labels.map(
                lambda items, at=position: [f"{x} entree{at}n{n}x" for n, x in enumerate(items)]
            )
        optional = {
            "alt_labels": names,
            "hidden_labels": names,
            "notes": labels,
            "editorial_notes": labels,
            "annotate": st.sampled_from(["exact", "never"]),
            "origin": text,
            "themes": st.lists(st.sampled_from(theme_ids), unique=True, max_size=2)
            if theme_ids
            else st.nothing(),
            "related": st.lists(st.sampled_from(term_ids), unique=True, max_size=3),
            # Only towards later entries: the hierarchy has no cycle.
            "broader": st.lists(st.sampled_from(term_ids[position + 1 :]), unique=True, max_size=2)
            if position + 1 < len(term_ids)
            else st.nothing(),
            "jurisdictions": st.lists(
                st.sampled_from(["FR", "BE", "BE-WAL", "BE-BRU", "EU", "INT"]),
                unique=True,
                min_size=1,
                max_size=3,
            ),
            "equivalents": st.lists(
                st.fixed_dictionaries(
                    {
                        "lang": st.sampled_from(["en", "es", "nl", "de-CH"]),
                        "label": text,
                        "source": text,
                    },
                    optional={"url": text},
                ),
                max_size=2,
            ),
            "sources": st.lists(
                st.fixed_dictionaries(
                    {"title": text},
                    optional={
                        "author": text,
                        "publisher": text,
                        "article": text,
                        "url": text,
                        "year": st.integers(-3000, 3000),
                        "identifier": text,
                        "in_force_since": st.dates(),
                        "amended_by": text,
                        "checked": st.dates(),
                        "read_in": st.fixed_dictionaries({"title": text, "url": text}),
                    },
                ),
                max_size=2,
            ),
        }
        for key, values in optional.items():
            if draw(st.booleans()):
                term[key] = draw(values)
        terms.append({key: value for key, value in term.items() if value is not None})
    return {
        "glossary": {
            "id": draw(IDS),
            "title": draw(text),
            "version": draw(text),
            "publishers": draw(labels),
            "description": draw(text),
            "licence": draw(text),
        },
        "theme": [
            {"id": theme_id, "label": draw(text), "description": draw(text)}
            for theme_id in theme_ids
        ],
        "term": terms,
    }


def comparable(glossary: Glossary) -> tuple[object, ...]:
    info = glossary.info._replace(path="")
    terms = tuple(term._replace(glossary="") for term in glossary.terms)
    return info, glossary.themes, terms


def written(folder: Path, document: dict[str, Any]) -> Glossary:
    """`document` as a glossary file, loaded: the original the exports must give back."""
    return load_glossary([write_glossary(folder / "source.toml", text=tomli_w.dumps(document))])


def exported(folder: Path, format_name: str, name: str) -> Path:
    target = folder / name
    source = folder / "source.toml"
    export(source, "-f", format_name, "-o", str(target), "--force", expect=0)
    return target
