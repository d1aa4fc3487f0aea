"""Narrow terminals: `define`, `list`, `glossaries` and `check` wrap labels and addresses,
never cut them with « … », never break a word in its middle."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esslex.text.linebreaks import pieces_of_long_word, wrap
from support.cli import SCRIPT, run
from support.glossaries import write_glossary
from support.properties import examples

SGR = re.compile(r"\x1b\[[0-9;]*m")

LABEL = "Société coopérative d’intérêt collectif à capital variable et à responsabilité limitée"
TERM_ID = "societe-cooperative-d-interet-collectif-a-capital-variable"
URL = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000684004/2024-01-01/#LEGISCTA000006097651"
TITLE = "Glossaire des sociétés coopératives d’intérêt collectif et de leurs partenaires"

LONG = f"""\
[glossary]
id = "long"
title = "{TITLE}"

[[theme]]
id = "statuts"
label = "Statuts juridiques des entreprises de l’économie sociale et solidaire"

[[term]]
id = "{TERM_ID}"
label = "{LABEL}"
alt_labels = ["SCIC à capital variable"]
themes = ["statuts"]
definition = "Une société coopérative qui associe des salariés et des collectivités."

[[term.sources]]
title = "Loi n° 47-1775 du 10 septembre 1947 portant statut de la coopération"
article = "19 quinquies"
url = "{URL}"

[[term]]
id = "cooperation"
label = "Coopération"
themes = ["statuts"]
definition = "Agir ensemble."
"""


@pytest.fixture
def long_glossary(tmp_path: Path) -> Path:
    folder = tmp_path / "un dossier au nom assez long pour dépasser la largeur de l’écran"
    folder.mkdir()
    return write_glossary(folder / "glossaire-des-societes-cooperatives.toml", text=LONG)


# --- the line breaker ------------------------------------------------------------------------


def test_a_long_address_breaks_after_its_separators() -> None:
    pieces = pieces_of_long_word(URL, 40)
    assert "".join(pieces) == URL
    assert pieces[0] == "https://www.legifrance.gouv.fr/loda/id/"
    assert all(len(piece) <= 40 for piece in pieces)
    assert all(piece[-1] in "/?&#=_.-" for piece in pieces[:-1])


def test_an_id_breaks_after_its_hyphens() -> None:
    assert pieces_of_long_word(TERM_ID, 20) == [
        "societe-cooperative-",
        "d-interet-collectif-",
        "a-capital-variable",
    ]


def test_wrap_keeps_no_break_spaces_and_indents() -> None:
    text = f"Loi n°\u00a047-1775, article 19 quinquies\u00a0: {URL}"
    lines = wrap(text, 40, "• ", "  ")
    assert lines[0].startswith("• ")
    assert all(line.startswith("  ") for line in lines[1:])
    assert all(len(line) <= 40 for line in lines)
    assert not any(line.lstrip().startswith(("\u00a0", ":")) for line in lines)
    assert "".join(line.strip() for line in lines[-2:]).endswith(URL[-30:])


words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=1
)


@settings(max_examples=examples(200), deadline=None)
@given(text=st.lists(words, max_size=30).map(" ".join), width=st.integers(10, 90))
def test_wrap_never_exceeds_the_width_and_loses_nothing(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(len(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())
    # A word short enough for a line is never broken.
    short = [word for word in text.split() if len(word) <= width]
    on_lines = {word for line in lines for word in line.split()}
    assert all(word in on_lines for word in short)


# --- the commands, on a 60-column terminal ---------------------------------------------------

TERMINAL_60 = {"ESSLEX_FORCE_TERMINAL": "1", "COLUMNS": "60"}


def run_terminal(monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    for name, value in TERMINAL_60.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = run(*args)
    return SGR.sub("", result.stdout + result.stderr)


def assert_whole(screen: str, width: int, *texts: str, table: bool = False) -> None:
    lines = screen.splitlines()
    assert all(len(line.rstrip()) <= width for line in lines), screen
    assert "…" not in screen and "..." not in screen
    joined = re.sub(r"\s+", "", screen)
    for text in texts:
        if not table:  # a table cell's lines are interleaved with the other cells'
            assert re.sub(r"\s+", "", text) in joined, text  # whole, in order
        # Every word of it stands whole on some line (an address may break after a "/").
        for word in text.split():
            if len(word) <= width // 3:
                assert re.search(rf"(?<!\S){re.escape(word)}", screen), word


@pytest.mark.parametrize(
    ("args", "texts"),
    [
        (["define", "scic à capital variable"], (LABEL, URL)),
        (["list"], (LABEL, "Statuts juridiques des entreprises")),
        (["glossaries"], (TITLE,)),
        (["check"], ("n’est relié à aucune autre entrée",)),
    ],
)
def test_narrow_terminal_wraps_and_never_cuts(
    monkeypatch: pytest.MonkeyPatch, long_glossary: Path, args: list[str], texts: tuple[str, ...]
) -> None:
    screen = run_terminal(monkeypatch, "--no-bundled", "-g", str(long_glossary), *args)
    assert_whole(screen, 60, *texts, table=args[0] == "list")
    if args[0] in ("glossaries", "check"):
        assert_whole(screen, 60, str(long_glossary))


def test_piped_define_wraps_at_the_width_too(long_glossary: Path) -> None:
    result = run(
        "--no-bundled",
        "-g",
        str(long_glossary),
        "define",
        "scic à capital variable",
        env={"COLUMNS": "60"},
    )
    assert result.exit_code == 0, result.stderr
    assert_whole(result.stdout, 60, LABEL, URL)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
@pytest.mark.parametrize("columns", [60, 100])
def test_the_screen_in_tmux(long_glossary: Path, tmp_path: Path, columns: int) -> None:
    """The installed program on a real terminal, read back from the screen."""
    session = f"esslex-narrow-{os.getpid()}-{columns}"
    command = f"'{SCRIPT}' --no-bundled -g '{long_glossary}'"
    shell = tmp_path / "run.sh"
    shell.write_text(
        f"clear; echo DEBUT; {command} define scic à capital variable; {command} glossaries;"
        f" echo FIN; {command} list; echo FIN\n",
        encoding="utf-8",
    )
    environment = {**os.environ, "TERM": "xterm-256color"}
    environment.pop("NO_COLOR", None)
    environment.pop("COLUMNS", None)
    subprocess.run(
        [
            *("tmux", "new-session", "-d", "-s", session, "-x", str(columns), "-y", "80"),
            *("bash", "--norc", "--noprofile"),
        ],
        check=True,
        env=environment,
    )
    try:
        subprocess.run(["tmux", "send-keys", "-t", session, f"bash '{shell}'", "Enter"], check=True)
        screen = ""
        for _ in range(100):
            time.sleep(0.2)
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session, "-S", "-200"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            if screen.count("\nFIN") == 2:
                break
        assert screen.count("\nFIN") == 2, screen
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    lines = screen.splitlines()
    start, first_end, second_end = (
        lines.index("DEBUT"),
        *[n for n, line in enumerate(lines) if line == "FIN"],
    )
    body = "\n".join(lines[start + 1 : first_end])
    listing = "\n".join(lines[first_end + 1 : second_end])
    assert_whole(body, columns, LABEL, URL, TITLE, str(long_glossary))
    assert_whole(listing, columns, LABEL, TERM_ID, table=True)
