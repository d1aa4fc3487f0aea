"""The command palette of `browse` (Ctrl+P): entries found as the search field finds them,
and the actions on the entry shown and on the list."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Provider
from textual.markup import escape

from esslex.documents.entryview import clean_line

if TYPE_CHECKING:
    from esslex.tui.app import BrowseApp

# Entries offered for what is typed: a palette is a shortcut, not the list.
SHOWN = 8


class EntryCommands(Provider):
    """« Lire : Coopération » for each entry the query finds (accents, typos, other names)."""

    async def search(self, query: str) -> AsyncIterator[Hit]:
        app = cast("BrowseApp", self.app)
        if not query.strip():
            return
        for rank, match in enumerate(app.find(query, SHOWN)):
            label = clean_line(match.term.label)
            yield Hit(
                1.0 - rank / 100,
                Text(f"Lire\u00a0: {label}"),
                partial(app.open_entry, match.term.id, query),
                text=f"Lire\u00a0: {label}",
                help=escape(clean_line(match.how)) or None,
            )
        # Always one line: Textual's own « no matches » is in English.
        shown = clean_line(query)
        yield Hit(
            0.001,
            Text(f"Chercher «\u00a0{shown}\u00a0» dans la liste"),
            partial(app.search_for, query),
            text=f"Chercher «\u00a0{shown}\u00a0» dans la liste",
        )


class ActionCommands(Provider):
    """Export this entry or the list, favourite, review, the official links, quit."""

    async def discover(self) -> AsyncIterator[DiscoveryHit]:
        app = cast("BrowseApp", self.app)
        for title, help_text, callback in app.actions():
            yield DiscoveryHit(title, callback, help=escape(help_text))

    async def search(self, query: str) -> AsyncIterator[Hit]:
        app = cast("BrowseApp", self.app)
        matcher = self.matcher(query)
        for title, help_text, callback in app.actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(title), callback, text=title, help=escape(help_text)
                )
