"""Reading commands: define, search, list, themes, related."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from esslex.cli.app import JsonOption, PlainOption, command, in_use
from esslex.cli.jurisdiction import JurisdictionOption
from esslex.cli.output import Output, terminal_width
from esslex.errors import (
    EXIT_NOT_FOUND,
    EXIT_OK,
    AmbiguousTerm,
    ChoiceCancelled,
    UsageError,
    quoted,
)

if TYPE_CHECKING:  # the model is imported with the glossary: `--help` needs neither
    from esslex.find.index import GlossaryIndex
    from esslex.find.lookup import LookupResult
    from esslex.glossary.model import Term


def _complete_label(ctx: typer.Context, incomplete: str) -> list[str]:
    from esslex.find.lookup import complete_labels

    try:
        return complete_labels(in_use(ctx).index(), incomplete)
    except Exception:
        return []


# Several words are one query: `esslex define utilité sociale` needs no quotes.
TermArgument = Annotated[
    list[str],
    typer.Argument(
        help="Le terme cherché, en un ou plusieurs mots (accents, majuscules et petites fautes tolérés).",
        metavar="TERME",
        autocompletion=_complete_label,
        show_default=False,
    ),
]


def _find_or_choose(
    out: Output, glossary: GlossaryIndex, query: str, jurisdiction: str | None = None
) -> LookupResult:
    """The entry `query` designates; among close candidates, the user's pick on a terminal."""
    from esslex.find import resolve
    from esslex.find.lookup import LookupResult

    try:
        return resolve.entry(glossary, query, jurisdiction)
    except AmbiguousTerm as error:
        if not out.interactive:
            raise
        term = glossary[error.candidate_ids[_choose(out, error)]]
        return LookupResult(term, "choice", 100.0, term.label, "choisi dans la liste")


def _choose(out: Output, error: AmbiguousTerm) -> int:
    """The position of the candidate the user picks (Entrée cancels)."""
    labels = list(error.candidates)
    out.message(f"Plusieurs termes correspondent à {quoted(error.query)}\u00a0:")
    for number, label in enumerate(labels, 1):
        out.message(f"  {number}. {label}")
    answer = typer.prompt(
        "Numéro du terme (Entrée pour annuler)",
        default="",
        show_default=False,
        prompt_suffix="\u00a0: ",
    )
    if not answer.strip():
        raise ChoiceCancelled
    if not answer.strip().isdigit() or not 1 <= int(answer) <= len(labels):
        raise UsageError(f"choix invalide\u00a0: «\u00a0{answer.strip()}\u00a0»")
    return int(answer) - 1


def _record_lookup(glossary: GlossaryIndex, term: Term, query: str) -> None:
    """The lookup, in the learner's history (a line appended to a file: no SQLite here)."""
    from esslex.learner.entries import entry_key
    from esslex.learner.journal import append_lookup

    append_lookup(*entry_key(term, glossary), query)


@command("define")
def define_command(
    ctx: typer.Context,
    query: TermArgument,
    editorial: Annotated[
        bool,
        typer.Option(
            "--editorial",
            help="Montrer aussi les notes éditoriales (pour les mainteneurs : comment les"
            " textes ont été lus, ce qui reste à vérifier) et où chaque source a été lue.",
        ),
    ] = False,
    jurisdiction: Annotated[
        Optional[str],
        typer.Option(
            "--jurisdiction",
            help="Entre des entrées de même nom, celle qui vaut pour ce territoire (FR, BE,"
            " BE-WAL, BE-BRU, EU, INT).",
            metavar="CODE",
        ),
    ] = None,
    json_output: JsonOption = False,
    plain: PlainOption = False,
) -> None:
    from esslex.cli.jurisdiction import jurisdiction_code
    from esslex.cli.render import editorial_lines, entry_plain, entry_rich
    from esslex.documents.entryview import terminal_view
    from esslex.errors import TermNotFound
    from esslex.text.normalize import split_article

    glossary = in_use(ctx).index()
    out = Output(plain=plain or json_output)
    try:
        result = _find_or_choose(out, glossary, " ".join(query), jurisdiction_code(jurisdiction))
    except TermNotFound as error:
        from esslex.find.resolve import theme_hint
        from esslex.find.search import occurrence_hint

        # No entry by that name, but it may name a theme, and its words may occur in
        # definitions: say where.
        words = split_article(" ".join(query))[1]
        hint = " ".join(
            filter(None, (theme_hint(glossary, words), occurrence_hint(glossary, words)))
        )
        if not hint:
            raise
        raise TermNotFound(error.query, error.suggestions, hint) from None
    _record_lookup(glossary, result.term, " ".join(query))
    if json_output:
        from esslex.glossary.serialize import term_to_json

        data = term_to_json(result.term)
        data["match"] = {"kind": result.kind, "score": result.score, "matched": result.matched}
        out.json(data)
        return
    view = terminal_view(result.term, glossary)
    maintainers = editorial_lines(result.term) if editorial else []
    if out.rich:
        out.render(entry_rich(view, result.how, maintainers))
    else:
        out.text(entry_plain(view, terminal_width(), result.how, maintainers))


@command("search")
def search_command(
    ctx: typer.Context,
    text: Annotated[
        list[str],
        typer.Argument(
            help="Mots cherchés dans les libellés, définitions et notes.", metavar="TEXTE"
        ),
    ],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, metavar="N", help="Nombre maximal de résultats.")
    ] = 20,
    jurisdiction: JurisdictionOption = None,
    json_output: JsonOption = False,
    plain: PlainOption = False,
) -> int:
    from esslex.cli.jurisdiction import jurisdiction_code
    from esslex.cli.render import search_plain, search_rich
    from esslex.find.search import search
    from esslex.glossary.model import in_jurisdiction

    query = " ".join(text)
    place = jurisdiction_code(jurisdiction)
    glossary = in_use(ctx).index()
    out = Output(plain=plain or json_output)
    if place is None:
        hits = search(glossary, query, limit)
    else:
        every = search(glossary, query, len(glossary))
        hits = [hit for hit in every if in_jurisdiction(hit.term.jurisdictions, place)][:limit]
    if json_output:
        out.json(
            [
                {"id": h.term.id, "label": h.term.label, "score": h.score, "snippet": h.snippet}
                for h in hits
            ]
        )
    elif out.rich and hits:
        out.render(search_rich(hits))
    elif hits:
        out.text(search_plain(hits, terminal_width()))
    if not hits:
        if not json_output:
            out.message(f"Aucun résultat pour {quoted(query)}.")
        return EXIT_NOT_FOUND
    return EXIT_OK


@command("list")
def list_command(
    ctx: typer.Context,
    theme: Annotated[
        Optional[str],
        typer.Option(
            "--theme",
            "-t",
            help="Seulement les entrées de ce thème (identifiant ou nom).",
            metavar="THÈME",
        ),
    ] = None,
    jurisdiction: JurisdictionOption = None,
    json_output: JsonOption = False,
    plain: PlainOption = False,
) -> int:
    from esslex.cache.policy import collection_paused
    from esslex.cli.jurisdiction import jurisdiction_code
    from esslex.cli.render import terms_table
    from esslex.documents.entryview import clean_line
    from esslex.find import resolve
    from esslex.glossary.model import in_jurisdiction

    glossary = in_use(ctx).index()
    theme_id = None if theme is None else resolve.theme(glossary, theme).id
    place = jurisdiction_code(jurisdiction)
    out = Output(plain=plain or json_output)
    with collection_paused():  # objects for every entry, no cycles: collections only slow
        terms = glossary.sorted_terms(theme_id)
        if place is not None:
            terms = [term for term in terms if in_jurisdiction(term.jurisdictions, place)]
            if not terms:
                from esslex.glossary.places import place_and_code

                out.message(f"Aucune entrée ne vaut pour {place_and_code(place)}.")
                return EXIT_NOT_FOUND
        if json_output:
            from esslex.glossary.serialize import json_array_lines, term_to_json

            for piece in json_array_lines(terms, term_to_json):
                out.json_text(piece)
        elif out.rich:
            out.render(terms_table(terms, glossary))
        else:
            for term in terms:
                out.line(clean_line(term.label))
    return EXIT_OK


@command("themes")
def themes_command(
    ctx: typer.Context,
    json_output: JsonOption = False,
    plain: PlainOption = False,
) -> None:
    from esslex.cli.render import ThemeRow, themes_plain, themes_table
    from esslex.text.normalize import sort_key

    glossary = in_use(ctx).index()
    counts = glossary.theme_counts()
    rows = sorted(
        (ThemeRow(t.id, t.label, t.description, counts[t.id]) for t in glossary.themes),
        key=lambda row: sort_key(row.label),
    )
    out = Output(plain=plain or json_output)
    if json_output:
        out.json(
            [
                {"id": r.id, "label": r.label, "description": r.description, "count": r.entries}
                for r in rows
            ]
        )
    elif out.rich:
        out.render(themes_table(rows))
    else:
        out.text(themes_plain(rows, terminal_width()))


@command("related")
def related_command(
    ctx: typer.Context,
    query: TermArgument,
    depth: Annotated[
        int,
        typer.Option("--depth", "-d", min=1, max=10, metavar="N", help="Profondeur du voisinage."),
    ] = 1,
    json_output: JsonOption = False,
    plain: PlainOption = False,
) -> None:
    from esslex.cli.render import tree_plain, tree_rich
    from esslex.find.navigation import neighbourhood

    glossary = in_use(ctx).index()
    out = Output(plain=plain or json_output)
    term = _find_or_choose(out, glossary, " ".join(query)).term
    _record_lookup(glossary, term, " ".join(query))
    tree = neighbourhood(glossary, term, depth)
    if json_output:
        out.json(tree.as_dict())
    elif out.rich:
        out.render(tree_rich(tree))
    else:
        out.text(tree_plain(tree))
