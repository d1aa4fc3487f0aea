"""`esslex export`: the glossary, or a selection of it, in a standard format or a handout."""

from __future__ import annotations

import enum
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
    FavouritesOption,
    ForceOption,
    FromOption,
    TermOption,
    ThemeOption,
    WithRelatedOption,
    check_output,
    output_file,
    selection_of,
)
from esslex.cli.output import Output
from esslex.errors import UsageError


class GroupBy(str, enum.Enum):
    theme = "theme"
    alpha = "alpha"


class Order(str, enum.Enum):
    label = "label"
    given = "given"
    theme = "theme"


class Layout(str, enum.Enum):
    full = "full"
    fiche = "fiche"


class Audience(str, enum.Enum):
    participants = "participants"
    trainers = "trainers"


class TbxVersion(str, enum.Enum):
    v2019 = "2019"
    v2008 = "2008"


_HANDOUT_PANEL = "Contenu des polycopiés"


def _formats_help() -> str:
    handouts = [e.name for e in exporters.EXPORTERS.values() if e.handout]
    data = [e.name for e in exporters.EXPORTERS.values() if not e.handout]
    extras: dict[str, list[str]] = {}
    for exporter in exporters.EXPORTERS.values():
        if exporter.extra:
            extras.setdefault(exporter.extra, []).append(exporter.name)
    needs = "\u00a0; ".join(
        f"{', '.join(names)}, extra «\u00a0{extra}\u00a0»" for extra, names in extras.items()
    )
    return (
        f"Format\u00a0: polycopié ({', '.join(handouts)}) ou données ({', '.join(data)})."
        " Les extensions valent pour leur format (md, htm, ttl, jsonld…)."
        " Par défaut, déduit de l’extension de --output."
        f" Bibliothèques en plus (extras d’esslex, voir le README)\u00a0: {needs}."
    )


def _complete_format(incomplete: str) -> list[str]:
    return exporters.format_names(incomplete)


def _delimiter(given: str | None, excel: bool) -> str:
    if given is None:
        return ";" if excel else ","
    from esslex.exporters.csv import parse_delimiter

    delimiter = parse_delimiter(given)
    if delimiter in '"\r\n' or delimiter.isalnum():
        raise UsageError(
            f"--delimiter «\u00a0{given}\u00a0»\u00a0: une lettre, un chiffre ou un guillemet ne peut séparer les colonnes"
        )
    return delimiter


@command("export")
def export_command(
    ctx: typer.Context,
    format_name: Annotated[
        Optional[str],
        typer.Option(
            "--format",
            "-f",
            help=_formats_help(),
            metavar="FORMAT",
            show_default=False,
            autocompletion=_complete_format,
        ),
    ] = None,
    theme: ThemeOption = None,
    jurisdiction: JurisdictionOption = None,
    term: TermOption = None,
    with_related: WithRelatedOption = False,
    favourites: FavouritesOption = False,
    from_files: FromOption = None,
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            help="Fichier à écrire (obligatoire pour pdf et docx\u00a0; un dossier pour stardict). Sans cette option\u00a0: la sortie standard.",
            metavar="FICHIER",
            readable=False,  # written by esslex, which says in French what stops it
        ),
    ] = None,
    force: ForceOption = False,
    title: TitleOption = None,
    subtitle: SubtitleOption = None,
    organisation: OrganisationOption = None,
    author: AuthorOption = None,
    date: DateOption = None,
    logo: LogoOption = None,
    licence: LicenceOption = None,
    profile: ProfileOption = None,
    order: Annotated[
        Optional[Order],
        typer.Option(
            "--order",
            help="Polycopiés\u00a0: par thème (theme, par défaut), de A à Z (label) ou dans"
            " l’ordre des --term (given).",
            metavar="ORDRE",
            case_sensitive=False,
            show_default=False,
            rich_help_panel=_HANDOUT_PANEL,
        ),
    ] = None,
    group_by: Annotated[
        GroupBy,
        typer.Option(
            "--group-by",
            help="Ancienne forme de --order\u00a0: theme, ou alpha (= --order label).",
            case_sensitive=False,
            rich_help_panel=_HANDOUT_PANEL,
        ),
    ] = GroupBy.theme,
    audience: Annotated[
        Audience,
        typer.Option(
            "--for",
            help="Lecteurs du polycopié\u00a0: participants (par défaut\u00a0: une ligne de"
            " source par entrée, sans notes éditoriales ni bibliographie) ou trainers"
            " (formateurs\u00a0: notes éditoriales, toutes les sources, bibliographie).",
            metavar="LECTEURS",
            case_sensitive=False,
            rich_help_panel=_HANDOUT_PANEL,
        ),
    ] = Audience.participants,
    bibliography: Annotated[
        bool,
        typer.Option(
            "--bibliography",
            help="Ajouter la bibliographie (d’office avec --for trainers).",
            rich_help_panel=_HANDOUT_PANEL,
        ),
    ] = False,
    qr: Annotated[
        Optional[str],
        typer.Option(
            "--qr",
            help="Adresse de la page publiée (http ou https), imprimée en code QR sur la"
            " couverture (html, pdf, docx).",
            metavar="URL",
            rich_help_panel=_HANDOUT_PANEL,
        ),
    ] = None,
    group_own: Annotated[
        bool,
        typer.Option(
            "--group-own",
            help="Vos propres entrées (celles des glossaires autres que le glossaire fourni)"
            " d’abord, sous «\u00a0Nos termes\u00a0».",
            rich_help_panel=_HANDOUT_PANEL,
        ),
    ] = False,
    no_notes: Annotated[
        bool,
        typer.Option(
            "--no-notes",
            help="Sans les notes (ni les notes éditoriales).",
            rich_help_panel=_HANDOUT_PANEL,
        ),
    ] = False,
    no_sources: Annotated[
        bool,
        typer.Option(
            "--no-sources",
            help="Sans les sources ni la bibliographie.",
            rich_help_panel=_HANDOUT_PANEL,
        ),
    ] = False,
    no_index: Annotated[
        bool, typer.Option("--no-index", help="Sans l’index.", rich_help_panel=_HANDOUT_PANEL)
    ] = False,
    no_toc: Annotated[
        bool, typer.Option("--no-toc", help="Sans le sommaire.", rich_help_panel=_HANDOUT_PANEL)
    ] = False,
    one_per_page: Annotated[
        bool,
        typer.Option(
            "--one-per-page",
            help="Une entrée par page (pdf, docx, impression du html).",
            rich_help_panel=_HANDOUT_PANEL,
        ),
    ] = False,
    layout: Annotated[
        Layout,
        typer.Option(
            "--layout",
            help="full\u00a0: les entrées complètes\u00a0; fiche\u00a0: un tableau du terme et de"
            " la première phrase de sa définition, à afficher ou à distribuer.",
            case_sensitive=False,
            rich_help_panel=_HANDOUT_PANEL,
        ),
    ] = Layout.full,
    delimiter: Annotated[
        Optional[str],
        typer.Option(
            "--delimiter",
            help="CSV\u00a0: séparateur de colonnes, un caractère (par défaut «\u00a0,\u00a0»).",
            metavar="CARACTÈRE",
            show_default=False,
        ),
    ] = None,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help="CSV\u00a0: pour Excel en français (point-virgule, BOM, fins de ligne CRLF).",
        ),
    ] = False,
    tbx_version: Annotated[
        TbxVersion,
        typer.Option(
            "--tbx-version",
            metavar="VERSION",
            help="TBX\u00a0: 2019 (ISO 30042:2019, par défaut) ou 2008 (TBX-Basic <martif>, que"
            " lisent OmegaT, Weblate et translate-toolkit).",
            case_sensitive=False,
        ),
    ] = TbxVersion.v2019,
    base_uri: Annotated[
        Optional[str],
        typer.Option(
            "--base-uri",
            help="SKOS\u00a0: préfixe des URI des concepts (par défaut urn:esslex:<glossaire>:).",
            metavar="URI",
        ),
    ] = None,
) -> None:
    from esslex.documents.entryview import web_url
    from esslex.find.selection import describe

    target = output_file(output)
    exporter = exporters.choose(format_name, target)
    if exporter.directory and target is None:
        raise UsageError(
            f"le format «\u00a0{exporter.name}\u00a0» écrit plusieurs fichiers\u00a0: précisez le"
            " dossier où les écrire avec --output (par exemple --output dictionnaire)."
        )
    if not exporter.directory:
        example = f"glossaire.{exporter.extension}"
        check_output(target, force, exporter.name, exporter.binary, example)

    if qr is not None and web_url(qr) is None:
        raise UsageError(
            f"--qr «\u00a0{qr}\u00a0»\u00a0: une adresse http ou https est attendue (par"
            " exemple https://exemple.org/glossaire/)."
        )
    branding = branding_from(title, subtitle, organisation, author, date, logo, licence, profile)
    glossary = in_use(ctx).load()
    selection = selection_of(
        glossary, theme, term, with_related, favourites, jurisdiction, from_files
    )
    options = exporters.ExportOptions(
        branding=branding,
        base_uri=base_uri,
        order=order.value if order else ("label" if group_by is GroupBy.alpha else "theme"),
        audience=audience.value,
        notes=not no_notes,
        sources=not no_sources,
        bibliography=bibliography,
        qr=web_url(qr),
        group_own=group_own,
        index=not no_index,
        toc=not no_toc,
        one_per_page=one_per_page,
        layout=layout.value,
        delimiter=_delimiter(delimiter, excel),
        excel=excel,
        tbx_version=tbx_version.value,
    )
    out = Output()
    with out.slow_step(f"Mise en forme ({exporter.name}, {describe(selection)})…"):
        rendered = exporter.render(selection, options)

    if isinstance(rendered, dict):
        from esslex.write.atomicfile import write_folder

        assert target is not None
        write_folder(target, rendered, force=force)
        out.message(
            f"Dossier écrit\u00a0: {target} ({exporter.name}, {len(rendered)} fichiers,"
            f" {describe(selection)})."
        )
        return
    out.deliver(rendered, target, force, escapes=exporter.escapes)
    if target is not None:
        out.message(f"Fichier écrit\u00a0: {target} ({exporter.name}, {describe(selection)}).")
    lost = exporter.losses(selection)
    if lost:
        out.message(f"Attention\u00a0: {lost}.")
