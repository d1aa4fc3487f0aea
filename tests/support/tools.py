"""The programs that look at what a person sees (poppler, LibreOffice, Chromium, graphviz):
found on the PATH, or the test that needs one is skipped; a PDF's text, page by page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def need(tool: str) -> str:
    """The path of `tool`, or skip the test."""
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} absent")
    return path


def chromium() -> str:
    """The name of an installed Chromium, or skip the test."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return name
    pytest.skip("Chromium absent")


def pages_text(pdf: Path) -> list[str]:
    """The text of each page of `pdf`, laid out as printed (poppler's pdftotext)."""
    need("pdftotext")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.rstrip("\f\n").split("\f")
