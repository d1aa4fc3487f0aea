"""Entry point: the Typer app with every command registered."""

from __future__ import annotations

from esslex.app import app
from esslex.commands import check, completion, export, reading, user  # noqa: F401 - registers the commands

__all__ = ["app", "main"]


def main() -> None:
    app(prog_name="esslex")
