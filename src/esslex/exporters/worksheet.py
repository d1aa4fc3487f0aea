"""A worksheet as Markdown, HTML, PDF or DOCX, through the handout's renderers and styles."""

from __future__ import annotations

from esslex.trainer.questions import Kind
from esslex.trainer.worksheet import Part, Worksheet

# The handout formats a worksheet is written in (`exercises --format`).
FORMATS = ("html", "pdf", "docx", "markdown")


def render(worksheet: Worksheet, format_name: str) -> str | bytes:
    """The worksheet in a handout format, needing the same libraries (extras) as it."""
    from esslex import exporters

    handout_format = exporters.EXPORTERS[format_name]
    return handout_format.with_libraries(lambda: _render(worksheet, format_name))


def _render(worksheet: Worksheet, format_name: str) -> str | bytes:
    if format_name == "markdown":
        return markdown(worksheet)
    if format_name == "html":
        return html(worksheet)
    if format_name == "pdf":
        from esslex.exporters.pdf import pdf_of

        return pdf_of(html(worksheet, paged=True))
    from esslex.exporters.docx_worksheet import worksheet_docx

    return worksheet_docx(worksheet)


def html(worksheet: Worksheet, paged: bool = False) -> str:
    from esslex.exporters.html import page

    return page("worksheet.html.j2", w=worksheet, paged=paged)


# -- Markdown ----------------------------------------------------------------------------


def _markdown_part(part: Part) -> list[str]:
    from esslex.exporters.markdown import escape

    lines = [f"## {escape(part.title)}", f"*{escape(part.instructions)}*"]
    if part.kind is Kind.matching:
        for group, question in enumerate(part.questions, 1):
            if len(part.questions) > 1:
                lines.append(f"### Série {group}")
            lines.append(
                "\n".join(
                    f"- **{option.key}.** {escape(option.label)} → ____"
                    for option in question.choices
                )
            )
            lines.extend(
                f"**{item.key}.** " + escape(item.text).replace("\n", "  \n")
                for item in question.definitions
            )
        return lines
    for number, question in enumerate(part.questions, 1):
        if part.kind is Kind.cloze and number in part.bank_starts:
            words = " · ".join(escape(option.label) for option in question.choices)
            lines.append(f"> **Termes à placer\u00a0:** {words}")
        text = escape(question.prompt).replace("\n", "  \n")
        lines.append(f"**{number}.** {text}")
        if part.kind is Kind.choice:
            lines.append(
                "\n".join(
                    f"- ☐ {option.key}. {escape(option.label)}" for option in question.choices
                )
            )
    return lines


def markdown(worksheet: Worksheet) -> str:
    from esslex.exporters.markdown import cover, escape

    parts = cover(worksheet.cover)
    parts.append(escape(worksheet.seed_line))
    if worksheet.show_questions:
        parts.append("Nom\u00a0: ______________________ Date\u00a0: ____________")
        for part in worksheet.parts:
            parts.extend(_markdown_part(part))
    if worksheet.show_key:
        if worksheet.show_questions:
            # A page break when the Markdown is printed or converted (HTML, Pandoc).
            parts.append('<div style="page-break-before: always"></div>')
        parts.append("## Corrigé")
        for section in worksheet.key:
            parts.append(f"### {escape(section.title)}")
            parts.append(
                "\n".join(
                    f"- {escape(line.number)} → **{escape(line.answer)}**"
                    + (f" ({escape(line.label)})" if line.label != line.answer else "")
                    for line in section.lines
                )
            )
    return "\n\n".join(parts) + "\n"
