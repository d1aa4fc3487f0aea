"""`esslex history` and `esslex favourites`: what the learner looked up, and the entries
they marked (both kept in the learner store)."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from esslex.cli.app import JsonOption, PlainOption, command, in_use
from esslex.cli.output import Output
from esslex.errors import EXIT_NOT_FOUND, EXIT_OK, OutputError, TermNotFound, UsageError
from esslex.text.normalize import one_line

if TYPE_CHECKING:
    from datetime import datetime

    from esslex.find.index import GlossaryIndex

DEFAULT_HISTORY_SHOWN = 20


def _label(glossary: GlossaryIndex, glossary_id: str, entry_id: str) -> str | None:
    """The entry's label, if the glossaries in use have it (None otherwise)."""
    from esslex.learner.entries import entry_key

    term = glossary.get(entry_id)
    if term is None or entry_key(term, glossary) != (glossary_id, entry_id):
        return None
    return term.label


def _local(text: str) -> datetime:
    """A stored moment in the learner clock's zone."""
    from esslex.learner.clock import now, parsed

    return parsed(text).astimezone(now().tzinfo)


@command("history")
def history_command(
    ctx: typer.Context,
    limit: Annotated[
        int,
        typer.Option("--limit", "-n", min=1, metavar="N", help="Nombre de consultations montrées."),
    ] = DEFAULT_HISTORY_SHOWN,
    clear: Annotated[bool, typer.Option("--clear", help="Effacer tout l’historique.")] = False,
    off: Annotated[
        bool, typer.Option("--off", help="Ne plus enregistrer les consultations.")
    ] = False,
    on: Annotated[
        bool, typer.Option("--on", help="Enregistrer de nouveau les consultations.")
    ] = False,
    json_output: JsonOption = False,
    plain: PlainOption = False,
) -> int:
    """Enregistré par «\u00a0define\u00a0» et «\u00a0related\u00a0» dans le dossier de données
    d’esslex, jamais envoyé ailleurs. ESSLEX_NO_HISTORY=1 ou --off l’arrêtent."""
    from esslex.learner import journal
    from esslex.learner.store import open_learner_store

    out = Output(plain=plain or json_output)
    if off and on:
        raise UsageError("--off et --on s’excluent\u00a0: l’un ou l’autre.")
    if off or on:
        _switch(on)
        if on and not journal.history_on():
            out.message(
                f"Historique repris, mais {journal.NO_HISTORY_VARIABLE} l’arrête encore dans cet"
                " environnement.",
                style="yellow",
            )
        else:
            out.message(
                "Historique repris."
                if on
                else "Historique arrêté\u00a0: les consultations ne"
                " sont plus enregistrées («\u00a0esslex history --on\u00a0» pour reprendre)."
            )
        return EXIT_OK
    with open_learner_store() as store:
        if clear:
            count = store.clear_history()
            out.message(f"Historique effacé ({count} consultation{'s' if count > 1 else ''}).")
            return EXIT_OK
        lookups = store.lookups(limit)
    glossary = in_use(ctx).index() if lookups else None
    rows = [
        {
            "time": _local(lookup.time).isoformat(timespec="seconds"),
            "glossary_id": lookup.glossary_id,
            "entry_id": lookup.entry_id,
            "label": _label(glossary, lookup.glossary_id, lookup.entry_id) if glossary else None,
            "query": lookup.query,
        }
        for lookup in lookups
    ]
    if json_output:
        out.json(rows)
        return EXIT_OK
    if not rows:
        out.message("Historique vide." if journal.history_on() else "Historique vide (arrêté).")
        return EXIT_OK
    for lookup, row in zip(lookups, rows, strict=True):
        when = _local(lookup.time).strftime("%d/%m/%Y %H:%M")
        label = row["label"]
        name = label or f"{lookup.entry_id} (absente des glossaires en usage)"
        # The words typed, when they are not the entry's name itself.
        same = lookup.query.casefold() == (label or lookup.entry_id).casefold()
        typed = "" if same else f" — «\u00a0{lookup.query}\u00a0»"
        out.line(one_line(f"{when}  {name}{typed}"))  # labels come from anyone's glossary
    return EXIT_OK


def _switch(on: bool) -> None:
    from esslex.learner.journal import off_marker

    marker = off_marker()
    try:
        if on:
            marker.unlink(missing_ok=True)
        else:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
    except OSError as error:
        from esslex.errors import os_error_text

        raise OutputError(f"{marker}\u00a0: {os_error_text(error)}") from None


class FavouriteAction(str, enum.Enum):
    add = "add"
    remove = "remove"
    list = "list"


@command("favourites")
def favourites_command(
    ctx: typer.Context,
    action: Annotated[
        FavouriteAction,
        typer.Argument(
            help="add (ajouter), remove (retirer) ou list (lister, par défaut).",
            metavar="[add|remove|list]",
            case_sensitive=False,
            show_default=False,
        ),
    ] = FavouriteAction.list,
    query: Annotated[
        Optional[list[str]],
        typer.Argument(
            help="Le terme à ajouter ou retirer, retrouvé comme avec «\u00a0define\u00a0».",
            metavar="[TERME]",
            show_default=False,
        ),
    ] = None,
    json_output: JsonOption = False,
    plain: PlainOption = False,
) -> int:
    """Les favoris servent de sélection\u00a0: --favourites pour export, exercises, quiz et
    review."""
    from esslex.learner.entries import entry_key
    from esslex.learner.store import open_learner_store

    out = Output(plain=plain or json_output)
    text = " ".join(query or ())
    if action is FavouriteAction.list:
        if text:
            raise UsageError("«\u00a0favourites list\u00a0» ne prend pas de terme.")
        with open_learner_store() as store:
            favourites = store.favourites()
        glossary = in_use(ctx).index() if favourites else None
        rows = [
            {
                "glossary_id": glossary_id,
                "entry_id": entry_id,
                "label": _label(glossary, glossary_id, entry_id) if glossary else None,
                "added": _local(added).isoformat(timespec="seconds"),
            }
            for glossary_id, entry_id, added in favourites
        ]
        if json_output:
            out.json(rows)
        elif not rows:
            out.message("Aucun favori («\u00a0esslex favourites add TERME\u00a0» en ajoute un).")
        else:
            for row in rows:
                name = row["label"] or f"{row['entry_id']} (absente des glossaires en usage)"
                out.line(one_line(name))
        return EXIT_OK
    if not text:
        raise UsageError(
            f"précisez le terme («\u00a0esslex favourites {action.value} TERME\u00a0»)."
        )
    from esslex.find import resolve

    glossary = in_use(ctx).index()
    with open_learner_store() as store:
        try:
            term = resolve.entry(glossary, text).term
            key = entry_key(term, glossary)
            label = term.label
        except TermNotFound:
            # An entry no longer in the glossaries in use is still removed by its id.
            gone = [(g, e) for g, e, _ in store.favourites() if e == text.strip()]
            if action is FavouriteAction.add or not gone:
                raise
            key, label = gone[0], text.strip()
        marked = store.is_favourite(*key)
        if action is FavouriteAction.add:
            if marked:
                out.message(f"«\u00a0{label}\u00a0» est déjà dans vos favoris.")
                return EXIT_OK
            store.set_favourite(*key, True)
            out.message(f"Ajouté aux favoris\u00a0: «\u00a0{label}\u00a0».")
            return EXIT_OK
        if not marked:
            out.message(f"«\u00a0{label}\u00a0» n’est pas dans vos favoris.")
            return EXIT_NOT_FOUND
        store.set_favourite(*key, False)
        out.message(f"Retiré des favoris\u00a0: «\u00a0{label}\u00a0».")
        return EXIT_OK
