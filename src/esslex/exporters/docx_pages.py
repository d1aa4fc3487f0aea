"""How an entry of the DOCX handout breaks across pages: Word's keep and widow settings.

A long entry goes on over the page rather than leaving it a third blank. DOCX can only say
« keep with next », « keep lines together » and widow control (two lines, the format has no
setting for more); LibreOffice moves a whole chain of « keep with next » paragraphs that does
not fit, so the chains stay short.
"""

from __future__ import annotations

from typing import Any

# Characters a line of body text holds (10.5 pt on 17.2 cm; fewer in LibreOffice's fonts).
CHARACTERS_PER_LINE = 85


def paginate(paragraphs: list[Any], heads: int, body_end: int, chained: int) -> None:
    """Set the page-break rules of one entry's paragraphs: the first `heads` (heading,
    names) stay with the definition, which ends at `body_end`; notes, relations and sources
    run to `chained`, the editorial notes after them.

    A paragraph of five lines or fewer is never split (it would leave fewer than three on a
    side); the sources keep with the line before them, nothing else is chained (a note or
    the relations may start a page).
    """
    for position, paragraph in enumerate(paragraphs):
        layout = paragraph.paragraph_format
        layout.widow_control = True
        layout.keep_together = len(paragraph.text) <= 5 * CHARACTERS_PER_LINE
        sources_next = body_end <= position == chained - 2
        layout.keep_with_next = position < heads or sources_next
