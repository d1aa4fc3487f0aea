"""`esslex browse` as a command: without a terminal, without Textual, its learner store,
and played in a real terminal (tmux)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest

from browse_support import browse_glossary
from cli_support import SCRIPT, run


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
    if shutil.which("tmux") is None:
        pytest.skip("tmux absent")
    glossary = browse_glossary(tmp_path)
    session = f"esslex-browse-{os.getpid()}"
    tmux = ["tmux", "-S", str(tmp_path / "tmux.sock")]
    command = f"{SCRIPT} --no-bundled -g {glossary} browse; echo CODE=$?; sleep 30"
    size = ["-x", "80", "-y", "24"]
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", session, *size, "-c", str(tmp_path), command],
        check=True,
        env={key: value for key, value in os.environ.items() if key != "NO_COLOR"},
    )

    def screen() -> str:
        return subprocess.run(
            [*tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=True
        ).stdout

    def wait_for(text: str) -> str:
        for _ in range(150):
            shown = screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} absent:\n{screen()}")

    def keys(*names: str) -> None:
        subprocess.run([*tmux, "send-keys", "-t", session, *names], check=True)

    try:
        wait_for("A–Z · 6 entrées")
        assert "Association" in wait_for("^q Quitter")
        keys("mutualsme")
        wait_for("1 résultat")
        assert "Trouvé\u00a0: «\u00a0Mutualisme\u00a0», faute de frappe" in wait_for("Voir aussi")
        keys("Enter")  # opened: the entry has the focus
        wait_for("f Favori")
        keys("Tab")
        wait_for("Suivre le lien")
        keys("Enter")  # « Voir aussi : Coopération » followed
        wait_for("Le fait d’œuvrer ensemble")
        keys("BSpace")
        wait_for("Un mouvement d’entraide")
        keys("f")
        wait_for("★ Dans vos favoris")
        keys("C-q")
        assert "CODE=0" in wait_for("CODE=")
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)
