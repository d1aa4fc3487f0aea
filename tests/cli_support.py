"""Running esslex in-process, and writing generated glossaries: what every test file
uses (through the `cli` and `glossary_builder` fixtures of conftest.py, or imported)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from esslex.cli import app
from esslex.text.normalize import fold

runner = CliRunner()


def run(*args: str, env: dict[str, str | None] | None = None, input: str | None = None) -> Result:
    """esslex in-process; a Python exception escaping the CLI fails the test."""
    result = runner.invoke(app, list(args), env=env, input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    return result


def outcome(
    *args: str, env: dict[str, str | None] | None = None, input: str | None = None
) -> tuple[int, str, str]:
    """esslex in-process as a script sees it: exit code, standard output, error output."""
    result = run(*args, env=env, input=input)
    return result.exit_code, result.stdout, result.stderr


# --- the installed program, in a subprocess ---

# The `esslex` script installed beside the interpreter that runs the tests.
SCRIPT = Path(sys.executable).parent / ("esslex.exe" if os.name == "nt" else "esslex")
# A UTF-8 locale whatever the machine's, and Python's own guess of the output encoding.
UTF8_LOCALE: dict[str, str | None] = {"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": None}


def _environment(env: dict[str, str | None] | None) -> dict[str, str]:
    """The test's environment (kept from the user's folders, colours off) with `env` on top;
    a None value removes the variable."""
    environment = dict(os.environ)
    for name, value in (env or {}).items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return environment


def run_script(
    *args: str | bytes | Path,
    env: dict[str, str | None] | None = None,
    cwd: Path | None = None,
    input: str | bytes | None = None,
    text: bool = False,
    timeout: float = 120,
) -> subprocess.CompletedProcess[Any]:
    """The installed `esslex` as a shell runs it; arguments may be bytes. Output in bytes,
    or decoded from UTF-8 with `text=True`."""
    return subprocess.run(
        [os.fsencode(SCRIPT), *(os.fsencode(arg) for arg in args)],
        capture_output=True,
        env=_environment(env),
        cwd=cwd,
        input=input,
        timeout=timeout,  # a generous bound, only so that a hang fails instead of blocking
        check=False,
        **({"encoding": "utf-8"} if text else {}),
    )


def run_shell(pipeline: str, text: bool = False) -> subprocess.CompletedProcess[Any]:
    """A bash pipeline in which the first `esslex` is the installed script. As text, a
    character cut in two (`head -c`) is replaced rather than fatal."""
    return subprocess.run(
        ["/bin/bash", "-c", pipeline.replace("esslex", f'"{SCRIPT}"', 1)],
        capture_output=True,
        env=_environment(None),
        timeout=120,
        check=False,
        **({"encoding": "utf-8", "errors": "replace"} if text else {}),
    )


# --- generated glossaries ---

# The [glossary] table of a small glossary written by a test.
GOOD_HEAD = '[glossary]\nid = "essai"\ntitle = "Essai"\n\n'

NOUNS = ("coopérative", "économie", "mutuelle", "épargne", "tiers-lieu", "œuvre", "régie")

ADJECTIVES = ("sociale", "solidaire", "locale", "citoyenne", "partagée", "équitable")

COMPLEMENTS = ("de proximité", "d’insertion", "des habitants", "de l’Île-de-France", "du réemploi")

THEMES = (
    ("economie", "Modèles économiques"),
    ("acteurs", "Acteurs"),
    ("territoires", "Territoires"),
)


def write_glossary(
    path: Path, count: int = 300, seed: int = 3, extra: str = "", text: str | bytes | None = None
) -> Path:
    """A glossary of `count` entries with accents, alternative labels, notes, relations,
    dated in the past; or, given `text`, that text as it is (str or bytes), dated now."""
    if text is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path
    rng = random.Random(seed)
    labels: dict[str, str] = {}
    while len(labels) < count:
        words = [rng.choice(NOUNS), rng.choice(ADJECTIVES)]
        if rng.random() < 0.6:
            words.append(rng.choice(COMPLEMENTS))
        if rng.random() < 0.3:
            words.insert(1, rng.choice(ADJECTIVES))
        label = " ".join(words)
        label = label[0].upper() + label[1:]
        key = "-".join(fold(label).split())
        labels.setdefault(key, label)
    ids = list(labels)
    lines = ['[glossary]\nid = "essai"\ntitle = "Glossaire d’essai"\n']
    for theme_id, label in THEMES:
        lines.append(f'[[theme]]\nid = "{theme_id}"\nlabel = "{label}"\n')
    for position, (term_id, label) in enumerate(labels.items()):
        lines.append(f'[[term]]\nid = "{term_id}"\nlabel = "{label}"')
        if rng.random() < 0.4:
            lines.append(f'alt_labels = ["{label.split()[0]} {rng.choice(COMPLEMENTS)}"]')
        if rng.random() < 0.1:
            lines.append(f'hidden_labels = ["{fold(label)[:12]}"]')
        lines.append(f'themes = ["{rng.choice(THEMES)[0]}"]')
        sentences = [
            f"La {rng.choice(NOUNS)} {rng.choice(ADJECTIVES)} {rng.choice(COMPLEMENTS)}"
            f" réunit des acteurs de l’économie {rng.choice(ADJECTIVES)}."
            for _ in range(rng.randint(1, 4))
        ]
        lines.append('definition = """\n' + " ".join(sentences) + '\n"""')
        if rng.random() < 0.3:
            lines.append(f'notes = ["Voir aussi la {rng.choice(NOUNS)} {rng.choice(ADJECTIVES)}."]')
        if position and rng.random() < 0.4:
            lines.append(f'related = ["{ids[rng.randrange(position)]}"]')
        if position and rng.random() < 0.2:
            lines.append(f'broader = ["{ids[rng.randrange(position)]}"]')
        lines.append("")
    path.write_text("\n".join(lines) + extra, encoding="utf-8")
    return age(path)


def age(path: Path, seconds: float = 60) -> Path:
    """Give the file a modification time in the past (a fresh file is not cached)."""
    past = time.time() - seconds
    os.utime(path, (past, past))
    return path
