"""`esslex exercises`: a printable worksheet (matching, cloze, choice) and its answer key."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from esslex import exporters
from esslex.cli.app import command, in_use
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
    CountOption,
    FavouritesOption,
    ForceOption,
    FromOption,
    KindOption,
    SeedOption,
    TermOption,
    ThemeOption,
    WithRelatedOption,
    check_output,
    output_file,
    selection_of,
)
from esslex.cli.output import Output
from esslex.errors import UsageError
from esslex.exporters.worksheet import FORMATS
from esslex.trainer.questions import Kind


def _complete_format(incomplete: str) -> list[str]:
    return [name for name in FORMATS if name.startswith(incomplete.lower())]


@command("exercises")
def exercises_command(
    ctx: typer.Context,
    theme: ThemeOption = None,
    jurisdiction: JurisdictionOption = None,
    term: TermOption = None,
    with_related: WithRelatedOption = False,
    favourites: FavouritesOption = False,
    from_files: FromOption = None,
    kind: KindOption = None,
    count: CountOption = None,
    seed: SeedOption = None,
    format_name: Annotated[
        Optional[str],
        typer.Option(
            "--format",
            "-f",
            help="html, pdf, docx ou markdown. Par défaut, déduit de l’extension de --output.",
            autocompletion=_complete_format,
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            help="Fichier à écrire (obligatoire pour pdf et docx). Sans cette option\u00a0: la"
            " sortie standard.",
            metavar="FICHIER",
            readable=False,  # written by esslex, which says in French what stops it
        ),
    ] = None,
    force: ForceOption = False,
    no_key: Annotated[
        bool, typer.Option("--no-key", help="Sans le corrigé (la fiche des participants).")
    ] = False,
    key_only: Annotated[
        bool, typer.Option("--key-only", help="Le corrigé seul (l’exemplaire du formateur).")
    ] = False,
    title: TitleOption = None,
    subtitle: SubtitleOption = None,
    organisation: OrganisationOption = None,
    author: AuthorOption = None,
    date: DateOption = None,
    logo: LogoOption = None,
    licence: LicenceOption = None,
    profile: ProfileOption = None,
) -> None:
    """Par défaut, les trois types d’exercices sur toutes les entrées de la sélection."""
    from esslex.exporters.worksheet import render
    from esslex.find.selection import describe
    from esslex.trainer.questions import generate, random_seed
    from esslex.trainer.worksheet import for_selection

    branding = branding_from(title, subtitle, organisation, author, date, logo, licence, profile)
    if no_key and key_only:
        raise UsageError("--no-key et --key-only s’excluent\u00a0: choisissez l’un des deux.")
    target = output_file(output)
    chosen = exporters.choose(format_name, target, among=FORMATS)
    check_output(target, force, chosen.name, chosen.binary, f"exercices.{chosen.extension}")

    glossary = in_use(ctx).load()
    selection = selection_of(
        glossary, theme, term, with_related, favourites, jurisdiction, from_files
    )
    kinds = kind or list(Kind)
    drawn = random_seed() if seed is None else seed
    questions = generate(selection, kinds, count, drawn)
    worksheet = for_selection(
        selection,
        branding,
        questions,
        kinds,
        seed=drawn,
        show_questions=not key_only,
        show_key=not no_key,
    )
    out = Output()
    out.deliver(render(worksheet, chosen.name), target, force)
    if target is not None:
        out.message(
            f"Fichier écrit\u00a0: {target} ({chosen.name}, {describe(selection)}, graine {drawn})."
        )
