"""Typer/Click help and usage in French (Click hard-codes English), and text arguments
cleaned of undecodable bytes."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, TypeVar

import typer.core

from esslex.text.normalize import UNDECODABLE

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


# Click's documented classes (errors, the string type) are recognised by name along a
# class's MRO: Typer 0.27 bundles Click privately and exports only BadParameter of it, a
# later Typer may depend on Click again; the names are Click's public API either way.
def _is_named(cls: type, name: str) -> bool:
    return any(ancestor.__name__ == name for ancestor in cls.__mro__)


def _click_class(name: str) -> type[Exception]:
    return next(cls for cls in typer.BadParameter.__mro__ if cls.__name__ == name)


ClickError = _click_class("ClickException")
_UsageError = _click_class("UsageError")

CommandFunction = TypeVar("CommandFunction", bound=Callable[..., Any])


def text_cleaned(function: CommandFunction) -> CommandFunction:
    """The command `function`, its text arguments cleaned of undecodable bytes: no file nor
    terminal can take them. A path keeps them (it names a file by its bytes): Typer has made
    it a Path by then, and only `str` values are cleaned."""

    @functools.wraps(function)  # Typer reads the signature through `__wrapped__`
    def cleaned(*args: Any, **kwargs: Any) -> Any:
        return function(*args, **{name: _clean(value) for name, value in kwargs.items()})

    return cleaned  # type: ignore[return-value]


def _clean(value: Any) -> Any:
    if type(value) is str:  # not a choice (a `str` Enum), nor a path
        return UNDECODABLE.sub("", value)
    if type(value) in (list, tuple):
        return type(value)(_clean(item) for item in value)
    return value


def _hide_plain_type(param: Any) -> None:
    """A string argument's or a flag's help shows no `<str>` nor `<bool>` type (jargon, and
    English). With Typer 0.27 the Rich help shows a Click type's metavar (none for a flag):
    a string argument's type is made a subclass of it whose metavar is empty. Typer 0.29
    types parameters without Click and asks the parameter itself
    (`display_type_rich`, public): it answers nothing."""
    bare_type = getattr(param, "bare_type", None)  # Typer ≥ 0.29
    if bare_type is not None:
        is_argument = getattr(param, "param_type_name", "") == "argument"
        if getattr(param, "is_flag", False) or (
            is_argument and bare_type() in ("str", "list[str]")
        ):
            param.display_type_rich = lambda ctx: None
        return
    if getattr(param, "param_type_name", "") != "argument":
        return
    string_type: type[Any] = type(getattr(param, "type", None))
    if _is_named(string_type, "StringParamType"):
        # ParamType.get_metavar: Click's documented hook for a custom type's metavar.
        text = type("Text", (string_type,), {"get_metavar": lambda self, param, ctx: ""})
        param.type = text()


# "{TERME}" or "{TERME}..." (Typer 0.29, for several words).
_REQUIRED_IN_USAGE = r"^\{(.*)\}(?=(?:\.\.\.)?$)"  # compiled on first use, as below


class _FrenchHelp:
    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        # Typer writes a required argument "{TERME}"; the usual notation is "TERME".
        pieces = [re.sub(_REQUIRED_IN_USAGE, r"\1", piece) for piece in pieces]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE_PREFIX)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_TEXT
            _hide_plain_type(option)
        return option

    def format_help(self, ctx: Any, formatter: Any) -> None:
        import sys

        from esslex.cli.output import use_rich

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


# Patterns are compiled on first use (`re` keeps them): a command that succeeds needs none.
_RANGES = (
    # The help is wrapped already: "[default:" may end a line.
    (r"\[default:(\s)", "[par défaut\u00a0:\\1"),
    (r"; (-?\d+)<=x<=(-?\d+)\]", "\u00a0; de \\1 à \\2]"),
    (r"; x>=(-?\d+)\]", "\u00a0; au moins \\1]"),
    (r"; x<=(-?\d+)\]", "\u00a0; au plus \\1]"),
)


def _french_plain(text: str) -> str:
    for english, french in _PLAIN_WORDS:
        text = text.replace(english, french)
    for pattern, french in _RANGES:
        text = re.sub(pattern, french, text)
    return text


class FrenchCommand(_FrenchHelp, typer.core.TyperCommand):
    def get_short_help_str(self, limit: int = 45) -> str:
        # The command list of `esslex --help` shows each description whole (the formatter
        # wraps it), never cut with "..." as Click does at 45 characters.
        return super().get_short_help_str(limit=1_000_000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            _hide_plain_type(param)


class FrenchGroup(_FrenchHelp, typer.core.TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subcommand_metavar = "COMMANDE [ARGS]..."


def asks_for_help(error: Exception) -> bool:
    """`esslex` alone: Click raises this error with the help as its message."""
    return _is_named(type(error), "NoArgsIsHelpError")


def usage_exit_code(error: Any, usage: int) -> int:
    """`usage` for a usage error, else the error's own exit code."""
    return usage if isinstance(error, _UsageError) else int(error.exit_code)


def usage_message(error: Any) -> str:
    """A Click usage error, said in French on one line."""
    kind_of = functools.partial(_is_named, type(error))
    if kind_of("NoSuchOption"):
        message = f"option inconnue «\u00a0{error.option_name}\u00a0»"
        guesses = _closest(error.option_name, error.possibilities or ())
        if guesses:
            listed = " ou ".join(f"«\u00a0{guess}\u00a0»" for guess in guesses)
            message += f" (vouliez-vous dire {listed}\u00a0?)"
        return message
    if kind_of("MissingParameter"):
        param = error.param
        name = _param_name(param, error.ctx)
        kind = "argument" if getattr(param, "param_type_name", "") == "argument" else "option"
        return f"{kind} obligatoire manquant{'e' if kind == 'option' else ''}\u00a0: {name}"
    if kind_of("BadParameter"):
        name = _param_name(error.param, error.ctx) if error.param is not None else ""
        detail = _translate_detail(_as_click_says(error))
        return (
            f"valeur invalide pour {name}\u00a0: {detail}"
            if name
            else f"valeur invalide\u00a0: {detail}"
        )
    if kind_of("BadOptionUsage"):
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


_RANGE_IN_HELP = r"-?[\d.]+<=x<=-?[\d.]+|x[<>]=-?[\d.]+"
_PYDANTIC_AS_CLICK = {
    "int_parsing": "{!r} is not a valid integer.",
    "float_parsing": "{!r} is not a valid float.",
    "bool_parsing": "{!r} is not a valid boolean.",
}


def _as_click_says(error: Any) -> str:
    """The error's English detail as Click words it. Typer 0.29 validates values with
    pydantic, whose message names neither the value nor the whole range: they are read from
    its documented `errors()` and from the option's help, so one translation serves both."""
    errors = getattr(error.__cause__, "errors", None)
    message = str(error.message).removeprefix("Value error, ")
    if not callable(errors):
        return message
    first = errors()[0]
    kind, value = first.get("type", ""), first.get("input")
    if kind in _PYDANTIC_AS_CLICK:
        return _PYDANTIC_AS_CLICK[kind].format(value)
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        record = error.param.get_help_record(error.ctx) if error.ctx is not None else None
        declared = re.search(_RANGE_IN_HELP, record[1]) if record else None
        if declared:
            return f"{value} is not in the range {declared[0]}."
    return message


def _param_name(param: Any, ctx: Any) -> str:
    if param is None:
        return ""
    if getattr(param, "param_type_name", "") == "argument":
        return str(param.metavar or param.name).strip("[].").upper()
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
_NOT_A_CHOICE = r"^(?P<value>.*) is not one of (?P<choices>.*?)\.?$"
_OUT_OF_RANGE = r"^(?P<value>.*) is not in the range (?P<range>.*?)\.?$"
_BOUNDS = (
    (r"^(-?[\d.]+)<=x<=(-?[\d.]+)$", "de \\1 à \\2"),
    (r"^x>=(-?[\d.]+)$", "au moins \\1"),
    (r"^x<=(-?[\d.]+)$", "au plus \\1"),
)


def _unquote(text: str) -> str:
    text = text.strip()
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" else text


def _translate_detail(message: str) -> str:
    """Click's English detail of a usage error, in French, naming what is valid."""
    choice = re.match(_NOT_A_CHOICE, message, re.S)
    if choice:
        listed = ", ".join(_unquote(item) for item in choice["choices"].split(", "))
        return (
            f"«\u00a0{_unquote(choice['value'])}\u00a0» n’est pas une valeur admise"
            f" (valeurs admises\u00a0: {listed})"
        )
    out_of_range = re.match(_OUT_OF_RANGE, message, re.S)
    if out_of_range:
        bounds = out_of_range["range"]
        for pattern, french in _BOUNDS:
            bounds = re.sub(pattern, french, bounds)
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
