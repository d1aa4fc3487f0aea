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
    names) stay with the definition; the definition ends at `body_end`; notes, relations and
    sources run to `chained`, the editorial notes after them may go over the page.

    A paragraph of five lines or fewer is never split (it would leave fewer than three on a
    side); a short last paragraph keeps with the next line, the sources with the line before.
    """
    for position, paragraph in enumerate(paragraphs):
        layout = paragraph.paragraph_format
        layout.widow_control = True
        layout.keep_together = len(paragraph.text) <= 5 * CHARACTERS_PER_LINE
        last_short = position == body_end - 1 and layout.keep_together
        layout.keep_with_next = position < heads or (
            position < chained - 1 and (last_short or position == chained - 2)
        )
