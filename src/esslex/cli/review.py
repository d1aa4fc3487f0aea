"""`esslex review`: spaced repetition of the glossary's entries (FSRS), its statistics, and
the learner state exported or imported as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from esslex.cli.app import JsonOption, command, in_use
from esslex.cli.jurisdiction import JurisdictionOption
from esslex.cli.options import (
    FavouritesOption,
    ForceOption,
    TermOption,
    ThemeOption,
    WithRelatedOption,
    selection_of,
)
from esslex.cli.output import Output
from esslex.errors import EXIT_INTERRUPTED, EXIT_OK, UsageError

if TYPE_CHECKING:
    from fsrs import Scheduler

    from esslex.glossary.model import Glossary, Term
    from esslex.learner.store import LearnerStore

# Anki's default: ten new cards a day keep the daily reviews to a few minutes.
DEFAULT_NEW = 10
# FSRS's default; below 0.7 the intervals grow long and forgetting is the rule.
DEFAULT_RETENTION, MIN_RETENTION, MAX_RETENTION = 0.9, 0.7, 0.99
# Sparkline of the reviews a day (`--stats`), lowest to highest; « · » for a day without.
BARS = "▁▂▃▄▅▆▇█"


@command("review")
def review_command(
    ctx: typer.Context,
    theme: ThemeOption = None,
    term: TermOption = None,
    with_related: WithRelatedOption = False,
    favourites: FavouritesOption = False,
    jurisdiction: JurisdictionOption = None,
    new: Annotated[
        int,
        typer.Option(
            "--new", min=0, metavar="N", help="Nombre maximal de nouvelles cartes par jour."
        ),
    ] = DEFAULT_NEW,
    limit: Annotated[
        Optional[int],
        typer.Option("--limit", metavar="N", help="Nombre maximal de cartes dans cette séance."),
    ] = None,
    retention: Annotated[
        float,
        typer.Option(
            "--retention",
            metavar="R",
            show_default=False,
            help="Rétention visée, la probabilité de se souvenir à l’échéance\u00a0: de 0.7 à"
            " 0.99 (0.9 par défaut)\u00a0; plus haute, des révisions plus fréquentes.",
        ),
    ] = DEFAULT_RETENTION,
    stats: Annotated[
        bool,
        typer.Option(
            "--stats",
            help="Statistiques\u00a0: cartes à réviser aujourd’hui et sous 7 jours, réponses par"
            " jour sur 30 jours, rétention observée.",
        ),
    ] = False,
    json_output: JsonOption = False,
    export_file: Annotated[
        Optional[Path],
        typer.Option(
            "--export",
            metavar="FICHIER",
            help="Écrire tout l’état d’apprentissage (cartes, réponses, favoris, historique)"
            " dans ce fichier JSON.",
            readable=False,  # read by esslex: a French reason, exit code 3
        ),
    ] = None,
    import_file: Annotated[
        Optional[Path],
        typer.Option(
            "--import",
            metavar="FICHIER",
            help="Ajouter l’état d’un fichier écrit par --export (sur une autre machine).",
            readable=False,  # read by esslex: a French reason, exit code 3
        ),
    ] = None,
    force: ForceOption = False,
) -> int:
    """Les cartes à revoir d’abord, puis les nouvelles (--new par jour). Deux sens\u00a0:
    terme → définition (révéler, puis noter de 1 à 4) et définition → terme (taper le
    terme). Chaque réponse est enregistrée aussitôt\u00a0; Ctrl-C termine la séance.
    ESSLEX_NOW (date ISO 8601 avec fuseau) remplace l’horloge, pour les essais."""
    from esslex.learner.clock import now
    from esslex.learner.store import open_learner_store

    out = Output(plain=json_output)
    if export_file is not None and import_file is not None:
        raise UsageError("--export et --import s’excluent\u00a0: l’un ou l’autre.")
    # Checked here, not by Click: its ranges would show in the help in English.
    if limit is not None and limit < 1:
        raise UsageError(f"--limit\u00a0: au moins 1 carte (reçu {limit}).")
    if not MIN_RETENTION <= retention <= MAX_RETENTION:
        raise UsageError(
            f"--retention\u00a0: une probabilité de {MIN_RETENTION} à {MAX_RETENTION}"
            f" (reçu {retention})."
        )
    if json_output and not stats:
        raise UsageError("--json va avec --stats (esslex review --stats --json).")
    if export_file is not None:
        return _export(out, export_file, force)
    if import_file is not None:
        return _import(out, import_file)
    if stats:
        from esslex.learner.stats import learner_stats

        moment = now()
        with open_learner_store() as store:
            figures = learner_stats(store, moment)
        if json_output:
            out.json(figures)
        else:
            for text, style in _stats_lines(figures):
                out.styled(text, style)
        return EXIT_OK
    if not out.is_terminal:
        raise UsageError(
            "la révision se fait dans un terminal\u00a0; pour des chiffres dans un script,"
            " essayez «\u00a0esslex review --stats --json\u00a0»."
        )
    from esslex.learner.scheduling import scheduler

    fsrs = scheduler(retention)
    glossary = in_use(ctx).load()
    selection = selection_of(glossary, theme, term, with_related, favourites, jurisdiction)
    with open_learner_store() as store:
        return _session(out, store, glossary, list(selection.glossary), fsrs, new, limit)


def _session(
    out: Output,
    store: LearnerStore,
    glossary: Glossary,
    deck: list[Term],
    fsrs: Scheduler,
    new: int,
    limit: int | None,
) -> int:
    from esslex.learner.clock import now
    from esslex.learner.session import ReviewSession, plan, summary

    planned = plan(store, glossary, deck, now(), new, limit)
    fresh = sum(card.is_new for card in planned)
    out.say(
        f"Révision\u00a0: {counted(len(planned) - fresh, 'carte')} à revoir,"
        f" {counted(fresh, 'nouvelle')}."
        " Ctrl-C pour arrêter (chaque réponse est gardée).",
        "bold",
    )
    result = ReviewSession(store, glossary, fsrs, out.say, out.prompt).play(planned)
    if result.interrupted:
        out.line()
    out.say("", "")
    for text, style in summary(result):
        out.say(text, style)
    return EXIT_INTERRUPTED if result.interrupted else EXIT_OK


def _export(out: Output, target: Path, force: bool) -> int:
    from esslex.learner.store import open_learner_store
    from esslex.learner.transfer import export_bytes
    from esslex.write.atomicfile import check_target

    check_target(target, force)
    with open_learner_store() as store:
        data = export_bytes(store)
        cards, answers = len(store.cards()), len(store.review_logs())
    out.deliver(data, target, force)
    out.message(
        f"État exporté\u00a0: {target} ({counted(cards, 'carte')}, {counted(answers, 'réponse')})."
    )
    return EXIT_OK


def _import(out: Output, source: Path) -> int:
    from esslex.glossary.files import read_input
    from esslex.learner.store import open_learner_store
    from esslex.learner.transfer import import_state

    data = read_input(source, "un export d’esslex review")
    with open_learner_store() as store:
        counts = import_state(store, data, str(source))
    added = ", ".join(
        counted(counts[key], noun)
        for key, noun in (
            ("cards", "carte"),
            ("review_logs", "réponse"),
            ("favourites", "favori"),
            ("history", "consultation"),
        )
    )
    out.message(f"Importé depuis {source}\u00a0: {added} (ajouts et mises à jour).")
    return EXIT_OK


def counted(count: int, noun: str) -> str:
    """« 0 carte », « 1 carte », « 2 cartes »: in French, the plural starts at two."""
    return f"{count} {noun}{'s' if count > 1 else ''}"


def _percent(value: float) -> str:
    return f"{value * 100:.0f}\u00a0%"


def _stats_lines(figures: dict[str, Any]) -> list[tuple[str, str]]:
    cards = figures["cards"]
    per_day = [day["reviews"] for day in figures["reviews_per_day"]]
    peak = max(per_day) or 1
    spark = "".join(BARS[(n * len(BARS) - 1) // peak] if n else "·" for n in per_day)
    retention = figures["retention"]
    return [
        (
            f"Cartes\u00a0: {cards['total']} (nouvelles {cards['new']}, en apprentissage"
            f" {cards['learning'] + cards['relearning']}, apprises {cards['review']},"
            f" suspendues {cards['suspended']})",
            "bold",
        ),
        (
            f"À réviser aujourd’hui\u00a0: {figures['due_today']}\u00a0; d’ici 7 jours\u00a0:"
            f" {figures['due_in_7_days']}",
            "",
        ),
        (f"Réponses sur 30 jours\u00a0: {sum(per_day)}  {spark}", ""),
        (
            "Rétention observée\u00a0: "
            + (_percent(retention) if retention is not None else "pas encore mesurée"),
            "",
        ),
    ]
