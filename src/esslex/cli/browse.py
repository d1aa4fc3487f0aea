"""`esslex browse`: the glossary full-screen in the terminal (Textual, the `browse` extra)."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from esslex.cli.app import command, in_use
from esslex.cli.output import Output
from esslex.errors import EXIT_OK, UsageError, needs_libraries

if TYPE_CHECKING:
    from esslex.tui.learning import LearnerStore


@command("browse")
def browse_command(
    ctx: typer.Context,
    query: Annotated[
        Optional[list[str]],
        typer.Argument(
            help="Terme cherché d’emblée (facultatif)\u00a0; la recherche se poursuit à l’écran.",
            metavar="[TERME]",
            show_default=False,
        ),
    ] = None,
) -> int:
    """Recherche pendant la frappe, thèmes, liste de A à Z, entrée comme «\u00a0esslex define\u00a0»
    avec ses renvois à suivre (Entrée\u00a0; retour\u00a0: Retour arrière ou Alt+←), favoris (f),
    palette de commandes (Ctrl+P)\u00a0: exporter, réviser, lien officiel. Ctrl+Q pour quitter."""
    # As for the command line itself (esslex/cli/__init__.py): Textual's import builds only
    # objects that live as long as the process, so no cyclic collection runs meanwhile
    # (a tenth of the first screen's time).
    gc.disable()
    try:
        with needs_libraries("«\u00a0esslex browse\u00a0»", "browse"):
            from esslex.tui.app import BrowseApp
    finally:
        gc.freeze()
        gc.enable()
    out = Output()
    if not out.is_terminal:
        raise UsageError(
            "«\u00a0esslex browse\u00a0» s’affiche dans un terminal\u00a0; dans un script, utilisez"
            " «\u00a0esslex define\u00a0», «\u00a0esslex search\u00a0» ou «\u00a0esslex list\u00a0»."
        )
    state = in_use(ctx)
    index = state.index()
    store = learner_store()
    try:
        BrowseApp(index, store, state.load, " ".join(query or []), colours=out.rich).run()
    finally:
        store.close()
    return EXIT_OK


def learner_store() -> LearnerStore:
    """The learner's store (favourites, history, review queue) in the user's data folder,
    shared with `esslex history`, `favourites` and `review`."""
    from esslex.learner.store import open_learner_store

    return open_learner_store()
