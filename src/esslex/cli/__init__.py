"""Entry point of the installed `esslex` script (commands are loaded as they are called)."""

from __future__ import annotations

import gc

# Start-up builds only objects that live as long as the process (modules, classes, the
# command tree): a cyclic collection while they are made frees nothing, and those that ran
# cost a third of what esslex added to Typer's own start-up (docs/performance.md). So none
# runs while the application is imported, and later ones skip what it made (`gc.freeze`).
gc.disable()
try:
    from esslex.cli.app import app
finally:
    gc.freeze()
    gc.enable()

__all__ = ["app", "main"]


def main() -> None:
    app(prog_name="esslex")
