"""The handout as PDF: the HTML page laid out by WeasyPrint (A4, numbered pages).

The PDF is tagged (WeasyPrint's PDF/UA-1 variant): screen readers follow its structure, and
its title and language are declared. Words are broken with the ASCII hyphen (the page's
`hyphenate-character`), which `pdftotext`, search and copy join back; WeasyPrint's default,
U+2010, left « commer‐ ciales » in the text.
"""

from __future__ import annotations

import logging
from typing import Any

from esslex.documents.handout import build
from esslex.exporters import ExportOptions, MissingDependency
from esslex.exporters.html import render
from esslex.find.selection import Selection


def _weasyprint() -> Any:
    try:
        import weasyprint
    except OSError as error:
        # The Python package is there but Pango, the system library it draws text with, is not.
        raise MissingDependency(
            "le format «\u00a0pdf\u00a0» utilise WeasyPrint, qui ne trouve pas la bibliothèque"
            " système Pango ("
            + str(error).split("\n")[0][:80]
            + ")\u00a0; installez-la (paquet libpango-1.0-0 sous Debian ou Ubuntu,"
            " pango avec Homebrew)"
        ) from None
    # WeasyPrint reports unsupported CSS on stderr; the page is ours and tested.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return weasyprint


def pdf_of(page: str) -> bytes:
    """One of our HTML pages laid out as a tagged PDF (A4, numbered pages)."""
    document = _weasyprint().HTML(string=page)
    return document.write_pdf(pdf_variant="pdf/ua-1")  # type: ignore[no-any-return]


def export(selection: Selection, options: ExportOptions) -> bytes:
    return pdf_of(render(build(selection, options), paged=True))
