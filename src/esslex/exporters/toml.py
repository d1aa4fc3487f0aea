"""A glossary file esslex reads back: the exported entries, written with tomli-w."""

from __future__ import annotations

from esslex import __version__
from esslex.exporters import ExportOptions
from esslex.find.selection import Selection, describe
from esslex.glossary.model import Glossary
from esslex.glossary.serialize import glossary_to_document


def written_related(glossary: Glossary, budget: int = 100_000) -> dict[str, list[str]] | None:
    """`related` lists to write so that the loader rebuilds each entry's list in order.

    The loader makes `related` symmetric: an entry's list is the earlier entries that cite
    it (file order), then its own list, then the later entries that cite it (file order).
    Each pair is written on one side; this searches which side keeps every list's order.
    None if no choice does (or the search is too long): every list is then written whole.
    """
    terms = list(glossary.terms)
    order = {term.id: position for position, term in enumerate(terms)}
    wanted = {term.id: list(term.related) for term in terms}
    # For each entry, how many of the last entries of its list cite it (they come last).
    tail: dict[str, int] = {}
    options: list[list[int]] = []
    position = 0
    while position < len(terms):
        budget -= 1
        if budget < 0:
            return None
        if len(options) == position:
            term = terms[position]
            # Earlier entries that cite this one: those whose tail does not hold it.
            before = [
                other
                for other in wanted[term.id]
                if order[other] < order[term.id]
                and term.id not in wanted[other][len(wanted[other]) - tail[other] :]
            ]
            before.sort(key=order.__getitem__)
            rest = wanted[term.id][len(before) :]
            if wanted[term.id][: len(before)] != before:
                choices: list[int] = []
            else:
                longest = 0
                while longest < len(rest):
                    candidate = rest[len(rest) - 1 - longest]
                    following = rest[len(rest) - longest] if longest else None
                    if order[candidate] < order[term.id] or (
                        following is not None and order[candidate] > order[following]
                    ):
                        break
                    longest += 1
                choices = list(range(longest + 1))
            options.append(choices)
        if options[position]:
            tail[terms[position].id] = options[position].pop()
            position += 1
        else:
            options.pop()
            position -= 1
            if position < 0:
                return None
            tail.pop(terms[position].id, None)
    written: dict[str, list[str]] = {}
    for term in terms:
        items = wanted[term.id]
        cited_by_later = items[len(items) - tail[term.id] :]
        written[term.id] = [
            other
            for other in items
            if other not in cited_by_later
            and not (
                order[other] < order[term.id]
                and term.id not in wanted[other][len(wanted[other]) - tail[other] :]
            )
        ]
    return written


def _holds_crlf(value: object) -> bool:
    if isinstance(value, str):
        return "\r\n" in value
    if isinstance(value, dict):
        return any(_holds_crlf(item) for item in value.values())
    if isinstance(value, list):
        return any(_holds_crlf(item) for item in value)
    return False


def export(selection: Selection, options: ExportOptions) -> str:
    import tomli_w

    glossary = selection.closed()
    document = glossary_to_document(glossary)
    related = written_related(glossary)
    if related is not None:
        for table in document["term"]:
            if related[table["id"]]:
                table["related"] = related[table["id"]]
            else:
                table.pop("related", None)
    try:
        # Multi-line strings read best, but TOML reads their "\r\n" back as "\n".
        body = tomli_w.dumps(document, multiline_strings=not _holds_crlf(document))
    except TypeError:  # tomli-w before 1.1
        body = tomli_w.dumps(document)
    return f"# Exporté par esslex {__version__} ({describe(selection)}).\n\n" + body
