"""The Typer application, its global options, and the commands it loads when called."""

from __future__ import annotations

import functools
import inspect
import os
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path
from typing import Annotated, Any, Optional, TypeVar

import typer

from esslex import __version__
from esslex.cli.frenchhelp import (
    FrenchCommand,
    FrenchGroup,
    is_click_error,
    text_cleaned,
    usage_message,
)
from esslex.cli.output import Output
from esslex.errors import EXIT_INTERRUPTED, EsslexError
from esslex.glossaries import GlossariesInUse

EXIT_BROKEN_PIPE = 141

# Every command, in the order `esslex --help` lists them (reading first, then export, own
# glossaries, tools): the module that defines it with `@command(name)`, and the one line
# that sums it up (the first line of its help). Adding a command is one line here. Only the
# module of the command called is imported, and only that command built: building them all
# costs as much as the rest of a lookup, so `esslex --help` lists them from here.
COMMANDS: dict[str, tuple[str, str]] = {
    "define": ("esslex.cli.reading", "Afficher la définition d’un terme, avec ses sources."),
    "search": (
        "esslex.cli.reading",
        "Chercher des mots dans tout le glossaire (sans tenir compte des accents).",
    ),
    "list": (
        "esslex.cli.reading",
        "Lister les entrées par ordre alphabétique, éventuellement d’un seul thème.",
    ),
    "themes": (
        "esslex.cli.reading",
        "Lister les thèmes, avec leur description et leur nombre d’entrées.",
    ),
    "related": (
        "esslex.cli.reading",
        "Montrer les termes voisins d’une entrée (génériques, spécifiques, associés).",
    ),
    "browse": (
        "esslex.cli.browse",
        "Parcourir le glossaire en plein écran : recherche, thèmes, renvois, favoris.",
    ),
    "export": (
        "esslex.cli.export",
        "Exporter le glossaire (ou une sélection) en données ou en polycopié.",
    ),
    "quiz": (
        "esslex.cli.quiz",
        "Se tester sur le glossaire\u00a0: une question à la fois, le score à la fin.",
    ),
    "review": (
        "esslex.cli.review",
        "Réviser les entrées à intervalles espacés (FSRS)\u00a0: les cartes dues, puis les"
        " nouvelles.",
    ),
    "history": (
        "esslex.cli.learner",
        "Les entrées consultées (define, related), les plus récentes d’abord.",
    ),
    "favourites": (
        "esslex.cli.learner",
        "Marquer des entrées comme favorites, les retirer, les lister.",
    ),
    "exercises": (
        "esslex.cli.exercises",
        "Fiche d’exercices imprimable, avec son corrigé sur une page à part.",
    ),
    "kit": (
        "esslex.cli.kit",
        "Tout ce qu’il faut pour une journée de formation, dans un dossier : polycopiés,"
        " exercices, quiz, cartes, diaporama, page.",
    ),
    "glossaries": (
        "esslex.cli.user",
        "Lister les glossaires en usage, leur nombre d’entrées et les entrées remplacées.",
    ),
    "new": (
        "esslex.cli.newfile",
        "Créer un glossaire personnel, avec ses métadonnées et un exemple d’entrée en commentaire.",
    ),
    "add": (
        "esslex.cli.user",
        "Ajouter une entrée à la fin d’un glossaire personnel (le reste du fichier est"
        " conservé tel quel).",
    ),
    "import": (
        "esslex.cli.user",
        "Importer un glossaire tableur (CSV, TSV) ou un export JSON d’esslex dans un"
        " nouveau fichier TOML.",
    ),
    "annotate": (
        "esslex.cli.annotate",
        "Trouver les termes du glossaire dans un cours (DOCX, Markdown, texte), les lier et en"
        " tirer le mini-glossaire.",
    ),
    "check": (
        "esslex.cli.check",
        "Vérifier un glossaire\u00a0: structure, relations et qualité (à la manière de qSKOS).",
    ),
    "completion": (
        "esslex.cli.completion",
        "Afficher (ou installer) le script de complétion pour votre shell.",
    ),
}
# Set in the context while the group's help is written: its command list needs only names
# and summaries.
_LISTING = "esslex.listing"

CommandFunction = TypeVar("CommandFunction", bound=Callable[..., Any])
# The functions `@command` marked, with their `Typer.command` settings, by command name.
_DEFINED: dict[str, tuple[Callable[..., Any], dict[str, Any]]] = {}


def command(name: str, **kwargs: Any) -> Callable[[CommandFunction], CommandFunction]:
    """Mark a function as the command `name` (listed in COMMANDS), with French help."""

    def mark(function: CommandFunction) -> CommandFunction:
        # The summary in COMMANDS opens the help; the docstring, if any, says more.
        summary = COMMANDS[name][1]
        more = inspect.getdoc(function)
        _DEFINED[name] = (function, {"help": f"{summary}\n\n{more}" if more else summary, **kwargs})
        return function

    return mark


@functools.cache  # built once per process: each group the app makes (one per call) shares it
def _built(name: str) -> Any:
    """The command `name`, its module imported and its parameters made by Typer."""
    import_module(COMMANDS[name][0])
    function, settings = _DEFINED[name]
    # A Typer app of one command is that command (typer.main.get_command).
    single = typer.Typer(
        rich_markup_mode=None,
        add_completion=False,
        context_settings=CONTEXT_SETTINGS,
        pretty_exceptions_enable=False,
    )
    single.command(name, cls=FrenchCommand, **settings)(text_cleaned(function))
    return typer.main.get_command(single)


class EsslexGroup(FrenchGroup):
    """Loads each command when it is called (Click's lazy group: `list_commands` and
    `get_command`), and maps every foreseeable fault to a one-line French message and its
    exit code.

    It lives on the command group, so the installed script and CliRunner behave the same.
    """

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if ctx.meta.get(_LISTING) and cmd_name in COMMANDS:
            return FrenchCommand(cmd_name, help=COMMANDS[cmd_name][1], rich_markup_mode=None)
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.commands[cmd_name] = _built(cmd_name)
        return self.commands.get(cmd_name)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args and not ctx.resilient_parsing:
            # `esslex` alone: its help is the answer, on stdout, and no error.
            Output().text(ctx.get_help())
            ctx.exit(0)
        return list(super().parse_args(ctx, args))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        ctx.meta[_LISTING] = True
        try:
            super().format_help(ctx, formatter)
        finally:
            del ctx.meta[_LISTING]

    def invoke(self, ctx: Any) -> Any:
        try:
            code = super().invoke(ctx)
        except EsslexError as error:
            if not error.message:
                pass  # what there was to say is on screen already
            elif error.is_failure:
                Output().error(error.message)
            else:
                Output().message(error.message, style="yellow")
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            Output().message("Interrompu.")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(EXIT_BROKEN_PIPE) from None
        # A command returns its exit code (None: 0).
        raise typer.Exit(code if isinstance(code, int) else 0)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if any(name.endswith("_COMPLETE") for name in os.environ):
            # Typer registers its shells with add_completion's options (we have `esslex
            # completion` instead): asking for those options' parameters registers them.
            from typer.completion import get_completion_inspect_parameters

            get_completion_inspect_parameters()
        _readable_on_any_encoding()
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except (typer.Abort, KeyboardInterrupt):
            Output().message("Interrompu.")
            code = EXIT_INTERRUPTED
        except BrokenPipeError:
            _silence_stdout()
            code = EXIT_BROKEN_PIPE
        except Exception as error:
            if not is_click_error(error):
                raise
            out = Output()
            out.error(usage_message(error))
            context = getattr(error, "ctx", None)
            command = context.command_path if context is not None else "esslex"
            out.message(f"Voir «\u00a0{command} --help\u00a0».")
            code = error.exit_code  # type: ignore[attr-defined]  # 2 for a usage error
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


def _readable_on_any_encoding() -> None:
    """On an output that is not UTF-8 (PYTHONIOENCODING=latin-1, an old terminal), what its
    encoding lacks is written as its nearest form (œ → oe, « » → " "), never a traceback."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding.startswith("utf") or reconfigure is None:
            continue
        import contextlib

        from esslex.text.terminal import register_transliteration

        with contextlib.suppress(ValueError, OSError):  # a stream that cannot change
            reconfigure(errors=register_transliteration())


def _silence_stdout() -> None:
    # The reader went away (`esslex list | head -1`): drop what is still buffered quietly.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(
    name="esslex",
    cls=EsslexGroup,
    help="Glossaire de l’économie sociale et solidaire (ESS) en ligne de commande.",
    epilog="Codes de sortie\u00a0: 0 trouvé, 1 introuvable ou ambigu, 2 usage, 3 données invalides (glossaire, profil), 4 bibliothèque facultative absente.",
    add_completion=False,
    rich_markup_mode=None,
    context_settings=CONTEXT_SETTINGS,
    pretty_exceptions_enable=False,
)


def in_use(ctx: typer.Context) -> GlossariesInUse:
    """The glossaries in use for this command line (its global options)."""
    root = ctx.find_root()
    if not isinstance(root.obj, GlossariesInUse):
        root.obj = GlossariesInUse()
    return root.obj


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"esslex {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_options(
    ctx: typer.Context,
    glossary: Annotated[
        Optional[list[Path]],
        typer.Option(
            "--glossary",
            "-g",
            help="Glossaire TOML à charger en plus (option répétable). Ordre de chargement :"
            " le glossaire fourni, les fichiers *.toml du dossier des glossaires personnels"
            " (« esslex glossaries » l’affiche), puis chaque --glossary ; une entrée"
            " chargée plus tard remplace celle de même identifiant.",
            metavar="FICHIER",
            readable=False,  # read by esslex: a French reason, exit code 3
        ),
    ] = None,
    no_bundled: Annotated[
        bool,
        typer.Option(
            "--no-bundled",
            help="Ne pas charger le glossaire fourni avec esslex ; avec --glossary, ne charger"
            " que les fichiers --glossary (ni le glossaire fourni ni les glossaires personnels).",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Afficher la version et quitter.",
        ),
    ] = False,
) -> None:
    """Glossaire de l’économie sociale et solidaire (ESS) en ligne de commande."""
    state = in_use(ctx)
    from esslex.glossary.paths import glossary_file

    state.extra = [glossary_file(path) for path in glossary or []]
    state.bundled = not no_bundled
    state.progress = Output().progress


PlainOption = Annotated[
    bool, typer.Option("--plain", help="Texte brut, sans couleurs ni mise en forme.")
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Sortie JSON (forme stable, documentée dans le README).")
]
