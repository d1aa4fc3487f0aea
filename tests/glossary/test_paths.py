"""Where esslex looks for and keeps files: overrides first, then the platform's folders."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from esslex.glossary import paths


def test_esslex_home_holds_the_user_glossaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESSLEX_HOME", str(tmp_path / "maison"))
    assert paths.user_glossary_dir() == tmp_path / "maison" / "glossaires"
    assert paths.default_glossary_path() == tmp_path / "maison" / "glossaires" / "personnel.toml"


def test_esslex_cache_dir_overrides_the_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESSLEX_CACHE_DIR", str(tmp_path / "cache"))
    assert paths.cache_dir() == tmp_path / "cache"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_without_overrides_the_xdg_folders_are_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ESSLEX_HOME", raising=False)
    monkeypatch.delenv("ESSLEX_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert paths.user_glossary_dir() == tmp_path / "data" / "esslex" / "glossaires"
    assert paths.cache_dir() == tmp_path / "cache" / "esslex"


def test_only_toml_files_of_the_user_folder_are_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESSLEX_HOME", str(tmp_path))
    folder = paths.user_glossary_dir()
    assert paths.user_glossary_files() == []  # no folder yet: nothing, no error
    folder.mkdir(parents=True)
    for name in ("b.toml", "a.toml", ".a.toml.lock", "notes.txt"):
        (folder / name).write_text("", encoding="utf-8")
    (folder / "dossier.toml").mkdir()
    assert [path.name for path in paths.user_glossary_files()] == ["a.toml", "b.toml"]
    assert paths.is_user_glossary(folder / "a.toml")
    assert not paths.is_user_glossary(tmp_path / "a.toml")
