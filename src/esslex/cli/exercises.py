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
    ChoiceOption,
    ClozeOption,
    CountOption,
    FavouritesOption,
    ForceOption,
    FromOption,
    FullDefinitionsOption,
    KindOption,
    MatchingOption,
    SeedOption,
    TermOption,
    ThemeOption,
    WithRelatedOption,
    check_output,
    kinds_and_counts,
    output_file,
    selection_of,
)
from esslex.cli.output import Output
from esslex.errors import UsageError
from esslex.exporters.worksheet import FORMATS
from esslex.trainer.questions import Kind
from esslex.trainer.worksheet import MAX_VERSIONS, VERSION_LETTERS


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
    matching: MatchingOption = None,
    cloze: ClozeOption = None,
    choice: ChoiceOption = None,
    full_definitions: FullDefinitionsOption = False,
    seed: SeedOption = None,
    versions: Annotated[
        int,
        typer.Option(
            "--versions",
            help="Versions A, B… des mêmes questions dans un autre ordre (options mélangées),"
            " une par fichier\u00a0: FICHIER-A.pdf, FICHIER-B.pdf…",
            min=1,
            max=MAX_VERSIONS,
            metavar="N",
        ),
    ] = 1,
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
    """Par défaut, les trois types d’exercices, chaque entrée de la sélection une fois."""
    from esslex.exporters.worksheet import render
    from esslex.trainer.questions import generate, random_seed
    from esslex.trainer.worksheet import for_selection, version_path

    branding = branding_from(title, subtitle, organisation, author, date, logo, licence, profile)
    if no_key and key_only:
        raise UsageError("--no-key et --key-only s’excluent\u00a0: choisissez l’un des deux.")
    target = output_file(output)
    chosen = exporters.choose(format_name, target, among=FORMATS)
    if versions > 1 and target is None:
        raise UsageError("--versions écrit un fichier par version\u00a0: donnez --output FICHIER.")
    targets = [version_path(target, n, versions) if target else None for n in range(versions)]
    for path in targets:
        check_output(path, force, chosen.name, chosen.binary, f"exercices.{chosen.extension}")

    glossary = in_use(ctx).load()
    selection = selection_of(
        glossary, theme, term, with_related, favourites, jurisdiction, from_files
    )
    kinds, per_kind = kinds_and_counts(kind, matching, cloze, choice, list(Kind))
    drawn = random_seed() if seed is None else seed
    out = Output()
    for number, path in enumerate(targets):
        questions = generate(
            selection,
            kinds,
            count,
            drawn,
            per_kind=per_kind,
            full=full_definitions,
            version=number,
        )
        worksheet = for_selection(
            selection,
            branding,
            questions,
            kinds,
            seed=drawn,
            version=VERSION_LETTERS[number] if versions > 1 else "",
            show_questions=not key_only,
            show_key=not no_key,
        )
        out.deliver(render(worksheet, chosen.name), path, force)
        if path is not None:
            # The cover's scope: the entries the questions use (« 12 entrées sur 95 »).
            scope = worksheet.cover.scope
            out.message(f"Fichier écrit\u00a0: {path} ({chosen.name}, {scope}, graine {drawn}).")
