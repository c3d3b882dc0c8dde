"""Page images of the LKj for the documentation, drawn from the current code.

Every run lays out the LKj of the example (with a logo) and of the rich test dataset once as a
PDF and once as page images (the same Typst layout), finds the page of each subject by the text
the PDF holds on that page, and checks what that page must show. `KINERJA_SCREENSHOTS=1` also
writes the pages to docs/screenshots/ (`docs/reports.md` shows them):

- lkj-cover-logo.png: the cover with the office logo;
- lkj-organisation.png: the organisation chart drawn from the units (Gambar 1);
- lkj-measurement.png: the first page of the office's measurement table;
- lkj-budget-objectives.png: the budget per objective by the mapping with shares (rich dataset);
- lkj-budget-unmapped.png: the example's budget, whose activities serve no stated objective.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from document_readers import need, pdf_pages
from test_logo import emblem

from kinerja.dataset.yamlio import read_yaml
from kinerja.documents.bundled_fonts import font_book
from kinerja.documents.chart_processes import draw_charts
from kinerja.documents.render import build_document
from kinerja.documents.typst_writer import TEMPLATE, document_data, write_pdf

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
OUT = ROOT / "docs" / "screenshots"
PPI = 110


def _pages(dataset: str, logo: bytes | None = None) -> tuple[list[str], list[bytes]]:
    """The text of each page of the LKj's PDF and the same pages as PNG images."""
    import typst

    document = build_document(read_yaml(ROOT / dataset), logo=logo)
    draw_charts(document.charts(), png=False)
    pdf = write_pdf(document)
    count = pdf_pages(pdf)
    texts = [pdf_text_page(pdf, n) for n in range(1, count + 1)]
    images = typst.compile(
        str(TEMPLATE),
        root=str(TEMPLATE.parent),
        font_paths=font_book(),
        ignore_system_fonts=True,
        sys_inputs={"document": json.dumps(document_data(document), ensure_ascii=False)},
        format="png",
        ppi=PPI,
    )
    pngs = [images] if isinstance(images, bytes) else list(images)
    assert len(pngs) == count  # the images are the PDF's pages
    return texts, pngs


def pdf_text_page(pdf: bytes, page: int) -> str:
    result = subprocess.run(
        [need("pdftotext"), "-layout", "-f", str(page), "-l", str(page), "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8")


def _page(texts: list[str], pattern: str) -> int:
    """The index of the first page whose text matches `pattern` (never the lists of tables and
    figures, whose entries repeat every caption)."""
    for index, text in enumerate(texts):
        if len(re.findall(r"(\. ){5,}", text)) >= 5:  # a page of a list, with its leaders
            continue
        if re.search(pattern, text):
            return index
    raise AssertionError(f"no page shows {pattern!r}")


def _keep(name: str, png: bytes) -> None:
    assert png.startswith(b"\x89PNG")
    if os.environ.get("KINERJA_SCREENSHOTS") == "1":
        (OUT / name).write_bytes(png)


@pytest.fixture(scope="module")
def example_pages() -> tuple[list[str], list[bytes]]:
    return _pages("examples/kpu-kota-metro-2024.yaml", logo=emblem())


@pytest.fixture(scope="module")
def rich_pages() -> tuple[list[str], list[bytes]]:
    return _pages("tests/documents/rich.yaml")


def test_cover_page(example_pages: tuple[list[str], list[bytes]]) -> None:
    texts, pngs = example_pages
    cover = texts[0]
    assert "LAPORAN KINERJA" in cover and "KOMISI PEMILIHAN UMUM KOTA METRO" in cover
    _keep("lkj-cover-logo.png", pngs[0])


def test_organisation_chart_page(example_pages: tuple[list[str], list[bytes]]) -> None:
    texts, pngs = example_pages
    index = _page(texts, r"Gambar 1\. Struktur")
    # The chart follows the paragraph that introduces it, on the same page.
    assert "sebagai berikut" in texts[index].split("Gambar 1.")[0]
    _keep("lkj-organisation.png", pngs[index])


def test_measurement_table_page(example_pages: tuple[list[str], list[bytes]]) -> None:
    texts, pngs = example_pages
    index = _page(texts, r"Tabel \d+\. Pengukuran Kinerja KPU Kota Metro Tahun 2024")
    page = texts[index]
    # The caption stands on the page of the table's first rows, over its header.
    assert re.search(r"Tabel \d+\. Pengukuran Kinerja KPU.*\n\s*No\s+Sasaran Strategis", page)
    assert "Realisasi" in page and "IK01" in page
    _keep("lkj-measurement.png", pngs[index])


def test_budget_per_objective_page(rich_pages: tuple[list[str], list[bytes]]) -> None:
    texts, pngs = rich_pages
    index = _page(texts, r"Tabel \d+\. Anggaran dan Efisiensi per Sasaran Strategis")
    assert "Efisiensi" in texts[index] and "Rp 1" in texts[index]
    _keep("lkj-budget-objectives.png", pngs[index])


def test_budget_without_mapping_page(example_pages: tuple[list[str], list[bytes]]) -> None:
    texts, pngs = example_pages
    index = _page(texts, r"B\. Realisasi Anggaran")
    assert "Rp 15.534.394.000" in re.sub(r"\s+", " ", "".join(texts[index : index + 2]))
    _keep("lkj-budget-unmapped.png", pngs[index])
