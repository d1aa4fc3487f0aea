"""Typer/Click help and usage in French (the vendored Click hard-codes English)."""

from __future__ import annotations

import re
from typing import Any

import typer.core

# Typer vendors Click as the private `typer._click` and exports only BadParameter of it;
# the other errors and the string type are reached here, and only here.
from typer import _click

from esslex.normalize import UNDECODABLE

USAGE_PREFIX = "Utilisation\u00a0: "
HELP_OPTION_TEXT = "Afficher cette aide et quitter."


def _frenchify_rich_help() -> None:
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = "Arguments"
    rich_utils.OPTIONS_PANEL_TITLE = "Options"
    rich_utils.COMMANDS_PANEL_TITLE = "Commandes"
    rich_utils.DEFAULT_STRING = "[par défaut\u00a0: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[obligatoire]"
    rich_utils.ENVVAR_STRING = "[variable d’environnement\u00a0: {}]"
    rich_utils.DEPRECATED_STRING = "(obsolète) "


class _CleanText(_click.types.StringParamType):
    """Text from the command line, its undecodable bytes dropped: no file nor terminal can
    take them (a path keeps them: it names a file by its bytes)."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        text = super().convert(value, param, ctx)
        return UNDECODABLE.sub("", text) if isinstance(text, str) else text


class _Text(_CleanText):
    """A string argument whose help shows no `<str>` type (jargon, and English)."""

    def get_metavar(self, param: Any, ctx: Any) -> str | None:
        return ""


class _FrenchHelp:
    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        # Typer writes a required argument "{TERME}"; the usual notation is "TERME".
        pieces = [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE_PREFIX)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option

    def format_help(self, ctx: Any, formatter: Any) -> None:
        import sys

        from esslex.output import use_rich

        if use_rich(sys.stdout):
            _frenchify_rich_help()
            super().format_help(ctx, formatter)  # type: ignore[misc]
            return
        # Piped: Click's plain help, as importing Rich costs more than the rest of start-up.
        command: Any = self  # a TyperCommand or TyperGroup: they have rich_markup_mode
        rich_mode, command.rich_markup_mode = command.rich_markup_mode, None
        try:
            super().format_help(ctx, formatter)  # type: ignore[misc]
        finally:
            command.rich_markup_mode = rich_mode
        formatter.buffer[:] = [_french_plain(piece) for piece in formatter.buffer]


_PLAIN_WORDS = (
    ("Commands:\n", "Commandes\u00a0:\n"),
    ("Options:\n", "Options\u00a0:\n"),
    ("Arguments:\n", "Arguments\u00a0:\n"),
    ("[required]", "[obligatoire]"),
)


_RANGES = (
    # The help is wrapped already: "[default:" may end a line.
    (re.compile(r"\[default:(\s)"), "[par défaut\u00a0:\\1"),
    (re.compile(r"; (-?\d+)<=x<=(-?\d+)\]"), "\u00a0; de \\1 à \\2]"),
    (re.compile(r"; x>=(-?\d+)\]"), "\u00a0; au moins \\1]"),
    (re.compile(r"; x<=(-?\d+)\]"), "\u00a0; au plus \\1]"),
)


def _french_plain(text: str) -> str:
    for english, french in _PLAIN_WORDS:
        text = text.replace(english, french)
    for pattern, french in _RANGES:
        text = pattern.sub(french, text)
    return text


class FrenchCommand(_FrenchHelp, typer.core.TyperCommand):
    def get_short_help_str(self, limit: int = 45) -> str:
        # The command list of `esslex --help` shows each description whole (the formatter
        # wraps it), never cut with "..." as Click does at 45 characters.
        return super().get_short_help_str(limit=1_000_000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param.type) is _click.types.StringParamType:
                argument = getattr(param, "param_type_name", "") == "argument"
                param.type = _Text() if argument else _CleanText()


class FrenchGroup(_FrenchHelp, typer.core.TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subcommand_metavar = "COMMANDE [ARGS]..."


ClickError = _click.exceptions.ClickException
# `esslex` alone: Click raises this with the help as its message.
HelpAsked = _click.exceptions.NoArgsIsHelpError


def usage_exit_code(error: ClickError, usage: int) -> int:
    """`usage` for a usage error, else the error's own exit code."""
    return usage if isinstance(error, _click.exceptions.UsageError) else error.exit_code


def usage_message(error: ClickError) -> str:
    """A Click usage error, said in French on one line."""
    exceptions = _click.exceptions
    if isinstance(error, exceptions.NoSuchOption):
        message = f"option inconnue «\u00a0{error.option_name}\u00a0»"
        guesses = _closest(error.option_name, error.possibilities or ())
        if guesses:
            listed = " ou ".join(f"«\u00a0{guess}\u00a0»" for guess in guesses)
            message += f" (vouliez-vous dire {listed}\u00a0?)"
        return message
    if isinstance(error, exceptions.MissingParameter):
        param = error.param
        name = _param_name(param, error.ctx)
        kind = "argument" if getattr(param, "param_type_name", "") == "argument" else "option"
        return f"{kind} obligatoire manquant{'e' if kind == 'option' else ''}\u00a0: {name}"
    if isinstance(error, exceptions.BadParameter):
        name = _param_name(error.param, error.ctx) if error.param is not None else ""
        detail = _translate_detail(error.message)
        return (
            f"valeur invalide pour {name}\u00a0: {detail}"
            if name
            else f"valeur invalide\u00a0: {detail}"
        )
    if isinstance(error, exceptions.BadOptionUsage):
        return f"mauvais usage de l’option «\u00a0{error.option_name}\u00a0»\u00a0: {_translate_detail(error.message)}"
    return _translate_detail(error.message)


def _closest(typed: str, possibilities: Any) -> list[str]:
    """The options nearest to what was typed: the best, and any as near (« --them » →
    « --theme », not « --help »)."""
    from difflib import SequenceMatcher

    scored = sorted(
        ((SequenceMatcher(None, typed, option).ratio(), option) for option in possibilities),
        key=lambda pair: (-pair[0], pair[1]),
    )
    return [option for score, option in scored if score >= scored[0][0] - 0.05][:2]


def _param_name(param: Any, ctx: Any) -> str:
    if param is None:
        return ""
    if getattr(param, "param_type_name", "") == "argument":
        return str(param.make_metavar(ctx) if ctx is not None else param.name).strip("[].").upper()
    opts = getattr(param, "opts", None) or [param.name]
    return "«\u00a0" + " / ".join(opts) + "\u00a0»"


_DETAILS = (
    ("No such command", "commande inconnue"),
    ("Got unexpected extra argument", "argument en trop"),
    ("Got unexpected extra arguments", "arguments en trop"),
    ("is not a valid integer", "n’est pas un entier"),
    ("is not a valid int", "n’est pas un entier"),
    ("is not a valid float", "n’est pas un nombre"),
    ("is not a valid boolean", "n’est pas un booléen"),
    ("does not exist", "n’existe pas"),
    ("is a directory", "est un dossier"),
    ("requires an argument", "demande une valeur"),
    ("Option", "option"),
)
# "'x' is not one of 'a', 'b'." (Typer's Choice) and "0 is not in the range 1<=x<=10."
_NOT_A_CHOICE = re.compile(r"^(?P<value>.*) is not one of (?P<choices>.*?)\.?$", re.S)
_OUT_OF_RANGE = re.compile(r"^(?P<value>.*) is not in the range (?P<range>.*?)\.?$", re.S)
_BOUNDS = (
    (re.compile(r"^(-?[\d.]+)<=x<=(-?[\d.]+)$"), "de \\1 à \\2"),
    (re.compile(r"^x>=(-?[\d.]+)$"), "au moins \\1"),
    (re.compile(r"^x<=(-?[\d.]+)$"), "au plus \\1"),
)


def _unquote(text: str) -> str:
    text = text.strip()
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" else text


def _translate_detail(message: str) -> str:
    """Click's English detail of a usage error, in French, naming what is valid."""
    choice = _NOT_A_CHOICE.match(message)
    if choice:
        listed = ", ".join(_unquote(item) for item in choice["choices"].split(", "))
        return (
            f"«\u00a0{_unquote(choice['value'])}\u00a0» n’est pas une valeur admise"
            f" (valeurs admises\u00a0: {listed})"
        )
    out_of_range = _OUT_OF_RANGE.match(message)
    if out_of_range:
        bounds = out_of_range["range"]
        for pattern, french in _BOUNDS:
            bounds = pattern.sub(french, bounds)
        return (
            f"«\u00a0{_unquote(out_of_range['value'])}\u00a0» est hors de l’intervalle admis"
            f" ({bounds})"
        )
    for english, french in _DETAILS:
        if english in message:
            quoted = message.split("'")[1] if message.count("'") >= 2 else ""
            if not quoted and "(" in message:  # "Got unexpected extra argument (b)"
                quoted = message.rsplit("(", 1)[1].rstrip(")")
            return f"{french} «\u00a0{quoted}\u00a0»" if quoted else french
    return message
