"""`esslex browse` as it looks, at 80×24 without colours and at 120×40 in colour, on a fixed
glossary: SVG snapshots (pytest-textual-snapshot; `--snapshot-update` after a change seen
and approved)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("textual")
# Each test starts the Textual app (about a second of processor time): in the full suite,
# not in the everyday loop.
pytestmark = pytest.mark.slow
pytest.importorskip("pytest_textual_snapshot")

from textual.pilot import Pilot  # noqa: E402

from support.browse import browse_app, browse_glossary  # noqa: E402


@pytest.fixture
def glossary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # A relative path: the entry names its glossary file, and the snapshot must not hold
    # the test's temporary folder.
    monkeypatch.chdir(tmp_path)
    browse_glossary(tmp_path)
    return Path("parcours.toml")


async def searched(pilot: Pilot[Any]) -> None:
    await pilot.press(*"coperative")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_results_and_entry_at_80_by_24_without_colours(snap_compare: Any, glossary: Path) -> None:
    # NO_COLOR is set for every test (conftest): the focus shows as reversed text.
    assert snap_compare(browse_app([glossary]), terminal_size=(80, 24), run_before=searched)


def test_an_entry_with_a_link_focused_at_120_by_40_in_colour(
    snap_compare: Any, glossary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR")
    app = browse_app([glossary], query="coopération")
    assert snap_compare(app, terminal_size=(120, 40), press=["enter", "tab", "tab"])
