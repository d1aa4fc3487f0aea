"""The handout as an editable Word document: real headings, styles, links and page numbers."""

from __future__ import annotations

import hashlib
import io
from typing import Any

from esslex.documents.entryview import EntryView, Link, SourceView, meta_lines
from esslex.documents.handout import Handout, build
from esslex.exporters import ExportOptions
from esslex.exporters.docx_pages import paginate
from esslex.find.selection import Selection
from esslex.text.textblocks import ItemList, Paragraph

ACCENT = (0x1F, 0x5F, 0x5B)
MUTED = (0x5D, 0x64, 0x66)


def bookmark_name(anchor: str) -> str:
    """A Word bookmark name: a letter first, letters, digits and _ only, 40 characters at most."""
    name = "b_" + "".join(char if char.isalnum() else "_" for char in anchor)
    if len(name) > 40:
        digest = hashlib.sha1(anchor.encode("utf-8")).hexdigest()[:8]
        name = f"{name[:31]}_{digest}"
    return name


class WordDocument:
    """An A4 document with esslex's styles and a numbered footer (handouts, worksheets)."""

    def __init__(self, title: str, language: str) -> None:
        import docx
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm, Pt, RGBColor

        self.title, self.language = title, language
        self.document = docx.Document()
        self.Cm, self.Pt, self.RGBColor = Cm, Pt, RGBColor
        self.OxmlElement, self.qn = OxmlElement, qn
        self._bookmark_id = 0
        self._setup()

    # -- document set-up --------------------------------------------------------------

    def _setup(self) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = self.Cm(21), self.Cm(29.7)
        for side in ("left_margin", "right_margin"):
            setattr(section, side, self.Cm(1.9))
        section.top_margin, section.bottom_margin = self.Cm(1.8), self.Cm(2)
        styles = self.document.styles
        normal = styles["Normal"]
        normal.font.name = "Georgia"
        normal.font.size = self.Pt(10.5)
        normal.paragraph_format.space_after = self.Pt(4)
        self._language(normal, self.language)
        for name, size in (
            ("Title", 24),
            ("Heading 1", 15),
            ("Heading 2", 12),
            ("Heading 3", 10.5),
        ):
            style = styles[name]
            style.font.name = "Arial"
            style.font.size = self.Pt(size)
            style.font.color.rgb = self.RGBColor(*ACCENT)
            self._language(style, self.language)
        styles["Heading 2"].paragraph_format.space_before = self.Pt(10)
        self._footer(section)

    def _language(self, style: Any, language: str) -> None:
        tag = {"fr": "fr-FR"}.get(language, language)
        rpr = style.element.get_or_add_rPr()
        lang = self.OxmlElement("w:lang")
        lang.set(self.qn("w:val"), tag)
        rpr.append(lang)

    def _field(self, paragraph: Any, instruction: str, result: str = "1") -> None:
        """A Word field (PAGE, NUMPAGES, TOC): begin, instruction, separator, result, end."""
        parts: list[tuple[str, str | None]] = [
            ("begin", None),
            ("instr", instruction),
            ("separate", None),
            ("result", result),
            ("end", None),
        ]
        for kind, text in parts:
            run = paragraph.add_run()
            run.font.size = self.Pt(8)
            run.font.color.rgb = self.RGBColor(*MUTED)
            if kind == "instr":
                element = self.OxmlElement("w:instrText")
                element.set(self.qn("xml:space"), "preserve")
                element.text = text
            elif kind == "result":
                element = self.OxmlElement("w:t")
                element.text = text
            else:
                element = self.OxmlElement("w:fldChar")
                element.set(self.qn("w:fldCharType"), kind)
            run._r.append(element)

    def _footer(self, section: Any) -> None:
        paragraph = section.footer.paragraphs[0]
        paragraph.text = ""
        title = paragraph.add_run(self.title + "\t\tPage ")
        title.font.size = self.Pt(8)
        self._field(paragraph, "PAGE")
        paragraph.add_run(" / ").font.size = self.Pt(8)
        self._field(paragraph, "NUMPAGES")
        for run in paragraph.runs:
            run.font.size = self.Pt(8)
            run.font.color.rgb = self.RGBColor(*MUTED)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


class HandoutWriter(WordDocument):
    def __init__(self, handout: Handout) -> None:
        self.handout = handout
        super().__init__(handout.title, handout.language)

    # -- building blocks --------------------------------------------------------------

    def _bookmark(self, paragraph: Any, anchor: str) -> None:
        self._bookmark_id += 1
        start = self.OxmlElement("w:bookmarkStart")
        start.set(self.qn("w:id"), str(self._bookmark_id))
        start.set(self.qn("w:name"), bookmark_name(anchor))
        end = self.OxmlElement("w:bookmarkEnd")
        end.set(self.qn("w:id"), str(self._bookmark_id))
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(end)

    def _hyperlink(
        self, paragraph: Any, text: str, *, anchor: str = "", url: str = "", size: float = 0
    ) -> None:
        link = self.OxmlElement("w:hyperlink")
        if anchor:
            link.set(self.qn("w:anchor"), bookmark_name(anchor))
        else:
            from docx.opc.constants import RELATIONSHIP_TYPE

            relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            link.set(self.qn("r:id"), relation)
        run = self.OxmlElement("w:r")
        properties = self.OxmlElement("w:rPr")
        color = self.OxmlElement("w:color")
        color.set(self.qn("w:val"), "".join(f"{part:02X}" for part in ACCENT))
        properties.append(color)
        if size:
            half_points = self.OxmlElement("w:sz")
            half_points.set(self.qn("w:val"), str(int(size * 2)))
            properties.append(half_points)
        run.append(properties)
        text_element = self.OxmlElement("w:t")
        text_element.set(self.qn("xml:space"), "preserve")
        text_element.text = text
        run.append(text_element)
        link.append(run)
        paragraph._p.append(link)

    def _link(self, paragraph: Any, link: Link, size: float = 0) -> None:
        if link.anchor:
            self._hyperlink(paragraph, link.label, anchor=link.anchor, size=size)
        else:
            paragraph.add_run(link.label)

    def _small(self, paragraph: Any, italic: bool = False) -> None:
        for run in paragraph.runs:
            run.font.size = self.Pt(8.5)
            run.font.italic = italic or run.font.italic
            run.font.color.rgb = self.RGBColor(*MUTED)

    def _cited(self, paragraph: Any, source: SourceView, size: float = 0) -> None:
        """The short citation beside an entry, linked to the official text."""
        if source.link:
            self._hyperlink(paragraph, source.short, url=source.link, size=size)
            return
        paragraph.add_run(source.short).italic = True
        if source.url:
            paragraph.add_run(f", {source.url}")

    def _source(self, paragraph: Any, source: SourceView, size: float = 0) -> None:
        paragraph.add_run(source.title).italic = True
        for detail in source.details:
            paragraph.add_run(f", {detail}")
        if source.link:
            paragraph.add_run(", ")
            self._hyperlink(paragraph, source.link, url=source.link, size=size)
        elif source.url:
            paragraph.add_run(f", {source.url}")

    # -- the handout --------------------------------------------------------------------

    def _entry(self, entry: EntryView, show_themes: bool, new_page: bool = False) -> None:
        paragraphs = []
        heading = self.document.add_heading(entry.label, level=2)
        heading.paragraph_format.page_break_before = new_page
        self._bookmark(heading, entry.anchor)
        paragraphs.append(heading)
        if entry.alt_labels:
            p = self.document.add_paragraph(
                "Autres appellations\u00a0: " + ", ".join(entry.alt_labels)
            )
            self._small(p, italic=True)
            paragraphs.append(p)
        for line in meta_lines(entry):
            p = self.document.add_paragraph(line)
            self._small(p, italic=True)
            paragraphs.append(p)
        if show_themes and entry.themes:
            p = self.document.add_paragraph("Thèmes\u00a0: " + ", ".join(entry.themes))
            self._small(p, italic=True)
            paragraphs.append(p)
        heads = len(paragraphs)  # the heading and the names above the definition
        for block in entry.blocks:
            if isinstance(block, Paragraph):
                p = self.document.add_paragraph(block.text)
                paragraphs.append(p)
            elif isinstance(block, ItemList):
                for item in block.items:
                    if block.numbered:
                        p = self.document.add_paragraph()
                        p.add_run(item.marker).bold = True
                        p.add_run("\t" + item.text)
                        p.paragraph_format.left_indent = self.Cm(1)
                        p.paragraph_format.first_line_indent = self.Cm(-1)
                        p.paragraph_format.tab_stops.add_tab_stop(self.Cm(1))
                    else:
                        p = self.document.add_paragraph(item.text, style="List Bullet")
                    paragraphs.append(p)
        body_end = len(paragraphs)  # the definition's last lines stay with what follows
        for note in entry.notes:
            p = self.document.add_paragraph()
            p.add_run("Note\u00a0: ").bold = True
            p.add_run(note)
            p.paragraph_format.left_indent = self.Cm(0.5)
            self._small(p)
            paragraphs.append(p)
        for relation in entry.relations:
            p = self.document.add_paragraph()
            p.add_run(f"{relation.name}\u00a0: ").bold = True
            for position, link in enumerate(relation.links):
                if position:
                    p.add_run(", ")
                self._link(p, link)
            p.paragraph_format.space_after = self.Pt(1)
            paragraphs.append(p)
        for position, source in enumerate(entry.sources):
            p = self.document.add_paragraph()
            if position == 0:
                p.add_run("Source\u00a0: " if len(entry.sources) == 1 else "Sources\u00a0: ")
            else:
                p.paragraph_format.left_indent = self.Cm(1.2)
            self._cited(p, source, size=8.5)
            self._small(p)
            p.paragraph_format.space_after = self.Pt(1)
            paragraphs.append(p)
        chained = len(paragraphs)  # the editorial notes that follow may go over the page
        for note in entry.editorial:
            paragraphs.append(self.document.add_paragraph("Note éditoriale\u00a0: " + note))
            self._small(paragraphs[-1], italic=True)
        paginate(paragraphs, heads, body_end, chained)
        paragraphs[-1].paragraph_format.space_after = self.Pt(10)

    def _columns(self, count: int) -> None:
        from docx.enum.section import WD_SECTION

        section = self.document.add_section(WD_SECTION.CONTINUOUS)
        columns = section._sectPr.find(self.qn("w:cols"))
        if columns is None:
            columns = self.OxmlElement("w:cols")
            section._sectPr.append(columns)
        columns.set(self.qn("w:num"), str(count))
        columns.set(self.qn("w:space"), "567")

    def _properties(self) -> None:
        """Core properties computed from the content (python-docx's template has its own)."""
        import datetime

        handout = self.handout
        properties = self.document.core_properties
        texts = {
            "title": handout.title,
            "subject": handout.summary,
            "author": handout.creator,
            "last_modified_by": handout.creator,
            "keywords": ", ".join(handout.keywords),
            "comments": handout.document_line or handout.origin_line,
            "category": "Glossaire",
            "language": {"fr": "fr-FR"}.get(handout.language, handout.language),
        }
        for name, text in texts.items():
            # The format holds 255 characters per property.
            setattr(properties, name, text if len(text) <= 255 else text[:254] + "…")
        properties.revision = 1
        day = datetime.date.fromisoformat(handout.created)
        moment = datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.timezone.utc)
        properties.created = properties.modified = moment

    def _cover(self) -> None:
        handout = self.handout
        if handout.logo is not None and handout.logo.raster:
            self.document.add_picture(io.BytesIO(handout.logo.data), height=self.Cm(1.8))
        if handout.organisation:
            p = self.document.add_paragraph()
            run = p.add_run(handout.organisation)
            run.bold = True
            run.font.color.rgb = self.RGBColor(*ACCENT)
        self.document.add_heading(handout.title, level=0)
        if handout.subtitle:
            self.document.add_paragraph(handout.subtitle, style="Subtitle")
        self._small(self.document.add_paragraph(handout.meta_line))
        self._small(self.document.add_paragraph("Textes\u00a0: " + handout.origin_line))
        if handout.description:
            self.document.add_paragraph(handout.description)
        self._credits()
        if handout.qr_url:
            self._qr(handout.qr_url)

    def _qr(self, url: str) -> None:
        """The QR code of the published page, 3 cm wide, and its address, linked."""
        from esslex.exporters.qr import png

        self.document.add_picture(io.BytesIO(png(url)), width=self.Cm(3))
        self.document.paragraphs[-1].paragraph_format.keep_with_next = True
        caption = self.document.add_paragraph("En ligne\u00a0: ")
        self._hyperlink(caption, url, url=url, size=8.5)
        self._small(caption)

    def _field_char(self, paragraph: Any, kind: str, instruction: str = "") -> None:
        run = paragraph.add_run()
        element = self.OxmlElement("w:fldChar")
        element.set(self.qn("w:fldCharType"), kind)
        run._r.append(element)
        if instruction:
            run = paragraph.add_run()
            text = self.OxmlElement("w:instrText")
            text.set(self.qn("xml:space"), "preserve")
            text.text = instruction
            run._r.append(text)
            self._field_char(paragraph, "separate")

    def _table_of_contents(self) -> None:
        """A TOC field over the level-1 headings, which Word and LibreOffice update (F9,
        « Mettre à jour ») with page numbers; until then it lists the sections, linked."""
        heading = self.document.add_paragraph()
        run = heading.add_run("Sommaire")
        run.bold = True
        run.font.color.rgb = self.RGBColor(*ACCENT)
        heading.paragraph_format.keep_with_next = True
        handout = self.handout
        lines = [(section.title, section.anchor) for section in handout.sections]
        if handout.index:
            lines.append(("Index", "index"))
        if handout.bibliography:
            lines.append(("Bibliographie", "bibliographie"))
        for position, (title, anchor) in enumerate(lines):
            paragraph = self.document.add_paragraph()
            paragraph.paragraph_format.space_after = self.Pt(0)
            if position == 0:
                self._field_char(paragraph, "begin", 'TOC \\o "1-1" \\h \\z \\u')
            self._hyperlink(paragraph, title, anchor=anchor, size=9.5)
            if position == len(lines) - 1:
                self._field_char(paragraph, "end")
                paragraph.paragraph_format.space_after = self.Pt(12)

    def _fiche(self) -> None:
        rows = self.handout.fiche
        table = self.document.add_table(rows=1 + len(rows), cols=2)
        table.style = (
            "Light List Accent 1"
            if "Light List Accent 1" in [style.name for style in self.document.styles]
            else table.style
        )
        header = table.rows[0].cells
        header[0].text, header[1].text = "Terme", "En une phrase"
        for cells, row in zip((r.cells for r in table.rows[1:]), rows, strict=True):
            cells[0].text = row.label
            cells[1].text = row.summary
            cells[0].paragraphs[0].runs[0].bold = True
        for table_row in table.rows:
            # A row is never split across two pages.
            properties = table_row._tr.get_or_add_trPr()
            cant_split = self.OxmlElement("w:cantSplit")
            properties.append(cant_split)
            table_row.cells[0].width, table_row.cells[1].width = self.Cm(4.5), self.Cm(12.7)
            for cell in table_row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.space_after = self.Pt(2)
                    for run in paragraph.runs:
                        run.font.size = self.Pt(9.5)

    def _credits(self) -> None:
        """The credits, in small print under the title: who made it, where the texts come
        from and under which rights."""
        handout = self.handout
        paragraphs = []
        if handout.document_line:
            paragraphs.append(self.document.add_paragraph(handout.document_line))
        for credit in handout.credit_entries:
            p = self.document.add_paragraph()
            p.add_run(credit.title).italic = True
            p.add_run(f", {credit.details}.")
            paragraphs.append(p)
            for rights in credit.rights:
                p = self.document.add_paragraph(rights)
                p.paragraph_format.left_indent = self.Cm(0.5)
                paragraphs.append(p)
        for p in paragraphs:
            self._small(p)
            p.paragraph_format.space_after = self.Pt(1)

    def write(self) -> bytes:
        handout = self.handout
        self._properties()
        self._cover()
        if handout.table_of_contents:
            self._table_of_contents()
        if handout.fiche:
            self._fiche()
        for number, section in enumerate(handout.sections):
            heading = self.document.add_heading(section.title, level=1)
            heading.paragraph_format.keep_with_next = True
            heading.paragraph_format.page_break_before = handout.one_per_page and number > 0
            self._bookmark(heading, section.anchor)
            if section.description:
                p = self.document.add_paragraph(section.description)
                p.paragraph_format.keep_with_next = True
                self._small(p, italic=True)
            for position, entry in enumerate(section.entries):
                self._entry(entry, handout.show_themes, handout.one_per_page and position > 0)
            if section.elsewhere:
                if section.entries:
                    # Not alone at the top of a page: it follows the section's last entry.
                    last = self.document.paragraphs[-1].paragraph_format
                    last.keep_with_next = True
                p = self.document.add_paragraph("Également dans ce thème\u00a0: ")
                for position, link in enumerate(section.elsewhere):
                    if position:
                        p.add_run(", ")
                    self._link(p, link, size=8.5)
                self._small(p)
        if handout.index:
            self._index()
        if handout.bibliography:
            heading = self.document.add_heading("Bibliographie", level=1)
            heading.paragraph_format.keep_with_next = True
            self._bookmark(heading, "bibliographie")
            for source in handout.bibliography:
                p = self.document.add_paragraph()
                p.paragraph_format.left_indent = self.Cm(0.6)
                p.paragraph_format.first_line_indent = self.Cm(-0.6)
                p.paragraph_format.keep_together = True
                self._source(p, source)
        return self.save()

    def _index(self) -> None:
        index_heading = self.document.add_heading("Index", level=1)
        self._bookmark(index_heading, "index")
        self._columns(2)
        for letter in self.handout.index:
            p = self.document.add_heading(letter.letter, level=3)
            p.paragraph_format.keep_with_next = True
            for item in letter.items:
                p = self.document.add_paragraph()
                p.paragraph_format.space_after = self.Pt(1)
                p.paragraph_format.left_indent = self.Cm(0.5)
                p.paragraph_format.first_line_indent = self.Cm(-0.5)
                if item.see is None:
                    self._hyperlink(p, item.text, anchor=item.anchor, size=9)
                else:
                    p.add_run(item.text).italic = True
                    p.add_run(" → voir ").italic = True
                    self._hyperlink(p, item.see, anchor=item.anchor, size=9)
                for run in p.runs:
                    run.font.size = self.Pt(9)
        if self.handout.bibliography:
            # Back to one column; after the index, an empty section would add a blank page.
            self._columns(1)


def export(selection: Selection, options: ExportOptions) -> bytes:
    return HandoutWriter(build(selection, options)).write()
