"""`esslex quiz`: questions on a selection, answered one at a time in the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from esslex.cli.app import JsonOption, command, in_use
from esslex.cli.jurisdiction import JurisdictionOption
from esslex.cli.options import (
    ChoiceOption,
    ClozeOption,
    FavouritesOption,
    FromOption,
    FullDefinitionsOption,
    KindOption,
    MatchingOption,
    SeedOption,
    TermOption,
    ThemeOption,
    WithRelatedOption,
    kinds_and_counts,
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
        typer.Option(
            "--count",
            "-n",
            help="Nombre de questions, une par entrée tirée au hasard, réparties entre les types.",
            min=1,
        ),
    ] = DEFAULT_COUNT,
    matching: MatchingOption = None,
    cloze: ClozeOption = None,
    choice: ChoiceOption = None,
    full_definitions: FullDefinitionsOption = False,
    seed: SeedOption = None,
    room: Annotated[
        bool,
        typer.Option(
            "--room",
            help="Pour une salle\u00a0: une question par écran en grand, la réponse révélée"
            " sur une touche, sans score personnel.",
        ),
    ] = False,
    seconds: Annotated[
        Optional[int],
        typer.Option(
            "--seconds",
            help="Avec --room\u00a0: un compte à rebours par question, la réponse révélée à"
            " la fin.",
            min=1,
            metavar="N",
        ),
    ] = None,
    json_output: JsonOption = False,
) -> int:
    from esslex.trainer.questions import generate, random_seed

    out = Output()
    if room and json_output:
        raise UsageError("--room et --json s’excluent\u00a0: choisissez l’un des deux.")
    if seconds is not None and not room:
        raise UsageError("--seconds règle le minuteur de --room\u00a0: ajoutez --room.")
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
    kinds, per_kind = kinds_and_counts(kind, matching, cloze, choice, [Kind.choice])
    by_kind = generate(
        selection,
        kinds,
        None if per_kind and len(per_kind) == len(kinds) else count,
        drawn,
        per_kind=per_kind,
        full=full_definitions,
    )
    questions = [question for group in by_kind.values() for question in group]
    if json_output:
        out.json([question.to_json() for question in questions])
        return EXIT_OK
    if room:
        return _room(out, questions, seconds)
    return _play(out, questions, glossary, drawn, state.extra, state.bundled)


def _room(out: Output, questions: list[Question], seconds: int | None) -> int:
    import time

    from esslex.cli.room import drawer, keys
    from esslex.trainer.room import Room

    show = drawer(out)
    with keys() as key:
        tally = Room(questions, show, key, time.monotonic, seconds).play()
    return EXIT_INTERRUPTED if tally.interrupted else EXIT_OK


def _play(
    out: Output,
    questions: list[Question],
    glossary: Glossary,
    seed: int,
    extra: list[Path],
    bundled: bool,
) -> int:
    from esslex.trainer.questions import answers_expected
    from esslex.trainer.quiz import Quiz, summary

    say = out.say
    say(
        f"Quiz\u00a0: {answers_expected(questions)} questions (graine {seed}, --seed {seed}"
        " pour le rejouer).",
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
