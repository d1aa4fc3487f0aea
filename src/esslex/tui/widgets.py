"""The widgets and rows of the `esslex browse` screen: the search field, the links of an
entry (related entries, official sources), the list's rows, and where entries hold."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static
from textual.widgets.option_list import Option

from esslex.documents.entryview import clean_line
from esslex.find.typeahead import Match
from esslex.glossary.model import Term
from esslex.text.normalize import fold

# How a result matched, in the list: two lines at most of the narrowest list.
HOW_LENGTH = 52


def jurisdictions_of(term: Term) -> tuple[str, ...]:
    """Where the entry's definition holds (« FR », « BE-WAL »…), if entries say so."""
    # Entries gain `jurisdictions` with the reference vocabulary; until then, none.
    return tuple(getattr(term, "jurisdictions", ()))


def in_jurisdiction(term: Term, wanted: str) -> bool:
    """« BE » takes its subdivisions (« BE-WAL », « BE-BRU »)."""
    return any(code == wanted or code.startswith(wanted + "-") for code in jurisdictions_of(term))


class SearchField(Input):
    """The search field: ↓ goes down into the list."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("down", "app.to_results", show=False)]


class EntryLink(Static, can_focus=True):
    """A related entry: Enter follows it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "follow", "Suivre le lien")]

    class Followed(Message):
        def __init__(self, term_id: str) -> None:
            super().__init__()
            self.term_id = term_id

    def __init__(self, label: str, term_id: str) -> None:
        super().__init__(Text(f"→ {label}"), classes="link")
        self.term_id = term_id

    def action_follow(self) -> None:
        self.post_message(self.Followed(self.term_id))


class SourceLink(Static, can_focus=True):
    """A source with an official address: Enter opens it in the system browser."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "open", "Ouvrir le lien")]

    class Opened(Message):
        def __init__(self, url: str) -> None:
            super().__init__()
            self.url = url

    def __init__(self, text: str, url: str) -> None:
        super().__init__(Text(f"• {text}"), classes="link source")
        self.url = url

    def action_open(self) -> None:
        self.post_message(self.Opened(self.url))


def list_options(found: Sequence[Match], alphabetical: bool) -> list[Option]:
    """The list's rows: A to Z with a letter before each initial, or the results with how
    each matched under its name. Textual's own `Content`, never markup, and lighter to
    lay out than Rich text (the list is most of the first screen's time)."""
    options: list[Option] = []
    letter = ""
    for match in found:
        label = clean_line(match.term.label)
        if alphabetical:
            initial = fold(label)[:1].upper()
            if initial != letter:
                letter = initial
                options.append(Option(Content.styled(initial or "…", "bold"), disabled=True))
            options.append(Option(Content(label), id=match.term.id))
            continue
        how = clean_line(match.how)
        if len(how) > HOW_LENGTH:  # a passage of the text: its start is enough in a list
            how = how[: HOW_LENGTH - 1].rstrip() + "…"
        prompt = Content.assemble((label, "bold"), "\n", (how, "dim"))
        options.append(Option(prompt, id=match.term.id))
    return options


def runs_in_terminal(browser: Any) -> bool:
    """Whether `webbrowser` would run a text browser in this terminal."""
    import webbrowser

    if isinstance(browser, webbrowser.BackgroundBrowser):
        return False
    if isinstance(browser, webbrowser.GenericBrowser):
        return True
    return isinstance(browser, webbrowser.UnixBrowser) and not browser.background
