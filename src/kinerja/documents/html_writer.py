"""Blocks of the document tree as HTML, for the web app's preview of a narrative section.

The third writer beside `docx_writer.py` and `typst_writer.py`, for the blocks a section can hold:
paragraphs, lists, tables (with their captions and numbers) and figures (their caption only; the
chart is drawn in the document). Every text is escaped here, so the result is safe to insert
as it is; no style attribute is written (the pages' policy forbids inline styles), only classes.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from kinerja.documents.tree import Block, Cell, Figure, Heading, ItemList, Paragraph, Run, Table


def _runs(runs: Sequence[Run]) -> str:
    out = []
    for run in runs:
        text = escape(run.text).replace("\n", "<br>")
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.italic:
            text = f"<em>{text}</em>"
        out.append(text)
    return "".join(out)


def _cell(tag: str, cell: Cell) -> str:
    attrs = ""
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.align in ("center", "right"):
        attrs += f' class="doc-{cell.align}"'
    text = escape(cell.text).replace("\n", "<br>")
    if cell.bold:
        text = f"<strong>{text}</strong>"
    return f"<{tag}{attrs}>{text}</{tag}>"


def _table(table: Table) -> str:
    parts = ['<div class="table-wrap"><table class="doc-table">']
    if table.caption:
        number = f"Tabel {table.number}. " if table.number else ""
        parts.append(f"<caption>{escape(number + table.caption)}</caption>")
    if table.header:
        parts.append("<thead>")
        parts += ["<tr>" + "".join(_cell("th", c) for c in row) + "</tr>" for row in table.header]
        parts.append("</thead>")
    parts.append("<tbody>")
    parts += ["<tr>" + "".join(_cell("td", c) for c in row) + "</tr>" for row in table.rows]
    parts.append("</tbody>")
    if table.footer:
        parts.append("<tfoot>")
        parts += ["<tr>" + "".join(_cell("td", c) for c in row) + "</tr>" for row in table.footer]
        parts.append("</tfoot>")
    parts.append("</table></div>")
    return "".join(parts)


def block_html(block: Block) -> str:
    """One block as HTML; blocks a narrative never holds (page breaks, covers) give nothing."""
    if isinstance(block, Paragraph):
        classes = {"center": "doc-center", "right": "doc-right"}.get(block.align, "")
        attr = f' class="{classes}"' if classes else ""
        return f"<p{attr}>{_runs(block.runs)}</p>"
    if isinstance(block, ItemList):
        items = []
        for item in block.items:
            label = f'<span class="doc-label">{escape(item.label)}</span> ' if item.label else ""
            items.append(f"<li>{label}{_runs(item.runs)}</li>")
        labelled = any(item.label for item in block.items)
        return f'<ul class="{"doc-labelled" if labelled else "doc-bullets"}">{"".join(items)}</ul>'
    if isinstance(block, Heading):
        level = min(6, block.level + 2)
        return f"<h{level}>{escape(block.full_text)}</h{level}>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        caption = escape(f"Gambar {block.number}. {block.caption}")
        return f'<figure class="doc-figure"><figcaption>[{caption}]</figcaption></figure>'
    return ""


def blocks_html(blocks: Sequence[Block]) -> str:
    """Blocks as HTML, escaped."""
    return "\n".join(html for html in (block_html(b) for b in blocks) if html)
