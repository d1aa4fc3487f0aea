"""`esslex completion`: Typer's shell completion, with French messages."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from esslex.app import command
from esslex.errors import UsageError
from esslex.output import Output

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


@command("completion")
def completion_command(
    ctx: typer.Context,
    shell: Annotated[
        Optional[str],
        typer.Argument(
            help="Interpréteur\u00a0: bash, zsh, fish ou powershell (détecté s’il est omis).",
            metavar="[SHELL]",
            show_default=False,
        ),
    ] = None,
    install: Annotated[
        bool,
        typer.Option("--install", help="Installer la complétion dans la configuration du shell."),
    ] = False,
) -> None:
    """Afficher (ou installer) le script de complétion pour votre shell."""
    from typer._completion_classes import completion_init  # noqa: PLC0415
    from typer._completion_shared import (  # noqa: PLC0415
        _get_shell_name,
        get_completion_script,
    )
    from typer._completion_shared import install as install_script  # noqa: PLC0415

    completion_init()
    shell = shell or _get_shell_name()
    if shell not in SHELLS:
        raise UsageError(
            f"shell non pris en charge\u00a0: «\u00a0{shell or 'inconnu'}\u00a0»"
            "\u00a0; choisissez bash, zsh, fish ou powershell"
        )
    prog_name = ctx.find_root().info_name or "esslex"
    complete_var = "_{}_COMPLETE".format(prog_name.replace("-", "_").upper())
    out = Output()
    if install:
        installed_shell, path = install_script(
            shell=shell, prog_name=prog_name, complete_var=complete_var
        )
        out.message(
            f"Complétion {installed_shell} installée dans {path}\u00a0;"
            " elle prendra effet dans un nouveau terminal."
        )
        return
    out.text(get_completion_script(prog_name=prog_name, complete_var=complete_var, shell=shell))
