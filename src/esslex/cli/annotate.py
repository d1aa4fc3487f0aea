"""`esslex annotate`: a trainer's own course text, its glossary terms found, linked or given
footnotes, and its mini-glossary."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from esslex.cli.app import JsonOption, command, in_use
from esslex.cli.branding_options import (
    AuthorOption,
    DateOption,
    LicenceOption,
    LogoOption,
    OrganisationOption,
    ProfileOption,
    SubtitleOption,
    TitleOption,
    branding_from,
)
from esslex.cli.options import ForceOption, check_output, output_file
from esslex.cli.output import Output
from esslex.errors import EXIT_OK, UsageError

if TYPE_CHECKING:
    from esslex.documents.branding import Branding
    from esslex.exporters import Exporter
    from esslex.find.index import GlossaryIndex
    from esslex.trainer.annotate import Mention

# A course read whole: a 200-page course is about 1 MB of text, a DOCX with images more.
MAX_COURSE_BYTES = 64 * 1024 * 1024

_HANDOUTS = ("pdf", "docx", "html", "markdown")


@command("annotate")
def annotate_command(
    ctx: typer.Context,
    course: Annotated[
        str,
        typer.Argument(
            help="Le cours\u00a0: un fichier .docx, .md ou .txt, ou «\u00a0-\u00a0» pour lire"
            " du texte sur l’entrée standard.",
            metavar="FICHIER",
        ),
    ],
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            help="Le même document, la première mention de chaque terme liée au glossaire"
            " publié (ou suivie d’une note avec --footnotes)\u00a0: .md pour un cours Markdown,"
            " .docx pour un DOCX, .html pour un texte.",
            metavar="FICHIER",
            readable=False,  # written by esslex, atomically: a French reason if it cannot be
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Lier chaque mention, pas seulement la première.")
    ] = False,
    link_base: Annotated[
        Optional[str],
        typer.Option(
            "--link-base",
            help="Adresse de la page publiée du glossaire (export -f site)\u00a0; chaque lien"
            " va à l’ancre de l’entrée. Par défaut, l’ancre seule (#cooperation).",
            metavar="URL",
        ),
    ] = None,
    footnotes: Annotated[
        bool,
        typer.Option(
            "--footnotes",
            help="Une note de bas de page (la première phrase de la définition) au lieu d’un"
            " lien (Markdown).",
        ),
    ] = False,
    glossary_out: Annotated[
        Optional[Path],
        typer.Option(
            "--glossary-out",
            help="Le mini-glossaire du cours\u00a0: ses entrées dans l’ordre de leur première"
            " mention, en polycopié (.pdf, .docx, .html, .md).",
            metavar="FICHIER",
            readable=False,  # written by esslex, atomically: a French reason if it cannot be
        ),
    ] = None,
    report: Annotated[
        bool,
        typer.Option(
            "--report", help="Un résumé\u00a0: les termes trouvés, leur nombre de mentions."
        ),
    ] = False,
    force: ForceOption = False,
    json_output: JsonOption = False,
    title: TitleOption = None,
    subtitle: SubtitleOption = None,
    organisation: OrganisationOption = None,
    author: AuthorOption = None,
    date: DateOption = None,
    logo: LogoOption = None,
    licence: LicenceOption = None,
    profile: ProfileOption = None,
) -> int:
    """Trouve chaque entrée du glossaire citée dans le cours, sous n’importe laquelle de ses
    appellations et sous ses formes fléchies (pluriels, féminins, élisions)."""
    from esslex.trainer import course as courses
    from esslex.trainer.annotate import MentionFinder

    kind = courses.kind_of(course)
    target = output_file(output)
    if target is not None:
        _check_target(kind, target, footnotes)
        check_output(target, force, "document annoté", target.suffix.lower() == ".docx", "")
    if footnotes and target is None:
        raise UsageError("--footnotes s’applique au document écrit avec --output")
    booklet = None
    if glossary_out is not None:
        from esslex import exporters

        booklet = exporters.choose(None, glossary_out, among=_HANDOUTS)
        check_output(glossary_out, force, booklet.name, booklet.binary, "")
    text = courses.read_course(kind, _read(course))
    # The entries from the cache, as `define` reads them (built, and said so, on first use).
    glossary = in_use(ctx).index()
    out = Output()
    with out.slow_step("Recherche des termes du glossaire…"):
        mentions = MentionFinder(glossary.mention_names()).find(text.text, text.protected)

    if json_output:
        out.json([mention.as_dict() for mention in mentions])
    if report and not json_output:
        _report(out, mentions)
    if target is not None:
        linked = courses.chosen(mentions, every)
        address = _address(link_base)
        if kind == "docx":
            rendered: str | bytes = courses.link_docx(text, linked, address)
        elif target.suffix.lower() == ".html":
            rendered = courses.html_page(text, linked, address)
        else:
            note = _first_sentence(glossary) if footnotes else None
            rendered = courses.link_text(text, linked, address, note)
        out.deliver(rendered, target, force)
        out.message(f"Fichier écrit\u00a0: {target} ({len(linked)} liens).")
    if booklet is not None and glossary_out is not None:
        _mini_glossary(
            out,
            glossary,
            [m.id for m in courses.chosen(mentions, False)],
            booklet,
            glossary_out,
            force,
            branding_from(title, subtitle, organisation, author, date, logo, licence, profile),
        )
    if not (json_output or report or target or glossary_out):
        _report(out, mentions)
    return EXIT_OK


def _check_target(kind: str, target: Path, footnotes: bool) -> None:
    suffix = target.suffix.lower()
    allowed = {"docx": (".docx",), "markdown": (".md", ".markdown"), "text": (".html", ".md")}
    if suffix not in allowed[kind]:
        shown = ", ".join(allowed[kind])
        raise UsageError(f"un cours de ce format s’écrit annoté en {shown}, pas en {suffix or '…'}")
    if footnotes and suffix != ".md" and suffix != ".markdown":
        raise UsageError("--footnotes s’applique aux documents Markdown (.md)")


def _read(name: str) -> bytes:
    if name == "-":
        data = sys.stdin.buffer.read(MAX_COURSE_BYTES + 1)
        if len(data) > MAX_COURSE_BYTES:
            raise UsageError(f"cours de plus de {MAX_COURSE_BYTES // 1024 // 1024}\u00a0Mo")
        return data
    from esslex.glossary.files import read_input

    return read_input(Path(name), "un cours", MAX_COURSE_BYTES)


def _address(base: str | None) -> Callable[[str], str]:
    prefix = (base or "").split("#")[0]
    return lambda term_id: f"{prefix}#{term_id}"


def _first_sentence(glossary: GlossaryIndex) -> Callable[[str], str]:
    from esslex.documents.handout import first_sentence

    def note(term_id: str) -> str:
        term = glossary[term_id]
        return f"{term.label}\u00a0: {first_sentence(term.definition)}"

    return note


def _report(out: Output, mentions: list[Mention]) -> None:
    from collections import Counter

    counts = Counter(m.id for m in mentions)
    labels = {m.id: m.label for m in mentions}
    for term_id, count in counts.most_common():
        out.line(f"{labels[term_id]} — {count} mention{'s' if count > 1 else ''}")
    terms = len(counts)
    out.line(
        f"{terms} terme{'s' if terms > 1 else ''} du glossaire, {len(mentions)}"
        f" mention{'s' if len(mentions) > 1 else ''}."
    )


def _mini_glossary(
    out: Output,
    glossary: GlossaryIndex,
    ids: list[str],
    booklet: Exporter,
    path: Path,
    force: bool,
    branding: Branding,
) -> None:
    from esslex import exporters
    from esslex.find.selection import select_ids

    if not ids:
        raise UsageError("aucun terme du glossaire dans ce cours\u00a0: pas de mini-glossaire")
    # Every entry: the handout counts those it leaves out (« 12 entrées sur 156 »).
    selection = select_ids(glossary.whole(), ids)
    options = exporters.ExportOptions(branding=branding, order="given")
    with out.slow_step(f"Mini-glossaire ({booklet.name})…"):
        rendered = booklet.render(selection, options)
    assert not isinstance(rendered, dict)  # handout formats write one file
    out.deliver(rendered, path, force)
    out.message(f"Fichier écrit\u00a0: {path} (mini-glossaire, {len(ids)} entrées).")
