"""The `esslex browse` screen: a search field filtered as one types, theme (and jurisdiction)
selectors, the A–Z list or the results, and the entry as `define` shows it, its related
entries and official links focusable; favourites, back and forward, a command palette."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from esslex.cli.render import entry_rich_head, source_lines
from esslex.documents.entryview import clean_line, terminal_view
from esslex.errors import EsslexError
from esslex.find.index import GlossaryIndex
from esslex.find.typeahead import Match, matches
from esslex.glossary.model import Glossary, Term
from esslex.text.normalize import fold
from esslex.tui.learning import LearnerStore
from esslex.tui.trail import Trail
from esslex.tui.widgets import (
    EntryLink,
    SearchField,
    SourceLink,
    in_jurisdiction,
    jurisdictions_of,
    list_options,
    runs_in_terminal,
)

NBSP = "\u00a0"
# Rows of the list laid out at a time: more than a 40-line terminal shows.
ROWS_AT_ONCE = 50


class BrowseApp(App[object]):
    """The glossary full-screen. `store` keeps favourites, lookups and the review queue;
    `load` gives the whole glossary (exports need it, reading does not); `open_link`
    opens an address in the system browser (True: opened); `colours` False for none at
    all (NO_COLOR): focus and highlights are then shown reversed or bold."""

    TITLE = "esslex"
    CSS_PATH = "browse.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quitter", priority=True),
        Binding("ctrl+c", "quit", "Quitter", show=False, priority=True),
        Binding("slash", "search_field", "Chercher", show=False),
        Binding("escape", "search_field", "Chercher", show=False),
        Binding("f", "favourite", "Favori"),
        Binding("alt+left,backspace", "go_back", "Retour"),
        Binding("alt+right", "go_forward", "Suivant", show=False),
    ]

    def __init__(
        self,
        index: GlossaryIndex,
        store: LearnerStore,
        load: Callable[[], Glossary],
        query: str = "",
        open_link: Callable[[str], bool] | None = None,
        colours: bool = True,
    ) -> None:
        # Without colours (NO_COLOR), Textual's own filter paints in greys unless told the
        # terminal's colours are native: then it drops every colour, as NO_COLOR asks.
        super().__init__(ansi_color=None if colours else True)
        self.index = index
        self.store = store
        self.load = load
        self.initial_query = query
        self.open_link = open_link or self.open_in_system_browser
        self.trail = Trail()
        self.shown: Term | None = None
        # The entries listed (the current selection): ids in their order, and how they matched.
        self.listed: list[Match] = []
        self.listing = 0  # which filling of the list is under way
        counts = index.theme_counts()
        self.themes = [
            (f"{clean_line(t.label)} ({counts.get(t.id, 0)})", t.id)
            for t in sorted(index.themes, key=lambda t: fold(t.label))
        ]
        # Sorted once: the A–Z list is filtered from it at each change of selector.
        self.a_to_z = index.sorted_terms()
        codes = {code for term in self.a_to_z for code in jurisdictions_of(term)}
        # A country stands above its regions: « BE » is offered when « BE-WAL » is used.
        self.jurisdictions = sorted(codes | {code.split("-")[0] for code in codes})

    # Keys of the main screen, not of a dialog or the palette above it.
    _MAIN_SCREEN_ACTIONS = frozenset({"favourite", "go_back", "go_forward", "search_field"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in self._MAIN_SCREEN_ACTIONS or len(self.screen_stack) == 1

    def key(self, term: Term) -> tuple[str, str]:
        """The entry as the learner's store knows it: (its glossary's id, its id)."""
        from esslex.learner.entries import entry_key

        return entry_key(term, self.index)

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="side"):
                yield SearchField(
                    value=self.initial_query,
                    placeholder="Chercher un terme…",
                    id="query",
                )
                yield Select(self.themes, prompt="Tous les thèmes", id="theme")
                if self.jurisdictions:
                    yield Select(
                        [(code, code) for code in self.jurisdictions],
                        prompt="Tous les territoires",
                        id="jurisdiction",
                    )
                yield OptionList(id="results")
            with VerticalScroll(id="entry"):
                yield Static(id="status")
                yield Static(id="body")
                yield Vertical(id="relations")
                yield Vertical(id="sources")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#entry", VerticalScroll).border_title = "Entrée"
        self.query_one("#status", Static).display = False
        self.query_one("#body", Static).update(self.welcome())
        self.refresh_results(self.initial_query)
        self.query_one("#query", Input).focus()

    def welcome(self) -> Text:
        """The first screen's entry pane: the glossary and the keys."""
        count, themes = len(self.index), len(self.index.themes)
        text = Text(clean_line(self.index.info.title), style="bold")
        text.append(
            f"\n{count} entrée{'s' * (count != 1)}, {themes} thème{'s' * (themes != 1)}\n\n",
            style="dim",
        )
        for key, what in (
            ("Saisie", "chercher (accents, articles et fautes tolérés)"),
            ("↓ ou Tab", "passer à la liste, aux thèmes, à l’entrée"),
            ("Entrée", "ouvrir l’entrée, suivre un renvoi"),
            ("Retour arrière, Alt+←", "revenir"),
            ("Alt+→", "repartir"),
            ("f", "favori (hors du champ de recherche)"),
            ("Ctrl+P", "palette (entrées, exporter, réviser, lien officiel)"),
            ("Ctrl+Q", "quitter"),
        ):
            text.append(key, style="bold")
            text.append(f"\u00a0: {what}\n")
        return text

    # --- results --------------------------------------------------------------------------

    def keep(self, term: Term) -> bool:
        """Whether the theme and jurisdiction chosen let the entry in."""
        theme = self.query_one("#theme", Select).value
        if isinstance(theme, str) and theme not in term.themes:
            return False
        if self.jurisdictions:
            code = self.query_one("#jurisdiction", Select).value
            if isinstance(code, str) and not in_jurisdiction(term, code):
                return False
        return True

    def find(self, query: str, limit: int = 60) -> list[Match]:
        """The entries `query` finds among those the selectors let in, or A to Z."""
        if not fold(query):
            return [Match(term, "", "a-z") for term in self.a_to_z if self.keep(term)]
        return matches(self.index, query, self.keep, limit)

    def refresh_results(self, query: str) -> None:
        self.show_results(query, self.find(query))

    def show_results(self, query: str, found: Sequence[Match]) -> None:
        results = self.query_one("#results", OptionList)
        self.listed = list(found)
        results.clear_options()
        options = list_options(found, alphabetical=not fold(query))
        # A screenful now, the rest after the screen is drawn: laying out every row first
        # costs a fifth of the first screen's time with 69 entries, seconds with 10,000.
        results.add_options(options[:ROWS_AT_ONCE])
        self.listing += 1
        self.call_after_refresh(self.list_more, self.listing, options[ROWS_AT_ONCE:])
        count = len(found)
        noun = "entrée" if count == 1 else "entrées"
        results.border_title = (
            f"A–Z · {count} {noun}" if not fold(query) else f"{count} résultat{'s' * (count != 1)}"
        )
        if not found:
            self.show_nothing(query)
        elif fold(query):
            # The best match is shown as one types; the A–Z list waits for a move in it.
            results.highlighted = next(
                position for position, option in enumerate(results.options) if option.id
            )

    def list_more(self, listing: int, options: list[Option]) -> None:
        """The rows after the first screenful, a screenful at a time, while `listing` shows."""
        if listing != self.listing or not options:
            return
        self.query_one("#results", OptionList).add_options(options[:ROWS_AT_ONCE])
        self.call_after_refresh(self.list_more, listing, options[ROWS_AT_ONCE:])

    @on(Input.Changed, "#query")
    def query_changed(self, event: Input.Changed) -> None:
        self.search_in_background(event.value)

    @work(thread=True, exclusive=True, group="search")
    def search_in_background(self, query: str) -> None:
        # A large glossary takes a moment per keystroke: typing goes on meanwhile.
        from textual.worker import get_current_worker

        found = self.find(query)
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self.show_results, query, found)

    @on(Select.Changed)
    def selector_changed(self) -> None:
        self.refresh_results(self.query_one("#query", Input).value)

    @on(OptionList.OptionHighlighted, "#results")
    def result_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_entry(event.option.id, self.how_listed(event.option.id), preview=True)

    @on(OptionList.OptionSelected, "#results")
    def result_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.open_entry(event.option.id, self.query_one("#query", Input).value)

    @on(Input.Submitted, "#query")
    def query_submitted(self, event: Input.Submitted) -> None:
        results = self.query_one("#results", OptionList)
        option = results.highlighted_option
        if option is not None and option.id:
            self.open_entry(option.id, event.value)

    def search_for(self, query: str) -> None:
        """Put `query` in the search field, which lists what it finds."""
        field = self.query_one("#query", Input)
        field.value = query
        field.focus()

    def how_listed(self, term_id: str) -> str:
        return next((match.how for match in self.listed if match.term.id == term_id), "")

    # --- the entry ------------------------------------------------------------------------

    def open_entry(self, term_id: str, query: str = "") -> None:
        """Show the entry as a step of the trail, record the lookup, and move to it."""
        self.show_entry(term_id, self.how_listed(term_id) if query else "")
        self.store.record_lookup(*self.key(self.index[term_id]), query)
        self.query_one("#entry", VerticalScroll).focus()

    def show_entry(self, term_id: str, how: str = "", preview: bool = False) -> None:
        term = self.index.get(term_id)
        if term is None:
            return
        self.trail.visit(term_id, preview)
        self.display_entry(term, how)

    def display_entry(self, term: Term, how: str) -> None:
        same = self.shown is not None and self.shown.id == term.id
        self.shown = term
        view = terminal_view(term, self.index, anchor_of=self.known_id)
        self.show_favourite()
        from rich.console import Group

        self.query_one("#body", Static).update(Group(*entry_rich_head(view, how)))
        if same:
            return  # typing on: only how it matched changes, its links stay (and their focus)
        entry = self.query_one("#entry", VerticalScroll)
        relations = self.query_one("#relations", Vertical)
        relations.remove_children()
        widgets: list[Static] = []
        for relation in view.relations:
            # The body ends with a blank line: the first heading needs none above it.
            classes = "heading" if widgets else "heading first"
            widgets.append(Static(Text(f"{relation.name}{NBSP}:", style="bold"), classes=classes))
            widgets.extend(
                EntryLink(link.label, link.anchor) for link in relation.links if link.anchor
            )
        relations.mount_all(widgets)
        sources = self.query_one("#sources", Vertical)
        sources.remove_children()
        classes = "heading" if widgets else "heading first"
        lines: list[Static] = [Static(Text("Sources", style="bold"), classes=classes)]
        for text, source in zip(source_lines(view), view.sources, strict=True):
            lines.append(
                SourceLink(text, source.link) if source.link else Static(Text(f"• {text}"))
            )
        if not view.sources:
            lines.append(Static(Text("• (aucune source indiquée)")))
        sources.mount_all(lines)
        entry.scroll_home(animate=False)

    def known_id(self, term_id: str) -> str | None:
        return term_id if self.index.get(term_id) is not None else None

    def show_nothing(self, query: str) -> None:
        self.shown = None
        self.query_one("#status", Static).display = False
        self.query_one("#body", Static).update(
            Text(f"Aucune entrée ne correspond à «{NBSP}{clean_line(query)}{NBSP}».")
        )
        self.query_one("#relations", Vertical).remove_children()
        self.query_one("#sources", Vertical).remove_children()

    def show_favourite(self) -> None:
        favourite = self.shown is not None and self.store.is_favourite(*self.key(self.shown))
        status = self.query_one("#status", Static)
        status.update(Text("★ Dans vos favoris (f pour l’en retirer)", style="bold"))
        status.display = favourite

    @on(EntryLink.Followed)
    def link_followed(self, event: EntryLink.Followed) -> None:
        self.open_entry(event.term_id)

    @on(SourceLink.Opened)
    def source_opened(self, event: SourceLink.Opened) -> None:
        self.action_open_link(event.url)

    # --- actions --------------------------------------------------------------------------

    def action_to_results(self) -> None:
        results = self.query_one("#results", OptionList)
        results.focus()
        if results.highlighted is None:
            results.action_cursor_down()  # the first entry

    def action_search_field(self) -> None:
        self.query_one("#query", Input).focus()

    def action_go_back(self) -> None:
        self.step(self.trail.back())

    def action_go_forward(self) -> None:
        self.step(self.trail.forward())

    def step(self, term_id: str | None) -> None:
        term = self.index.get(term_id) if term_id else None
        if term is None:
            self.bell()
            return
        self.display_entry(term, "")
        if not isinstance(self.focused, (EntryLink, SourceLink)):
            return
        self.query_one("#entry", VerticalScroll).focus()  # the link focused is gone

    def action_favourite(self) -> None:
        if self.shown is None:
            return
        on_now = not self.store.is_favourite(*self.key(self.shown))
        self.store.set_favourite(*self.key(self.shown), on_now)
        self.show_favourite()
        label = clean_line(self.shown.label)
        self.notify(
            f"Ajoutée aux favoris{NBSP}: {label}"
            if on_now
            else f"Retirée des favoris{NBSP}: {label}",
            markup=False,
        )

    def action_review(self) -> None:
        if self.shown is None:
            return
        self.store.queue_for_review(*self.key(self.shown))
        self.notify(f"Ajoutée aux révisions{NBSP}: {clean_line(self.shown.label)}", markup=False)

    def official_links(self) -> list[tuple[str, str]]:
        """(title, address) of each source of the entry shown that has an official address."""
        if self.shown is None:
            return []
        view = terminal_view(self.shown, self.index)
        return [(source.title, source.link) for source in view.sources if source.link]

    def action_copy_link(self, url: str) -> None:
        self.copy_to_clipboard(url)
        self.notify(f"Lien copié{NBSP}: {url}", markup=False)

    def action_open_link(self, url: str) -> None:
        if not self.open_link(url):
            self.copy_to_clipboard(url)
            self.notify(
                f"Aucun navigateur trouvé{NBSP}; lien copié{NBSP}: {url}",
                severity="warning",
                markup=False,
            )

    def open_in_system_browser(self, url: str) -> bool:
        import webbrowser

        try:
            browser = webbrowser.get()
        except webbrowser.Error:
            return False
        if runs_in_terminal(browser):
            # A text browser (w3m, lynx) takes the terminal until one quits it.
            with self.suspend():
                return bool(browser.open(url))
        return bool(browser.open(url))

    def export(self, ids: Sequence[str], what: str) -> None:
        from esslex.tui.screens import ExportScreen

        if not ids:
            self.notify("Aucune entrée à exporter.", severity="warning", markup=False)
            return
        suggested = f"{self.shown.id if len(ids) == 1 and self.shown else 'selection'}.md"
        self.push_screen(ExportScreen(what, suggested), partial(self.export_to, ids))

    def export_to(self, ids: Sequence[str], name: str | None) -> None:
        from esslex.tui.exporting import export_target
        from esslex.tui.screens import ConfirmScreen

        if not name:
            return
        path, _ = export_target(name)  # checked by the screen already
        if path.is_file():
            question = f"{path} existe déjà. Le remplacer{NBSP}?"
            self.push_screen(ConfirmScreen(question), partial(self.replace_file, ids, name))
        else:
            self.write_export(ids, name, False)

    def replace_file(self, ids: Sequence[str], name: str, replace: bool | None) -> None:
        if replace:
            self.write_export(ids, name, True)

    @work(thread=True, group="export")
    def write_export(self, ids: Sequence[str], name: str, force: bool) -> None:
        from esslex.tui.exporting import export_entries

        try:
            done = export_entries(self.load(), ids, name, force)
        except EsslexError as error:
            self.call_from_thread(self.notify, error.message, severity="error", markup=False)
            return
        self.call_from_thread(self.notify, done, markup=False)

    # --- the command palette --------------------------------------------------------------

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from esslex.tui.palette import ActionCommands, EntryCommands

        if not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(
                    providers=[EntryCommands, ActionCommands],
                    placeholder="Une entrée ou une action…",
                )
            )

    def actions(self) -> Iterable[tuple[str, str, Callable[[], Any]]]:
        """The palette's actions on the entry shown and the list: title, help, callback."""
        if self.shown is not None:
            term, label = self.shown, clean_line(self.shown.label)
            yield (
                "Exporter cette entrée…",
                f"«{NBSP}{label}{NBSP}» dans un fichier (md, html, pdf, docx, csv, json…)",
                partial(self.export, [term.id], f"l’entrée «{NBSP}{label}{NBSP}»"),
            )
        count = len(self.listed)
        if count:
            listed = "l’entrée de la liste" if count == 1 else f"les {count} entrées de la liste"
            yield (
                "Exporter la sélection…",
                f"{listed} dans un fichier",
                partial(self.export, [m.term.id for m in self.listed], listed),
            )
        if self.shown is not None:
            favourite = self.store.is_favourite(*self.key(self.shown))
            yield (
                "Retirer des favoris" if favourite else "Ajouter aux favoris",
                f"«{NBSP}{label}{NBSP}» (touche f)",
                self.action_favourite,
            )
            yield "Ajouter aux révisions", f"«{NBSP}{label}{NBSP}»", self.action_review
            for title, url in self.official_links():
                yield (
                    "Copier le lien officiel",
                    clean_line(title),
                    partial(self.action_copy_link, url),
                )
                yield (
                    "Ouvrir le lien officiel",
                    f"{clean_line(title)}, dans le navigateur",
                    partial(self.action_open_link, url),
                )
        yield "Quitter", "Fermer esslex browse (Ctrl+Q)", self.exit
