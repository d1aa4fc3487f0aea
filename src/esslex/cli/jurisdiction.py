"""--jurisdiction: the entries that hold in a place (list, search, export, exercises, quiz,
review, kit),
or of namesakes the one that does (define). Light: `define` and `list` import it."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from esslex.errors import UsageError

JurisdictionOption = Annotated[
    Optional[str],
    typer.Option(
        "--jurisdiction",
        help="Seulement les entrées qui valent pour ce territoire\u00a0: FR, BE (avec ses"
        " régions), BE-WAL, BE-BRU, EU (Union européenne), INT (textes internationaux).",
        metavar="CODE",
    ),
]


def jurisdiction_code(value: str | None) -> str | None:
    """The code of --jurisdiction, upper-cased (« be-wal » is BE-WAL); UsageError if it is
    not a code (`glossary.model.is_jurisdiction`)."""
    from esslex.glossary.model import is_jurisdiction

    if value is None:
        return None
    code = value.strip().upper()
    if not is_jurisdiction(code):
        raise UsageError(
            f"--jurisdiction\u00a0: «\u00a0{value}\u00a0» n’est pas un code de territoire"
            " (FR, BE, BE-WAL, BE-BRU, EU, INT…)."
        )
    return code
