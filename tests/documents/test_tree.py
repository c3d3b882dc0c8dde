"""The document tree of the LKj: layout, numbering, figures and narrative, before any writer."""

from __future__ import annotations

import re

from kinerja.documents.context import ReportContext
from kinerja.documents.lkj import build_lkj
from kinerja.documents.lkj_analysis import ANALYSES
from kinerja.documents.tree import (
    Contents,
    Document,
    Figure,
    Heading,
    Paragraph,
    Signatures,
    Table,
)


def texts(document: Document) -> str:
    parts = []
    for block in document.blocks():
        if isinstance(block, Paragraph | Heading):
            parts.append(block.full_text if isinstance(block, Heading) else block.text)
        elif isinstance(block, Table):
            parts.extend(c.text for row in (*block.header, *block.rows, *block.footer) for c in row)
            parts.append(block.caption or "")
        elif hasattr(block, "items"):
            parts.extend(item.text for item in block.items)
    return "\n".join(parts)


def test_lkj_has_every_heading_of_the_layout(example_lkj: Document) -> None:
    headings = [h.full_text for h in example_lkj.headings()]
    for expected in (
        "KATA PENGANTAR",
        "RINGKASAN EKSEKUTIF",
        "DAFTAR ISI",
        "DAFTAR TABEL",
        "DAFTAR GAMBAR",
        "BAB I PENDAHULUAN",
        # The dataset's own headings, as the source prints them (its "B. ISI SISTEMATIKA" too).
        "A. Latar Belakang",
        "B. Maksud Dan Tujuan",
        "C. Tugas Dan Fungsi",
        "D. Struktur Organisasi",
        "E. Isu Strategis",
        "B. ISI SISTEMATIKA",
        "BAB II PERENCANAAN KINERJA",
        "A. Rencana Strategis 2020-2024",
        "B. Rencana Kinerja KPU Kota Metro",
        "C. Penetapan Kinerja Tahun 2024 KPU Kota Metro",
        "BAB III AKUNTABILITAS KINERJA",
        "A. Capaian Kinerja Organisasi",
        "Metode Pengukuran",
        "Pengukuran Kinerja Tahun 2024",
        "Capaian per Unit Kerja",
        "B. Realisasi Anggaran",
        "BAB IV PENUTUP",
        "A. Kesimpulan",
        "B. Permasalahan dan Kendala",
        "C. Langkah ke Depan",
        "LAMPIRAN",
        "A. Perjanjian Kinerja Tahun 2024",
        "B. Daftar Kekurangan (Draf)",
    ):
        assert expected in headings
    # The example records no review: no statement page, and no placeholder for it.
    assert "B. Pernyataan Telah Direviu" not in headings
    assert headings.index("BAB I PENDAHULUAN") < headings.index("BAB IV PENUTUP")


def test_headings_without_a_written_section_are_the_layout_s(rich_lkj: Document) -> None:
    headings = [h.full_text for h in rich_lkj.headings()]
    for expected in (
        "B. Maksud dan Tujuan",
        "F. Sistematika Laporan",
        "B. Rencana Kinerja Tahun 2024",
    ):
        assert expected in headings


def test_front_matter_lists_headings_tables_and_figures(example_lkj: Document) -> None:
    kinds = [b.kind for b in example_lkj.sections[1].blocks if isinstance(b, Contents)]
    assert kinds == ["headings", "tables", "figures"]
    assert [s.numbering for s in example_lkj.sections] == ["none", "roman", "arabic"]


def test_pk_table_lists_all_25_indicators(example_lkj: Document) -> None:
    table = next(
        t
        for t in example_lkj.tables()
        if t.caption == "Perjanjian Kinerja KPU Kota Metro Tahun 2024"
    )
    assert len(table.rows) == 25
    assert table.rows[0][-1].text == "100%"


def test_tables_and_figures_are_numbered_in_document_order(example_lkj: Document) -> None:
    numbers = [t.number for t in example_lkj.tables() if t.number is not None]
    assert numbers == list(range(1, len(numbers) + 1))
    figures = [f.number for f in example_lkj.figures()]
    assert figures == list(range(1, len(figures) + 1))


def test_measurement_table_shows_computed_achievement(example_lkj: Document) -> None:
    table = next(
        t
        for t in example_lkj.tables()
        if t.caption == "Pengukuran Kinerja KPU Kota Metro Tahun 2024"
    )
    first = [c.text for c in table.rows[0]]
    assert first[-4:] == ["3 Orang", "5 orang", "166,67%", "Sangat Baik"]
    cells = [c.text for row in table.rows for c in row]
    assert "belum diukur" in cells
    assert table.footer[0][-2].text == "105,24%"


def _analysis_leads(document: Document) -> list[list[str]]:
    """Each objective's analysis leads (`a. Target dan realisasi`, ...), in order."""
    found: list[list[str]] = []
    for block in document.blocks():
        if isinstance(block, Heading) and block.text.startswith("Sasaran Strategis "):
            found.append([])
        elif (
            found
            and isinstance(block, Paragraph)
            and block.keep_with_next
            and block.runs[0].bold
            and re.match(r"^[a-g]\. ", block.text)
        ):
            found[-1].append(block.text)
    return found


def _expected(left_out: set[str]) -> list[str]:
    """The analyses' titles printed, lettered in order with none skipped."""
    titles = [title.split(". ", 1)[1] for key, title in ANALYSES if key not in left_out]
    return [f"{letter}. {title}" for letter, title in zip("abcdefg", titles, strict=False)]


def test_each_objective_has_the_analyses_its_data_allows(example_lkj: Document) -> None:
    # The example maps no budget to objectives: f and g are left out of every objective and
    # B. Realisasi Anggaran says so once (tests/documents/test_budget_analysis.py). It has no
    # Renstra end target and no national standard for any indicator: one paragraph before the
    # objectives says so, instead of the same sentence under each of the 16.
    leads = _analysis_leads(example_lkj)
    left_out = {"efisiensi", "program_pendukung", "perbandingan_renstra", "standar_nasional"}
    assert leads == [_expected(left_out)] * 16
    once = [
        b.text
        for b in example_lkj.blocks()
        if isinstance(b, Paragraph) and "standar nasional sebagai pembanding" in b.text
    ]
    assert len(once) == 1 and "Target akhir periode Renstra 2020-2024" in once[0]


def test_objectives_with_a_budget_mapping_have_the_budget_analyses(rich_lkj: Document) -> None:
    # Budget mapped and Renstra end targets given; no national standard anywhere.
    assert _analysis_leads(rich_lkj) == [_expected({"standar_nasional"})] * 3


def test_charts_without_trend_when_earlier_years_have_no_achievement(
    example_lkj: Document,
) -> None:
    keys = [f.chart.key for f in example_lkj.figures()]
    assert keys == [
        "organisasi-2019-2024",
        "organisasi-2024-2029",
        "sasaran",
        "indikator",
        "anggaran",
    ]


def test_trend_and_history_when_earlier_years_exist(rich_lkj: Document) -> None:
    keys = [f.chart.key for f in rich_lkj.figures()]
    assert keys == ["organisasi", "sasaran", "indikator", "tren", "anggaran"]
    text = texts(rich_lkj)
    assert "Realisasi Indikator Sasaran Strategis 1 dari Tahun ke Tahun" in text
    assert "70% pada tahun 2022 (capaian 87,50%)" in text
    assert "Dibandingkan tahun 2023" in text


def test_renstra_gap_is_computed_against_the_end_of_period_target(rich_lkj: Document) -> None:
    text = texts(rich_lkj)
    assert (
        "Target akhir Renstra 2020-2024 (tahun 2024) untuk indikator \u201cNilai evaluasi "
        "akuntabilitas kinerja\u201d adalah A"
    ) in text
    assert "realisasi tahun 2024 (A) setara dengan 100,00% dari target tersebut" in text


def test_efficiency_sets_achievement_next_to_absorption(rich_lkj: Document) -> None:
    text = texts(rich_lkj)
    assert (
        "Sasaran ini didukung anggaran sebesar Rp 500.000.000, yaitu bagian sasaran ini dari "
        "kegiatan Layanan Kepegawaian (seluruhnya), dengan realisasi Rp 450.000.000 "
        "(penyerapan 90,00%)." in text
    )
    assert "penggunaan anggaran dinilai belum efisien" in text
    assert "penggunaan anggaran dinilai efisien" in text


def test_planner_narrative_replaces_the_draft_section_by_section(rich_lkj: Document) -> None:
    text = texts(rich_lkj)
    assert "Latar belakang yang ditulis perencana" in text
    assert (
        "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja "
        "Instansi Pemerintah mewajibkan" not in text
    )
    assert "Penyebab capaian sasaran dua ditulis oleh perencana." in text
    assert "Uraian Sub Bagian PDI tentang capaiannya." in text
    # the analysis the data cannot draft is listed among the draft's gaps, SS01 only
    assert "Belum diuraikan" not in text
    assert text.count("upaya perbaikan sasaran SS01 belum diuraikan") == 1
    assert "upaya perbaikan sasaran SS02 belum diuraikan" not in text


def test_narrative_no_layout_claims_is_kept_in_the_appendix(rich_lkj: Document) -> None:
    headings = [h.text for h in rich_lkj.headings()]
    assert "B. Pernyataan Telah Direviu" in headings  # the rich dataset records its review
    assert "C. Uraian Tambahan" in headings
    assert "Uraian yang tidak diklaim tata letak mana pun." in texts(rich_lkj)


def test_the_review_statement_page_prints_the_recorded_review(rich_lkj: Document) -> None:
    text = texts(rich_lkj)
    assert "PERNYATAAN TELAH DIREVIU" in text
    assert "Kami telah mereviu Laporan Kinerja KPU Kota Contoh Tahun 2024." in text
    signature = next(
        block
        for section in rich_lkj.sections
        for block in section.blocks
        if isinstance(block, Signatures) and block.blocks[0].name == "Ahmad Fauzi"
    )
    only = signature.blocks[0]
    assert only.role == ("Auditor Ahli Madya,",)
    assert (only.nip, only.place_date) == (
        "19750312 200003 1 002",
        "Bandar Lampung, 3 Januari 2025",
    )


def test_drafted_text_is_deterministic(example_ctx: ReportContext) -> None:
    assert texts(build_lkj(example_ctx)) == texts(build_lkj(example_ctx))


def test_method_section_states_formulas_and_settings(example_lkj: Document) -> None:
    text = texts(example_lkj)
    assert "Indikator makin tinggi makin baik: Capaian = Realisasi ÷ Target × 100%." in text
    assert "(2 × Target − Realisasi) ÷ Target × 100%" in text
    assert "realisasi dibandingkan dengan target kegiatan" in text
    assert "Capaian tidak dibatasi saat dirata-ratakan." in text
    assert "celah antara 5% dan 55%" in text


def test_indonesian_formats(example_lkj: Document) -> None:
    text = texts(example_lkj)
    assert "Rp 15.534.394.000" in text
    assert "Metro, 6 Januari 2025" in [
        s.place_date for b in example_lkj.blocks() if hasattr(b, "blocks") for s in b.blocks
    ]
    assert "166,67%" in text


def test_figures_carry_their_charts(example_lkj: Document) -> None:
    figure = next(b for b in example_lkj.blocks() if isinstance(b, Figure))
    assert figure.chart.svg().startswith(b"<?xml")
