"""`esslex browse` as a command: without a terminal, without Textual, its learner store,
and played in a real terminal (tmux)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from support.browse import browse_glossary
from support.cli import SCRIPT, run
from support.terminal import terminal


def test_without_a_terminal_it_exits_2_with_a_french_message() -> None:
    pytest.importorskip("textual")
    result = run("browse")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Erreur\u00a0: «\u00a0esslex browse\u00a0» s’affiche dans un terminal" in result.stderr
    assert "esslex define" in result.stderr


def test_without_textual_it_exits_4_with_the_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "textual", None)  # `import textual` fails
    monkeypatch.delitem(sys.modules, "esslex.tui.app", raising=False)  # imported anew
    result = run("browse", "coopération")
    assert result.exit_code == 4
    assert "installez l’extra «\u00a0browse\u00a0» d’esslex" in result.stderr
    assert ".venv/bin/pip install '.[browse]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_is_french_and_textual_is_not_imported_for_it() -> None:
    result = run("browse", "--help")
    assert result.exit_code == 0
    assert "Parcourir le glossaire en plein écran" in result.stdout
    assert "Ctrl+Q pour quitter" in " ".join(result.stdout.split())


def test_browse_shares_the_learners_store_with_the_commands() -> None:
    """A favourite marked in the browser is one of `esslex favourites`, and the other way."""
    import json

    from esslex.cli.browse import learner_store
    from esslex.learner.store import LearnerStore

    store = learner_store()
    try:
        assert isinstance(store, LearnerStore)
        store.set_favourite("devisus", "cooperation", True)
    finally:
        store.close()
    listed = json.loads(run("favourites", "list", "--json").stdout)
    assert "cooperation" in json.dumps(listed)


@pytest.mark.slow
def test_played_in_tmux(tmp_path: Path) -> None:
    """Typed, followed, back, favourite, quit: in a real 80×24 terminal."""
    pytest.importorskip("textual")
    glossary = browse_glossary(tmp_path)
    command = f"{SCRIPT} --no-bundled -g {glossary} browse; echo CODE=$?; sleep 30"
    with terminal(command, tmp_path, 80, 24) as screen:
        screen.wait_for("A–Z · 6 entrées")
        assert "Association" in screen.wait_for("^q Quitter")
        screen.keys("mutualsme")
        screen.wait_for("1 résultat")
        shown = screen.wait_for("Voir aussi")
        assert "Trouvé\u00a0: «\u00a0Mutualisme\u00a0», faute de frappe" in shown
        screen.keys("Enter")  # opened: the entry has the focus
        screen.wait_for("f Favori")
        screen.keys("Tab")
        screen.wait_for("Suivre le lien")
        screen.keys("Enter")  # « Voir aussi : Coopération » followed
        screen.wait_for("Le fait d’œuvrer ensemble")
        screen.keys("BSpace")
        screen.wait_for("Un mouvement d’entraide")
        screen.keys("f")
        screen.wait_for("★ Dans vos favoris")
        screen.keys("C-q")
        assert "CODE=0" in screen.wait_for("CODE=")
