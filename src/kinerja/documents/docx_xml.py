"""WordprocessingML for the body of a DOCX, written as text and parsed once per section.

python-docx builds every element through Python objects, which takes seconds for a report with
fifty tables; writing the markup as text and parsing it in one go takes milliseconds. Elements are
written in the order the schema requires (Word refuses a file whose elements are out of order).
All text passes through `escape`, so user text is only ever character data.

Fields: the table of contents is a complex `TOC` field marked dirty (Word rebuilds it with page
numbers on opening) whose cached result lists the entries; captions number themselves with `SEQ`
fields, which Word's lists of tables and figures read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape as _escape

from kinerja.documents.tree import Align, Cell, Run, Table, printed_text

TWIPS_PER_CM = 567
HALF_POINTS = 2
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
JUSTIFY = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def escape(text: str) -> str:
    """Character data for XML: markup escaped, characters XML cannot hold removed."""
    return _escape(_INVALID.sub("", text), {'"': "&quot;"})


@dataclass(frozen=True)
class Para:
    """Paragraph properties, written in schema order."""

    style: str | None = None
    keep_next: bool = False
    page_break: bool = False
    tab_cm: float | None = None
    before: float | None = None
    after: float | None = None
    line: float | None = None
    left_cm: float = 0.0
    hanging_cm: float = 0.0
    align: Align | None = None

    def xml(self) -> str:
        parts = []
        if self.style:
            parts.append(f'<w:pStyle w:val="{self.style}"/>')
        if self.keep_next:
            parts.append("<w:keepNext/>")
        if self.page_break:
            parts.append("<w:pageBreakBefore/>")
        if self.tab_cm is not None:
            parts.append(
                f'<w:tabs><w:tab w:val="left" w:pos="{round(self.tab_cm * TWIPS_PER_CM)}"/>'
                "</w:tabs>"
            )
        spacing = ""
        if self.before is not None:
            spacing += f' w:before="{round(self.before * 20)}"'
        if self.after is not None:
            spacing += f' w:after="{round(self.after * 20)}"'
        if self.line is not None:
            spacing += f' w:line="{round(self.line * 240)}" w:lineRule="auto"'
        if spacing:
            parts.append(f"<w:spacing{spacing}/>")
        if self.left_cm or self.hanging_cm:
            indent = f' w:left="{round(self.left_cm * TWIPS_PER_CM)}"'
            if self.hanging_cm:
                indent += f' w:hanging="{round(self.hanging_cm * TWIPS_PER_CM)}"'
            parts.append(f"<w:ind{indent}/>")
        if self.align:
            parts.append(f'<w:jc w:val="{JUSTIFY[self.align]}"/>')
        return f"<w:pPr>{''.join(parts)}</w:pPr>" if parts else ""


def run(
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float | None = None,
    color: str | None = None,
) -> str:
    """A run; newlines in `text` become line breaks; the text is as `printed_text` makes it (a
    rupiah amount never split from its "Rp")."""
    props = ""
    if bold:
        props += "<w:b/>"
    if italic:
        props += "<w:i/>"
    if color:
        props += f'<w:color w:val="{color}"/>'
    if size:
        half = round(size * HALF_POINTS)
        props += f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
    if underline:
        props += '<w:u w:val="single"/>'
    body = "<w:br/>".join(
        f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in printed_text(text).split("\n")
    )
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{body}</w:r>"


def runs(items: Sequence[Run], size: float | None = None) -> str:
    return "".join(run(r.text, bold=r.bold, italic=r.italic, size=size) for r in items)


def paragraph(content: str, props: Para | None = None) -> str:
    return f"<w:p>{props.xml() if props else ''}{content}</w:p>"


def simple_field(code: str, result: str) -> str:
    return f'<w:fldSimple w:instr=" {escape(code)} ">{run(result)}</w:fldSimple>'


def field_begin(code: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(code)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )


FIELD_END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def caption(kind: str, number: int, text: str, *, keep_next: bool, page_break: bool = False) -> str:
    """`Tabel 3. ...` with a `SEQ` field for the number."""
    return paragraph(
        run(f"{kind} ") + simple_field(f"SEQ {kind} \\* ARABIC", str(number)) + run(f". {text}"),
        Para(style="Caption", keep_next=keep_next, page_break=page_break),
    )


_NO_BORDERS = "".join(
    f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)


def table_properties(*, borders: bool, widths: Sequence[int]) -> str:
    style = '<w:tblStyle w:val="TableGrid"/>' if borders else ""
    border = "" if borders else f"<w:tblBorders>{_NO_BORDERS}</w:tblBorders>"
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tblPr>{style}<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'{border}<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
        'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
    )


def _cell(
    width: int, content: str, *, span: int = 1, merge: str | None = None, fill: str | None = None
) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        props += "<w:vMerge/>"
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill.lstrip("#")}"/>'
    props += '<w:vAlign w:val="center"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"


def table(block: Table, text_width_cm: float, header_fill: str, footer_fill: str) -> str:
    """A whole table: fixed column widths, header rows repeated on every page, rows kept whole,
    `rowspan` as vertical merges and `colspan` as grid spans."""
    total = sum(c.width for c in block.columns)
    widths = [round(text_width_cm * TWIPS_PER_CM * c.width / total) for c in block.columns]
    count = len(widths)
    rows = [*block.header, *block.rows, *block.footer]
    # Columns still covered by a cell spanning rows from above: column -> (rows left, span).
    covered: dict[int, tuple[int, int]] = {}
    out = [f"<w:tbl>{table_properties(borders=block.borders, widths=widths)}"]
    for index, row in enumerate(rows):
        header = index < len(block.header)
        footer = index >= len(block.header) + len(block.rows)
        fill = header_fill if header else footer_fill if footer else None
        flags = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
        out.append(f"<w:tr><w:trPr>{flags}</w:trPr>")
        cells = iter(row)
        column = 0
        while column < count:
            if column in covered:
                left, span = covered[column]
                out.append(
                    _cell(
                        sum(widths[column : column + span]),
                        paragraph(""),
                        span=span,
                        merge="continue",
                        fill=fill,
                    )
                )
                if left <= 1:
                    del covered[column]
                else:
                    covered[column] = (left - 1, span)
                column += span
                continue
            item = next(cells, None)
            if item is None:
                out.append(_cell(widths[column], paragraph(""), fill=fill))
                column += 1
                continue
            span = max(1, min(item.colspan, count - column))
            merge = None
            if item.rowspan > 1:
                covered[column] = (item.rowspan - 1, span)
                merge = "restart"
            out.append(
                _cell(
                    sum(widths[column : column + span]),
                    _cell_paragraph(item, block, column),
                    span=span,
                    merge=merge,
                    fill=item.fill or fill,
                )
            )
            column += span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _cell_paragraph(item: Cell, block: Table, column: int) -> str:
    align = item.align or block.columns[column].align
    return paragraph(
        run(item.text, bold=item.bold, italic=item.italic, size=block.size),
        Para(after=0, line=1.0, align=align),
    )
