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


# "{TERME}" or "{TERME}..." (Typer 0.29, for several words).
_REQUIRED_IN_USAGE = r"^\{(.*)\}(?=(?:\.\.\.)?$)"  # compiled on first use, as below


class _FrenchHelp:
    """Click's plain help in French, through its formatting hooks. Typer's Rich help is not
    used: its English words are module settings, not options, and importing Rich costs more
    than the rest of `esslex --help`."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        # Typer writes a required argument "{TERME}"; the usual notation is "TERME".
        pieces = [re.sub(_REQUIRED_IN_USAGE, r"\1", piece) for piece in pieces]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE_PREFIX)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option

    def format_help(self, ctx: Any, formatter: Any) -> None:
        # Click words the sections and the defaults; they are said in French once wrapped.
        english = ctx.make_formatter()
        super().format_help(ctx, english)  # type: ignore[misc]
        formatter.write(_french_plain(english.getvalue()))


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


# Typer 0.29 writes a text argument's type after its name ("TERME <list[str]>"): jargon,
# and English. Blanks of the same width keep the column of descriptions aligned.
_TEXT_TYPE = r" <(?:list\[)?str\]?>(?=  |\n)"


def _french_plain(text: str) -> str:
    text = re.sub(_TEXT_TYPE, lambda found: " " * len(found[0]), text)
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


class FrenchGroup(_FrenchHelp, typer.core.TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subcommand_metavar = "COMMANDE [ARGS]..."


def is_click_error(error: BaseException) -> bool:
    """A Click error (a usage error, a file Click could not open): what Click's documented
    `ClickException` offers, an exit code and `format_message`. Typer bundles Click and
    exports none of its error classes but `BadParameter`."""
    return isinstance(getattr(error, "exit_code", None), int) and callable(
        getattr(error, "format_message", None)
    )


def usage_message(error: Any) -> str:
    """A Click usage error, said in French on one line. Its kind is read from the attributes
    Click documents for it (`NoSuchOption.possibilities`, `MissingParameter.param_type`…)."""
    if hasattr(error, "possibilities"):  # NoSuchOption
        message = f"option inconnue «\u00a0{error.option_name}\u00a0»"
        guesses = _closest(error.option_name, error.possibilities or ())
        if guesses:
            listed = " ou ".join(f"«\u00a0{guess}\u00a0»" for guess in guesses)
            message += f" (vouliez-vous dire {listed}\u00a0?)"
        return message
    if hasattr(error, "param_type"):  # MissingParameter
        param = error.param
        name = _param_name(param, error.ctx)
        kind = "argument" if getattr(param, "param_type_name", "") == "argument" else "option"
        return f"{kind} obligatoire manquant{'e' if kind == 'option' else ''}\u00a0: {name}"
    if hasattr(error, "param_hint"):  # BadParameter
        name = _param_name(error.param, error.ctx) if error.param is not None else ""
        detail = _translate_detail(_as_click_says(error))
        return (
            f"valeur invalide pour {name}\u00a0: {detail}"
            if name
            else f"valeur invalide\u00a0: {detail}"
        )
    if hasattr(error, "option_name"):  # BadOptionUsage
        return f"mauvais usage de l’option «\u00a0{error.option_name}\u00a0»\u00a0: {_translate_detail(error.message)}"
    return _translate_detail(error.message) + _command_guesses(error)


def _command_guesses(error: Any) -> str:
    """After « commande inconnue »: the commands nearest to what was typed, found as Typer
    finds them (difflib's close matches) among all the group lists (`list_commands`, which a
    lazy group answers without loading them)."""
    from difflib import get_close_matches

    context = getattr(error, "ctx", None)
    typed = str(error.message).split("'")
    if not str(error.message).startswith("No such command") or context is None or len(typed) < 3:
        return ""
    guesses = get_close_matches(typed[1], context.command.list_commands(context), n=2)
    if not guesses:
        return ""
    listed = " ou ".join(f"«\u00a0{guess}\u00a0»" for guess in guesses)
    return f" (vouliez-vous dire {listed}\u00a0?)"


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
