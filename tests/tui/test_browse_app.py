"""`esslex browse` driven by Textual's Pilot: typing, following links, back and forward,
themes, favourites, the palette's actions and exports, untrusted text."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("textual")
# Each test starts the Textual app (about a second of processor time): in the full suite,
# not in the everyday loop.
pytestmark = pytest.mark.slow

from textual.pilot import Pilot  # noqa: E402
from textual.widgets import Input, OptionList, Select, Static  # noqa: E402

from esslex.tui.app import BrowseApp  # noqa: E402
from esslex.tui.widgets import EntryLink, SourceLink  # noqa: E402
from support.browse import MemoryLearnerStore, browse_app, browse_glossary  # noqa: E402


def played(app: BrowseApp, steps: Callable[[Pilot[Any]], Awaitable[None]]) -> None:
    """Run `steps` on the app in a headless 80×24 terminal."""

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await steps(pilot)

    asyncio.run(main())


async def typed(pilot: Pilot[Any], text: str) -> None:
    """`text` added to the search field at once (each key pressed costs a tenth of a second
    of rendering), and the list followed."""
    field = pilot.app.query_one("#query", Input)
    field.value += text
    await settled(pilot)


async def settled(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def listed(app: BrowseApp) -> list[str]:
    results = app.query_one("#results", OptionList)
    return [str(option.id) for option in results.options if option.id]


def highlighted(app: BrowseApp) -> str | None:
    option = app.query_one("#results", OptionList).highlighted_option
    return option.id if option is not None else None


def plain(widget: Static) -> str:
    """What a widget shows, as plain text (Rich renderables printed without colours)."""
    from rich.console import Console

    console = Console(width=200, file=io.StringIO(), record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


def entry_text(app: BrowseApp) -> str:
    """What the entry pane says, as plain text."""
    widgets = [app.query_one("#body", Static), *app.query("#relations Static, #sources Static")]
    return "".join(plain(widget) for widget in widgets)


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    return browse_glossary(tmp_path)


def test_typing_coperation_selects_cooperation_in_the_bundled_glossary() -> None:
    app = browse_app()

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press(*"coperation")
        await settled(pilot)
        assert highlighted(app) == "cooperation"
        assert app.shown is not None and app.shown.label == "Coopération"
        text = entry_text(app)
        assert "Coopération" in text
        assert "faute de frappe probable" in text  # how it matched, as `define` says it

    played(app, steps)


def test_the_first_screen_is_the_a_to_z_list(glossary: Path) -> None:
    app = browse_app([glossary])

    async def steps(pilot: Pilot[Any]) -> None:
        assert listed(app) == [
            "association",
            "cooperation",
            "cooperative",
            "mutualisme",
            "piege",
            "scop",
        ]
        results = app.query_one("#results", OptionList)
        letters = [str(o.prompt) for o in results.options if not o.id]
        assert letters == ["A", "C", "M", "P", "S"]
        assert isinstance(app.focused, Input)
        assert app.shown is None  # the glossary and the keys, until one moves
        welcome = entry_text(app)
        assert "Glossaire de parcours" in welcome and "6 entrées, 2 thèmes" in welcome
        await pilot.press("down")
        assert app.focused is results
        assert app.shown is not None and app.shown.id == "association"
        await pilot.press("down")
        assert app.shown is not None and app.shown.id == "cooperation"  # the letter is skipped

    played(app, steps)


def test_each_result_says_how_it_matched(glossary: Path) -> None:
    app = browse_app([glossary])

    async def steps(pilot: Pilot[Any]) -> None:
        await typed(pilot, "la scop")
        assert listed(app)[0] == "scop"
        prompt = str(app.query_one("#results", OptionList).options[0].prompt)
        assert "«\u00a0SCOP\u00a0», sans tenir compte des majuscules" in prompt
        assert "article «\u00a0la\u00a0» mis de côté" in app.how_listed("scop")
        app.query_one("#query", Input).value = ""
        await typed(pilot, "solidarite")  # no accent, in a definition only
        assert listed(app) == ["mutualisme"]
        assert app.how_listed("mutualisme").startswith("dans le texte\u00a0:")

    played(app, steps)


def test_a_related_link_is_followed_and_back_and_forward_return(glossary: Path) -> None:
    store = MemoryLearnerStore()
    app = browse_app([glossary], store=store)

    async def steps(pilot: Pilot[Any]) -> None:
        await typed(pilot, "cooperation")
        await pilot.press("enter")  # opens the entry, as a step of the trail
        assert app.shown is not None and app.shown.id == "cooperation"
        assert store.lookups == [("parcours", "cooperation", "cooperation")]
        links = list(app.query(EntryLink))
        assert [link.term_id for link in links] == ["scop", "cooperative", "mutualisme"]
        await pilot.press("tab")
        assert app.focused is links[0]
        await pilot.press("tab", "enter")  # Voir aussi : Coopérative
        await pilot.pause()
        assert app.shown is not None and app.shown.id == "cooperative"
        assert "société coopérative" in entry_text(app)
        await pilot.press("backspace")
        await pilot.pause()
        assert app.shown is not None and app.shown.id == "cooperation"
        await pilot.press("alt+right")
        await pilot.pause()
        assert app.shown is not None and app.shown.id == "cooperative"
        await pilot.press("alt+left")
        await pilot.pause()
        assert app.shown is not None and app.shown.id == "cooperation"
        assert store.lookups[-1] == ("parcours", "cooperative", "")

    played(app, steps)


@pytest.mark.slow  # Textual renders every step: seconds each
def test_backspace_in_the_search_field_deletes_a_letter(glossary: Path) -> None:
    app = browse_app([glossary])

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press(*"mutualismx", "backspace", "e")
        await settled(pilot)
        assert app.query_one("#query", Input).value == "mutualisme"
        assert highlighted(app) == "mutualisme"

    played(app, steps)


def test_the_theme_selector_filters_the_list_and_the_results(glossary: Path) -> None:
    app = browse_app([glossary])

    async def steps(pilot: Pilot[Any]) -> None:
        theme = app.query_one("#theme", Select)
        await pilot.press("tab")
        assert app.focused is theme
        await pilot.press("enter")  # the choices open; down to « Principes (3) »
        await pilot.press("down", "enter")
        await pilot.pause()
        assert theme.value == "principes"
        assert listed(app) == ["cooperation", "mutualisme", "piege"]
        await pilot.press("shift+tab")
        await typed(pilot, "coop")
        assert listed(app) == ["cooperation"]  # Coopérative is a « statut »

    played(app, steps)


def test_f_marks_a_favourite_and_f_again_removes_it(glossary: Path) -> None:
    store = MemoryLearnerStore()
    app = browse_app([glossary], store=store)

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press(*"mutualisme", "f")  # in the search field, f is a letter
        await settled(pilot)
        assert store.favourites == set()
        await pilot.press("enter", "f")
        await pilot.pause()
        assert store.favourites == {("parcours", "mutualisme")}
        status = app.query_one("#status", Static)
        assert status.display and "favoris" in plain(status)
        await pilot.press("f")
        await pilot.pause()
        assert store.favourites == set()
        assert not status.display

    played(app, steps)


def test_the_official_link_opens_on_request_only(glossary: Path) -> None:
    opened: list[str] = []
    app = browse_app([glossary], query="cooperation", opened=opened)

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("enter")
        assert opened == []  # never automatically
        source = app.query_one(SourceLink)
        source.focus()
        await pilot.press("enter")
        assert opened == ["https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000684004"]

    played(app, steps)


def test_glossary_text_is_never_markup(glossary: Path) -> None:
    app = browse_app([glossary], query="piege")

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert app.shown is not None and app.shown.id == "piege"
        text = entry_text(app)
        assert "Piège [bold]balisé[/bold]" in text
        assert "[link=https://x.test]un lien[/link]" in text
        assert "\x1b" not in text

    played(app, steps)


def test_a_query_that_finds_nothing_says_so(glossary: Path) -> None:
    app = browse_app([glossary])

    async def steps(pilot: Pilot[Any]) -> None:
        await typed(pilot, "zzzz")
        assert listed(app) == []
        assert app.shown is None
        assert "Aucune entrée ne correspond à «\u00a0zzzz\u00a0»." in entry_text(app)

    played(app, steps)


async def palette(pilot: Pilot[Any], text: str) -> None:
    """Open the command palette, type `text`, and take the first line."""
    from textual.command import CommandInput

    await pilot.press("ctrl+p")
    await pilot.pause()
    pilot.app.screen.query_one(CommandInput).value = text
    results = pilot.app.screen.query_one(OptionList)
    for _ in range(100):  # the palette gathers its lines in the background
        await pilot.pause(0.02)
        if results.option_count:
            break
    await pilot.press("enter")  # the first line is highlighted
    await pilot.pause()


@pytest.mark.slow  # Textual renders every step: seconds each
def test_the_palette_finds_entries_as_the_search_field_does(glossary: Path) -> None:
    store = MemoryLearnerStore()
    app = browse_app([glossary], store=store)

    async def steps(pilot: Pilot[Any]) -> None:
        await palette(pilot, "mutualsme")
        assert app.shown is not None and app.shown.id == "mutualisme"
        assert store.lookups == [("parcours", "mutualisme", "mutualsme")]

    played(app, steps)


@pytest.mark.slow  # Textual renders every step: seconds each
def test_the_palette_adds_to_review_and_copies_the_official_link(glossary: Path) -> None:
    store = MemoryLearnerStore()
    app = browse_app([glossary], query="cooperation", store=store)

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await palette(pilot, "révisions")
        assert store.review == [("parcours", "cooperation")]
        await palette(pilot, "copier le lien")
        assert app.clipboard == "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000684004"

    played(app, steps)


@pytest.mark.slow  # Textual renders every step: seconds each
def test_export_this_entry_then_never_replace_without_confirmation(
    glossary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = browse_app([glossary], query="mutualisme")

    async def export(pilot: Pilot[Any], name: str) -> None:
        await palette(pilot, "exporter cette")
        field = pilot.app.screen.query_one("#file", Input)
        assert field.value == "mutualisme.md"
        field.value = name
        await pilot.press("enter")
        await pilot.pause()

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await export(pilot, "mutualisme.csv")
        await pilot.app.workers.wait_for_complete()
        written = (tmp_path / "mutualisme.csv").read_text(encoding="utf-8-sig")
        assert "Mutualisme" in written and "Coopération" not in written
        (tmp_path / "mutualisme.csv").write_text("à garder", encoding="utf-8")
        await export(pilot, "mutualisme.csv")
        await pilot.press("n")  # not replaced
        await pilot.app.workers.wait_for_complete()
        assert (tmp_path / "mutualisme.csv").read_text(encoding="utf-8") == "à garder"
        await export(pilot, "mutualisme.csv")
        await pilot.press("o")
        await pilot.app.workers.wait_for_complete()
        assert "Mutualisme" in (tmp_path / "mutualisme.csv").read_text(encoding="utf-8-sig")

    played(app, steps)


@pytest.mark.slow  # Textual renders every step: seconds each
def test_export_the_selection_and_a_name_without_a_format(
    glossary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    monkeypatch.chdir(tmp_path)
    app = browse_app([glossary], query="coop")

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await palette(pilot, "exporter la sélection")
        field = pilot.app.screen.query_one("#file", Input)
        field.value = "liste.xyz"
        await pilot.press("enter")
        await pilot.pause()
        problem = plain(pilot.app.screen.query_one("#problem", Static))
        assert problem.startswith("Extension inconnue pour «\u00a0liste.xyz\u00a0»")
        field.value = "liste.json"
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        data = json.loads((tmp_path / "liste.json").read_text(encoding="utf-8"))
        assert {term["id"] for term in data["terms"]} == set(listed(app))

    played(app, steps)


def test_a_jurisdiction_selector_appears_when_entries_have_jurisdictions(
    glossary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import esslex.tui.app
    import esslex.tui.widgets

    codes = {"cooperation": ("FR",), "cooperative": ("BE-WAL",), "scop": ("FR",)}
    for module in (esslex.tui.app, esslex.tui.widgets):
        monkeypatch.setattr(module, "jurisdictions_of", lambda term: codes.get(term.id, ()))
    app = browse_app([glossary])

    async def steps(pilot: Pilot[Any]) -> None:
        selector = app.query_one("#jurisdiction", Select)
        selector.value = "BE"  # Belgium takes its regions
        await settled(pilot)
        assert listed(app) == ["cooperative"]
        selector.value = "FR"
        await typed(pilot, "coop")
        assert set(listed(app)) == {"cooperation", "scop"}

    played(app, steps)


def test_no_jurisdiction_selector_while_entries_have_none(glossary: Path) -> None:
    app = browse_app([glossary])

    async def steps(pilot: Pilot[Any]) -> None:
        assert not app.query("#jurisdiction")

    played(app, steps)
