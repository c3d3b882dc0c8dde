"""Draft and final documents (issue 12, item 1): a draft is watermarked on every page and lists
what is missing; a final document has neither and is refused, with that list, while anything is
missing (`kinerja report --final` exits with status 2)."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from document_readers import docx_text, need
from typer.testing import CliRunner

from kinerja.cli import app
from kinerja.dataset import schema
from kinerja.dataset.yamlio import read_yaml
from kinerja.documents.context import build_context
from kinerja.documents.docx_writer import write_docx
from kinerja.documents.gaps import DocumentIncomplete
from kinerja.documents.lkj import build_lkj
from kinerja.documents.pk import build_pk
from kinerja.documents.tables import supporting_table, year_columns
from kinerja.documents.tree import Document, Numbering
from kinerja.documents.typst_writer import write_pdf
from kinerja.formats import count_text, number_words

HERE = Path(__file__).parent
EXAMPLE = HERE.parents[1] / "examples" / "kpu-kota-metro-2024.yaml"
COMPLETE = HERE / "complete.yaml"
runner = CliRunner()


def watermarked_pages(pdf: bytes) -> list[bool]:
    """For each page, whether it carries the DRAFT watermark: tall glyphs that read DRAFT from
    left to right (poppler splits the rotated word into pieces such as D, R, A, FT)."""
    result = subprocess.run(
        [need("pdftotext"), "-bbox", "-", "-"], input=pdf, capture_output=True, check=True
    )
    pages = result.stdout.decode("utf-8").split("<page ")[1:]
    marked = []
    for page in pages:
        tall = sorted(
            (float(x0), word)
            for x0, y0, y1, word in re.findall(
                r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([A-Z]+)</word>',
                page,
            )
            if float(y1) - float(y0) > 40
        )
        marked.append("".join(word for _, word in tall) == "DRAFT")
    return marked


def header_parts(docx: bytes) -> list[str]:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        names = [n for n in archive.namelist() if re.match(r"word/header\d+\.xml", n)]
        return [archive.read(n).decode("utf-8") for n in names]


@pytest.fixture(scope="module")
def complete_final() -> Document:
    return build_lkj(build_context(read_yaml(COMPLETE)), charts=False, mode="final")


def test_final_lkj_of_a_complete_year_has_no_watermark_and_no_list(
    complete_final: Document,
) -> None:
    headings = [h.text for h in complete_final.headings()]
    assert complete_final.watermark is None
    assert not any("Daftar Kekurangan" in h for h in headings)
    # the review statement is the recorded one, in its own appendix
    assert "B. Pernyataan Telah Direviu" in headings
    text = docx_text(write_docx(complete_final))
    assert "telah direviu oleh Inspektorat Utama KPU" in text
    assert "NIP. 197505052000032001" in text
    assert "NIP. 197001012000031001" in text  # the secretary, first party of the PK
    assert "...." not in text


def test_final_lkj_is_refused_with_the_list_while_anything_is_missing() -> None:
    with pytest.raises(DocumentIncomplete) as refused:
        build_lkj(build_context(read_yaml(EXAMPLE)), charts=False, mode="final")
    message = refused.value.message()
    assert message.startswith("Laporan Kinerja Tahun 2024 belum dapat dibuat sebagai dokumen final")
    for expected in (
        "BAB I E. Isu Strategis. Isu strategis belum diuraikan",
        "Nama pihak pertama (Sekretaris KPU Kota Metro) belum ada",
        "Pernyataan Telah Direviu. Reviu oleh Aparat Pengawasan Intern Pemerintah belum dicatat",
        "Realisasi indikator IK08",
    ):
        assert expected in message


def test_draft_lists_the_gaps_and_the_notes_in_its_last_appendix() -> None:
    draft = build_lkj(build_context(read_yaml(EXAMPLE)), charts=False)
    assert draft.watermark == "DRAFT"
    headings = [h.text for h in draft.headings()]
    assert headings[-1] == "B. Daftar Kekurangan (Draf)"
    text = docx_text(write_docx(draft))
    tail = text[text.rfind("Daftar Kekurangan (Draf)") :]
    assert "Isu strategis belum diuraikan" in tail
    # the notes for the planner: the scale's gap and how a figure was computed
    assert "Skala penilaian, celah antara 5% dan 55%" in tail
    assert "Perhitungan capaian IK05, satuan berbeda, target \u201c4 triwulan\u201d" in tail
    # the office's own doubled words are printed as written, and pointed out to the planner
    assert "indikator IK07. Kata ganda \u201cdengan dengan\u201d." in tail


def test_draft_pdf_and_docx_are_watermarked_on_every_page() -> None:
    draft = build_lkj(build_context(read_yaml(COMPLETE)), charts=False)
    pages = watermarked_pages(write_pdf(draft))
    assert len(pages) > 10 and all(pages)
    parts = header_parts(write_docx(draft))
    # one header per section (cover, front matter, body), each with the watermark shape
    assert len(parts) == len(draft.sections)
    assert all('string="DRAFT"' in part for part in parts)


def test_final_pdf_and_docx_carry_no_watermark(complete_final: Document) -> None:
    assert not any(watermarked_pages(write_pdf(complete_final)))
    assert not any('string="DRAFT"' in part for part in header_parts(write_docx(complete_final)))


def test_pk_signatures_come_from_the_data_and_a_final_pk_needs_them() -> None:
    rich = build_context(read_yaml(HERE / "rich.yaml"))
    pk = build_pk(rich, mode="final")
    text = docx_text(write_docx(pk))
    assert "Budi Santoso" in text and "NIP. 197001012000031001" in text
    assert "...." not in text
    with pytest.raises(DocumentIncomplete) as refused:
        build_pk(build_context(read_yaml(EXAMPLE)), mode="final")
    assert "Nama pihak pertama (Sekretaris KPU Kota Metro) belum ada" in refused.value.message()
    draft = build_pk(build_context(read_yaml(EXAMPLE)))
    assert draft.watermark == "DRAFT"
    assert "Tanggal penandatanganan belum ada" in docx_text(write_docx(draft))


def test_report_final_refuses_with_the_list_and_status_2(tmp_path: Path) -> None:
    out = tmp_path / "lkj.pdf"
    result = runner.invoke(app, ["report", str(EXAMPLE), "--final", "-o", str(out)])
    assert result.exit_code == 2
    assert "belum dapat dibuat sebagai dokumen final" in result.output
    assert "1. BAB I E. Isu Strategis" in result.output
    assert not list(tmp_path.iterdir())
    result = runner.invoke(app, ["report", str(COMPLETE), "--final", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "final) ditulis ke" in result.output
    assert not any(watermarked_pages(out.read_bytes()))


def test_years_in_a_supporting_table_are_printed_as_years() -> None:
    table = schema.SupportingTable(
        key="produk",
        title="Produk Hukum",
        columns=["Tahun", "Produk Hukum"],
        rows=[[2019, 1039], [2024, 20]],
    )
    assert year_columns(table) == {0}
    printed = supporting_table(table, Numbering())
    assert [[c.text for c in row] for row in printed.rows] == [["2019", "1.039"], ["2024", "20"]]


def test_counts_are_spelled_out_as_indonesian_style_wants() -> None:
    assert count_text(0, "indikator", "belum mencapai target") == (
        "tidak ada indikator yang belum mencapai target"
    )
    assert count_text(1, "indikator") == "satu indikator"
    assert [number_words(n) for n in (11, 12, 20, 21, 125)] == [
        "sebelas",
        "dua belas",
        "dua puluh",
        "21",
        "125",
    ]
