"""The review on datasets: a consistent office has no finding; one change fires its rule.

The consistent office (tests/conftest.py) computes every printed figure from its data. Each case
below changes one fact of it, as a planner's slip would, and names the rule that must catch it and
where. (`quantity-without-unit` cannot occur in a dataset: the loader refuses a bare number.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kinerja.dataset.review import review, review_summary
from kinerja.dataset.schema import Dataset

Data = dict[str, Any]


def year(data: Data) -> Data:
    return data["years"][0]


def office_pk(data: Data) -> Data:
    return year(data)["agreements"][0]


def unit_pk(data: Data, unit: str) -> Data:
    return next(a for a in year(data)["agreements"] if a.get("work_unit") == unit)


def measurement_row(data: Data, code: str) -> Data:
    rows = [r for t in year(data)["measurements"] for r in t["rows"]]
    return next(r for r in rows if code in r["indicators"])


def quarter(data: Data, code: str, number: int) -> Data:
    return next(
        r for r in year(data)["realizations"] if r["indicator"] == code and r["quarter"] == number
    )


def drop_indicator_everywhere_but_the_plan(data: Data, code: str) -> None:
    entry = year(data)
    entry["realizations"] = [r for r in entry["realizations"] if r["indicator"] != code]
    for table in entry["measurements"]:
        table["rows"] = [r for r in table["rows"] if code not in r["indicators"]]


def _set(target: Data, key: str, value: Any) -> None:
    target[key] = value


def _shared_row(data: Data) -> None:
    measurement_row(data, "IK03")["indicators"] = ["IK03", "IK04"]
    table = year(data)["measurements"][1]
    table["rows"] = [r for r in table["rows"] if r["indicators"] != ["IK04"]]


def _unreported(data: Data) -> None:
    drop_indicator_everywhere_but_the_plan(data, "IK04")


def _unplanned(data: Data) -> None:
    office_pk(data)["rows"] = [r for r in office_pk(data)["rows"] if r["indicator"] != "IK04"]


def _tell(data: Data, text: str) -> None:
    """An analysis section of the unit `hukum`, about its indicators IK01 and IK03."""
    year(data)["narrative"].append(
        {"key": "analisis", "work_unit": "hukum", "indicators": ["IK01", "IK03"], "text": text}
    )


Mutation = Callable[[Data], None]
CASES: list[tuple[str, Mutation, str]] = [
    (
        "target-mismatch",
        lambda d: _set(unit_pk(d, "pdi")["rows"][0], "target", "90%"),
        "Tabel 2 · SS01 · IK01",
    ),
    ("target-missing", lambda d: office_pk(d)["rows"][3].pop("target"), "Tabel 1 · SS02 · IK04"),
    (
        "target-below-previous",
        lambda d: _set(d["years"][1]["measurements"][0]["rows"][0], "realization", "A"),
        "Tabel 1 · SS01 · IK02",
    ),
    (
        "grade-off-scale",
        lambda d: _set(office_pk(d)["rows"][1], "target", "WTP"),
        "Tabel 1 · SS01 · IK02",
    ),
    (
        "percentage-over-100",
        lambda d: _set(quarter(d, "IK01", 4), "value", "105%"),
        "Realisasi triwulanan · SS01 · IK01 · TW IV",
    ),
    (
        "unit-mismatch",
        lambda d: _set(measurement_row(d, "IK03"), "realization", "4 dokumen"),
        "Tabel 5 · SS02 · IK03",
    ),
    (
        "period-mismatch",
        lambda d: _set(measurement_row(d, "IK03"), "realization", "12 bulan/3 triwulan"),
        "Tabel 5 · SS02 · IK03",
    ),
    (
        "wording-target",
        lambda d: _set(office_pk(d)["rows"][2], "target", "100%"),
        "Tabel 1 · SS02 · IK03",
    ),
    (
        "reported-achievement",
        lambda d: _set(measurement_row(d, "IK01"), "reported_achievement", "100%"),
        "Tabel 3 · SS01 · IK01",
    ),
    (
        "achievement-high",
        lambda d: [_set(quarter(d, "IK03", q), "value", "3 laporan") for q in (1, 2, 3, 4)],
        "Realisasi triwulanan · SS02 · IK03",
    ),
    (
        "achievement-not-computable",
        lambda d: _set(quarter(d, "IK01", 4), "value", "4 orang"),
        "Realisasi triwulanan · SS01 · IK01",
    ),
    (
        "scale-gap",
        lambda d: _set(d["settings"]["rating_scale"]["bands"][1], "lower", 76),
        "Tabel 6",
    ),
    (
        "scale-overlap",
        lambda d: _set(d["settings"]["rating_scale"]["bands"][0], "upper_inclusive", True),
        "Tabel 6",
    ),
    (
        "scale-band-invalid",
        lambda d: d["settings"]["rating_scale"]["bands"].append(
            {"label": "Aneh", "lower": 90, "upper": 80}
        ),
        "Tabel 6",
    ),
    ("budget-sum", lambda d: _set(office_pk(d), "printed_total", 1_150_000_001), "Tabel 1"),
    (
        "budget-activities",
        lambda d: unit_pk(d, "pdi").update(
            budget=[{"activity": "A1", "amount": 600_000_000}], printed_total=600_000_000
        ),
        "Tabel 1",
    ),
    (
        "budget-mismatch",
        lambda d: unit_pk(d, "hukum")["budget"].append({"program": "P1", "amount": 800_000_000}),
        "Tabel 4",
    ),
    (
        "budget-units",
        lambda d: unit_pk(d, "hukum")["budget"].append({"program": "P1", "amount": 900_000_000}),
        "Tabel 1",
    ),
    (
        "amount-printed",
        lambda d: _set(office_pk(d)["budget"][0], "printed", "Rp 900,000.000"),
        "Tabel 1",
    ),
    ("indicator-unreported", _unreported, "Tabel 1 · SS02 · IK04"),
    ("indicator-unplanned", _unplanned, "Tabel 5 · SS02 · IK04"),
    ("indicator-not-agreed", _unplanned, "Renstra · SS02 · IK04"),
    (
        "unit-unplanned",
        lambda d: _set(unit_pk(d, "hukum"), "rows", unit_pk(d, "hukum")["rows"][:1]),
        "Tabel 5 · SS02 · IK04",
    ),
    ("shared-row", _shared_row, "Tabel 5 · SS02 · IK03, IK04"),
    (
        "wording-mismatch",
        lambda d: _set(measurement_row(d, "IK01"), "printed_indicator", "Persentase pegawai lain"),
        "Tabel 3 · SS01 · IK01",
    ),
    ("quarters-absent", lambda d: _set(year(d), "realizations", []), "(seluruh tahun)"),
    (
        "quarter-missing",
        lambda d: year(d)["realizations"].remove(quarter(d, "IK01", 2)),
        "SS01 · IK01 · TW II",
    ),
    (
        "evidence-missing",
        lambda d: _set(quarter(d, "IK01", 1), "evidence", []),
        "Realisasi triwulanan · SS01 · IK01 · TW I",
    ),
    (
        "narrative-count",
        lambda d: _set(
            year(d)["narrative"][0],
            "text",
            year(d)["narrative"][0]["text"].replace("2 (dua) sasaran", "3 (tiga) sasaran"),
        ),
        "Narasi 'C. Analisis'",
    ),
    (
        "table-numbering",
        lambda d: _set(year(d)["supporting_tables"][0], "table", "Tabel 9"),
        "Tabel 9",
    ),
    (
        "narrative-category",
        # IK01: 96% realised against 95% is 101,05%, "Sangat Baik" on Tabel 6
        lambda d: _tell(d, "Persentase pegawai yang mengikuti pelatihan tahun ini cukup baik."),
        "Narasi 'analisis' (Sub Bagian Hukum dan SDM) · SS01 · IK01",
    ),
    (
        "narrative-number",
        # IK03 counts reports: 1 + 1 + 1 + 1 = 4 laporan
        lambda d: _tell(d, "Selama tahun 2024 telah disusun 5 (lima) laporan monitoring."),
        "Narasi 'analisis' (Sub Bagian Hukum dan SDM) · SS02 · IK03",
    ),
    (
        "narrative-none",
        lambda d: _tell(d, "Selama tahun 2024 tidak ada laporan yang disusun."),
        "Narasi 'analisis' (Sub Bagian Hukum dan SDM) · SS02 · IK03",
    ),
    (
        "row-numbering",
        lambda d: _set(year(d)["supporting_tables"][0]["rows"][1], 0, "3."),
        "Tabel 7",
    ),
    (
        "title-year",
        lambda d: _set(office_pk(d), "title", "Perjanjian Kinerja KPU Kota Contoh Tahun 2023"),
        "Tabel 1",
    ),
    (
        "office-name",
        lambda d: _set(year(d)["narrative"][0], "text", "Renstra KPU Kota Lain ditetapkan."),
        "Narasi 'C. Analisis'",
    ),
]


def test_the_consistent_office_has_no_finding(consistent_dataset: Dataset) -> None:
    result = review(consistent_dataset)
    assert result.findings == ()
    assert not result.has_errors


@pytest.mark.parametrize(("rule_id", "mutate", "where"), CASES, ids=[c[0] for c in CASES])
def test_one_slip_fires_its_rule_where_it_is(
    consistent_data: Data, rule_id: str, mutate: Mutation, where: str
) -> None:
    mutate(consistent_data)
    findings = review(Dataset.model_validate(consistent_data)).findings
    located = {(f.rule, str(f.location)) for f in findings}
    assert (rule_id, where) in located, sorted(located)


def test_the_summary_for_the_lkj_appendix_counts_by_rule(consistent_data: Data) -> None:
    office_pk(consistent_data)["title"] = "Perjanjian Kinerja Tahun 2023"
    year(consistent_data)["realizations"] = []
    summary = review_summary(Dataset.model_validate(consistent_data))
    assert (summary.errors, summary.warnings, summary.infos) == (1, 0, 1)
    assert [(r.rule, r.count, r.severity_label) for r in summary.rows] == [
        ("quarters-absent", 1, "info"),
        ("title-year", 1, "kesalahan"),
    ]
    assert summary.sentence == "Reviu data tahun 2024: 1 kesalahan, 0 peringatan, 1 info."


def test_the_summary_of_a_clean_year_says_so(consistent_dataset: Dataset) -> None:
    summary = review_summary(consistent_dataset)
    assert summary.rows == ()
    assert summary.sentence == "Reviu data tahun 2024 tidak menemukan masalah."


def _renumber(node: Any, number: Callable[[int], str]) -> None:
    """Every `table: Tabel N` of the data renumbered as `number(N)`."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "table" and isinstance(value, str) and value.startswith("Tabel "):
                node[key] = number(int(value.removeprefix("Tabel ")))
            else:
                _renumber(value, number)
    elif isinstance(node, list):
        for item in node:
            _renumber(item, number)


@pytest.mark.parametrize(
    "number",
    [lambda n: f"Tabel 3.{20 + n}", lambda n: f"Tabel III.{n}", lambda n: f"Tabel 2.{n}"],
    ids=["3.21", "III.1", "2.1"],
)
def test_a_report_numbered_by_chapter_has_no_numbering_finding(
    consistent_data: Data, number: Callable[[int], str]
) -> None:
    _renumber(consistent_data, number)
    consistent_data["organization"] = {
        "commissioner_periods": [
            {"start": 2019, "end": 2024, "figure": "Gambar 1.1 Struktur Organisasi"},
            {"start": 2024, "end": 2029, "figure": "Gambar 1.2 Struktur Organisasi"},
        ]
    }
    assert review(Dataset.model_validate(consistent_data)).findings == ()


def test_a_skip_within_a_chapter_is_named_as_printed(consistent_data: Data) -> None:
    _renumber(consistent_data, lambda n: f"Tabel 3.{20 + n}")
    year(consistent_data)["supporting_tables"][0]["table"] = "Tabel 3.29"
    consistent_data["organization"] = {
        "commissioner_periods": [
            {"start": 2019, "end": 2024, "figure": "Gambar II.1 Struktur Organisasi"},
            {"start": 2024, "end": 2029, "figure": "Gambar II.3 Struktur Organisasi"},
        ]
    }
    findings = review(Dataset.model_validate(consistent_data)).findings
    assert [(f.rule, str(f.location), f.message.split(":")[0]) for f in findings] == [
        ("table-numbering", "Tabel 3.29", "Penomoran tabel melompat dari Tabel 3.26 ke Tabel 3.29"),
        (
            "table-numbering",
            "Gambar II.3",
            "Penomoran gambar melompat dari Gambar II.1 ke Gambar II.3",
        ),
    ]


@pytest.mark.parametrize(
    ("printed", "flagged"),
    [
        # IK01: 96% realised against 95%: 101,0526...%
        ("101%", False),  # 0 decimals: within 0,5
        ("101,1%", False),  # 1 decimal: within 0,05
        ("101,05%", False),  # 2 decimals: within 0,005
        ("101,06%", True),  # 0,0074 away: beyond 0,005
        ("102%", True),  # 0,947 away: beyond 0,5
    ],
)
def test_a_printed_achievement_is_read_at_its_own_precision(
    consistent_data: Data, printed: str, flagged: bool
) -> None:
    measurement_row(consistent_data, "IK01")["reported_achievement"] = printed
    findings = review(Dataset.model_validate(consistent_data)).findings
    assert [f.rule for f in findings] == (["reported-achievement"] if flagged else [])


@pytest.mark.parametrize(
    "text",
    [
        "Persentase pegawai yang mengikuti pelatihan tahun ini sangat baik.",
        "Jumlah laporan monitoring dan evaluasi tercapai dengan baik: 4 (empat) laporan.",
        "Dari target 4 laporan, telah disusun 4 laporan monitoring dan evaluasi.",
        "Tidak ada kendala dalam penyusunan laporan.",
    ],
)
def test_a_narrative_that_agrees_with_the_data_has_no_finding(
    consistent_data: Data, text: str
) -> None:
    _tell(consistent_data, text)
    assert review(Dataset.model_validate(consistent_data)).findings == ()
