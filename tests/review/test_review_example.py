"""The review on the KPU Kota Metro 2024 example: the reference's errors, each checked by hand.

Every finding below was verified against the reference report
(reference file 000_8d551194d5132ff7.txt); docs/review-rules.md lists them as the worked
example. The list is pinned exactly: a new finding must be checked by hand before it is added.
"""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

from kinerja.core.review import Severity
from kinerja.dataset.review import ReviewResult, review
from kinerja.dataset.yamlio import read_yaml

EXAMPLE = Path(__file__).parents[2] / "examples" / "kpu-kota-metro-2024.yaml"

EXPECTED = [
    ("target-mismatch", "Tabel 9 · SS01 · IK01"),
    ("target-mismatch", "Tabel 10 · SS01 · IK01"),
    ("target-mismatch", "Tabel 3 · SS03 · IK04"),
    ("target-mismatch", "Tabel 27 · SS15 · IK24"),
    ("target-mismatch", "Tabel 29 · SS15 · IK24"),
    ("target-below-previous", "Tabel 1 · SS02 · IK02"),
    ("grade-off-scale", "Tabel 1 · SS08 · IK11"),
    ("grade-off-scale", "Tabel 15 · SS08 · IK11"),
    ("unit-mismatch", "Tabel 4 · SS04 · IK05"),
    ("period-mismatch", "Tabel 4 · SS03 · IK04"),
    ("period-mismatch", "Tabel 4 · SS03 · IK04"),
    ("wording-target", "Tabel 4 · SS04 · IK05"),
    ("wording-target", "Tabel 1 · SS07 · IK09"),
    ("wording-target", "Tabel 1 · SS08 · IK10"),
    ("wording-target", "Tabel 1 · SS09 · IK13"),
    ("wording-target", "Tabel 1 · SS13 · IK20"),
    ("wording-target", "Tabel 27 · SS15 · IK24"),
    ("reported-achievement", "Tabel 4 · SS02 · IK02"),
    ("reported-achievement", "Tabel 4 · SS02 · IK03"),
    ("reported-achievement", "Tabel 4 · SS04 · IK05"),
    ("reported-achievement", "Tabel 4 · SS16 · IK25"),
    ("reported-achievement", "Tabel 4 · SS05 · IK06, IK07"),
    ("reported-achievement", "Tabel 10 · SS01 · IK01"),
    ("reported-achievement", "Tabel 10 · SS12 · IK19"),
    ("reported-achievement", "Tabel 16 · SS08 · IK10"),
    ("reported-achievement", "Tabel 16 · SS09 · IK12, IK13"),
    ("reported-achievement", "Tabel 16 · SS10 · IK14"),
    ("achievement-high", "Tabel 10 · SS01 · IK01"),
    ("scale-gap", "Tabel 2"),
    ("scale-gap", "Tabel 2"),
    ("budget-units", "Tabel 1"),
    ("amount-printed", "Tabel 15"),
    ("indicator-unreported", "Tabel 1 · SS06 · IK08"),
    ("indicator-unreported", "Tabel 1 · SS08 · IK11"),
    ("indicator-unreported", "Tabel 1 · SS13 · IK20"),
    ("indicator-unreported", "Tabel 1 · SS13 · IK21"),
    ("unit-unplanned", "Tabel 16 · SS10 · IK16"),
    ("shared-row", "Tabel 4 · SS05 · IK06, IK07"),
    ("shared-row", "Tabel 10 · SS11 · IK17, IK18"),
    ("shared-row", "Tabel 16 · SS09 · IK12, IK13"),
    ("shared-row", "Tabel 29 · SS14 · IK22, IK23"),
    ("wording-mismatch", "Tabel 3 · SS02"),
    ("wording-mismatch", "Tabel 27 · SS15 · IK24"),
    ("wording-mismatch", "Tabel 4 · SS03"),
    ("wording-mismatch", "Tabel 4 · SS04 · IK05"),
    ("wording-mismatch", "Tabel 16 · SS10 · IK15"),
    ("wording-mismatch", "Tabel 29 · SS14 · IK22, IK23"),
    ("quarters-absent", "(seluruh tahun)"),
    ("evidence-missing", "Tabel 4"),
    ("evidence-missing", "Tabel 10"),
    ("evidence-missing", "Tabel 16"),
    ("evidence-missing", "Tabel 29"),
    ("narrative-count", "Narasi 'A. Rencana Strategis 2020-2024'"),
    ("narrative-count", "Narasi 'A. Rencana Strategis 2020-2024'"),
    ("narrative-count", "Narasi 'A. Rencana Strategis 2020-2024'"),
    ("narrative-count", "Narasi 'A. Indikator Kinerja'"),
    ("narrative-count", "Narasi 'C. Analisis Capaian Kinerja'"),
    ("narrative-count", "Narasi 'C. Analisis Capaian Kinerja'"),
    ("table-numbering", "Tabel 9"),
    ("table-numbering", "Tabel 15"),
    ("table-numbering", "Tabel 26"),
    ("table-numbering", "Tabel 29"),
    ("row-numbering", "Tabel 13"),
    ("title-year", "Tabel 9"),
    ("office-name", "Narasi 'A. Rencana Strategis 2020-2024'"),
    ("narrative-category", "Narasi 'analisis' (Sub Bagian Teknis dan Hupmas) · SS15 · IK24"),
    (
        "narrative-number",
        "Narasi 'analisis' (Sub Bagian Perencanaan, Data dan Informasi) · SS04 · IK05",
    ),
    ("narrative-number", "Narasi 'analisis' (Sub Bagian Hukum dan SDM) · SS01 · IK01"),
    ("narrative-none", "Narasi 'analisis' (Sub Bagian Hukum dan SDM) · SS12 · IK19"),
]


@pytest.fixture(scope="module")
def result() -> ReviewResult:
    return review(read_yaml(EXAMPLE))


def test_the_example_findings_are_exactly_the_verified_ones(result: ReviewResult) -> None:
    assert [(f.rule, str(f.location)) for f in result.findings] == EXPECTED


def test_the_example_counts_by_rule(result: ReviewResult) -> None:
    counts = collections.Counter(f.rule for f in result.findings)
    assert counts == {
        "reported-achievement": 10,
        "target-mismatch": 5,
        "wording-mismatch": 6,
        "wording-target": 6,
        "narrative-count": 6,
        "indicator-unreported": 4,
        "shared-row": 4,
        "evidence-missing": 4,
        "table-numbering": 4,
        "grade-off-scale": 2,
        "period-mismatch": 2,
        "scale-gap": 2,
        "target-below-previous": 1,
        "unit-mismatch": 1,
        "achievement-high": 1,
        "budget-units": 1,
        "amount-printed": 1,
        "unit-unplanned": 1,
        "quarters-absent": 1,
        "row-numbering": 1,
        "title-year": 1,
        "office-name": 1,
        "narrative-category": 1,
        "narrative-number": 2,
        "narrative-none": 1,
    }
    errors, warnings, infos = (result.count(s) for s in Severity)
    assert (errors, warnings, infos) == (36, 32, 1)


@pytest.mark.parametrize(
    "text",
    [
        "menyebut 3 sasaran strategis, sedangkan Tabel 1 dan Renstra memuat 16 sasaran strategis",
        "menyebut 3 program, sedangkan Renstra dan Tabel 1 memuat 2 program",
        "menyebut 9 kegiatan, sedangkan Renstra dan PK Tahun 2024 memuat 6 kegiatan",
        "menyebut 7 indikator kinerja utama, sedangkan Tabel 1 dan Renstra memuat 25 indikator",
        "Judul Tabel 9 menyebut Tahun 2023",
        "menyebut 'KPU Kota Bandar Lampung', padahal laporan ini milik KPU Kota Metro",
        "'B' bukan nilai skala Opini BPK (WTP, WDP, TW, TMP)",
        "Target IK04 (Persentase Pelaksanaan Pemutakhiran Data Tepat waktu) di Tabel 3 adalah "
        "'95%', berbeda dengan Tabel 1 ('100%')",
        "Tabel 10 mencetak capaian '100%' untuk IK01 (Persentase Pegawai yang Telah Mengikuti "
        "Pendidikan dan Pelatihan dalam Rangka Peningkatan Kompetensi SDM), padahal realisasi "
        "'5 orang' terhadap target '3 Orang' memberi capaian 166,67%",
        "Target 2024 IK02 (Nilai evaluasi atas akuntabilitas kinerja KPU) 'B' (Tabel 1) lebih "
        "rendah dari realisasi 2023 'BB'",
        "celah antara 75% dan 76%",
        "tercetak '12,692.171.000,-', bukan penulisan rupiah yang sah",
        "berjumlah Rp 26.810.266.000, melebihi pagu kantor Rp 15.534.394.000",
        "Penomoran tabel melompat dari Tabel 4 ke Tabel 9: Tabel 5–8 tidak ada",
        "nomor baris melompat dari 4 ke 6",
        "di media sosial) 'cukup baik', padahal capaiannya 100% masuk kategori 'Baik' (Tabel 2)",
        "menyebut '21 kali revisi' untuk IK05",
        "realisasinya '4 laporan' (capaian tercetak 95%): 21 bukan 4",
        "menyebut '8 orang' untuk IK01",
        "realisasinya '5 orang' (capaian tercetak 100%): 8 bukan 5",
        "menyatakan tidak ada sengketa ('tidak terkait kasus sengketa'), padahal realisasi IK19",
        "adalah '1 laporan' (capaian tercetak 80%)",
        "dirumuskan sebagai jumlah, tetapi targetnya berupa persentase "
        "('100%' di Tabel 1, Tabel 9, Tabel 10)",
        "dirumuskan sebagai persentase, tetapi targetnya berupa jumlah dengan satuan "
        "('10 media massa' di Tabel 27)",
        "Targetnya '95%' adalah target IK12, bukan target IK13 (IK13 '90%' di Tabel 1)",
        "Targetnya '90%' adalah target IK17, bukan target IK18 (IK18 '95%' di Tabel 1)",
        "Targetnya '90%' adalah target IK23, bukan target IK22 (IK22 '100%' di Tabel 1)",
    ],
)
def test_the_example_messages_state_the_verified_facts(result: ReviewResult, text: str) -> None:
    assert any(text in f.message for f in result.findings), text
