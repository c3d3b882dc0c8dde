"""The Rencana Aksi and the Laporan Kinerja Triwulanan (issue 12, item 7): built from the one
document tree as DOCX and PDF, from the example and from a small year whose figures are computed
here by hand (`quarterly.yaml`); draft and final as for the PK; the command's exit codes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from document_readers import docx_text, pdf_text
from typer.testing import CliRunner

from kinerja.cli import app
from kinerja.dataset.yamlio import read_yaml
from kinerja.documents.context import build_context
from kinerja.documents.docx_writer import write_docx
from kinerja.documents.gaps import DocumentIncomplete
from kinerja.documents.render import build_document
from kinerja.documents.typst_writer import write_pdf
from kinerja.formats import format_percent

HERE = Path(__file__).parent
EXAMPLE = HERE.parents[1] / "examples" / "kpu-kota-metro-2024.yaml"
QUARTERLY = HERE / "quarterly.yaml"
GAPS_HEADING = "Daftar Kekurangan (Draf)"
runner = CliRunner()


def _texts(kind: str, path: Path, **options: object) -> tuple[str, str]:
    """The DOCX and PDF text of a document, both written from one tree."""
    document = build_document(read_yaml(path), kind=kind, **options)  # type: ignore[arg-type]
    docx, pdf = write_docx(document), write_pdf(document)
    assert docx.startswith(b"PK") and pdf.startswith(b"%PDF")
    return docx_text(docx), pdf_text(pdf)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _body(text: str) -> str:
    index = text.rfind(GAPS_HEADING)
    return text if index < 0 else text[:index]


def assert_signable(text: str, *, cells_apart: bool = True) -> None:
    """The rules of `test_signable_text.py` over a generated body. The doubled-word rule needs
    table cells kept apart (the DOCX text joins them with `|`; the PDF's layout text sets
    neighbouring cells side by side, `4 laporan 1 laporan`)."""
    body = _body(text)
    for forbidden in ("Belum diuraikan", "[Belum", "Catatan perhitungan", "Catatan untuk penyusun"):
        assert forbidden not in body
    assert not re.findall(r"(?<![\d.,])(?:1\.9\d\d|2\.0\d\d|2\.100)(?![\d]|[.,]\d)", body)
    doubled = {
        m.group(0).lower()
        for m in re.finditer(r"\b(\w+) \1\b", body, re.IGNORECASE)
        if not m.group(1).isdigit()
    }
    if cells_apart:
        assert doubled == set()
    assert not re.search(r"\b0 (belum|indikator|di antaranya|mencapai)", body)
    assert not re.search(r"\b\d+ di antaranya\b", body)
    assert "program Program" not in body
    assert not re.search(r"(?<![A-Za-z])'[^'\n]{1,80}'(?![A-Za-z])", body)
    for line in body.splitlines():
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            assert sentence.count(": ") < 2, sentence


def test_quarterly_report_of_the_second_quarter_by_hand() -> None:
    docx, pdf = _texts("triwulan", QUARTERLY, quarter=2, mode="final")
    for text in (docx, pdf):
        assert_signable(text, cells_apart=text is docx)
        flat = _flat(text)
        assert "LAPORAN KINERJA TRIWULAN II" in flat
        # IK01: last of 20%, 45% against the TW II target 50%: 45 / 50 = 90,00%.
        # IK04 (lower is better, mirror): 2,5% against 2%: 200 - 2,5 / 2 x 100 = 75,00%.
        # IK02 (sum): 1 + 1 = 2 laporan against 2: 100%; IK03 B against B; IK05 50% against 50%.
        assert "Tiga indikator telah mencapai target triwulan (IK02, IK03 dan IK05)." in flat
        assert "Dua indikator belum mencapai target, yaitu IK01 (90,00%) dan IK04 (75,00%)." in flat
        # Objectives (90 + 100) / 2 = 95, (100 + 75) / 2 = 87,5, 100: office (95+87,5+100)/3.
        assert "adalah 94,17% dengan kategori Sangat Baik." in flat
        # Spending to TW II: 450.000.000 + 1.200.000.000 of 1.000.000.000 + 3.000.000.000.
        assert "sebesar Rp 1.650.000.000 dari pagu Rp 4.000.000.000, atau penyerapan 41,25%" in flat
        assert "45,00%" in flat and "40,00%" in flat
        # Activities to TW II: K1 300.000.000 of 600.000.000 = 50,00%; K2 (cumulative, the
        # second quarter's entry) 500.000.000 of 2.000.000.000 = 25,00%.
        assert "Rp 300.000.000" in flat and "50,00%" in flat
        assert "Rp 500.000.000" in flat and "25,00%" in flat
        assert "Contoh, Juli 2024" in flat and "Siti Rahma" in flat
        assert GAPS_HEADING not in text
    assert "2 laporan | 2 laporan | 100,00% | Sangat Baik" in docx
    assert "2,5% | 75,00% | Cukup" in docx


def test_quarterly_report_cuts_the_year_at_the_quarter() -> None:
    docx, _ = _texts("triwulan", QUARTERLY, quarter=1, mode="final")
    flat = _flat(docx)
    # IK01 20% of 25% = 80,00%; IK04 3% against 2%: 200 - 150 = 50,00%.
    assert "yaitu IK01 (80,00%) dan IK04 (50,00%)." in flat
    # Only DM spent by TW I: 200.000.000 of 4.000.000.000 = 5,00%.
    assert "sebesar Rp 200.000.000 dari pagu Rp 4.000.000.000, atau penyerapan 5,00%" in flat
    assert "Contoh, April 2024" in flat
    # K2 by TW I: 100.000.000 of 2.000.000.000 = 5,00%; K1 nothing recorded yet.
    assert "Rp 100.000.000" in flat
    assert "Rp 300.000.000" not in flat


def test_quarterly_report_of_the_example_is_a_draft_listing_what_is_missing() -> None:
    docx, pdf = _texts("triwulan", EXAMPLE, quarter=2)
    for text in (docx, pdf):
        assert_signable(text, cells_apart=text is docx)
        flat = _flat(text)
        assert "belum ada indikator yang capaiannya dapat dihitung" in flat
        assert GAPS_HEADING in flat
        assert "Target triwulan II indikator IK01 belum ada" in flat
    with pytest.raises(DocumentIncomplete) as refused:
        build_document(read_yaml(EXAMPLE), kind="triwulan", quarter=2, mode="final")
    assert any("Realisasi indikator IK01" in gap.text for gap in refused.value.gaps)


def test_fourth_quarter_of_the_example_reads_the_year() -> None:
    docx, _ = _texts("triwulan", EXAMPLE, quarter=4)
    # Without quarterly targets the fourth quarter is measured against the year's target and
    # the work units' yearly realisations: the office's figure is the LKj's.
    year = build_context(read_yaml(EXAMPLE)).result
    assert year.achievement is not None
    assert (
        f"Rata-rata capaian kinerja sampai dengan triwulan IV adalah "
        f"{format_percent(year.achievement)}"
    ) in _flat(docx)


def test_action_plan_by_hand() -> None:
    docx, pdf = _texts("rencana-aksi", QUARTERLY, mode="final")
    for text in (docx, pdf):
        assert_signable(text, cells_apart=text is docx)
        flat = _flat(text)
        assert "RENCANA AKSI" in flat
        for owner in (
            "Komisi Pemilihan Umum Kota Contoh",
            "Sub Bagian Hukum dan SDM",
            "Sub Bagian Perencanaan, Data dan Informasi",
        ):
            assert f"Target Triwulan {owner}" in flat
        assert "atas lima indikator ke dalam target kumulatif" in flat
        assert "atas dua indikator" in flat and "atas tiga indikator" in flat
        # The office's programs add up: 1.000.000.000 + 3.000.000.000.
        assert "Rp 4.000.000.000" in flat
        assert "Rp 600.000.000" in flat and "Rp 2.000.000.000" in flat
        # Signed like the PK: both parties, the unit's head with NIP.
        assert "Pihak Pertama" in flat and "Rina Lestari" in flat
        assert "198503032010012003" in flat
        assert GAPS_HEADING not in text
    assert "100% | 25% | 50% | 75% | 100%" in docx
    # K2 serves SS02 and SS03 by shares 60 and 40.
    assert "SS02 (60%), SS03 (40%)" in docx


def test_action_plan_of_the_example_is_a_draft_and_final_is_refused() -> None:
    docx, pdf = _texts("rencana-aksi", EXAMPLE)
    for text in (docx, pdf):
        assert_signable(text, cells_apart=text is docx)
        assert GAPS_HEADING in text
        assert "Target TW I, TW II, TW III, TW IV indikator IK01 belum ada" in _flat(text)
    with pytest.raises(DocumentIncomplete):
        build_document(read_yaml(EXAMPLE), kind="rencana-aksi", mode="final")


def test_action_plan_of_one_unit() -> None:
    document = build_document(read_yaml(QUARTERLY), kind="rencana-aksi", unit="pdi")
    assert "Sub Bagian Perencanaan" in document.title
    assert len(document.tables()) == 2


def test_report_command_writes_both_and_exits_as_documented(tmp_path: Path) -> None:
    cases = [
        (["--kind", "rencana-aksi", "--final", "-o", "ra.pdf"], QUARTERLY, 0),
        (["--kind", "rencana-aksi", "--unit", "hukum", "-o", "ra.docx"], QUARTERLY, 0),
        (["--kind", "triwulan", "--quarter", "2", "--final", "-o", "tw.docx"], QUARTERLY, 0),
        (["--kind", "triwulan", "-q", "3", "-o", "tw3.pdf"], QUARTERLY, 0),
        (["--kind", "triwulan", "--quarter", "2", "-o", "ex.pdf"], EXAMPLE, 0),
        (["--kind", "triwulan", "--quarter", "2", "--final", "-o", "no1.pdf"], EXAMPLE, 2),
        (["--kind", "rencana-aksi", "--final", "-o", "no2.pdf"], EXAMPLE, 2),
        (["--kind", "triwulan", "--quarter", "5", "-o", "no3.pdf"], QUARTERLY, 2),
        (["--kind", "pk", "--quarter", "2", "-o", "no4.pdf"], QUARTERLY, 2),
        (["--kind", "triwulan", "--unit", "pdi", "-o", "no5.pdf"], QUARTERLY, 2),
    ]
    for options, source, code in cases:
        options = [str(tmp_path / o) if o.endswith((".pdf", ".docx")) else o for o in options]
        result = runner.invoke(app, ["report", str(source), *options])
        assert result.exit_code == code, (options, result.output)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["ex.pdf", "ra.docx", "ra.pdf", "tw.docx", "tw3.pdf"]
    refused = runner.invoke(
        app,
        ["report", str(EXAMPLE), "--kind", "triwulan", "--final", "-o", str(tmp_path / "x.pdf")],
    )
    assert "belum dapat dibuat sebagai dokumen final" in refused.output
    assert "Laporan Kinerja Triwulan IV Tahun 2024" in refused.output
