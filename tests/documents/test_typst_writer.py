"""The PDF writer: Typst lays the tree out from JSON data with the bundled fonts only."""

from __future__ import annotations

import re
import subprocess

from document_readers import need, pdf_pages, pdf_text

from kinerja.documents.tree import Document
from kinerja.documents.typst_writer import document_data


def test_example_lkj_is_at_least_20_a4_pages(example_pdf: bytes) -> None:
    assert example_pdf.startswith(b"%PDF")
    assert pdf_pages(example_pdf) >= 20
    info = subprocess.run(
        [need("pdfinfo"), "-"], input=example_pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "595.276 x 841.89 pts (A4)" in info or "595.28 x 841.89 pts (A4)" in info


def test_pdf_text_has_the_layout_and_the_figures(example_pdf: bytes) -> None:
    text = pdf_text(example_pdf)
    for expected in (
        "KATA PENGANTAR",
        "RINGKASAN EKSEKUTIF",
        "DAFTAR ISI",
        "DAFTAR TABEL",
        "DAFTAR GAMBAR",
        "BAB I",
        "PENDAHULUAN",
        "BAB III",
        "AKUNTABILITAS KINERJA",
        "BAB IV",
        "LAMPIRAN",
        "PERJANJIAN KINERJA TAHUN 2024",
    ):
        assert expected in text
    assert "Rp 15.534.394.000" in text
    assert "166,67%" in text
    assert "6 Januari 2025" in text
    assert "Gambar 1. Struktur Pembagian Divisi Komisioner KPU Kota Metro Periode 2019-2024" in text
    assert "Gambar 3. Target dan Realisasi Capaian per Sasaran Strategis Tahun 2024" in text


def test_table_of_contents_has_page_numbers(example_pdf: bytes) -> None:
    text = pdf_text(example_pdf).replace("\u2060", "")  # Typst joins leader and number
    assert re.search(r"BAB I PENDAHULUAN[ .]+1\b", text)
    assert re.search(r"KATA PENGANTAR[ .]+i\b", text)
    assert re.search(r"Tabel 1\. Ringkasan Capaian Sasaran Strategis Tahun 2024[ .]+ii\b", text)


def test_only_bundled_fonts_are_embedded(example_pdf: bytes, tmp_path) -> None:
    path = tmp_path / "lkj.pdf"
    path.write_bytes(example_pdf)
    fonts = subprocess.run(
        [need("pdffonts"), str(path)], capture_output=True, check=True
    ).stdout.decode()
    names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    assert names <= {
        "LiberationSans",
        "LiberationSans-Bold",
        "LiberationSans-Italic",
        "LiberationSans-BoldItalic",
    }


def test_user_text_cannot_inject_typst_code(rich_pdf: bytes, rich_lkj: Document) -> None:
    text = " ".join(pdf_text(rich_pdf).split())
    assert '#set text(red) dan #panic("x") serta $x^2$' in text
    data = document_data(rich_lkj)
    assert data["sections"][0]["blocks"][0]["type"] == "cover"


def test_rich_pdf_shows_quarters_history_and_trend(rich_pdf: bytes) -> None:
    text = pdf_text(rich_pdf)
    assert "TW I" in text
    assert "Perkembangan Capaian Kinerja KPU Kota Contoh Tahun 2022-2024" in text
