"""Glossaries of one's own: glossaries, add, import (`new` is in `cli/newfile.py`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, TypeVar

import typer

from esslex.cli.app import JsonOption, PlainOption, command, in_use
from esslex.cli.newfile import loaded_hint
from esslex.cli.output import Output
from esslex.errors import EXIT_BAD_DATA, EXIT_OK, UsageError

if TYPE_CHECKING:
    from esslex.write.authoring import Workspace

T = TypeVar("T")

# --- esslex glossaries ----------------------------------------------------------------------


_KINDS = {"bundled": "fourni", "user": "dossier personnel", "option": "--glossary"}


@command("glossaries")
def glossaries_command(
    ctx: typer.Context, json_output: JsonOption = False, plain: PlainOption = False
) -> int:
    from esslex.glossary.paths import user_glossary_dir
    from esslex.glossary.serialize import SCHEMA_VERSION
    from esslex.text.normalize import strip_controls

    listed, overrides = in_use(ctx).sources()
    out = Output(plain=plain)
    failed = any(source.errors for source in listed)
    if json_output:
        out.json(
            {
                "schema_version": SCHEMA_VERSION,
                "user_folder": str(user_glossary_dir()),
                "glossaries": [source.as_dict() for source in listed],
                "overrides": [
                    {"id": term_id, "replaced": replaced, "by": by}
                    for term_id, replaced, by in overrides
                ],
            }
        )
        return EXIT_BAD_DATA if failed else EXIT_OK
    out.styled("Glossaires en usage, dans l’ordre de chargement\u00a0:", "bold")
    for number, source in enumerate(listed, 1):
        if source.problem:
            out.line(f"{number}. {source.path} ({_KINDS[source.kind]})")
            out.styled(f"   illisible\u00a0: {source.problem}", "red")
            continue
        count = f"{source.terms} entrée{'s' if source.terms > 1 else ''}"
        title = strip_controls(source.title, keep_newlines=False)  # the file's own text
        out.line(f"{number}. {title} — {count} ({_KINDS[source.kind]})")
        out.line(f"   {source.path}")
        if source.errors:
            out.styled(
                f"   {source.errors} erreur(s)\u00a0: voir «\u00a0esslex check {source.path}\u00a0»",
                "red",
            )
    if not listed:
        out.line("(aucun)")
    if overrides:
        out.styled("Entrées remplacées par un glossaire chargé après\u00a0:", "bold")
        for term_id, replaced, by in overrides:
            out.line(f"- «\u00a0{term_id}\u00a0» de {replaced} remplacée par celle de {by}")
    out.line(f"Dossier des glossaires personnels\u00a0: {user_glossary_dir()}")
    return EXIT_BAD_DATA if failed else EXIT_OK


# --- esslex add -----------------------------------------------------------------------------


def _ask(
    question: str,
    convert: Callable[[str], T],
    out: Output,
    required: bool = False,
) -> T | None:
    """Prompt until the answer converts (an empty answer is None unless required)."""
    from esslex.errors import EsslexError

    while True:
        answer = typer.prompt(question, default="", show_default=False).strip()
        if not answer:
            if not required:
                return None
            out.message("Une réponse est nécessaire.")
            continue
        try:
            return convert(answer)
        except EsslexError as error:
            out.error(getattr(error, "reason", error.message))


@command("add")
def add_command(
    ctx: typer.Context,
    label: Annotated[
        Optional[str], typer.Option("--label", help="Libellé de l’entrée.", metavar="LIBELLÉ")
    ] = None,
    definition: Annotated[
        Optional[str], typer.Option("--definition", help="Définition.", metavar="TEXTE")
    ] = None,
    alt: Annotated[
        Optional[list[str]],
        typer.Option("--alt", help="Autre appellation, sigle (répétable).", metavar="LIBELLÉ"),
    ] = None,
    theme: Annotated[
        Optional[list[str]],
        typer.Option(
            "--theme",
            help="Thème, par identifiant ou libellé\u00a0: un thème fourni ou du fichier (répétable).",
            metavar="THÈME",
        ),
    ] = None,
    related: Annotated[
        Optional[list[str]],
        typer.Option(
            "--related",
            help="Terme associé, par identifiant ou libellé comme pour «\u00a0define\u00a0» (répétable).",
            metavar="TERME",
        ),
    ] = None,
    new_theme: Annotated[
        Optional[list[str]],
        typer.Option(
            "--new-theme",
            help="Thème à créer dans le fichier, par son libellé, et à donner à l’entrée (répétable).",
            metavar="LIBELLÉ",
        ),
    ] = None,
    source: Annotated[
        Optional[list[str]],
        typer.Option(
            "--source",
            help="Source en champs nommés\u00a0: «\u00a0titre=…\u00a0; auteur=…\u00a0; éditeur=…\u00a0; année=…\u00a0; article=…\u00a0; url=…\u00a0» (aussi version, note), seul le titre est obligatoire (répétable). La forme «\u00a0TITRE | AUTEUR | ÉDITEUR | ANNÉE\u00a0» reste admise.",
            metavar="SOURCE",
        ),
    ] = None,
    source_title: Annotated[
        Optional[str],
        typer.Option(
            "--source-title",
            help="Titre d’une source (avec les options --source-…).",
            metavar="TITRE",
        ),
    ] = None,
    source_author: Annotated[
        Optional[str],
        typer.Option("--source-author", help="Auteur de cette source.", metavar="AUTEUR"),
    ] = None,
    source_publisher: Annotated[
        Optional[str],
        typer.Option("--source-publisher", help="Éditeur de cette source.", metavar="ÉDITEUR"),
    ] = None,
    source_year: Annotated[
        Optional[str], typer.Option("--source-year", help="Année de cette source.", metavar="ANNÉE")
    ] = None,
    source_article: Annotated[
        Optional[str],
        typer.Option("--source-article", help="Article cité de cette source.", metavar="N"),
    ] = None,
    source_url: Annotated[
        Optional[str], typer.Option("--source-url", help="Adresse de cette source.", metavar="URL")
    ] = None,
    term_id: Annotated[
        Optional[str],
        typer.Option(
            "--id", help="Identifiant (par défaut\u00a0: d’après le libellé).", metavar="ID"
        ),
    ] = None,
    to: Annotated[
        Optional[Path],
        typer.Option(
            "--to",
            help="Glossaire où ajouter l’entrée (par défaut\u00a0: personnel.toml du dossier des glossaires personnels, créé au besoin).",
            metavar="FICHIER",
            readable=False,  # read by esslex: a French reason, exit code 3
        ),
    ] = None,
    override: Annotated[
        bool,
        typer.Option(
            "--override",
            help="Remplacer l’entrée de même identifiant ou libellé d’un autre glossaire.",
        ),
    ] = False,
) -> None:
    from esslex.glossary.paths import default_glossary_path, glossary_file
    from esslex.write.authoring import Workspace, bundled_theme_ids, editing, new_glossary_text
    from esslex.write.entries import split_list
    from esslex.write.sources import parse_source, source_from_fields

    out = Output()
    prompting = label is None or definition is None
    if prompting and not out.interactive:
        missing = [
            option
            for option, value in (("--label", label), ("--definition", definition))
            if value is None
        ]
        raise UsageError(
            f"{' et '.join(missing)} manquant{'s' if len(missing) > 1 else ''} hors d’un"
            " terminal (voir «\u00a0esslex add --help\u00a0»)"
        )

    state = in_use(ctx)
    path = glossary_file(to) if to else default_glossary_path()
    new_text = None
    if to is None:
        new_text = new_glossary_text(path, themes=bundled_theme_ids())
    # Another `esslex add` to the same file waits for this one (prompts included).
    with editing(path):
        space = Workspace.open(path, state.paths(), new_text)

        alts = list(alt or [])
        themes = [_theme_or_create(space, query, out) for query in theme or []]
        themes += [space.create_theme(name) for name in new_theme or []]
        relations = list(related or [])
        sources = [parse_source(text) for text in source or []]
        fields = {
            "title": source_title,
            "author": source_author,
            "publisher": source_publisher,
            "year": source_year,
            "article": source_article,
            "url": source_url,
        }
        if any(value is not None for value in fields.values()):
            sources.append(source_from_fields(fields))
        if prompting:
            out.message(f"Nouvelle entrée pour {path} (Ctrl-C pour abandonner).")
            if label is None:
                label = _ask("Libellé", str, out, required=True)
            if definition is None:
                definition = _ask("Définition", str, out, required=True)
            if alt is None:
                alts = (
                    _ask("Autres appellations (séparées par «\u00a0;\u00a0»)", split_list, out)
                    or []
                )
            if theme is None and new_theme is None:
                available = ", ".join(t.id for t in space.glossary.themes) or "aucun"
                themes = (
                    _ask(
                        f"Thèmes ({available})",
                        lambda text: [
                            _theme_or_create(space, item, out) for item in split_list(text)
                        ],
                        out,
                    )
                    or []
                )
            if related is None:
                relations = (
                    _ask(
                        "Termes associés (séparés par «\u00a0;\u00a0»)",
                        lambda text: [space.related_id(item) for item in split_list(text)],
                        out,
                    )
                    or []
                )
            if source is None and not any(value is not None for value in fields.values()):
                while (
                    found := _ask(
                        "Source («\u00a0titre=…\u00a0; auteur=…\u00a0; année=…\u00a0; url=…\u00a0», vide pour finir)",
                        parse_source,
                        out,
                    )
                ) is not None:
                    sources.append(found)

        assert label is not None and definition is not None
        term = space.new_term(
            label,
            definition,
            term_id=term_id,
            alt_labels=alts,
            themes=themes,
            related=relations,
            sources=sources,
            override=override,
        )
        space.write(space.with_entry(term))
    for note in dict.fromkeys(space.notes):
        out.message(note)
    out.line(f"Entrée «\u00a0{term.label}\u00a0» ({term.id}) ajoutée à {path}")
    loaded_hint(out, path, state.extra)
    from esslex.write.header import title_reminder

    reminder = title_reminder(path, space.target.info.title)
    if reminder:
        out.message(reminder)


def _theme_or_create(space: Workspace, query: str, out: Output) -> str:
    """The theme `query` names; one the glossaries lack is created in the user's file if the
    user agrees on a terminal (--new-theme does it without asking)."""
    from esslex.errors import ThemeNotFound

    try:
        return space.theme_id(query)
    except ThemeNotFound as error:
        wanted = " ".join(query.split())
        if out.interactive:
            answer = typer.prompt(
                f"Le thème «\u00a0{wanted}\u00a0» n’existe pas. Le créer dans {space.path}\u00a0? [o/N]",
                default="",
                show_default=False,
                prompt_suffix=" ",
            )
            if answer.strip().casefold() in ("o", "oui", "y", "yes"):
                return space.create_theme(wanted)
        error.message += (
            f" Pour le créer dans {space.path}\u00a0: --new-theme «\u00a0{wanted}\u00a0»."
        )
        raise


# --- esslex import --------------------------------------------------------------------------


@command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="Tableur (CSV ou TSV) ou export JSON d’esslex à importer.",
            metavar="FICHIER",
            show_default=False,
            readable=False,  # read by esslex: a French reason, exit code 3
        ),
    ],
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            help="Glossaire TOML à créer (par défaut\u00a0: dans le dossier des glossaires personnels, d’après le nom du fichier importé).",
            metavar="FICHIER",
            readable=False,  # written by esslex, which says in French what stops it
        ),
    ] = None,
    mapping: Annotated[
        Optional[list[str]],
        typer.Option(
            "--map",
            help="Colonne=champ, pour une colonne à l’en-tête non reconnu (champs\u00a0: label, definition, alt, theme, related, source, id, notes, ou - pour l’ignorer\u00a0; répétable).",
            metavar="COLONNE=CHAMP",
        ),
    ] = None,
    delimiter: Annotated[
        Optional[str],
        typer.Option(
            "--delimiter",
            help="Séparateur de colonnes (par défaut\u00a0: reconnu parmi , ; tabulation |).",
            metavar="CAR",
        ),
    ] = None,
    encoding: Annotated[
        Optional[str],
        typer.Option(
            "--encoding",
            help="Encodage (par défaut\u00a0: UTF-8 avec ou sans BOM, sinon Windows-1252).",
            metavar="ENCODAGE",
        ),
    ] = None,
    title: Annotated[
        Optional[str], typer.Option("--title", help="Titre du glossaire créé.", metavar="TITRE")
    ] = None,
    override: Annotated[
        bool,
        typer.Option(
            "--override",
            help="Importer aussi les entrées qui remplacent celles d’un glossaire en usage.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Remplacer le fichier de sortie s’il existe.")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    from esslex.errors import GlossaryError, Location
    from esslex.glossary.paths import user_glossary_dir
    from esslex.glossary.serialize import SCHEMA_VERSION
    from esslex.write.authoring import create_glossary
    from esslex.write.importer import import_file, parse_mapping

    state = in_use(ctx)
    target = output or user_glossary_dir() / f"{file.stem}.toml"
    result = import_file(
        file,
        target,
        state.paths(),
        mapping=parse_mapping(mapping or []),
        delimiter=delimiter,
        encoding=encoding,
        title=title,
        override=override,
    )
    out = Output()
    if not result.terms:
        for problem in result.rejected:
            out.message(f"  {problem}")
        raise GlossaryError(
            Location(str(file)), "aucune entrée importable\u00a0; rien n’a été écrit"
        )
    create_glossary(target, result.text.encode("utf-8"), force=force)
    if json_output:
        out.json({"schema_version": SCHEMA_VERSION, **result.as_dict()})
    else:
        for problem in result.notices:
            out.message(str(problem))
        if result.rejected:
            out.message(f"{len(result.rejected)} ligne(s) non importée(s)\u00a0:")
            for problem in result.rejected:
                out.message(f"  {problem}")
        read_as = f" ({result.read_as})" if result.read_as else ""
        out.line(
            f"{result.terms} entrée(s) importée(s) de {file}{read_as} dans {target}"
            + (f", {result.themes} thème(s) créé(s)" if result.themes else "")
        )
    loaded_hint(out, target, state.extra)
