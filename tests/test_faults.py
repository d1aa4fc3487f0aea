"""Faults: closed pipes, Ctrl-C, unwritable folders, full disks, files already there.

Scripts call esslex in pipelines and write its exports next to precious files: it ends
quietly when the reader goes away, and a write that cannot finish leaves every file as it
was, byte for byte, with one French line and the exit code of the README (1 for an output
refused, 130 for Ctrl-C). What is tried and what is guaranteed: docs/robustness.md.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import esslex.write.atomicfile
from support.cli import SCRIPT, run, run_shell
from support.hostile import NBSP, assert_one_line

POSIX = pytest.mark.skipif(os.name == "nt", reason="POSIX only")
ORIGINAL = b"\xef\xbb\xbfcontenu d\xe2\x80\x99origine\r\n\x00\xff fin sans saut de ligne"


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A glossary whose exports are far larger than a pipe's buffer (64 KiB)."""
    path = tmp_path_factory.mktemp("grand") / "grand.toml"
    path.write_text(
        "\n".join(
            f'[[term]]\nid = "e{n:04d}"\nlabel = "Entrée {n:04d}"\n'
            f'definition = "{"Un texte assez long pour remplir les tuyaux. " * 8}"\n'
            for n in range(1500)
        ),
        encoding="utf-8",
    )
    return path


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every name in the folder, hidden and temporary files included, with its content."""
    return {
        entry.name: entry.read_bytes() if entry.is_file() else "dossier"
        for entry in sorted(folder.iterdir())
    }


def folder_with_original(tmp_path: Path) -> tuple[Path, dict[str, bytes | str]]:
    folder = tmp_path / "sortie"
    folder.mkdir()
    (folder / "glossaire.json").write_bytes(ORIGINAL)
    (folder / "voisin.txt").write_bytes(b"un voisin\n")
    return folder, snapshot(folder)


# --- a closed pipe -----------------------------------------------------------------------


def shell(pipeline: str, *paths: Path) -> subprocess.CompletedProcess[bytes]:
    """A bash pipeline where `esslex` is the installed script; prints esslex's status last."""
    return run_shell(pipeline + '; echo "statut=${PIPESTATUS[0]}" >&2')


@pytest.mark.slow
@POSIX
@pytest.mark.parametrize(
    ("pipeline", "large_input"),
    [
        ("esslex list | head -1", False),
        ("esslex export --format json | head -c 10", False),
        ('esslex --no-bundled -g "{large}" list | head -1', True),
        ('esslex --no-bundled -g "{large}" export --format json | head -c 10', True),
        ('esslex --no-bundled -g "{large}" export --format markdown | head -c 10', True),
        ('esslex --no-bundled -g "{large}" search texte | head -1', True),
    ],
    ids=["list", "export", "list-large", "export-large", "markdown-large", "search-large"],
)
def test_a_reader_that_goes_away_ends_esslex_quietly(
    pipeline: str, large_input: bool, large: Path
) -> None:
    command = pipeline.format(large=large)
    whole = shell(command.split(" | ")[0])
    assert whole.stderr.decode() == "statut=0\n"
    completed = shell(command)
    stderr = completed.stderr.decode()
    assert stderr in ("statut=0\n", "statut=141\n"), stderr  # no message, no traceback
    expected = whole.stdout[:10] if "head -c" in command else whole.stdout.split(b"\n")[0] + b"\n"
    assert completed.stdout == expected


# --- Ctrl-C --------------------------------------------------------------------------------

# esslex run with one step made slow, and a file created when it starts: the test sends
# SIGINT exactly while that step runs, as a user would press Ctrl-C.
SLOW_STEP = """
import os, signal, sys, time
from pathlib import Path
# Ctrl-C as on a terminal, even when the tests run as a background job (which starts with
# SIGINT ignored, and Python then keeps it ignored).
signal.signal(signal.SIGINT, signal.default_int_handler)
marker, step = Path(sys.argv[1]), sys.argv[2]
def slowly(real):
    def wrapper(*args, **kwargs):
        marker.touch()
        time.sleep(60)
        return real(*args, **kwargs)
    return wrapper
if step == "write":  # the temporary file is written, not yet renamed
    import esslex.write.atomicfile
    esslex.write.atomicfile.os.fsync = slowly(os.fsync)
else:  # the document is being built, nothing is written yet
    import esslex.exporters
    esslex.exporters.Exporter.render = slowly(esslex.exporters.Exporter.render)
sys.argv = ["esslex", *sys.argv[3:]]
from esslex.cli import main
main()
"""


@pytest.mark.slow
@POSIX
@pytest.mark.parametrize("step", ["render", "write"])
@pytest.mark.parametrize("existing", [False, True], ids=["new-file", "replaced-file"])
def test_ctrl_c_during_an_export_leaves_no_partial_file(
    tmp_path: Path, step: str, existing: bool
) -> None:
    folder, before = folder_with_original(tmp_path)
    target = folder / ("glossaire.json" if existing else "nouveau.json")
    marker = tmp_path / "en-cours"
    arguments = ["export", "--format", "json", "-o", str(target), *(["--force"] * existing)]
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_STEP, str(marker), step, *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the slow step never started"
            time.sleep(0.02)
        if step == "write":
            assert any(name.endswith(".tmp") for name in os.listdir(folder))
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130
    assert out == b""
    assert err.decode() == "Interrompu.\n"
    assert snapshot(folder) == before


# --- a folder that refuses writing, a full disk ---------------------------------------------


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise PermissionError(errno.EACCES, "Permission denied")


class _FullDisk:
    """A file whose disk fills up after the first few bytes."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        self.handle.write(data[:100])
        self.handle.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.fdopen
    monkeypatch.setattr(
        esslex.write.atomicfile.os,
        "fdopen",
        lambda *args, **kwargs: _FullDisk(real(*args, **kwargs)),
    )


def _refusing_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(esslex.write.atomicfile.tempfile, "mkstemp", _refuse)


FAULTS = {
    "unwritable-folder": (_refusing_folder, "écriture refusée"),
    "full-disk": (_full_disk, "plus d’espace disque"),
}
WRITERS = {
    "export": lambda folder, name: ["export", "--format", "json", "-o", str(folder / name)],
    # One entry: the fault is in the writing, and a whole handout takes python-docx a second.
    "export-docx": lambda folder, name: [
        "export",
        "-f",
        "docx",
        "--term",
        "coopération",
        "-o",
        str(folder / name),
    ],
    "new": lambda folder, name: ["new", str(folder / name)],
    "import": lambda folder, name: ["import", str(folder / "voisin.txt"), "-o", str(folder / name)],
}


@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
@pytest.mark.parametrize("name", ["glossaire.json", "nouveau.toml"], ids=["replace", "create"])
def test_a_write_that_fails_leaves_every_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: Any, fault: Any, name: str
) -> None:
    if "docx" in str(writer(tmp_path, "x")):
        pytest.importorskip("docx")
    folder, before = folder_with_original(tmp_path)
    (folder / "voisin.txt").write_bytes(b"Terme;Definition\nTontine;Epargne collective.\n")
    before = snapshot(folder)
    arrange, words = fault
    arrange(monkeypatch)
    result = run(*writer(folder, name), "--force")
    assert result.exit_code == 1, result.output
    assert_one_line(result.stderr, f"Erreur{NBSP}: {folder / name}{NBSP}: {words}")
    assert snapshot(folder) == before


def test_add_on_a_full_disk_keeps_the_personal_glossary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = run("new", str(tmp_path / "perso.toml"))
    assert created.exit_code == 0, created.stderr
    before = snapshot(tmp_path)
    _full_disk(monkeypatch)
    result = run(
        "-g", str(tmp_path / "perso.toml"), "add", "--to", str(tmp_path / "perso.toml"),
        "--label", "Tontine", "--definition", "Épargne collective.",
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert_one_line(result.stderr, "plus d’espace disque")
    assert snapshot(tmp_path) == before


@POSIX
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root écrit partout")
def test_a_read_only_folder_for_real(tmp_path: Path) -> None:
    folder, before = folder_with_original(tmp_path)
    folder.chmod(0o500)
    try:
        for name in ("glossaire.json", "nouveau.json"):
            result = run("export", "--format", "json", "-o", str(folder / name), "--force")
            assert result.exit_code == 1
            assert_one_line(result.stderr, "écriture refusée")
    finally:
        folder.chmod(0o700)
    assert snapshot(folder) == before


def in_private_mount(tmp_path: Path, mount: str, then: str) -> subprocess.CompletedProcess[str]:
    """A shell in its own user and mount namespaces, where `mount` is permitted."""
    unshare = shutil.which("unshare")
    if unshare is None or not sys.platform.startswith("linux"):
        pytest.skip("unshare (Linux) absent")
    probe = subprocess.run(
        [unshare, "--user", "--map-root-user", "--mount", "true"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    if probe.returncode:
        pytest.skip("espaces de noms utilisateur non permis ici")
    script = f"set -e\n{mount}\n{then}"
    return subprocess.run(
        [unshare, "--user", "--map-root-user", "--mount", "sh", "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
        check=False,
        cwd=tmp_path,
    )


def _attempts(folder: Path, glossary: Path) -> str:
    # Replace the original, then create a new file: both refused, then show what is left.
    return "\n".join(
        [
            *(
                f'"{SCRIPT}" --no-bundled -g "{glossary}" export --format json'
                f' -o "{folder}/{name}" --force 2>>erreurs.txt || echo "statut=$?" >>statuts.txt'
                for name in ("glossaire.json", "nouveau.json")
            ),
            f'ls -A "{folder}" >liste.txt',
            f'cat "{folder}/glossaire.json" >reste.bin',
        ]
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("mount", "words"),
    [
        ('mount --bind "{f}" "{f}" && mount -o remount,bind,ro "{f}"', "écriture refusée"),
        ('cp -a "{f}" copie && mount -t tmpfs -o size=64k tmpfs "{f}" && cp copie/* "{f}"', ""),
    ],
    ids=["read-only-mount", "tiny-tmpfs"],
)
def test_a_real_read_only_or_full_file_system(
    tmp_path: Path, large: Path, mount: str, words: str
) -> None:
    folder, _ = folder_with_original(tmp_path)
    done = in_private_mount(tmp_path, mount.format(f=folder), _attempts(folder, large))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "statuts.txt").read_text() == "statut=1\nstatut=1\n"
    errors = (tmp_path / "erreurs.txt").read_text(encoding="utf-8").splitlines()
    assert len(errors) == 2
    for error in errors:
        assert error.startswith(f"Erreur{NBSP}: {folder}/")
        assert (words or "plus d’espace disque") in error
    assert (tmp_path / "liste.txt").read_text().split() == ["glossaire.json", "voisin.txt"]
    assert (tmp_path / "reste.bin").read_bytes() == ORIGINAL


# --- files that are already there -------------------------------------------------------------


@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
def test_an_existing_file_is_kept_without_force(tmp_path: Path, writer: Any) -> None:
    if "docx" in str(writer(tmp_path, "x")):
        pytest.importorskip("docx")
    folder, _ = folder_with_original(tmp_path)
    (folder / "voisin.txt").write_bytes(b"Terme;Definition\nTontine;Epargne collective.\n")
    before = snapshot(folder)
    result = run(*writer(folder, "glossaire.json"))
    assert result.exit_code == 1, result.output
    assert_one_line(
        result.stderr,
        f"Erreur{NBSP}: {folder / 'glossaire.json'} existe déjà{NBSP}; ajoutez --force",
    )
    assert snapshot(folder) == before


@POSIX
def test_a_device_or_a_pipe_is_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    for target in (Path(os.devnull), fifo):
        kind = stat.S_IFMT(target.stat().st_mode)
        for force in ([], ["--force"]):
            result = run("export", "--format", "json", "-o", str(target), *force)
            assert result.exit_code == 1
            assert_one_line(result.stderr, f"{target} n’est pas un fichier ordinaire")
            assert stat.S_IFMT(target.stat().st_mode) == kind
    assert os.listdir(tmp_path) == ["tube"]
