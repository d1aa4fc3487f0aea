"""`esslex new`: a new glossary of one's own, with its title, publisher and licence; with
--update, the header of an existing one."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Optional

import typer

from esslex.cli.app import command, in_use
from esslex.cli.output import Output
from esslex.errors import UsageError

# --- esslex new -----------------------------------------------------------------------------


def loaded_hint(out: Output, path: Path, extra: Sequence[Path]) -> None:
    from esslex.glossary.paths import is_user_glossary, same_file

    if is_user_glossary(path) or any(same_file(path, other) for other in extra):
        return
    out.message(
        f"Ce fichier n’est pas dans le dossier des glossaires personnels\u00a0: chargez-le avec"
        f" «\u00a0esslex --glossary {path} …\u00a0» (voir «\u00a0esslex glossaries\u00a0»)."
    )


@command("new")
def new_command(
    ctx: typer.Context,
    file: Annotated[
        Optional[Path],
        typer.Argument(
            help="Fichier à créer (par défaut\u00a0: personnel.toml du dossier des glossaires personnels).",
            metavar="[FICHIER]",
            show_default=False,
            readable=False,  # written by esslex, which says in French what stops it
        ),
    ] = None,
    title: Annotated[
        Optional[str],
        typer.Option(
            "--title",
            help="Titre du glossaire, celui de la couverture de vos polycopiés.",
            metavar="TITRE",
        ),
    ] = None,
    publisher: Annotated[
        Optional[str],
        typer.Option(
            "--publisher",
            help="Éditeur du glossaire (votre organisme), cité dans les crédits.",
            metavar="NOM",
        ),
    ] = None,
    licence: Annotated[
        Optional[str],
        typer.Option(
            "--licence",
            help="Licence des textes du glossaire (par exemple «\u00a0CC BY 4.0\u00a0»).",
            metavar="TEXTE",
        ),
    ] = None,
    profile: Annotated[
        Optional[Path],
        typer.Option(
            "--profile",
            help="Profil de présentation (TOML)\u00a0: ses clés title, organisation (l’éditeur)"
            " et licence\u00a0; les options données en plus l’emportent.",
            metavar="FICHIER.toml",
            readable=False,  # read by esslex: a French reason, exit code 3
        ),
    ] = None,
    glossary_id: Annotated[
        Optional[str],
        typer.Option(
            "--id",
            help="Identifiant du glossaire (par défaut\u00a0: d’après le nom).",
            metavar="ID",
        ),
    ] = None,
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="Glossaire existant\u00a0: changer son titre, son éditeur ou sa licence,"
            " sans toucher aux entrées.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Remplacer le fichier s’il existe déjà.")
    ] = False,
) -> None:
    from esslex.glossary.paths import default_glossary_path
    from esslex.write.authoring import bundled_theme_ids, create_glossary, new_glossary_text

    if profile is not None:
        from esslex.documents.branding import load_profile

        given = load_profile(profile)
        title = title or given.title
        publisher = publisher or given.organisation
        licence = licence or given.licence
    path = file or default_glossary_path()
    out = Output()
    if update:
        _update_header(ctx, out, path, title, publisher, licence, glossary_id, force)
        return
    text = new_glossary_text(
        path, title, glossary_id, bundled_theme_ids(), publisher=publisher, licence=licence
    )
    create_glossary(path, text.encode("utf-8"), force=force)
    out.line(f"Glossaire créé\u00a0: {path}")
    out.message(
        "Ajoutez-y des entrées avec «\u00a0esslex add"
        + ("" if file is None else f" --to {path}")
        + "\u00a0» ou en le modifiant à la main."
    )
    loaded_hint(out, path, in_use(ctx).extra)


def _update_header(
    ctx: typer.Context,
    out: Output,
    path: Path,
    title: str | None,
    publisher: str | None,
    licence: str | None,
    glossary_id: str | None,
    force: bool,
) -> None:
    """`new --update`: the header of an existing file, its entries untouched."""
    from esslex.write.header import header_values, update_header

    if glossary_id is not None or force:
        raise UsageError(
            "--update ne change que le titre, l’éditeur et la licence\u00a0: sans --id ni --force"
        )
    values = header_values(title, publisher, licence)
    if not values:
        raise UsageError(
            "--update\u00a0: précisez --title, --publisher ou --licence (ou --profile)"
        )
    update_header(path, in_use(ctx).paths(), values)
    out.line(f"En-tête mis à jour\u00a0: {path} ({', '.join(values)})")
