"""Options several commands share: which entries to use (as `export` selects them)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

ThemeOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--theme",
        "-t",
        help="Les entrées de ce thème (identifiant ou libellé\u00a0; option répétable).",
        metavar="THÈME",
    ),
]
TermOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--term",
        help="Cette entrée, retrouvée comme avec «\u00a0define\u00a0» (option répétable).",
        metavar="TERME",
    ),
]
WithRelatedOption = Annotated[
    bool,
    typer.Option(
        "--with-related",
        help="Ajouter les entrées liées (génériques, spécifiques, voir aussi) à la sélection.",
    ),
]
CountOption = Annotated[
    Optional[int],
    typer.Option("--count", "-n", help="Nombre d’entrées à utiliser, tirées au hasard.", min=1),
]
SeedOption = Annotated[
    Optional[int],
    typer.Option(
        "--seed",
        help="Graine du tirage\u00a0: la même graine redonne les mêmes questions.",
        metavar="N",
    ),
]
