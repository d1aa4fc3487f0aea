"""The installed package: the `esslex` script run from another folder, `python -m esslex`,
and the bundled glossary shipped inside the package (checked on the real wheel in CI)."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

import esslex
from esslex.glossary.loader import load_glossary
from esslex.glossary.paths import bundled_path
from support.cli import SCRIPT
from support.glossaries import bundled_term_count

# Subprocesses, external programs or a browser: not in the everyday loop.
pytestmark = pytest.mark.slow

NBSP = "\u00a0"


def esslex_script() -> Path:
    # The console script installed next to this interpreter (venv/bin/esslex).
    assert SCRIPT.is_file(), f"script « esslex » absent à côté de {sys.executable}"
    return SCRIPT


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_check_runs_from_another_directory(tmp_path: Path) -> None:
    result = run([str(esslex_script()), "check", "--strict"], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    entries = bundled_path().read_text("utf-8").splitlines().count("[[term]]")
    assert result.stdout.endswith(
        f"1 fichier, {entries} entrées{NBSP}: 0 erreur, 0 avertissement, 0 information.\n"
    )
    assert result.stderr == ""


def test_version(tmp_path: Path) -> None:
    result = run([str(esslex_script()), "--version"], cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == f"esslex {esslex.__version__}\n"
    assert esslex.__version__ == metadata.version("esslex")


def test_bad_file_gives_exit_3_and_one_line_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "casse.toml").write_text(
        '[[term]]\nid = "x"\nlabel = "X\ndefinition = "d"\n', encoding="utf-8"
    )
    result = run([str(esslex_script()), "-g", "casse.toml", "define", "ptce"], cwd=tmp_path)
    assert result.returncode == 3
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"Erreur{NBSP}: casse.toml:3: erreur de syntaxe TOML")

    # `check` reports the same fault as data on stdout, with the same exit code.
    result = run([str(esslex_script()), "--no-bundled", "check", "casse.toml"], cwd=tmp_path)
    assert result.returncode == 3
    assert result.stdout.startswith(f"casse.toml:3: erreur{NBSP}: erreur de syntaxe TOML")
    assert result.stderr == ""


def test_python_m_esslex_help(tmp_path: Path) -> None:
    result = run([sys.executable, "-m", "esslex", "--help"], cwd=tmp_path)
    assert result.returncode == 0
    assert "Utilisation" in result.stdout
    assert "check" in result.stdout
    assert result.stderr == ""


def _editable_install() -> bool:
    """True when esslex is imported from a source checkout (pip install -e)."""
    package = Path(esslex.__file__).resolve().parent
    if (package.parents[1] / "pyproject.toml").is_file():
        return True
    try:
        direct_url = metadata.distribution("esslex").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return False
    return bool(direct_url and json.loads(direct_url).get("dir_info", {}).get("editable"))


def test_bundled_glossary_is_inside_the_installed_package() -> None:
    package = Path(esslex.__file__).resolve().parent
    path = bundled_path().resolve()
    assert path.is_file()
    if _editable_install():
        pytest.skip(
            "installation modifiable : le glossaire est lu dans data/ (vérifié sur la roue)"
        )
    assert path == package / "data" / "terms.toml"
    assert len(load_glossary([path])) == bundled_term_count()


# Releases with a known flaw, and the first release that fixes it.
KNOWN_FLAWS = {
    # CVE-2025-68146 (lock file opened through a planted symlink, fixed in 3.20.1) and
    # CVE-2026-22701 (the same in SoftFileLock, fixed in 3.20.3).
    "filelock": (3, 20, 3),
}


@pytest.mark.parametrize("package", KNOWN_FLAWS)
def test_no_dependency_allows_a_release_with_a_known_flaw(package: str) -> None:
    from packaging.requirements import Requirement
    from packaging.version import Version

    fixed = Version(".".join(map(str, KNOWN_FLAWS[package])))
    (requirement,) = [
        Requirement(line)
        for line in metadata.requires("esslex") or []
        if Requirement(line).name == package and not Requirement(line).marker
    ]
    floors = [Version(spec.version) for spec in requirement.specifier if spec.operator == ">="]
    assert floors and min(floors) >= fixed, requirement
    assert Version(metadata.version(package)) >= fixed
