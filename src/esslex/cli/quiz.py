"""`esslex quiz`: questions on a selection, answered one at a time in the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from esslex.cli.app import JsonOption, command, in_use
from esslex.cli.jurisdiction import JurisdictionOption
from esslex.cli.options import (
    FavouritesOption,
    FromOption,
    KindOption,
    SeedOption,
    TermOption,
    ThemeOption,
    WithRelatedOption,
    selection_of,
)
from esslex.cli.output import Output
from esslex.errors import EXIT_INTERRUPTED, EXIT_OK, UsageError
from esslex.trainer.questions import Kind

if TYPE_CHECKING:
    from esslex.glossary.model import Glossary
    from esslex.trainer.questions import Question

# Ten questions: a few minutes' play; --count changes it.
DEFAULT_COUNT = 10


@command("quiz")
def quiz_command(
    ctx: typer.Context,
    theme: ThemeOption = None,
    jurisdiction: JurisdictionOption = None,
    term: TermOption = None,
    with_related: WithRelatedOption = False,
    favourites: FavouritesOption = False,
    from_files: FromOption = None,
    kind: KindOption = None,
    count: Annotated[
        int,
        typer.Option("--count", "-n", help="Nombre d’entrées sur lesquelles interroger.", min=1),
    ] = DEFAULT_COUNT,
    seed: SeedOption = None,
    json_output: JsonOption = False,
) -> int:
    from esslex.trainer.questions import generate, random_seed

    out = Output()
    if not json_output and not out.is_terminal:
        raise UsageError(
            "le quiz se joue dans un terminal\u00a0; pour obtenir les questions dans un"
            " script, ajoutez --json."
        )
    state = in_use(ctx)
    glossary = state.load()
    selection = selection_of(
        glossary, theme, term, with_related, favourites, jurisdiction, from_files
    )
    drawn = random_seed() if seed is None else seed
    by_kind = generate(selection, kind or [Kind.choice], count, drawn)
    questions = [question for group in by_kind.values() for question in group]
    if json_output:
        out.json([question.to_json() for question in questions])
        return EXIT_OK
    return _play(out, questions, glossary, drawn, state.extra, state.bundled)


def _play(
    out: Output,
    questions: list[Question],
    glossary: Glossary,
    seed: int,
    extra: list[Path],
    bundled: bool,
) -> int:
    from esslex.trainer.quiz import Quiz, summary

    say = out.say
    say(
        f"Quiz\u00a0: {len(questions)} questions (graine {seed}, --seed {seed} pour le rejouer).",
        "bold",
    )
    quiz = Quiz(questions, glossary, say, out.prompt)
    interrupted = False
    try:
        quiz.play()
    except (KeyboardInterrupt, EOFError):
        interrupted = True
        out.line()
    options = [option for path in extra for option in ("-g", str(path))]
    if not bundled:
        options.insert(0, "--no-bundled")
    say("", "")
    for text, style in summary(quiz.score, interrupted, options):
        say(text, style)
    return EXIT_INTERRUPTED if interrupted else EXIT_OK
