"""The PDF handout."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from export_support import LABELS, export


@pytest.mark.slow
def test_pdf_has_numbered_pages(glossary: Path, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    target = tmp_path / "polycopie.pdf"
    code, out, err = export(glossary, "-o", str(target))
    assert code == 0, err
    assert out == ""
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext absent: contenu du PDF non vérifié")
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    for label in LABELS:
        assert label.replace('"', "") in text.replace('"', "")
    assert re.search(r"Page 1 / \d+", text)
