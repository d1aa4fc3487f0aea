"""Printed pages measured (poppler's pdftotext -bbox-layout): how full each page is, and
how many lines of a paragraph cut by a page break are left on either side. The margins are
the handouts' (18 mm at the top, 20 mm at the foot, where the page number is)."""

from __future__ import annotations

import html
import itertools
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from support.tools import need

TOP_MM, BOTTOM_MM = 18, 20
_POINTS_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Line:
    top: float
    bottom: float
    text: str


@dataclass(frozen=True)
class Page:
    lines: tuple[Line, ...]  # the body: the footer left out
    top: float  # where the text area starts and ends, in points
    bottom: float

    @property
    def fill(self) -> float:
        """How much of the text area's height the body takes, from its top."""
        if not self.lines:
            return 0.0
        return (self.lines[-1].bottom - self.top) / (self.bottom - self.top)

    def paragraph_at_foot(self) -> list[Line]:
        """The lines of the last paragraph, as far as they run at one line pitch."""
        return _run(list(reversed(self.lines)))

    def paragraph_at_head(self) -> list[Line]:
        return _run(list(self.lines))

    def continued_on(self, following: Page) -> bool:
        """Whether this page's last paragraph goes on at the top of `following`: it does
        not end a sentence there, and the next page starts in the middle of one."""
        if not self.lines or not following.lines:
            return False
        last, first = self.lines[-1].text, following.lines[0].text
        return last.endswith("-") or (
            not last.endswith((".", "!", "?", ":", "…", ")")) and first[:1].islower()
        )


def _run(lines: list[Line]) -> list[Line]:
    """The lines from the first that follow each other at one pitch, that of the first two
    (the space between paragraphs, or a heading, ends the run)."""
    if len(lines) < 2:
        return lines[:1]
    pitch = abs(lines[1].top - lines[0].top)
    run = [lines[0]]
    for previous, line in itertools.pairwise(lines):
        if abs(abs(line.top - previous.top) - pitch) > 1.5:
            break
        run.append(line)
    return run


def measure(pdf: Path) -> list[Page]:
    """Each page of `pdf`: its lines of text (merged when on one baseline) and text area."""
    out = subprocess.run(
        [need("pdftotext"), "-bbox-layout", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    pages = []
    for height, body in re.findall(
        r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', out, re.S
    ):
        top = TOP_MM * _POINTS_PER_MM
        bottom = float(height) - BOTTOM_MM * _POINTS_PER_MM
        found = re.findall(
            r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>',
            body,
            re.S,
        )
        merged: dict[int, Line] = {}
        for y_min, y_max, words in found:
            if float(y_min) > bottom:
                continue  # the footer
            text = " ".join(
                html.unescape(w) for w in re.findall(r"<word[^>]*>([^<]*)</word>", words)
            )
            key = round(float(y_max))
            line = merged.get(key)
            merged[key] = Line(
                min(float(y_min), line.top) if line else float(y_min),
                max(float(y_max), line.bottom) if line else float(y_max),
                f"{line.text} {text}" if line else text,
            )
        lines = tuple(sorted(merged.values(), key=lambda line: line.top))
        pages.append(Page(lines, top, bottom))
    return pages


def libreoffice_pdf(document: Path, folder: Path) -> Path:
    """`document` laid out by LibreOffice, as a PDF in `folder` (a profile of its own)."""
    soffice = need("soffice")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{folder}/profil", "--headless",
         "--convert-to", "pdf", "--outdir", str(folder / "lo"), str(document)],
        capture_output=True, timeout=300, check=True,
    )  # fmt: skip
    return folder / "lo" / f"{document.stem}.pdf"
