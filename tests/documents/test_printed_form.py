"""The form of the printed documents (issue 12): leaders, "Rp" and words that fit their cells.

- A rupiah amount never ends a line on "Rp": both writers bind "Rp" to its amount with a
  no-break space, wherever money is printed (text, tables, captions, headers).
- The lists of tables and figures and the table of contents keep a column for the page
  numbers that titles never run into, and every entry's leaders stay on its last line with at
  least a few dots, however long the title (PDF: read back from the file; DOCX: Word's own
  entry styles with a right indent and a dotted tab at the margin).
- No word of a table cell is wider than its column, so neither Word nor Typst breaks a word
  such as "Realisasi" inside (measured with the bundled font's own advance widths, the cell
  margins both writers use, over every kind of document and several datasets).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from document_readers import docx_xml, pdf_text
from fontTools.ttLib import TTFont

from kinerja.dataset.schema import Dataset
from kinerja.dataset.yamlio import read_yaml
from kinerja.documents import docx_writer
from kinerja.documents.render import build_document
from kinerja.documents.tree import (
    NO_BREAK_SPACE,
    Cell,
    Column,
    Contents,
    Document,
    Heading,
    Paragraph,
    Section,
    Table,
    printed_text,
)
from kinerja.documents.typst_writer import document_data, write_pdf

HERE = Path(__file__).parent
EXAMPLE = HERE.parents[1] / "examples" / "kpu-kota-metro-2024.yaml"
FONTS = HERE.parents[1] / "src" / "kinerja" / "documents" / "fonts"
DATASETS = ("example", "rich.yaml", "complete.yaml", "quarterly.yaml", "consistent")
KINDS = ("lkj", "pk", "rencana-aksi", "triwulan")
TEXT_WIDTH_CM = docx_writer.TEXT_WIDTH_CM
CELL_MARGINS_CM = 2 * 80 / 567  # 80 twips a side in the DOCX, 4pt a side in Typst
CM_PER_POINT = 2.54 / 72


@cache
def _dataset(name: str) -> Dataset:
    return read_yaml(EXAMPLE if name == "example" else HERE / name)


@cache
def _font(bold: bool) -> tuple[dict[int, str], Any, int]:
    font = TTFont(FONTS / f"LiberationSans-{'Bold' if bold else 'Regular'}.ttf")
    return font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm


def word_width_cm(word: str, size: float, bold: bool) -> float:
    """The printed width of `word` at `size` points in the bundled Liberation Sans."""
    cmap, metrics, units = _font(bold)
    advance = sum(metrics[cmap.get(ord(c), cmap[ord("?")])][0] for c in word)
    return advance / units * size * CM_PER_POINT


def _placed_cells(table: Table) -> Iterator[tuple[str, Cell, float]]:
    """Every cell with the width its column(s) give it, rows spanned from above skipped the way
    both writers skip them."""
    total = sum(c.width for c in table.columns)
    widths = [TEXT_WIDTH_CM * c.width / total for c in table.columns]
    for part, rows in (("kepala", table.header), ("isi", table.rows), ("kaki", table.footer)):
        covered: dict[int, tuple[int, int]] = {}
        for row in rows:
            column, cells = 0, iter(row)
            while column < len(widths):
                if column in covered:
                    left, span = covered.pop(column)
                    if left > 1:
                        covered[column] = (left - 1, span)
                    column += span
                    continue
                item = next(cells, None)
                if item is None:
                    break
                span = max(1, min(item.colspan, len(widths) - column))
                if item.rowspan > 1:
                    covered[column] = (item.rowspan - 1, span)
                yield part, item, sum(widths[column : column + span])
                column += span


def overfull_words(document: Document) -> list[str]:
    """Words (an amount with its "Rp" counts as one) wider than the cell that holds them."""
    found = []
    for section in document.sections:
        for block in section.blocks:
            if not isinstance(block, Table):
                continue
            for part, item, width in _placed_cells(block):
                room = width - CELL_MARGINS_CM
                for word in re.split(r"[ \n]+", printed_text(item.text)):
                    need = word_width_cm(word, block.size, item.bold)
                    if need > room:
                        found.append(
                            f"{block.caption or 'tabel tanpa judul'} ({part}): {word!r} "
                            f"perlu {need:.2f} cm, lebar {room:.2f} cm"
                        )
    return found


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", DATASETS)
def test_every_word_of_a_table_fits_its_column(
    name: str, kind: str, request: pytest.FixtureRequest
) -> None:
    dataset = (
        request.getfixturevalue("consistent_dataset") if name == "consistent" else _dataset(name)
    )
    document = build_document(dataset, kind=kind)  # type: ignore[arg-type]
    assert any(isinstance(b, Table) for s in document.sections for b in s.blocks)
    assert overfull_words(document) == []


def test_the_fit_check_sees_a_header_word_broken_inside() -> None:
    """The measure itself: "Realisasi" in a bold 8,5 pt header needs about 1,3 cm."""
    narrow = Table(
        columns=(Column(1.0), Column(10.0)),
        header=((Cell("Realisasi", bold=True), Cell("Uraian", bold=True)),),
        rows=((Cell("Rp 15.534.394.000"), Cell("x")),),
        size=8.5,
    )
    document = Document(title="t", sections=(Section(blocks=(narrow,)),))
    found = overfull_words(document)
    assert len(found) == 2
    assert "'Realisasi'" in found[0]
    assert "'Rp\\xa015.534.394.000'" in found[1]


# --- "Rp" stays with its amount ------------------------------------------------------------------


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key != "chart":
                yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _money_spaces(text: str) -> tuple[int, int]:
    """(amounts bound by a no-break space, amounts after an ordinary space)."""
    bound = len(re.findall(r"Rp\.?\u00a0-?\d", text))
    loose = len(re.findall(r"Rp\.?[ \t\r\n]+-?\d", text))
    return bound, loose


@pytest.mark.parametrize("name", ["example", "rich.yaml"])
def test_every_rupiah_amount_is_bound_to_its_rp_in_both_writers(name: str) -> None:
    document = build_document(_dataset(name))
    typst_text = "\n".join(_strings(document_data(document)))
    bound, loose = _money_spaces(typst_text)
    assert bound >= 10 and loose == 0
    docx = docx_writer.write_docx(document)
    word_text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", docx_xml(docx)))
    bound_docx, loose_docx = _money_spaces(word_text)
    assert bound_docx == bound and loose_docx == 0


def test_printed_text_binds_each_form_of_rupiah() -> None:
    nb = NO_BREAK_SPACE
    assert printed_text("pagu Rp 15.534.394.000 dan Rp.  5.000") == (
        f"pagu Rp{nb}15.534.394.000 dan Rp.{nb}5.000"
    )
    assert printed_text("selisih -Rp 5.000") == f"selisih -Rp{nb}5.000"
    assert printed_text("Rp belum dicatat; Rupiah 5") == "Rp belum dicatat; Rupiah 5"


# --- leaders in the lists of tables and contents -------------------------------------------------

LONG = "Pengukuran Kinerja Sub Bagian Keuangan, Umum dan Logistik Kantor Komisi Pemilihan Umum"


def _listed_document() -> Document:
    """A list of tables whose titles grow one character at a time across two lines: one of them
    fills its line to the last few millimetres, where leaders used to shrink to a dot."""
    blocks: list[Any] = [Heading("DAFTAR TABEL", level=1, outlined=False), Contents("tables")]
    blocks.append(Heading("BAB I", level=1))
    for number, length in enumerate(range(60, 140, 2), start=1):
        caption = (LONG + " " + LONG)[:length].rstrip(" ,")
        blocks.append(Paragraph.of(f"Tabel berikut ({number})."))
        blocks.append(
            Table(
                columns=(Column(1.0),),
                header=((Cell("A", bold=True),),),
                rows=((Cell("1"),),),
                caption=caption,
                number=number,
            )
        )
    return Document(title="Daftar", sections=(Section(blocks=tuple(blocks)),))


def test_every_list_entry_ends_with_leaders_and_its_page_in_the_pdf() -> None:
    document = _listed_document()
    text = pdf_text(write_pdf(document)).replace("\f", "\n")
    # The listing without the page footers (a line that is only a page number).
    listing = re.sub(r"\n\s*\d+\s*(?=\n)", "", text.split("BAB I")[0])
    entries = re.split(r"\n\s*(?=Tabel \d+\.)", listing.split("DAFTAR TABEL", 1)[1].strip())
    assert len(entries) == 40
    for entry in entries:
        last = entry.strip().splitlines()[-1]
        # At least four dots, then the page number, on the entry's last line; the title's last
        # word stays with the leaders (never a line of dots alone).
        assert re.search(r"\w[^\s.]*\s+(\. ?){4,}\s*\d+$", last), entry
    # A title never reaches the page column: no line of an entry is as long as a line with its
    # page number at the margin, unless it is that line.
    widths = [len(line.rstrip()) for e in entries for line in e.splitlines()]
    numbered = [len(e.rstrip()) for e in entries]
    assert max(widths) <= max(numbered)


def test_docx_lists_use_word_entry_styles_with_a_page_column() -> None:
    docx = docx_writer.write_docx(_listed_document())
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
    body = docx_xml(docx)
    margin = round(TEXT_WIDTH_CM * 567)
    column = round(docx_writer.PAGE_COLUMN_CM * 567)
    for style_id, name, _, _ in [
        *docx_writer.CONTENTS_STYLES["headings"],
        *docx_writer.CONTENTS_STYLES["captions"],
    ]:
        style = re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', styles)
        assert style, style_id
        xml = style.group(0)
        assert f'<w:name w:val="{name}"/>' in xml and "customStyle" not in xml
        tab = re.search(r"<w:tab [^>]*/>", xml)
        assert tab and 'w:val="right"' in tab.group(0) and 'w:leader="dot"' in tab.group(0)
        position = re.search(r'w:pos="(\d+)"', tab.group(0))
        assert position and abs(int(position.group(1)) - margin) <= 1  # at the margin
        indent = re.search(r'w:right="(\d+)"', xml)
        assert indent and abs(int(indent.group(1)) - column) <= 1  # titles stop before it
    entries = re.findall(r'<w:pStyle w:val="TableofFigures"/>', body)
    assert len(entries) == 40
