"""The DOCX writer: Word structure (styles, fields, sections, repeating headers) and its text."""

from __future__ import annotations

import io

from document_readers import docx_text, docx_xml
from docx import Document as open_docx
from lxml import etree

from kinerja.documents.tree import Document


def test_docx_is_well_formed_and_carries_the_metadata(example_docx: bytes) -> None:
    etree.fromstring(docx_xml(example_docx).encode())
    word = open_docx(io.BytesIO(example_docx))
    assert word.core_properties.title == "Laporan Kinerja KPU Kota Metro Tahun 2024"


def test_headings_use_word_heading_styles(example_docx: bytes) -> None:
    word = open_docx(io.BytesIO(example_docx))
    by_style: dict[str, list[str]] = {}
    for paragraph in word.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert "BAB I\nPENDAHULUAN" in by_style["Heading 1"]
    assert "A. Latar Belakang" in by_style["Heading 2"]
    assert "Metode Pengukuran" in by_style["Heading 3"]
    assert "DAFTAR ISI" in by_style["Judul Tanpa Daftar"]


def test_contents_are_word_fields(example_docx: bytes, example_lkj: Document) -> None:
    xml = docx_xml(example_docx)
    assert 'TOC \\o "1-3" \\h \\z \\u' in xml
    assert 'TOC \\h \\z \\c "Tabel"' in xml
    assert 'TOC \\h \\z \\c "Gambar"' in xml
    assert 'w:fldCharType="begin" w:dirty="true"' in xml
    numbered = [t for t in example_lkj.tables() if t.number is not None]
    assert len(numbered) >= 40
    assert xml.count("SEQ Tabel") >= len(numbered)
    assert "SEQ Gambar" in xml
    settings = docx_xml(example_docx, "word/settings.xml")
    assert '<w:updateFields w:val="true"/>' in settings


def test_table_headers_repeat_and_rows_stay_whole(example_docx: bytes) -> None:
    xml = docx_xml(example_docx)
    assert xml.count("<w:tblHeader/>") >= 50
    assert xml.count("<w:cantSplit/>") > xml.count("<w:tblHeader/>")
    assert '<w:vMerge w:val="restart"/>' in xml


def test_sections_number_front_matter_in_roman_and_body_in_arabic(example_docx: bytes) -> None:
    xml = docx_xml(example_docx)
    assert '<w:pgNumType w:fmt="lowerRoman" w:start="1"/>' in xml
    assert '<w:pgNumType w:fmt="decimal" w:start="1"/>' in xml
    assert 'w:w="11906"' in xml  # A4 width in twips


def test_charts_are_pictures(example_docx: bytes) -> None:
    word = open_docx(io.BytesIO(example_docx))
    # Gambar 1 and 2 (the organisation charts), then the three charts of BAB III.
    assert len(word.inline_shapes) == 5


def test_docx_text_has_indonesian_formats(example_docx: bytes) -> None:
    text = docx_text(example_docx)
    assert "Rp\u00a015.534.394.000" in text  # "Rp" never parted from its amount
    assert "166,67%" in text
    assert "Metro, 6 Januari 2025" in text
    assert "Tabel 1. Ringkasan Capaian Sasaran Strategis Tahun 2024" in text


def test_user_text_is_only_character_data(rich_docx: bytes) -> None:
    text = docx_text(rich_docx)
    assert '#set text(red) dan #panic("x") serta $x^2$' in text
