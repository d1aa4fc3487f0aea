"""A trainer's kit: every document of a training day, for one selection, seed and date,
made by the registry's exporters and written as one folder that appears whole or not at all."""

from __future__ import annotations

import dataclasses
import importlib
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from esslex import exporters
from esslex.errors import UsageError, needs_libraries
from esslex.write.atomicfile import check_folder, replace_folder

if TYPE_CHECKING:
    from esslex.documents.branding import Branding
    from esslex.find.selection import Selection

# The extra that installs every library of the kit (pyproject.toml).
EXTRA = "trainer"
README = "README.txt"
# Entries drawn per kind of exercise when the trainer does not say: 12 questions, which for
# the emploi theme make 3 pages and a key of 1 (pdfinfo, docs/trainers.md).
DEFAULT_COUNT = 4

# Reports a step: its text, how many steps are done, how many there are.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Piece:
    """One file of the kit: its name, what made it (a format of the registry, `worksheet`
    or `readme`), and what it is for and how to use it (README.txt, `--json`)."""

    path: str
    kind: str
    description: str
    usage: str

    def as_json(self, folder: Path) -> dict[str, str]:
        return {"path": str(folder / self.path), "kind": self.kind, "description": self.description}


@dataclass(frozen=True)
class _Plan:
    piece: Piece
    exporter: str  # the registry's format that writes it
    layout: str = "full"
    worksheet: str = ""  # "questions" or "key": the worksheet in `exporter`'s format


_PLANS = (
    _Plan(
        Piece(
            "polycopie.pdf",
            "pdf",
            "Le polycopié\u00a0: chaque entrée de la sélection, avec ses sources, un sommaire"
            " et un index.",
            "À imprimer (A4) ou à envoyer aux participants avant ou après la séance.",
        ),
        "pdf",
    ),
    _Plan(
        Piece(
            "polycopie.docx",
            "docx",
            "Le même polycopié, modifiable.",
            "À ouvrir dans Word ou LibreOffice Writer pour l’adapter (exemples locaux, logo),"
            " puis à imprimer.",
        ),
        "docx",
    ),
    _Plan(
        Piece(
            "fiche-participants.pdf",
            "pdf",
            "La fiche des participants\u00a0: un tableau des termes et de la première phrase"
            " de leur définition.",
            "À distribuer en début de séance ou à projeter.",
        ),
        "pdf",
        layout="fiche",
    ),
    _Plan(
        Piece(
            "exercices.pdf",
            "worksheet",
            "La fiche d’exercices (associer, texte à trous, choix multiple), sans le corrigé.",
            "À imprimer, un exemplaire par participant.",
        ),
        "pdf",
        worksheet="questions",
    ),
    _Plan(
        Piece(
            "exercices-corrige.pdf",
            "worksheet",
            "Le corrigé de la fiche d’exercices.",
            "Pour le formateur, ou à distribuer après la correction.",
        ),
        "pdf",
        worksheet="key",
    ),
    _Plan(
        Piece(
            "quiz-moodle.gift",
            "gift",
            "Les questions du quiz pour Moodle, au format GIFT.",
            "Moodle\u00a0: Banque de questions, Importer, format GIFT.",
        ),
        "gift",
    ),
    _Plan(
        Piece(
            "glossaire-moodle.xml",
            "moodle-glossary",
            "Les entrées pour un glossaire Moodle (autres appellations en alias).",
            "Moodle\u00a0: dans une activité Glossaire, Importer des entrées.",
        ),
        "moodle-glossary",
    ),
    _Plan(
        Piece(
            "cartes.apkg",
            "anki",
            "Le paquet de cartes de révision Anki, une carte par entrée.",
            "Anki ou AnkiDroid\u00a0: Fichier, Importer\u00a0; pour réviser après la séance.",
        ),
        "anki",
    ),
    _Plan(
        Piece(
            "diaporama.md",
            "marp",
            "Le diaporama en Markdown Marp\u00a0: un titre, une diapositive par thème et par"
            " entrée.",
            "À ouvrir dans VS Code avec l’extension Marp, ou à convertir en PDF ou PowerPoint"
            " avec marp-cli (marp --pdf diaporama.md).",
        ),
        "marp",
    ),
    _Plan(
        Piece(
            "page.html",
            "site",
            "La page hors ligne\u00a0: les entrées, avec une recherche et un filtre par thème.",
            "À ouvrir dans un navigateur, sans connexion, ou à déposer sur un intranet ou un"
            " espace de cours.",
        ),
        "site",
    ),
)

_README_PIECE = Piece(
    README,
    "readme",
    "Ce fichier\u00a0: ce que contient le dossier et comment s’en servir.",
    "À lire en premier.",
)


@dataclass(frozen=True)
class Kit:
    """The files of the kit, in the order README.txt lists them."""

    pieces: tuple[Piece, ...]
    seed: int
    date: str  # as given to --date, or today's (AAAA-MM-JJ)
    shown_date: str  # in French, as the documents show it


def pieces() -> tuple[Piece, ...]:
    """What a kit holds, README.txt last."""
    return (*(plan.piece for plan in _PLANS), _README_PIECE)


def check_libraries() -> None:
    """Every library the kit's formats need, imported now, before any work: one missing is
    told with the extra that brings them all (exit 4)."""
    needed = dict.fromkeys(
        module for plan in _PLANS for module in exporters.EXPORTERS[plan.exporter].requires
    )
    with needs_libraries("«\u00a0esslex kit\u00a0»", EXTRA):
        for module in needed:
            importlib.import_module(module)


def make_kit(
    selection: Selection,
    branding: Branding,
    target: Path,
    *,
    seed: int,
    date: str,
    count: int | None = DEFAULT_COUNT,
    force: bool = False,
    progress: Progress | None = None,
) -> Kit:
    """Write the kit of `selection` into the folder `target` (empty or absent; any folder
    with `force`): every file made first, then the folder put in place at once."""
    from esslex.exporters.worksheet import render as render_worksheet
    from esslex.trainer.questions import Kind, SelectionTooSmall, generate
    from esslex.trainer.worksheet import for_selection

    check_folder(target, force)
    check_libraries()
    branding = dataclasses.replace(branding, date=date)
    options = exporters.ExportOptions(branding=branding)
    kinds = list(Kind)
    try:
        # `count` entries for each kind (12 questions by default), each on its own entries.
        per_kind = dict.fromkeys(kinds, count) if count else None
        questions = generate(selection, kinds, seed=seed, per_kind=per_kind)
    except SelectionTooSmall:
        found = len(selection.glossary)
        raise UsageError(
            f"sélection trop petite pour les exercices d’une trousse ({found}"
            f" entrée{'s' if found > 1 else ''})\u00a0; élargissez-la (--theme, --term,"
            " --with-related)."
        ) from None
    files: dict[str, bytes] = {}
    steps = len(_PLANS) + 1
    for done, plan in enumerate(_PLANS):
        if progress is not None:
            progress(f"{plan.piece.path}…", done, steps)
        exporter = exporters.EXPORTERS[plan.exporter]
        if plan.worksheet:
            worksheet = for_selection(
                selection,
                branding,
                questions,
                kinds,
                seed=seed,
                show_questions=plan.worksheet == "questions",
                show_key=plan.worksheet == "key",
            )
            rendered: exporters.Rendered = render_worksheet(worksheet, exporter.name)
        else:
            rendered = exporter.render(selection, dataclasses.replace(options, layout=plan.layout))
        assert not isinstance(rendered, dict)  # no format of the kit writes a folder
        files[plan.piece.path] = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
    kit = Kit(pieces(), seed, date, branding.shown_date(options.date))
    files[README] = readme(kit, selection, branding).encode("utf-8")
    if progress is not None:
        progress(f"{target}…", steps - 1, steps)
    replace_folder(target, files, force=force)
    return kit


def readme(kit: Kit, selection: Selection, branding: Branding) -> str:
    """README.txt: what the folder is for, each file's use, and how to make it again."""
    from esslex.documents.handout import scope_line
    from esslex.documents.printable import line

    heading = "Trousse de formation esslex"
    lines = [heading, "=" * len(heading), ""]
    given = (
        ("Formation", branding.title),
        ("Organisme", branding.organisation),
        ("Formateur ou formatrice", branding.author),
    )
    # A terminal may show this file (cat): nothing from the options or the glossaries in
    # it can move the cursor or hide text.
    lines += [f"{name}\u00a0: {line(value)}" for name, value in given if value]
    lines += [
        f"Sélection\u00a0: {line(scope_line(selection))}.",
        f"Date de la séance\u00a0: {kit.shown_date}.",
        f"Graine du tirage des exercices\u00a0: {kit.seed}.",
        "",
        "Ce dossier contient tout ce qu’il faut pour une journée de formation sur ces entrées"
        " du glossaire de l’économie sociale et solidaire.",
        "",
        "Les fichiers",
        "------------",
    ]
    for piece in kit.pieces:
        lines += ["", piece.path, f"  {piece.description}", f"  {piece.usage}"]
    lines += [
        "",
        "Refaire la trousse",
        "------------------",
        "",
        f"La même commande avec --seed {kit.seed} --date {shlex.quote(kit.date)} redonne les"
        " mêmes exercices et la même date sur chaque document\u00a0; une autre graine donne"
        " une autre version des exercices (versions A et B).",
        "",
    ]
    return "\n".join(lines)
