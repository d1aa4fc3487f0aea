"""`esslex check`: validate glossary files and report quality findings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from esslex.cli.app import JsonOption, PlainOption, command, in_use
from esslex.cli.output import Output
from esslex.errors import EXIT_BAD_DATA, EXIT_OK, UsageError
from esslex.glossary.issues import Level

_STYLES = {Level.ERROR: "bold red", Level.WARNING: "yellow", Level.INFO: "dim"}


@command("check")
def check_command(
    ctx: typer.Context,
    files: Annotated[
        Optional[list[Path]],
        typer.Argument(
            help="Fichiers à vérifier (par défaut\u00a0: tous les glossaires en usage).",
            metavar="[FICHIER]...",
            show_default=False,
            readable=False,  # read by esslex: a French reason, exit code 3
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Échouer aussi sur les avertissements.")
    ] = False,
    sources: Annotated[
        bool,
        typer.Option(
            "--sources",
            help="Lister les sources à revoir : sans adresse officielle, sans identifiant"
            " ou date de la version lue, lues seulement dans une copie, ou confirmées en"
            " vigueur il y a plus d’un an (les plus anciennes d’abord). Avec --strict, en"
            " trouver une fait échouer la commande.",
        ),
    ] = False,
    json_output: JsonOption = False,
    plain: PlainOption = False,
) -> int:
    from esslex.glossary.checks import check_paths
    from esslex.glossary.paths import bundled_path, glossary_file, same_file
    from esslex.text.normalize import strip_controls

    state = in_use(ctx)
    if files:
        # Files are checked in the context of the bundled glossary, whose ids they may cite
        # (unless it is one of them: its entries would all "override" themselves).
        bundled = bundled_path()
        files = list(dict.fromkeys(glossary_file(path) for path in files))
        in_context = state.bundled and not any(same_file(path, bundled) for path in files)
        paths = ([bundled] if in_context else []) + files
    else:
        paths = state.paths()
    if not paths:
        raise UsageError(
            "aucun glossaire à vérifier\u00a0: donnez un FICHIER ou retirez --no-bundled"
        )
    if sources:
        return _review_sources(paths, strict, json_output, plain)
    report = check_paths(paths)
    out = Output(plain=plain)
    if json_output:
        out.json(report.as_dict())
    else:
        for finding in report.findings:
            # Messages quote glossary text: no terminal escapes from the data.
            out.styled(strip_controls(str(finding), keep_newlines=False), _STYLES[finding.level])
        counts = (
            _count(len(report.files), "fichier", "fichiers"),
            _count(report.terms, "entrée", "entrées"),
        )
        levels = (
            _count(report.count(Level.ERROR), "erreur", "erreurs"),
            _count(report.count(Level.WARNING), "avertissement", "avertissements"),
            _count(report.count(Level.INFO), "information", "informations"),
        )
        out.line(f"{', '.join(counts)}\u00a0: {', '.join(levels)}.")
    return EXIT_BAD_DATA if report.failed(strict) else EXIT_OK


def _review_sources(paths: list[Path], strict: bool, json_output: bool, plain: bool) -> int:
    from esslex.glossary.loader import load_glossary
    from esslex.glossary.sources import review_sources
    from esslex.text.normalize import strip_controls

    glossary = load_glossary(paths)
    reviews = review_sources(glossary)
    out = Output(plain=plain)
    if json_output:
        out.json({"sources": [review.as_dict() for review in reviews], "count": len(reviews)})
    else:
        for review in reviews:
            when = review.checked or "jamais"
            line = (
                f"{when}  {review.term.id} : {review.source.citation()}"
                f" — {', '.join(review.problems)}"
            )
            out.styled(strip_controls(line, keep_newlines=False), "yellow")
        sources = sum(len(term.sources) for term in glossary)
        out.line(
            f"{_count(len(reviews), 'source', 'sources')} à revoir sur"
            f" {_count(sources, 'source', 'sources')}."
        )
    return EXIT_BAD_DATA if strict and reviews else EXIT_OK


def _count(number: int, singular: str, plural: str) -> str:
    # French: 0 and 1 take the singular.
    return f"{number} {singular if number < 2 else plural}"
