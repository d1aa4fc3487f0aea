"""`esslex completion`: Typer's shell completion, with French messages."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from esslex.cli.app import command
from esslex.cli.output import Output
from esslex.errors import UsageError

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
    # Typer's public completion callbacks (those of --show-completion and
    # --install-completion): they print, then exit 0.
    from typer.completion import install_callback, show_callback

    shell = shell or _login_shell()
    if shell not in SHELLS:
        raise UsageError(
            f"shell non pris en charge\u00a0: «\u00a0{shell or 'inconnu'}\u00a0»"
            "\u00a0; choisissez bash, zsh, fish ou powershell"
        )
    if not install:
        _until_exit(show_callback, ctx, shell)
        return
    said = io.StringIO()
    with redirect_stdout(said):  # Typer says it in English: « bash completion installed in P »
        _until_exit(install_callback, ctx, shell)
    installed_shell, _, path = (
        said.getvalue().splitlines()[0].partition(" completion installed in ")
    )
    Output().message(
        f"Complétion {installed_shell} installée dans {path}\u00a0;"
        " elle prendra effet dans un nouveau terminal."
    )


def _until_exit(callback: Callable[..., Any], ctx: typer.Context, shell: str) -> None:
    try:
        callback(ctx, None, shell)
    except SystemExit as done:
        if done.code not in (0, None):
            raise


def _login_shell() -> str:
    """The user's shell, by the name of $SHELL (« bash », « zsh »…); empty if unknown."""
    return Path(os.environ.get("SHELL", "")).name
