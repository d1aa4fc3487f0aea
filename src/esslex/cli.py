"""Entry point of the installed `esslex` script (commands are loaded as they are called)."""

from __future__ import annotations

from esslex.app import app

__all__ = ["app", "main"]


def main() -> None:
    app(prog_name="esslex")
