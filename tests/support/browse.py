"""A fixed glossary for `esslex browse` (relations, themes, an official link, hostile
text), and its app built as the command builds it, with a store kept in memory."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from support.glossaries import write_glossary

if TYPE_CHECKING:  # Textual is an extra: the tests that need it skip without it
    from esslex.tui.app import BrowseApp
    from esslex.tui.learning import LearnerStore

BROWSE_GLOSSARY = """
[glossary]
id = "parcours"
title = "Glossaire de parcours"

[[theme]]
id = "principes"
label = "Principes"

[[theme]]
id = "statuts"
label = "Statuts"

[[term]]
id = "cooperation"
label = "Coopération"
themes = ["principes"]
definition = "Le fait d’œuvrer ensemble dans un but commun."
related = ["cooperative", "mutualisme"]

[[term.sources]]
title = "Loi du 10 septembre 1947 portant statut de la coopération"
article = "1er"
url = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000684004"

[[term]]
id = "cooperative"
label = "Coopérative"
alt_labels = ["société coopérative"]
themes = ["statuts"]
definition = "Une société formée par des personnes qui s’associent librement."
related = ["cooperation"]

[[term]]
id = "scop"
label = "Société coopérative et participative"
alt_labels = ["SCOP"]
themes = ["statuts"]
definition = "Une coopérative dont les salariés sont les associés majoritaires."
broader = ["cooperation"]

[[term]]
id = "mutualisme"
label = "Mutualisme"
themes = ["principes"]
definition = "Un mouvement d’entraide fondé sur la solidarité entre membres."
related = ["cooperation"]

[[term]]
id = "association"
label = "Association"
themes = ["statuts"]
definition = "Un groupement de personnes qui mettent en commun leurs connaissances."

[[term]]
id = "piege"
label = "Piège [bold]balisé[/bold]"
themes = ["principes"]
definition = "Du texte \\u001b[31mrouge\\u001b[0m et [link=https://x.test]un lien[/link] qui restent du texte."
"""


def browse_glossary(folder: Path) -> Path:
    return write_glossary(folder / "parcours.toml", text=BROWSE_GLOSSARY)


def browse_app(
    paths: list[Path] | None = None,
    query: str = "",
    store: LearnerStore | None = None,
    opened: list[str] | None = None,
) -> BrowseApp:
    """The app `esslex browse` runs on these glossary files (the bundled one if None);
    `opened` collects the addresses it asks the system browser to open."""
    from esslex.glossaries import GlossariesInUse
    from esslex.tui.app import BrowseApp

    state = GlossariesInUse(paths or [], bundled=paths is None)

    def open_link(url: str) -> bool:
        if opened is not None:
            opened.append(url)
        return True

    return BrowseApp(
        state.index(),
        store if store is not None else MemoryLearnerStore(),
        state.load,
        query,
        open_link,
        colours="NO_COLOR" not in os.environ,  # as the command decides it (cli/output.py)
    )


class MemoryLearnerStore:
    """A `LearnerStore` that forgets everything when the program ends."""

    def __init__(self) -> None:
        self.favourites: set[tuple[str, str]] = set()
        self.lookups: list[tuple[str, str, str]] = []
        self.review: list[tuple[str, str]] = []

    def is_favourite(self, glossary_id: str, entry_id: str) -> bool:
        return (glossary_id, entry_id) in self.favourites

    def set_favourite(self, glossary_id: str, entry_id: str, on: bool) -> None:
        if on:
            self.favourites.add((glossary_id, entry_id))
        else:
            self.favourites.discard((glossary_id, entry_id))

    def record_lookup(self, glossary_id: str, entry_id: str, query: str) -> None:
        self.lookups.append((glossary_id, entry_id, query))

    def queue_for_review(self, glossary_id: str, entry_id: str) -> None:
        if (glossary_id, entry_id) not in self.review:
            self.review.append((glossary_id, entry_id))

    def close(self) -> None:
        pass
