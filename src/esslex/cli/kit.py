"""`esslex kit`: every document of a training day in one folder (write/kit.py does it)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from esslex.cli.app import JsonOption, command, in_use
from esslex.cli.branding_options import (
    AuthorOption,
    DateOption,
    LicenceOption,
    LogoOption,
    OrganisationOption,
    ProfileOption,
    SubtitleOption,
    TitleOption,
    branding_from,
)
from esslex.cli.jurisdiction import JurisdictionOption
from esslex.cli.options import (
    FavouritesOption,
    FromOption,
    SeedOption,
    TermOption,
    ThemeOption,
    WithRelatedOption,
    selection_of,
)
from esslex.cli.output import Output


@command("kit")
def kit_command(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Dossier à écrire (absent ou vide\u00a0; sinon --force).",
            metavar="DOSSIER",
            readable=False,  # written by esslex, which says in French what stops it
        ),
    ],
    theme: ThemeOption = None,
    term: TermOption = None,
    with_related: WithRelatedOption = False,
    favourites: FavouritesOption = False,
    jurisdiction: JurisdictionOption = None,
    from_files: FromOption = None,
    count: Annotated[
        Optional[int],
        typer.Option(
            "--count",
            "-n",
            help="Nombre d’entrées tirées pour chaque type d’exercice (par défaut 4\u00a0: 12 questions).",
            metavar="N",
        ),
    ] = None,
    seed: SeedOption = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Remplacer le contenu du dossier s’il n’est pas vide."),
    ] = False,
    as_json: JsonOption = False,
    title: TitleOption = None,
    subtitle: SubtitleOption = None,
    organisation: OrganisationOption = None,
    author: AuthorOption = None,
    date: DateOption = None,
    logo: LogoOption = None,
    licence: LicenceOption = None,
    profile: ProfileOption = None,
) -> None:
    """Dans le dossier\u00a0: le polycopié (PDF et DOCX), la fiche des participants, la fiche
    d’exercices et son corrigé, le quiz GIFT et le glossaire Moodle, les cartes Anki, le
    diaporama Marp, la page hors ligne, et un README.txt qui dit à quoi sert chaque fichier.
    Une graine (--seed) et une date (--date) pour tout le dossier\u00a0; par défaut, une graine
    tirée au hasard et la date du jour, notées dans le README.txt."""
    from esslex.exporters import ExportOptions
    from esslex.find.selection import describe
    from esslex.trainer.questions import random_seed
    from esslex.write.atomicfile import check_folder
    from esslex.write.kit import DEFAULT_COUNT, check_libraries, make_kit

    check_folder(output, force)
    check_libraries()
    branding = branding_from(title, subtitle, organisation, author, date, logo, licence, profile)
    glossary = in_use(ctx).load()
    selection = selection_of(
        glossary, theme, term, with_related, favourites, jurisdiction, from_files
    )
    out = Output()
    drawn = random_seed() if seed is None else seed
    try:
        kit = make_kit(
            selection,
            branding,
            output,
            seed=drawn,
            date=branding.date or ExportOptions().date.isoformat(),
            count=DEFAULT_COUNT if count is None else count,
            force=force,
            progress=out.progress,
        )
    finally:
        out.progress("")
    if as_json:
        out.json([piece.as_json(output) for piece in kit.pieces])
        return
    for piece in kit.pieces:
        out.line(f"{output / piece.path}\u00a0: {piece.description}")
    out.message(
        f"Dossier écrit\u00a0: {output} ({len(kit.pieces)} fichiers, {describe(selection)},"
        f" graine {drawn}, date {kit.date})."
    )
