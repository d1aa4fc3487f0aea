"""The branding options (--title … --profile) that every command printing for people takes.

A command declares the parameters with these types and passes them to `branding_from`:

    def worksheet(..., title: TitleOption = None, subtitle: SubtitleOption = None,
                  organisation: OrganisationOption = None, author: AuthorOption = None,
                  date: DateOption = None, logo: LogoOption = None,
                  licence: LicenceOption = None, profile: ProfileOption = None) -> None:
        branding = branding_from(title, subtitle, organisation, author, date, logo,
                                 licence, profile)

Values given on the command line win over the profile's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:  # read when a document is made: `annotate --report` starts without it
    from esslex.documents.branding import Branding

_PANEL = "Présentation (polycopiés et supports)"

TitleOption = Annotated[
    Optional[str],
    typer.Option(
        "--title",
        help="Titre du document (par exemple celui de la formation)\u00a0; le titre du"
        " glossaire passe en sous-titre.",
        metavar="TITRE",
        rich_help_panel=_PANEL,
    ),
]
SubtitleOption = Annotated[
    Optional[str],
    typer.Option(
        "--subtitle", help="Sous-titre du document.", metavar="TEXTE", rich_help_panel=_PANEL
    ),
]
OrganisationOption = Annotated[
    Optional[str],
    typer.Option(
        "--organisation",
        help="Organisme qui diffuse le document (réseau, centre de formation).",
        metavar="NOM",
        rich_help_panel=_PANEL,
    ),
]
AuthorOption = Annotated[
    Optional[str],
    typer.Option(
        "--author",
        help="Auteur ou formateur (champ auteur des métadonnées).",
        metavar="NOM",
        rich_help_panel=_PANEL,
    ),
]
DateOption = Annotated[
    Optional[str],
    typer.Option(
        "--date",
        help="Date de la session, AAAA-MM-JJ (écrite en français) ou texte libre"
        "\u00a0; par défaut, la date du jour.",
        metavar="DATE",
        rich_help_panel=_PANEL,
    ),
]
LogoOption = Annotated[
    Optional[Path],
    typer.Option(
        "--logo",
        help="Logo en PNG, JPEG ou SVG (2\u00a0Mo au plus).",
        metavar="FICHIER",
        rich_help_panel=_PANEL,
        readable=False,  # read by esslex: a French reason, exit code 3
    ),
]
LicenceOption = Annotated[
    Optional[str],
    typer.Option(
        "--licence",
        help="Licence du document (par exemple «\u00a0CC BY 4.0\u00a0»)\u00a0; les droits"
        " des textes du glossaire sont cités à part.",
        metavar="TEXTE",
        rich_help_panel=_PANEL,
    ),
]
ProfileOption = Annotated[
    Optional[Path],
    typer.Option(
        "--profile",
        help="Fichier TOML de présentation (clés title, subtitle, organisation, author,"
        " date, logo, licence)\u00a0; les options données en plus l’emportent.",
        metavar="FICHIER.toml",
        rich_help_panel=_PANEL,
        readable=False,  # read by esslex: a French reason, exit code 3
    ),
]


def branding_from(
    title: str | None = None,
    subtitle: str | None = None,
    organisation: str | None = None,
    author: str | None = None,
    date: str | None = None,
    logo: Path | None = None,
    licence: str | None = None,
    profile: Path | None = None,
) -> Branding:
    """The branding the options and the profile give; BrandingError or ProfileError."""
    from esslex.documents.branding import Branding, check_date, load_profile, read_logo

    given = Branding(
        title=title,
        subtitle=subtitle,
        organisation=organisation,
        author=author,
        date=None if date is None else check_date(date),
        logo=None if logo is None else read_logo(logo),
        licence=licence,
    )
    return given if profile is None else given.over(load_profile(profile))
