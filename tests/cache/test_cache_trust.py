"""The cache is believed only after checks, in-process every day and through the installed
program in the full run (`PROGRAMS`): a snapshot's length, checksum, shape and types; the folder private to its owner (0700, files 0600), and
not used at all when it, or a file in it, is someone else's."""

from __future__ import annotations

import marshal
import os
import resource
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from esslex import __version__
from esslex.cache import codec
from support.cache import PROGRAMS, esslex_in_process, stores
from support.cli import SCRIPT, _environment
from support.glossaries import write_glossary

# Under this much address space (512 MiB), as a small machine or a `ulimit -v` would give.
MEMORY_LIMIT = 512 * 1024 * 1024


Program = Callable[..., subprocess.CompletedProcess[str]]


def limited(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed program with its address space limited to MEMORY_LIMIT."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    return subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env=_environment({"ESSLEX_CACHE_DIR": str(folder)}),
        preexec_fn=limit,
        timeout=120,
        check=False,
    )


@pytest.fixture()
def small(tmp_path: Path) -> tuple[Path, Path, str]:
    """A glossary cached as a snapshot: its path, its snapshot, a sound answer."""
    glossary = write_glossary(tmp_path / "petit.toml", count=20)
    folder = tmp_path / "cache"
    expected = esslex_in_process(
        folder, "--no-bundled", "-g", str(glossary), "list", "--json"
    ).stdout
    [snapshot] = folder.glob("*.snapshot")
    return glossary, snapshot, expected


def forged_payload(snapshot: Path, change: object) -> bytes:
    """The snapshot's own payload with a change applied (`change(items)`), framed again:
    length and checksum right, the content forged."""
    items = list(marshal.loads(codec.unframed(snapshot.read_bytes())))
    change(items)  # type: ignore[operator]
    return codec.framed(marshal.dumps(tuple(items)))


def set_item(position: int, value: object) -> object:
    return lambda items: items.__setitem__(position, value)


def forged_definition(items: list[object]) -> None:
    terms = items[7]
    values = list(marshal.loads(terms[0]))  # type: ignore[index]
    values[2] = "Définition contrefaite."
    terms[0] = marshal.dumps(tuple(values))  # type: ignore[index]


DAMAGES = {
    # A list of 2**31 items announced in five bytes: marshal would ask for 16 GiB.
    "cinq-octets": lambda snapshot: b"[\xff\xff\xff\x7f",
    "vide": lambda snapshot: b"",
    "sans-en-tete": lambda snapshot: marshal.dumps((codec.FORMAT, __version__)),
    "tronque": lambda snapshot: snapshot.read_bytes()[:-10],
    "octet-change": lambda snapshot: (
        snapshot.read_bytes()[:-30]
        + bytes([snapshot.read_bytes()[-30] ^ 1])
        + snapshot.read_bytes()[-29:]
    ),
    "longueur-fausse": lambda snapshot: snapshot.read_bytes() + b"\x00",
    "info-entier": lambda snapshot: forged_payload(snapshot, set_item(3, 42)),
    "themes-texte": lambda snapshot: forged_payload(snapshot, set_item(6, "thèmes")),
    "entree-tronquee": lambda snapshot: forged_payload(
        snapshot, lambda items: items[7].__setitem__(0, b"\xe9")
    ),
    "noms-inconnus": lambda snapshot: forged_payload(
        snapshot, lambda items: items[8][0].__setitem__("x", ["absent"])
    ),
    "recherche-courte": lambda snapshot: forged_payload(snapshot, set_item(9, [])),
    "tuple-imbrique": lambda snapshot: forged_payload(snapshot, set_item(8, ((((),),),))),
}


def damage_cases() -> Iterator[object]:
    """Each damage read in-process (every day) and by the installed program under
    MEMORY_LIMIT (full run). The list of 2**31 items is read only by the latter, and every
    day: in-process, nothing would limit what it asks for (16 GiB)."""
    for damage in DAMAGES:
        if damage != "cinq-octets":
            yield pytest.param(damage, esslex_in_process, id=f"{damage}-en-processus")
        slow = [] if damage == "cinq-octets" else [pytest.mark.slow]
        yield pytest.param(damage, limited, id=f"{damage}-installe", marks=slow)


@pytest.mark.parametrize(("damage", "program"), damage_cases())
def test_a_snapshot_that_fails_a_check_is_rebuilt_never_believed(
    small: tuple[Path, Path, str], damage: str, program: Program
) -> None:
    glossary, snapshot, expected = small
    snapshot.write_bytes(DAMAGES[damage](snapshot))
    done = program(snapshot.parent, "--no-bundled", "-g", str(glossary), "list", "--json")
    assert (done.returncode, done.stdout, done.stderr) == (0, expected, "")
    assert codec.unframed(snapshot.read_bytes())  # rebuilt, sound


@pytest.mark.parametrize("esslex", PROGRAMS)
def test_a_snapshot_forged_in_a_folder_others_can_write_is_not_believed(
    small: tuple[Path, Path, str],
    esslex: Program,
) -> None:
    glossary, snapshot, _ = small
    define = ("--no-bundled", "-g", str(glossary), "define", "--json")
    label = esslex(snapshot.parent, "--no-bundled", "-g", str(glossary), "list").stdout.split("\n")[
        0
    ]
    expected = esslex(snapshot.parent, *define, label).stdout
    snapshot.write_bytes(forged_payload(snapshot, forged_definition))
    os.chmod(snapshot, 0o666)  # anyone could have written it
    done = esslex(snapshot.parent, *define, label)
    assert (done.returncode, done.stdout) == (0, expected)
    assert "contrefaite" not in done.stdout
    assert stat.S_IMODE(snapshot.stat().st_mode) == 0o600  # rebuilt by its owner


@pytest.mark.parametrize("esslex", PROGRAMS)
def test_the_cache_folder_is_private_and_its_files_too(tmp_path: Path, esslex: Program) -> None:
    folder = tmp_path / "cache"
    small = write_glossary(tmp_path / "petit.toml", count=20)
    large = write_glossary(tmp_path / "grand.toml", count=300)
    for glossary in (small, large):
        assert esslex(folder, "--no-bundled", "-g", str(glossary), "list").returncode == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = list(folder.iterdir())
    assert {file.suffix for file in files} == {".snapshot", ".sqlite", ".mentions", ".lock"}
    assert {stat.S_IMODE(file.stat().st_mode) for file in files} == {0o600}


@pytest.mark.parametrize("esslex", PROGRAMS)
def test_a_cache_folder_open_to_others_is_made_private(tmp_path: Path, esslex: Program) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)  # as esslex made it before
    glossary = write_glossary(tmp_path / "petit.toml", count=20)
    assert esslex(folder, "--no-bundled", "-g", str(glossary), "list").returncode == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="root seulement")
@pytest.mark.parametrize("esslex", PROGRAMS)
def test_a_cache_folder_owned_by_another_user_is_not_used(
    small: tuple[Path, Path, str],
    esslex: Program,
) -> None:
    glossary, snapshot, expected = small
    snapshot.write_bytes(
        forged_payload(snapshot, forged_definition)
    )  # what the other user put there
    forged = snapshot.read_bytes()
    os.chown(snapshot.parent, 65534, 65534)
    done = esslex(snapshot.parent, "--no-bundled", "-g", str(glossary), "list", "--json")
    assert (done.returncode, done.stdout, done.stderr) == (0, expected, "")
    assert snapshot.read_bytes() == forged  # neither read nor written
    assert stores(snapshot.parent) == []
