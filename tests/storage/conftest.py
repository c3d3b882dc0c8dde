"""Fixtures of the storage tests: datasets small, rich and real, and a count of stored rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps

from kinerja.dataset.schema import Dataset
from kinerja.dataset.yamlio import read_yaml

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "dataset" / "minimal.yaml"
KPU_KOTA_METRO = ROOT / "examples" / "kpu-kota-metro-2024.yaml"
STORAGE_APPS = ("agencies", "plans", "results", "evaluations")

SHA = "0123456789abcdef" * 4


def stored_rows() -> dict[str, int]:
    """How many rows each model of the storage apps holds."""
    return {
        model._meta.label: model.objects.count()
        for label in STORAGE_APPS
        for model in apps.get_app_config(label).get_models()
    }


def person(name: str, **fields: Any) -> dict[str, Any]:
    return {"name": name, **fields}


def rich_dataset_data(
    code: str = "kpu-kota-contoh", province: str = "kpu-prov-contoh"
) -> dict[str, Any]:
    """A dataset that sets every field of the schema at least once, in every value form.

    Lists are deliberately out of their natural order (years 2024 before 2023, quarter 4 before
    quarter 1) so that a round trip that sorts instead of keeping the order fails.
    """
    return {
        "format_version": 1,
        "agency": {
            "code": code,
            "name": "KPU Kota Contoh",
            "full_name": "Komisi Pemilihan Umum Kota Contoh",
            "level": "regency_city",
            "address": "Jl. Merdeka No. 17 — “Kota Contoh”",
            "city": "Contoh",
            "parents": [
                {"code": "kpu-ri", "name": "KPU Republik Indonesia", "level": "national"},
                {"code": province, "name": "KPU Provinsi Contoh", "level": "province"},
            ],
            "signing_place": "Contoh",
            "head": person("Ketua Contoh", position="Ketua", nip="19800101 200501 1 001"),
            "secretary": person(
                "Sekretaris Contoh",
                position="Sekretaris",
                nip="198001012005011002",
                work_unit="pdi",
            ),
        },
        "organization": {
            "divisions": [
                {"code": "teknis", "name": "Divisi Teknis Penyelenggaraan"},
                {"code": "hukum", "name": "Divisi Hukum dan Pengawasan"},
            ],
            "commissioner_periods": [
                {
                    "start": 2019,
                    "end": 2024,
                    "decree": "Keputusan KPU 123/2019",
                    "figure": "Gambar 1",
                    "members": [
                        {"name": "Komisioner A", "position": "Ketua", "division": "hukum"},
                        {"name": "Komisioner B"},
                    ],
                },
                {"start": 2024, "end": 2029},
            ],
            "staff": [
                {"dimension": "jenis", "category": "ASN", "count": 14},
                {"dimension": "jenis", "category": "PPNPN", "count": 0},
                {"dimension": "pendidikan", "category": "S1", "count": 10},
            ],
            "people": [
                person("Bendahara Contoh", position="Bendahara", work_unit="keu"),
                person("Staf Tanpa Jabatan", position=""),
            ],
        },
        "work_units": [
            {
                "code": "pdi",
                "name": "Sub Bagian Perencanaan, Data dan Informasi",
                "short_name": "Subbag PDI",
                "division": "teknis",
                "head": person("Kasubbag PDI", position="Kepala Sub Bagian", work_unit="pdi"),
            },
            {"code": "keu", "name": "Sub Bagian Keuangan, Umum dan Logistik", "reports_to": "pdi"},
        ],
        "settings": {
            "cap": 110.0,
            "cap_to": 120.0,
            "cap_applies": "both",
            "lower_is_better": "ratio",
            "grade_method": "reached",
            "dual_target": "share",
            "rating_scale": {
                "name": "Skala Penilaian Capaian",
                "table": "Tabel 2",
                "bands": [
                    {
                        "label": "Gagal",
                        "upper": 55,
                        "upper_inclusive": False,
                        "color": "#c0392b",
                        "printed": "< 55%",
                    },
                    {"label": "Cukup", "lower": 55, "upper": 75.5, "printed": "55-75,5%"},
                    {"label": "Baik", "lower": 75.5, "lower_inclusive": False, "upper": 100},
                    {
                        "label": "Sangat Baik",
                        "lower": 100,
                        "lower_inclusive": False,
                        "color": "#27AE60",
                    },
                ],
            },
            "grade_scales": [
                {"code": "mutu", "label": "Mutu Layanan", "grades": ["Prima", "Baik", "Kurang"]},
                {"code": "zona", "label": "Zona Integritas", "grades": ["WBBM", "WBK"]},
            ],
        },
        "strategic_plan": {
            "start": 2020,
            "end": 2024,
            "title": "Rencana Strategis 2020-2024",
            "decree": "Keputusan 45/2020",
            "established_on": dt.date(2020, 2, 27),
            "vision": "Menjadi penyelenggara pemilu yang mandiri",
            "missions": [
                {"code": "M2", "text": "Misi kedua, ditulis lebih dulu."},
                {"code": "M1", "text": "Misi pertama."},
            ],
            "goals": [
                {
                    "code": "T1",
                    "text": "Mewujudkan lembaga yang mandiri",
                    "indicators": [
                        {
                            "code": "T1-a",
                            "name": "Indeks Reformasi Birokrasi",
                            "targets": {
                                2024: "BB",
                                2020: {"printed": "Baik Sekali", "value": "BB"},
                            },
                        },
                        {"code": "T1-b", "name": "Tanpa target"},
                    ],
                },
                {"code": "T2", "text": "Pemilu yang demokratis"},
            ],
            "objectives": [
                {
                    "code": "SS01",
                    "name": "Meningkatnya kualitas perencanaan",
                    "goal": "T1",
                    "weight": 0.1 + 0.2,
                    "indicators": [
                        {
                            "code": "IK01",
                            "name": "Nilai SAKIP",
                            "work_unit": "pdi",
                            "is_key": True,
                            "polarity": "higher",
                            "combine": "last",
                            "grade_scale": "sakip",
                            "weight": 1 / 3,
                            "renstra_targets": {2024: "BB", 2020: "B"},
                        },
                        {
                            "code": "IK02",
                            "name": "Jumlah sengketa",
                            "polarity": "lower",
                            "combine": "sum",
                            "can_exceed_100": True,
                            "weight": 2.0,
                            "unit": "kasus",
                            "cap_applies": "none",
                            "serves": "IK05",
                            "reference_targets": [
                                {"label": "SPM", "target": "0", "year": 2024},
                                {
                                    "label": "Target Nasional",
                                    "target": {"printed": "nihil", "value": "maksimal 0"},
                                },
                            ],
                            "renstra_targets": {
                                2021: "3 kasus",
                                2022: {"printed": "nihil", "value": "0 kasus"},
                            },
                        },
                        {
                            "code": "IK03",
                            "name": "Persentase pemilih di antara dua batas",
                            "work_unit": "keu",
                            "polarity": "band",
                            "combine": "mean",
                            "grade_scale": "mutu",
                            "retired_from": 2025,
                        },
                    ],
                },
                {
                    "code": "SS02",
                    "name": "Meningkatnya partisipasi",
                    "indicators": [
                        {"code": "IK04", "name": "Laporan keuangan", "grade_scale": "bpk_opinion"},
                    ],
                },
            ],
            "programs": [
                {
                    "code": "DM",
                    "name": "Program Dukungan Manajemen",
                    "activities": [
                        {
                            "code": "DM.1",
                            "name": "Dukungan Teknis",
                            "objectives": [
                                {"objective": "SS02", "share": 33.33},
                                {"objective": "SS01", "share": 66.67},
                            ],
                        },
                        {
                            "code": "DM.2",
                            "name": "Pengelolaan Keuangan",
                            "objectives": [{"objective": "SS01"}],
                        },
                    ],
                },
                {
                    "code": "PK",
                    "name": "Program Penyelenggaraan Pemilu",
                    "objectives": [{"objective": "SS02", "share": 100}],
                },
            ],
        },
        "years": [_year_2024(), _year_2023()],
        "other_periods": [_period_2015()],
    }


def _period_2015() -> dict[str, Any]:
    """An earlier Renstra period with a year of its own: the same codes as the current plan
    mean that period's items (IK01 there is not IK01 here)."""
    return {
        "strategic_plan": {
            "start": 2015,
            "end": 2019,
            "title": "Rencana Strategis 2015-2019",
            "vision": "Visi periode sebelumnya",
            "missions": [{"code": "M1", "text": "Misi lama."}],
            "objectives": [
                {
                    "code": "SS01",
                    "name": "Sasaran lama",
                    "indicators": [
                        {
                            "code": "IK01",
                            "name": "Indikator lama",
                            "work_unit": "pdi",
                            "unit": "%",
                            "renstra_targets": {2019: "90%"},
                        }
                    ],
                }
            ],
            "programs": [{"code": "DM", "name": "Program lama"}],
        },
        "years": [
            {
                "year": 2019,
                "agreements": [
                    {
                        "rows": [{"objective": "SS01", "indicator": "IK01", "target": "90%"}],
                        "budget": [{"program": "DM", "amount": 1000000}],
                    }
                ],
                "realizations": [{"indicator": "IK01", "quarter": 4, "value": "91%"}],
            }
        ],
    }


def _year_2024() -> dict[str, Any]:
    return {
        "year": 2024,
        "agreements": [
            {
                "table": "Tabel 1",
                "title": "Perjanjian Kinerja Tahun 2024",
                "place": "Contoh",
                "signed_on": dt.date(2024, 1, 31),
                "first_party": person("Sekretaris Contoh", position="Sekretaris"),
                "second_party": person("Ketua Contoh", position="Ketua", nip="198001012005011001"),
                "rows": [
                    {
                        "objective": "SS01",
                        "indicator": "IK01",
                        "target": "BB",
                        "quarterly_targets": {4: "BB", 1: {"printed": "dok. awal", "value": "B"}},
                        "printed_objective": "Meningkatnya kualitas perencanaan (tercetak)",
                        "printed_indicator": "Nilai AKIP",
                    },
                    {"objective": "SS01", "indicator": "IK02", "target": "0 kasus"},
                    {"objective": "SS02", "indicator": "IK04"},
                ],
                "budget": [
                    {"program": "DM", "amount": 12_692_171_000, "printed": "Rp. 12.692.171.000"},
                    {"activity": "DM.2", "amount": 0},
                ],
                "printed_total": 12_692_171_001,
            },
            {
                "work_unit": "pdi",
                "rows": [
                    {
                        "objective": "SS01",
                        "indicator": "IK03",
                        "target": "90%-100%",
                        "quarterly_targets": {1: "25%", 2: "50%", 3: "75%", 4: "100%"},
                    }
                ],
            },
        ],
        "measurements": [
            {
                "work_unit": "pdi",
                "table": "Tabel 5",
                "title": "Pengukuran Kinerja Subbag PDI Tahun 2024",
                "rows": [
                    {
                        "indicators": ["IK03", "IK01"],
                        "target": "90%",
                        "activity_target": "3 orang",
                        "realization": "1 gedung dan 1 gudang",
                        "reported_achievement": {"printed": "seratus persen", "value": "100%"},
                        "printed_objective": "Sasaran tercetak",
                        "printed_indicator": "Indikator tercetak",
                        "evidence": [
                            {
                                "title": "Notulen rapat",
                                "file": "notulen.pdf",
                                "sha256": SHA,
                                "size": 48213,
                                "content_type": "application/pdf",
                            },
                            {"title": "Tautan", "url": "https://example.org/bukti"},
                        ],
                    },
                    {"indicators": ["IK02"], "realization": "selesai"},
                ],
            },
            {"rows": [{"indicators": ["IK04"], "target": "WTP", "realization": "WDP"}]},
        ],
        "realizations": [
            {
                "indicator": "IK02",
                "quarter": 4,
                "value": "2 kasus",
                "note": "Dua sengketa di TPS",
                "evidence": [{"title": "Putusan", "file": "putusan.pdf", "url": "https://x.id"}],
            },
            {
                "indicator": "IK02",
                "quarter": 1,
                "value": {"printed": "tidak ada", "value": "0 kasus"},
            },
            {"indicator": "IK01", "quarter": 2, "value": "belum"},
        ],
        "spending": [
            {"program": "DM", "spent": 12_000_000_000},
            {"activity": "DM.1", "quarter": 3, "spent": 0},
        ],
        "supporting_tables": [
            {
                "key": "badan-adhoc",
                "table": "Tabel 30",
                "title": "Badan Ad Hoc",
                "columns": ["No", "Badan", "Jumlah", "Persentase", "Catatan"],
                "rows": [
                    [1, "PPK", 25, 99.5, None],
                    [2, "PPS", 110, 1.0, "lengkap"],
                    [3, "KPPS", 3_000_000_000_000, 0.1, ""],
                    [None, None, None, None, None],
                    ["-", -4, -0.25, 1e-07, "≥ 1"],
                ],
                "work_unit": "keu",
                "note": "Sumber: Subbag Teknis",
            },
            {"key": "kosong", "title": "Tabel tanpa baris", "columns": ["Kolom"]},
        ],
        "narrative": [
            {
                "key": "bab3.ss01",
                "title": "Analisis Sasaran 1",
                "objective": "SS01",
                "indicators": ["IK02", "IK01"],
                "work_unit": "pdi",
                "text": "Paragraf pertama.\n\n- butir satu\n- butir dua\n\nParagraf penutup.",
            },
            {"key": "bab3.ss01", "text": "Kunci yang sama boleh muncul lagi."},
        ],
        "report": {
            "title": "Laporan Kinerja Tahun 2024",
            "place": "Contoh",
            "date": dt.date(2025, 2, 28),
            "signatory": person("Ketua Contoh", position="Ketua"),
        },
        "evaluation": {
            "regulation": "permenpanrb-88-2021",
            "answers": [
                {"item": "1.b", "answer": "BB", "note": "Renstra ditetapkan."},
                {
                    "item": "1.a",
                    "answer": "E",
                    "self_assessment": "B",
                    "met": ["1.a.1", "1.a.3"],
                    "proposed": True,
                    "evidence": [{"title": "SK Renstra", "url": "https://contoh.go.id/renstra"}],
                },
            ],
            # Final as the scored answers are: 1.b BB 80% of 9, the rest 0.
            "final": {
                "date": dt.date(2025, 3, 10),
                "by": {"name": "Auditor Contoh", "position": "Auditor Ahli Muda"},
                "score": "7.20",
                "predicate": "D",
            },
        },
        "review": {
            "reviewer": person("Auditor Contoh", position="Auditor Ahli Muda"),
            "date": dt.date(2025, 2, 20),
            "place": "Contoh",
            "statement": "Kami telah mereviu Laporan Kinerja ini.",
            "findings": [
                {"text": "Bukti IK01 TW II belum ada.", "rule": "evidence-missing"},
                {"text": "Target IK02 berbeda.", "location": "Tabel 3", "settled": True},
            ],
        },
    }


def _year_2023() -> dict[str, Any]:
    return {
        "year": 2023,
        "agreements": [{"rows": [{"objective": "SS02", "indicator": "IK04", "target": "WTP"}]}],
        "realizations": [{"indicator": "IK01", "quarter": 4, "value": "B"}],
        "report": {},
        "evaluation": {  # the per-criterion variant
            "regulation": "permenpanrb-88-2021",
            "method": "criterion",
            "answers": [{"item": "2.a.1", "answer": "A"}],
        },
    }


@pytest.fixture
def count_rows() -> Callable[[], dict[str, int]]:
    """`count_rows()`: the number of rows of each storage model, at the time of the call."""
    return stored_rows


@pytest.fixture
def build_rich_data() -> Callable[..., dict[str, Any]]:
    """`build_rich_data(code=..., province=...)`: the rich dataset as plain data, to vary."""
    return rich_dataset_data


@pytest.fixture
def minimal_dataset() -> Dataset:
    return read_yaml(MINIMAL)


@pytest.fixture
def rich_dataset() -> Dataset:
    return Dataset.model_validate(rich_dataset_data())


@pytest.fixture
def kpu_kota_metro() -> Dataset:
    return read_yaml(KPU_KOTA_METRO)
