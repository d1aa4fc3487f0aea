"""Entry point: the Typer app with every command registered."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from importlib import import_module

from esslex.app import app as _app

__all__ = ["app", "main"]  # noqa: F822 - `app` comes from __getattr__

# In the order `esslex --help` lists them: reading first, then export, own glossaries, tools.
COMMAND_MODULES = ("reading", "export", "user", "check", "completion")
# The module that registers each command. `main` imports only the one the command line
# names, and lets Typer build only that command (building them all costs as much as the
# rest of a lookup): start-up time. A command missing here still works, more slowly.
MODULE_OF_COMMAND = {
    "define": "reading",
    "search": "reading",
    "list": "reading",
    "themes": "reading",
    "related": "reading",
    "check": "check",
    "completion": "completion",
    "export": "export",
    "glossaries": "user",
    "new": "user",
    "add": "user",
    "import": "user",
}


def _register(modules: Iterable[str]) -> None:
    for module in modules:
        import_module(f"esslex.commands.{module}")


def __getattr__(name: str) -> object:
    # `from esslex.cli import app`: the app with every command.
    if name == "app":
        _register(COMMAND_MODULES)
        return _app
    raise AttributeError(name)


def invoked_command(args: Sequence[str]) -> str | None:
    """The command a command line names, past the global options; None if unsure."""
    arguments = iter(args)
    for argument in arguments:
        if argument in ("-g", "--glossary"):
            next(arguments, None)
        elif argument == "--no-bundled" or argument.startswith(("--glossary=", "-g")):
            continue
        elif argument.startswith("-"):
            return None  # help, version, or an error Click reports with every command
        else:
            return argument
    return None


def main() -> None:
    command = invoked_command(sys.argv[1:])
    completing = any(name.endswith("_COMPLETE") for name in os.environ)
    if command not in MODULE_OF_COMMAND or completing:
        _register(COMMAND_MODULES)
        _app(prog_name="esslex")
        return
    _register([MODULE_OF_COMMAND[command]])
    registered = list(_app.registered_commands)
    _app.registered_commands[:] = [info for info in registered if info.name == command]
    try:
        _app(prog_name="esslex")
    finally:
        _app.registered_commands[:] = registered
