"""Options several commands share: which entries to use (as `export` selects them), which
questions to ask, and the output file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from esslex.errors import UsageError
from esslex.trainer.kinds import Kind  # not questions: every command's start-up imports this

if TYPE_CHECKING:
    from esslex.find.selection import Selection
    from esslex.glossary.model import Glossary

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
FavouritesOption = Annotated[
    bool,
    typer.Option(
        "--favourites",
        help="Seulement vos entrées favorites («\u00a0esslex favourites\u00a0»)\u00a0; avec"
        " --theme ou --term, celles de la sélection.",
    ),
]
FromOption = Annotated[
    Optional[list[Path]],
    typer.Option(
        "--from",
        help="Seulement les entrées de ce glossaire, quand plusieurs sont chargés (option"
        " répétable\u00a0; voir «\u00a0esslex glossaries\u00a0»).",
        metavar="FICHIER",
        readable=False,  # compared with the glossaries in use, never read here
    ),
]
CountOption = Annotated[
    Optional[int],
    typer.Option(
        "--count",
        "-n",
        help="Nombre de questions, une par entrée tirée au hasard, réparties entre les types"
        " d’exercices (par défaut, chaque entrée de la sélection une fois).",
        metavar="N",
        min=1,
    ),
]
SeedOption = Annotated[
    Optional[int],
    typer.Option(
        "--seed",
        help="Graine du tirage\u00a0: la même graine redonne les mêmes questions.",
        metavar="N",
    ),
]
KindOption = Annotated[
    Optional[list[Kind]],
    typer.Option(
        "--kind",
        "-k",
        help="Type de questions\u00a0: matching (associer), cloze (texte à trous), choice (choix"
        " multiple)\u00a0; option répétable.",
        case_sensitive=False,
        show_default=False,
    ),
]


def _kind_count(kind: str, example: int) -> Any:
    return typer.Option(
        f"--{kind}",
        help=f"Nombre de questions «\u00a0{Kind(kind).label}\u00a0» (exemple\u00a0: --{kind}"
        f" {example})\u00a0; ajoute ce type.",
        metavar="N",
        min=1,
        show_default=False,
    )


MatchingOption = Annotated[Optional[int], _kind_count("matching", 4)]
ClozeOption = Annotated[Optional[int], _kind_count("cloze", 6)]
ChoiceOption = Annotated[Optional[int], _kind_count("choice", 8)]
FullDefinitionsOption = Annotated[
    bool,
    typer.Option(
        "--full-definitions",
        help="Les définitions entières (par défaut, la phrase qui définit l’entrée).",
    ),
]


def kinds_and_counts(
    kinds: Optional[list[Kind]],
    matching: Optional[int],
    cloze: Optional[int],
    choice: Optional[int],
    default: list[Kind],
) -> tuple[list[Kind], dict[Kind, int]]:
    """The kinds asked for (--kind, and each --matching/--cloze/--choice N, in the
    generator's order), else `default`, and the counts given per kind."""
    per_kind = {
        kind: count
        for kind, count in ((Kind.matching, matching), (Kind.cloze, cloze), (Kind.choice, choice))
        if count is not None
    }
    asked = list(dict.fromkeys([*(kinds or []), *per_kind]))
    return (asked or default), per_kind


ForceOption = Annotated[
    bool, typer.Option("--force", help="Remplacer le fichier de sortie s’il existe.")
]


def favourite_ids(glossary: Glossary, favourites: bool) -> set[str] | None:
    """With --favourites, the ids of the glossary's entries marked as favourites."""
    if not favourites:
        return None
    from esslex.learner.entries import entry_key
    from esslex.learner.store import open_learner_store

    with open_learner_store() as store:
        marked = {(glossary_id, entry_id) for glossary_id, entry_id, _ in store.favourites()}
    return {term.id for term in glossary if entry_key(term, glossary) in marked}


def selection_of(
    glossary: Glossary,
    theme: Optional[list[str]],
    term: Optional[list[str]],
    with_related: bool,
    favourites: bool,
    jurisdiction: Optional[str] = None,
    from_files: Optional[list[Path]] = None,
) -> Selection:
    """The entries the selection options (--theme, --term, --with-related, --favourites,
    --jurisdiction, --from) name, read one way by every command that takes them."""
    from esslex.cli.jurisdiction import jurisdiction_code
    from esslex.find.selection import select

    return select(
        glossary,
        theme or (),
        term or (),
        with_related,
        favourite_ids(glossary, favourites),
        jurisdiction_code(jurisdiction),
        files=from_files or (),
    )


def output_file(output: Optional[Path]) -> Optional[Path]:
    """The file --output names; None for the standard output (no --output, or « - »)."""
    return None if output is None or str(output) == "-" else output


def check_output(
    target: Optional[Path], force: bool, format_name: str, binary: bool, example: str
) -> None:
    """Before the (possibly long) rendering: a binary format needs a file, and a file is
    replaced only with --force (`write_atomic` checks again when writing)."""
    if binary and target is None:
        raise UsageError(
            f"le format «\u00a0{format_name}\u00a0» est binaire\u00a0: précisez le fichier à"
            f" écrire avec --output (par exemple --output {example})."
        )
    if target is not None:
        from esslex.write.atomicfile import check_target

        check_target(target, force)
