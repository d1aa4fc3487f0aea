"""`esslex browse` as a command: without a terminal, without Textual, its learner store,
and played in a real terminal (tmux)."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from browse_support import browse_glossary
from cli_support import SCRIPT, run
from terminal_support import terminal


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
    assert "pip install 'esslex[browse]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_is_french_and_textual_is_not_imported_for_it() -> None:
    result = run("browse", "--help")
    assert result.exit_code == 0
    assert "Parcourir le glossaire en plein écran" in result.stdout
    assert "Ctrl+Q pour quitter" in " ".join(result.stdout.split())


def test_the_learner_store_is_kept_in_memory_while_esslex_has_none() -> None:
    from esslex.cli.browse import learner_store

    if "esslex.learner.store" in sys.modules or _exists("esslex.learner.store"):
        pytest.skip("esslex has its learner store")
    from esslex.tui.learning import MemoryLearnerStore

    store = learner_store()
    assert isinstance(store, MemoryLearnerStore)
    store.set_favourite("g", "e", True)
    assert store.is_favourite("g", "e")
    store.set_favourite("g", "e", False)
    assert not store.is_favourite("g", "e")


def test_the_learner_store_of_esslex_is_used_when_there_is_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from esslex.cli.browse import learner_store

    opened: list[object] = []
    module = types.ModuleType("esslex.learner.store")

    def open_learner_store() -> object:
        opened.append(object())
        return opened[-1]

    module.open_learner_store = open_learner_store  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "esslex.learner", types.ModuleType("esslex.learner"))
    monkeypatch.setitem(sys.modules, "esslex.learner.store", module)
    assert learner_store() is opened[0]


def _exists(module: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


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
