"""Every file a user names is read by one reader (glossary/files.py): a folder, a named pipe,
a device, a file too large or one the system will not read gives one French line and exit
code 3, whatever the command that names it; Click checks none of them (its English
« Path '…' is not readable. », exit 2)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer

from esslex.cli.app import COMMANDS, app
from support.cli import SCRIPT, run
from support.glossaries import GOOD_HEAD, write_glossary
from support.hostile import NBSP, assert_error_line

POSIX = pytest.mark.skipif(os.name != "posix", reason="tubes nommés et /dev/zero : POSIX")

GLOSSARY = GOOD_HEAD + '[[term]]\nid = "tontine"\nlabel = "Tontine"\ndefinition = "Épargne."\n'

# Each way a command names a file to read, with what the file should be (for the message).
Route = Callable[[Path, Path], list[str]]
ROUTES: dict[str, tuple[Route, str]] = {
    "define -g": (lambda f, out: ["-g", str(f), "define", "tontine"], "un fichier de glossaire"),
    "check": (lambda f, out: ["check", str(f)], "un fichier de glossaire"),
    "import": (lambda f, out: ["import", str(f), "-o", str(out / "i.toml")], "un tableur"),
    "add --to": (
        lambda f, out: ["add", "--to", str(f), "--label", "Tontine", "--definition", "Épargne."],
        "un fichier de glossaire",
    ),
    "export --profile": (
        lambda f, out: ["export", "-f", "html", "--profile", str(f), "-o", str(out / "p.html")],
        "un fichier de profil",
    ),
    "export --logo": (
        lambda f, out: ["export", "-f", "html", "--logo", str(f), "-o", str(out / "l.html")],
        "une image",
    ),
}


def special_file(kind: str, folder: Path) -> Path:
    if kind == "device":
        return Path("/dev/zero")
    if kind == "fifo":
        fifo = folder / "tube.toml"
        os.mkfifo(fifo)
        return fifo
    directory = folder / "dossier.toml"
    directory.mkdir()
    return directory


SPECIAL = {
    "device": "c’est un périphérique",
    "fifo": "c’est un tube nommé",
    "folder": "c’est un dossier",
}


@POSIX
@pytest.mark.parametrize("kind", SPECIAL)
@pytest.mark.parametrize("route", ROUTES)
def test_a_folder_a_pipe_or_a_device_is_refused_in_french(
    tmp_path: Path, route: str, kind: str
) -> None:
    path = special_file(kind, tmp_path)
    arguments, what = ROUTES[route]
    result = run(*arguments(path, tmp_path))
    if route == "check":
        assert result.exit_code == 3
        assert f"{path}: erreur{NBSP}: {SPECIAL[kind]}, pas {what}" in result.stdout
        return
    assert_error_line(result.stderr, path, None, f"{SPECIAL[kind]}, pas {what}")
    assert result.exit_code == 3


@POSIX
@pytest.mark.slow
@pytest.mark.parametrize("route", ROUTES)
def test_the_installed_command_neither_hangs_nor_fills_memory(tmp_path: Path, route: str) -> None:
    """/dev/zero grew memory until a MemoryError traceback; a named pipe waited for ever.
    Under a 512 MiB address space, each gives its line at once."""
    fifo = special_file("fifo", tmp_path)
    arguments, what = ROUTES[route]
    for path, kind in ((Path("/dev/zero"), "device"), (fifo, "fifo")):
        command = " ".join(f"'{argument}'" for argument in arguments(path, tmp_path))
        done = subprocess.run(
            ["/bin/sh", "-c", f"ulimit -v 524288; exec '{SCRIPT}' {command}"],
            capture_output=True,
            text=True,
            timeout=60,  # a hang fails the test instead of blocking it
            check=False,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
        )
        assert done.returncode == 3, done.stderr
        assert "Traceback" not in done.stderr
        assert f"{SPECIAL[kind]}, pas {what}" in done.stdout + done.stderr


def sparse(path: Path, size: int) -> Path:
    """A file of `size` bytes that takes no room on the disk."""
    with path.open("wb") as file:
        file.truncate(size)
    return path


@pytest.mark.parametrize(
    ("route", "size", "limit"),
    [("define -g", 300_000_000, "250\u00a0Mo"), ("export --profile", 2_000_000, "1\u00a0Mo")],
)
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, route: str, size: int, limit: str
) -> None:
    path = sparse(tmp_path / "gros.toml", size)
    arguments, _ = ROUTES[route]
    result = run(*arguments(path, tmp_path))
    assert result.exit_code == 3
    assert_error_line(
        result.stderr, path, None, f"fichier trop gros ({size // 1_000_000}{NBSP}Mo{NBSP}; {limit}"
    )


def _unreadable_runner() -> list[str] | None:
    """How to run a command that a file of mode 000 refuses: as it is for a user, in a user
    namespace for root (whose rights skip the mode); None where neither is possible."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return []
    unshare = shutil.which("unshare")
    if unshare is None or not sys.platform.startswith("linux"):
        return None
    probe = subprocess.run([unshare, "--user", "true"], capture_output=True, check=False)
    return None if probe.returncode else [unshare, "--user"]


@POSIX
@pytest.mark.slow
def test_permission_denied_is_french_and_exit_3(tmp_path: Path) -> None:
    """Click said « Path '…' is not readable. » in English, exit 2, for -g, check, add --to,
    import, --profile and --logo."""
    prefix = _unreadable_runner()
    if prefix is None:
        pytest.skip("impossible de refuser la lecture à root ici (espaces de noms)")
    locked = write_glossary(tmp_path / "ferme.toml", text=GLOSSARY)
    locked.chmod(0)
    try:
        for route, (arguments, _) in ROUTES.items():
            done = subprocess.run(
                [*prefix, str(SCRIPT), *arguments(locked, tmp_path)],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
                env={**os.environ, "LC_ALL": "C.UTF-8"},
            )
            assert done.returncode == 3, (route, done.stderr)
            out = done.stdout if route == "check" else done.stderr
            assert f"{locked}: " in out and "lecture refusée (droits insuffisants)" in out, route
            assert "not readable" not in done.stderr and "Traceback" not in done.stderr
    finally:
        locked.chmod(0o644)


def _path_settings(param: Any) -> Any:
    """The path checks a parameter declares, or None when it is not a path: Click's Path
    type up to Typer 0.28 (Typer holds Click without exporting it), the parameter's
    declaration (`type_descriptor.parameter_info`) from Typer 0.29, which has no `type`."""
    kind = getattr(param, "type", None)
    if kind is not None:
        return kind if type(kind).__name__ in ("Path", "TyperPath") else None
    descriptor = getattr(param, "type_descriptor", None)
    return descriptor.parameter_info if descriptor is not None and descriptor.is_path else None


def test_no_file_option_is_checked_by_click() -> None:
    """Click's checks of a path are in English and exit 2: every Path parameter leaves the
    file to esslex, which says in French what is wrong with it."""
    group: Any = typer.main.get_command(app)
    context = typer.Context(group)
    seen = 0
    for name in COMMANDS:
        command = group.get_command(context, name)
        for param in [*command.params, *group.params]:
            settings = _path_settings(param)
            if settings is not None:
                seen += 1
                assert not (settings.exists or settings.readable or settings.writable), (
                    name,
                    param.name,
                )
                assert settings.dir_okay and settings.file_okay, (name, param.name)
    assert seen >= 10


def test_a_profile_s_logo_that_cannot_be_read_is_reported_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "logo.png").mkdir()
    profile = write_glossary(tmp_path / "profil.toml", text='title = "F"\nlogo = "logo.png"\n')
    result = run("export", "-f", "html", "--profile", str(profile), "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 3
    assert_error_line(result.stderr, profile, 2, "c’est un dossier, pas une image")


def test_a_profile_s_logo_named_with_a_nul_is_refused_at_its_line(tmp_path: Path) -> None:
    profile = write_glossary(tmp_path / "profil.toml", text='title = "F"\nlogo = "a\\u0000b.png"\n')
    result = run("export", "-f", "html", "--profile", str(profile), "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 3
    assert_error_line(result.stderr, profile, 2, "nom de fichier invalide (caractère nul)")
