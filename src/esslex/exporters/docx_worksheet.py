"""A worksheet as an editable Word document, on the handout's page, styles and footer."""

from __future__ import annotations

from esslex.exporters.docx import HandoutWriter
from esslex.trainer.questions import Kind
from esslex.trainer.worksheet import Part, Worksheet


class _WorksheetWriter(HandoutWriter):
    """The handout's writer: its page, styles, footer and cover, then the exercises."""

    def __init__(self, worksheet: Worksheet) -> None:
        self.worksheet = worksheet
        super().__init__(worksheet.cover)

    def _text(self, text: str, marker: str, keep_with_next: bool = False) -> None:
        """A numbered item: its marker in bold, its paragraphs hanging after it, kept on
        one page (with what follows when `keep_with_next`)."""
        lines = text.split("\n")
        for position, line in enumerate(lines):
            p = self.document.add_paragraph()
            if position == 0:
                p.add_run(marker).bold = True
            p.add_run("\t" + line)
            p.paragraph_format.left_indent = self.Cm(0.9)
            p.paragraph_format.first_line_indent = self.Cm(-0.9)
            p.paragraph_format.tab_stops.add_tab_stop(self.Cm(0.9))
            p.paragraph_format.keep_together = True
            p.paragraph_format.keep_with_next = keep_with_next or position < len(lines) - 1
            p.paragraph_format.space_after = self.Pt(3)

    def _matching(self, part: Part) -> None:
        for group, question in enumerate(part.questions, 1):
            if len(part.questions) > 1:
                self.document.add_heading(f"Série {group}", level=3)
            # A series is read as a whole: its terms and definitions kept on one page.
            for option in question.choices:
                p = self.document.add_paragraph()
                p.add_run(f"{option.key}.").bold = True
                p.add_run(f"\t{option.label}\t→ ______")
                p.paragraph_format.tab_stops.add_tab_stop(self.Cm(0.9))
                p.paragraph_format.tab_stops.add_tab_stop(self.Cm(12.5))
                p.paragraph_format.space_after = self.Pt(1)
                p.paragraph_format.keep_with_next = True
            self.document.add_paragraph().paragraph_format.keep_with_next = True
            for position, item in enumerate(question.definitions, 1):
                self._text(item.text, f"{item.key}.", position < len(question.definitions))

    def _questions(self, part: Part) -> None:
        for number, question in enumerate(part.questions, 1):
            if part.kind is Kind.cloze and number in part.bank_starts:
                p = self.document.add_paragraph()
                p.add_run("Termes à placer\u00a0: ").bold = True
                p.add_run(" · ".join(option.label for option in question.choices))
                p.paragraph_format.keep_with_next = True
            self._text(question.prompt, f"{number}.", keep_with_next=part.kind is Kind.choice)
            if part.kind is Kind.choice:
                for option in question.choices:
                    p = self.document.add_paragraph(f"☐ {option.key}. {option.label}")
                    p.paragraph_format.left_indent = self.Cm(0.9)
                    p.paragraph_format.space_after = self.Pt(0)
                    p.paragraph_format.keep_with_next = option is not question.choices[-1]
            self.document.paragraphs[-1].paragraph_format.space_after = self.Pt(8)

    def _key(self, new_page: bool) -> None:
        heading = self.document.add_heading("Corrigé", level=1)
        heading.paragraph_format.page_break_before = new_page
        for section in self.worksheet.key:
            self.document.add_heading(section.title, level=2)
            for line in section.lines:
                p = self.document.add_paragraph()
                p.add_run(f"{line.number}\t→ ")
                p.add_run(line.answer).bold = True
                if line.label != line.answer:
                    p.add_run(f" ({line.label})")
                p.paragraph_format.tab_stops.add_tab_stop(self.Cm(2.2))
                p.paragraph_format.space_after = self.Pt(1)

    def write(self) -> bytes:
        worksheet = self.worksheet
        self._properties()
        self._cover()
        self._small(self.document.add_paragraph(worksheet.seed_line))
        if worksheet.show_questions:
            self.document.add_paragraph(
                "Nom\u00a0: ______________________________   Date\u00a0: ____________"
            )
            for part in worksheet.parts:
                heading = self.document.add_heading(part.title, level=1)
                heading.paragraph_format.keep_with_next = True
                p = self.document.add_paragraph(part.instructions)
                p.paragraph_format.keep_with_next = True
                self._small(p, italic=True)
                if part.kind is Kind.matching:
                    self._matching(part)
                else:
                    self._questions(part)
        if worksheet.show_key:
            self._key(new_page=worksheet.show_questions)
        return self.save()


def worksheet_docx(worksheet: Worksheet) -> bytes:
    return _WorksheetWriter(worksheet).write()
