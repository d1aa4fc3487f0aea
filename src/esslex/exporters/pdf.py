"""The handout as PDF: the HTML page laid out by WeasyPrint (A4, numbered pages).

The PDF is tagged (WeasyPrint's PDF/UA-1 variant): screen readers follow its structure, and
its title and language are declared. Words are broken with the ASCII hyphen (the page's
`hyphenate-character`), which `pdftotext`, search and copy join back; WeasyPrint's default,
U+2010, left « commer‐ ciales » in the text.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from esslex.documents.handout import build
from esslex.errors import MissingDependency
from esslex.exporters import ExportOptions
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


def _fetcher(weasyprint: Any) -> Any:
    """A fetcher that reaches nothing outside the page: only `data:` addresses, which hold
    what they name (the logo, an image inside an SVG logo). An SVG logo's `file:///` image
    would be embedded in the PDF, its `http://` one fetched; both are left out."""
    urls = weasyprint.urls
    if hasattr(urls, "URLFetcher"):  # WeasyPrint 67 and later
        return urls.URLFetcher(allowed_protocols=("data",), allow_redirects=False)

    def data_only(url: str, *args: Any, **kwargs: Any) -> Any:
        if not url.lower().startswith("data:"):
            raise ValueError("esslex n’utilise que les images incluses dans la page")
        return weasyprint.default_url_fetcher(url, *args, **kwargs)

    return data_only


# A run of letters with nowhere to break it: WeasyPrint's time grows with its square (a
# 20,000-letter word took 28 s, 200,000 over 16 minutes; run past the width of a line,
# far more). Cut every 20 characters by an invisible break opportunity (U+200B), it costs
# what words of that length cost. French words stay whole: the longest are 25 letters.
_LONG_RUN = re.compile(r"(?:&#?\w+;|[^\s/&<>\u00ad\u200b-]){31,}")
_CHUNK = re.compile(r"(?:&#?\w+;|[^&]){1,20}")
# Text between tags, but not the page's style sheet or script.
_MARKUP = re.compile(r"(<style.*?</style>|<script.*?</script>|<[^>]*>)", re.S | re.I)


def breakable(page: str) -> str:
    """The page with a break opportunity every 20 characters of a run longer than 30 (the
    text only: tags, attributes, style and script are left as they are)."""
    parts = _MARKUP.split(page)
    for position in range(0, len(parts), 2):  # even parts are text
        if len(parts[position]) > 30:
            parts[position] = _LONG_RUN.sub(
                lambda run: "\u200b".join(_CHUNK.findall(run[0])), parts[position]
            )
    return "".join(parts)


def pdf_of(page: str) -> bytes:
    """One of our HTML pages laid out as a tagged PDF (A4, numbered pages)."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=breakable(page), url_fetcher=_fetcher(weasyprint))
    return document.write_pdf(pdf_variant="pdf/ua-1")  # type: ignore[no-any-return]


def export(selection: Selection, options: ExportOptions) -> bytes:
    return pdf_of(render(build(selection, options), paged=True))
