"""The QR code a handout prints for its published page (--qr), drawn by segno.

segno is pure Python, writes SVG and PNG by itself (no Pillow) and picks the smallest
version for the address; imported here only, when a handout has an address to print.
"""

from __future__ import annotations

import io

# Medium error correction (15 %): a printed code still reads when photocopied or creased.
_ERROR = "m"


def svg_data_uri(url: str) -> str:
    """The code as an SVG `data:` address (the HTML page and the PDF embed it)."""
    import segno

    code = segno.make(url, error=_ERROR, micro=False)
    return code.svg_data_uri(scale=4, border=2, dark="#10302e")


def png(url: str) -> bytes:
    """The code as a PNG (the DOCX handout embeds it)."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error=_ERROR, micro=False).save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()
