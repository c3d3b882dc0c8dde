"""The DOCX writer: a document tree as a Word document the planner can still edit.

Real Word structure rather than look-alikes: Heading 1-3 styles, a `TOC` field for the table of
contents and `SEQ`-numbered captions for the lists of tables and figures, header rows that repeat
across pages, and sections with their own page-number style (none on the cover, i, ii, ... for
the front matter, 1, 2, ... for the body). python-docx provides the package, styles, sections and
pictures; the body is written as markup (`docx_xml.py`). Text is Arial, which LibreOffice and
machines without it replace by the metric-compatible Liberation Sans.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document as new_word_document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from kinerja.documents import docx_package as package
from kinerja.documents import docx_xml as xml
from kinerja.documents.docx_xml import Para
from kinerja.documents.tree import (
    Block,
    Contents,
    Cover,
    Document,
    Figure,
    Heading,
    ItemList,
    Logo,
    PageBreak,
    Paragraph,
    Section,
    Signatures,
    Spacer,
    Table,
    printed_text,
)

FONT = "Arial"
BODY_SIZE = 11
TEXT_WIDTH_CM = 15.5
HEADER_FILL = "D9E2F3"
FOOTER_FILL = "F2F2F2"
UNLISTED_STYLE = "Judul Tanpa Daftar"
PAGE_FORMATS = {"roman": "lowerRoman", "arabic": "decimal", "none": None}
HEADING_SIZES = {1: 14, 2: 12, 3: 11}
CONTENTS_CODES = {
    "headings": 'TOC \\o "1-3" \\h \\z \\u',
    "tables": 'TOC \\h \\z \\c "Tabel"',
    "figures": 'TOC \\h \\z \\c "Gambar"',
}
# Word's own styles for the entries of its tables of contents (`TOC` fields), by their built-in
# names: (style id, name, left indent, hanging indent) in cm. Every entry keeps the last
# `PAGE_COLUMN_CM` of the line free for its page number: the right indent stops the title
# there, the dotted right tab at the margin carries the number beyond it, so a long title
# wraps before the numbers and its leaders stay whole on its last line.
CONTENTS_STYLES = {
    "headings": [
        ("TOC1", "toc 1", 0.0, 0.0),
        ("TOC2", "toc 2", 0.6, 0.0),
        ("TOC3", "toc 3", 1.2, 0.0),
    ],
    "captions": [("TableofFigures", "table of figures", 1.9, 1.9)],
}
PAGE_COLUMN_CM = 1.2
_WRAPPER = f"<w:body {nsdecls('w', 'r', 'wp', 'a', 'pic')}>{{}}</w:body>"


class DocxWriter:
    """Writes one document tree into a fresh Word document."""

    def __init__(self, document: Document):
        self.tree = document
        self.word: Any = new_word_document()
        self.parts: list[str] = []
        self.fresh = True
        self.pending_break = False
        self._styles()

    # --- set-up ---------------------------------------------------------------------------------

    def _styles(self) -> None:
        styles = self.word.styles
        black = RGBColor(0, 0, 0)
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_SIZE)
        package.plain_theme_fonts(normal.element.get_or_add_rPr(), FONT)
        package.language(normal.element.get_or_add_rPr(), self.tree.language)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15
        for level, size in HEADING_SIZES.items():
            style = styles[f"Heading {level}"]
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.italic = False
            style.font.color.rgb = black
            package.plain_theme_fonts(style.element.get_or_add_rPr(), FONT)
            style.paragraph_format.space_before = Pt(12 if level > 1 else 0)
            style.paragraph_format.space_after = Pt(6 if level > 1 else 18)
            style.paragraph_format.keep_with_next = True
            if level == 1:
                style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption = styles["Caption"]
        caption.font.size = Pt(10)
        caption.font.bold = True
        caption.font.italic = False
        caption.font.color.rgb = black
        package.plain_theme_fonts(caption.element.get_or_add_rPr(), FONT)
        caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.paragraph_format.space_before = Pt(6)
        caption.paragraph_format.space_after = Pt(4)
        unlisted = styles.add_style(UNLISTED_STYLE, 1)
        unlisted.base_style = normal
        unlisted.font.size = Pt(HEADING_SIZES[1])
        unlisted.font.bold = True
        unlisted.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        unlisted.paragraph_format.space_after = Pt(18)
        self.unlisted_id = unlisted.style_id
        for entries in CONTENTS_STYLES.values():
            for style_id, name, left, hanging in entries:
                entry = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
                entry.style_id = style_id
                entry.element.attrib.pop(qn("w:customStyle"), None)  # Word's own, by name
                entry.base_style = normal
                entry.hidden = False
                layout = entry.paragraph_format
                layout.left_indent = Cm(left)
                layout.first_line_indent = Cm(-hanging)
                layout.right_indent = Cm(PAGE_COLUMN_CM)
                layout.space_after = Pt(2)
                layout.alignment = WD_ALIGN_PARAGRAPH.LEFT
                layout.tab_stops.add_tab_stop(
                    Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
                )
        package.update_fields_on_open(self.word.settings.element)
        properties = self.word.core_properties
        properties.title = self.tree.title
        properties.author = self.tree.author
        properties.subject = self.tree.subject
        properties.language = self.tree.language

    def _page(self, word_section: Any, section: Section) -> None:
        word_section.page_width = Cm(21)
        word_section.page_height = Cm(29.7)
        word_section.top_margin = Cm(2.5)
        word_section.bottom_margin = Cm(2.5)
        word_section.left_margin = Cm(3)
        word_section.right_margin = Cm(2.5)
        word_section.header_distance = Cm(1.2)
        word_section.footer_distance = Cm(1.2)
        package.page_numbering(
            word_section._sectPr, PAGE_FORMATS[section.numbering], section.restart
        )
        footer = word_section.footer
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if section.numbering != "none":
            package.simple_field(paragraph, "PAGE", "1")
        header = word_section.header
        header.is_linked_to_previous = False
        if section.header:
            paragraph = header.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(printed_text(section.header))
            run.font.size = Pt(8.5)
            run.font.color.rgb = RGBColor(0x4B, 0x55, 0x63)
            package.bottom_border(paragraph)
        if self.tree.watermark:
            number = len(self.word.sections)
            package.watermark(header.paragraphs[0], self.tree.watermark, number)

    # --- blocks ---------------------------------------------------------------------------------

    def take_break(self) -> bool:
        """Whether the next paragraph starts a new page (a pending page break)."""
        pending, self.pending_break = self.pending_break, False
        self.fresh = False
        return pending

    def add(self, content: str, props: Para) -> None:
        self.parts.append(xml.paragraph(content, props))

    def write_paragraph(self, block: Paragraph) -> None:
        self.add(
            xml.runs(block.runs, block.size),
            Para(
                keep_next=block.keep_with_next,
                page_break=self.take_break(),
                after=block.space_after,
                left_cm=block.indent,
                align=block.align,
            ),
        )

    def write_heading(self, block: Heading) -> None:
        style = f"Heading{block.level}" if block.outlined else self.unlisted_id
        text = f"{block.label}\n{block.text}" if block.label else block.text
        self.add(xml.run(text), Para(style=style, page_break=self.take_break()))

    def write_list(self, block: ItemList) -> None:
        for item in block.items:
            self.add(
                xml.run(f"{item.label or '•'}\t") + xml.runs(item.runs),
                Para(
                    page_break=self.take_break(),
                    tab_cm=1.3,
                    after=3,
                    left_cm=1.3,
                    hanging_cm=0.9,
                    align="justify",
                ),
            )

    def write_spacer(self, block: Spacer) -> None:
        self.add("", Para(page_break=self.take_break(), after=block.height, line=0.1))

    def write_table(self, block: Table) -> None:
        page_break = self.take_break()
        if block.number is not None and block.caption:
            self.parts.append(
                xml.caption(
                    "Tabel", block.number, block.caption, keep_next=True, page_break=page_break
                )
            )
        elif page_break:
            self.add("", Para(page_break=True, after=0))
        self.parts.append(xml.table(block, TEXT_WIDTH_CM, HEADER_FILL, FOOTER_FILL))
        self.add("", Para(after=2))

    def write_figure(self, block: Figure) -> None:
        inline = self.word.part.new_pic_inline(
            io.BytesIO(block.chart.png()), Cm(TEXT_WIDTH_CM * block.width), None
        )
        drawing = f"<w:r><w:drawing>{etree.tostring(inline, encoding='unicode')}</w:drawing></w:r>"
        self.add(drawing, Para(keep_next=True, page_break=self.take_break(), align="center"))
        self.parts.append(xml.caption("Gambar", block.number, block.caption, keep_next=False))

    def write_signatures(self, block: Signatures) -> None:
        signatures = list(block.blocks)
        placed = [None, *signatures] if len(signatures) == 1 else signatures
        dated = any(s.place_date for s in signatures)
        if self.take_break():
            self.add("", Para(page_break=True, after=0))
        width = round(TEXT_WIDTH_CM * xml.TWIPS_PER_CM / len(placed))
        cells = []
        for signature in placed:
            content = xml.paragraph("")
            if signature is not None:
                lines = ([signature.place_date or ""] if dated else []) + list(signature.role)
                name = xml.run(signature.name, bold=True, underline=True)
                if signature.nip:
                    name += xml.run(f"\nNIP. {signature.nip}")
                content = xml.paragraph(xml.run("\n".join(lines)), Para(align="center")) + (
                    xml.paragraph(name, Para(before=60, align="center"))
                )
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{content}</w:tc>'
            )
        self.parts.append(
            f"<w:tbl>{xml.table_properties(borders=False, widths=[width] * len(placed))}"
            f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr></w:tbl>"
        )
        self.add("", Para(after=2))

    def write_contents(self, block: Contents) -> None:
        if block.kind == "headings":
            entries = [(h.full_text, h.level) for h in self.tree.headings() if h.outlined]
        elif block.kind == "tables":
            entries = [
                (f"Tabel {t.number}. {t.caption}", 1)
                for t in self.tree.tables()
                if t.number is not None
            ]
        else:
            entries = [(f"Gambar {f.number}. {f.caption}", 1) for f in self.tree.figures()]
        page_break = self.take_break()
        content = xml.field_begin(CONTENTS_CODES[block.kind])
        if not entries:
            self.add(content + xml.FIELD_END, Para(page_break=page_break))
            return
        styles = CONTENTS_STYLES["headings" if block.kind == "headings" else "captions"]
        for index, (text, level) in enumerate(entries):
            bold = level == 1 and block.kind == "headings"
            content += xml.run(text, bold=bold)
            if index == len(entries) - 1:
                content += xml.FIELD_END
            style = styles[min(level, len(styles)) - 1][0]
            self.add(content, Para(style=style, page_break=page_break and index == 0))
            content = ""

    def write_logo(self, block: Logo, before: int = 0) -> None:
        inline = self.word.part.new_pic_inline(io.BytesIO(block.data), None, Cm(block.height))
        drawing = f"<w:r><w:drawing>{etree.tostring(inline, encoding='unicode')}</w:drawing></w:r>"
        self.add(drawing, Para(page_break=self.take_break(), before=before, align="center"))

    def write_cover(self, block: Cover) -> None:
        groups = (
            (block.title, 24, True, 110),
            (block.subtitle, 14, False, 0),
            (block.organisation, 14, True, 90 if block.logo is None else 30),
            (block.footer, 13, True, 220 if block.logo is None else 120),
        )
        for group, (lines, size, bold, before) in enumerate(groups):
            if group == 2 and block.logo is not None:
                self.write_logo(block.logo, before=50)
            for index, text in enumerate(lines):
                self.add(
                    xml.run(text, bold=bold, size=size),
                    Para(
                        page_break=self.take_break(),
                        before=before if index == 0 else 0,
                        after=4,
                        align="center",
                    ),
                )

    def write(self, block: Block) -> None:
        if isinstance(block, PageBreak):
            if not self.fresh:
                self.pending_break = True
            return
        writers: dict[type, Any] = {
            Paragraph: self.write_paragraph,
            Heading: self.write_heading,
            ItemList: self.write_list,
            Table: self.write_table,
            Figure: self.write_figure,
            Spacer: self.write_spacer,
            Signatures: self.write_signatures,
            Contents: self.write_contents,
            Cover: self.write_cover,
            Logo: self.write_logo,
        }
        writers[type(block)](block)

    def _flush(self) -> None:
        """Parse the section's markup once and put it before the body's final section."""
        body = self.word.element.body
        anchor = body.find(qn("w:sectPr"))
        parsed = parse_xml(_WRAPPER.format("".join(self.parts)))
        for element in list(parsed):
            anchor.addprevious(element)
        self.parts = []

    def render(self) -> bytes:
        for index, section in enumerate(self.tree.sections):
            if index:
                self.word.add_section(WD_SECTION.NEW_PAGE)
            self._page(self.word.sections[-1], section)
            self.fresh, self.pending_break = True, False
            for block in section.blocks:
                self.write(block)
            self._flush()
        buffer = io.BytesIO()
        self.word.save(buffer)
        return buffer.getvalue()


def write_docx(document: Document) -> bytes:
    """The document as DOCX bytes."""
    return DocxWriter(document).render()
