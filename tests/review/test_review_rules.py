"""Every review rule, on plain core inputs: one input that triggers it, one that does not.

The pairs differ in the one fact the rule is about, so each test says what the rule looks at.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from kinerja.core.achievement import Achievement, Status, achievement
from kinerja.core.grades import BPK_OPINION
from kinerja.core.review import RULES, ReviewInput, Severity, run_review
from kinerja.core.review.achievements import rounding_tolerance
from kinerja.core.review.document import label_number, roman_value
from kinerja.core.review.inputs import (
    BudgetLineFact,
    BudgetTable,
    Cascade,
    CountFact,
    Counts,
    Coverage,
    IndicatorFacts,
    IndicatorOutcome,
    MeasuredRow,
    NumberedRows,
    ObjectiveOutcome,
    Passage,
    PreviousRealization,
    RealizationStatement,
    Role,
    TargetStatement,
    Text,
    UnitCoverage,
    Wording,
)
from kinerja.core.scales import RatingBand, RatingScale
from kinerja.core.settings import AchievementSettings
from kinerja.core.values import Quantity, QuantityPart, parse_value

D = Decimal
YEAR = 2024


def data(**parts: object) -> ReviewInput:
    return ReviewInput(year=YEAR, **parts)  # type: ignore[arg-type]


def pk(code: str, target: str | None, source: str = "Tabel 1", role: Role = Role.OFFICE_PK):
    value = None if target is None else parse_value(target)
    return TargetStatement(code, "SS01", role, source, value, target)


def measured(code: str, target: str, activity: str | None, real: str, shared=()):
    return TargetStatement(
        code,
        "SS01",
        Role.MEASUREMENT,
        "Tabel 4",
        parse_value(target),
        target,
        None if activity is None else parse_value(activity),
        activity,
        shared,
    )


def row(target: str | None, activity: str | None, real: str, reported: str | None, **extra):
    t = None if target is None else parse_value(target)
    a = None if activity is None else parse_value(activity)
    r = parse_value(real)
    computed = achievement(a if a is not None else t, r)
    fields = dict(
        indicators=("IK01",),
        objective="SS01",
        source="Tabel 4",
        target=t,
        target_printed=target,
        activity=a,
        activity_printed=activity,
        realization=r,
        realization_printed=real,
        computed=computed,
        reported=None if reported is None else D(reported),
        reported_printed=None if reported is None else f"{reported}%",
    )
    fields.update(extra)
    return MeasuredRow(**fields)  # type: ignore[arg-type]


def outcome(value: str | None, status: Status = Status.MEASURED, reason: str | None = None):
    result = Achievement(None if value is None else D(value), status, reason)
    return IndicatorOutcome("IK01", "SS01", "Tabel 4", result, "3 orang", "5 orang")


def budget(source: str, office: bool, lines: list[tuple[str, str, int]], total=None, printed=None):
    facts = tuple(BudgetLineFact(kind, code, code, amount, printed) for kind, code, amount in lines)
    return BudgetTable(source, office, facts, total)


def scale(*bands: RatingBand) -> dict[str, object]:
    return {"rating_scale": RatingScale("Skala", bands), "rating_scale_source": "Tabel 2"}


GOOD_SCALE = (
    RatingBand("Kurang", None, D(75), upper_inclusive=False),
    RatingBand("Baik", D(75), None),
)
COUNTS = Counts(
    objectives=CountFact("sasaran strategis", ((16, "Tabel 1"),)),
    indicators=CountFact("indikator kinerja", ((25, "Tabel 1"),)),
    key_indicators=CountFact("indikator kinerja utama", ((7, "Tabel 1"),)),
    programs=CountFact("program", ((2, "Renstra"),)),
    activities=CountFact("kegiatan", ((6, "Renstra"),)),
    goals=3,
)
OPINION = IndicatorFacts("IK11", "SS08", "Opini BPK", grade_scale=BPK_OPINION)
SHARE = IndicatorFacts("IK01", "SS01", "Persentase pegawai", can_exceed_100=False)
COUNTED = IndicatorFacts("IK05", "SS04", "Jumlah revisi yang dilakukan terhadap rencana kerja")
UNITS = Coverage(
    office_pk="Tabel 1",
    agreed=(("SS10", "IK14"), ("SS10", "IK16")),
    realized=frozenset({"IK14", "IK16"}),
    units=(
        UnitCoverage(
            "kul", "Tabel 15", (("SS10", "IK14"),), "Tabel 16", (("SS10", "IK14"), ("SS10", "IK16"))
        ),
    ),
)

STORY_INDICATORS = (
    IndicatorFacts("IK01", "SS01", "Persentase Pegawai yang Mengikuti Pelatihan"),
    IndicatorFacts("IK05", "SS04", "Jumlah revisi yang dilakukan terhadap rencana kerja"),
    IndicatorFacts("IK19", "SS12", "Penurunan jumlah sengketa hukum"),
    IndicatorFacts("IK24", "SS15", "Persentase informasi yang dimuat di media sosial"),
)
STORY_LABELS = ("Gagal", "Cukup Baik", "Baik", "Sangat Baik")


def told(code: str, real: str, value: str, rating: str, reported: str | None = None):
    return IndicatorOutcome(
        code,
        next(f.objective for f in STORY_INDICATORS if f.code == code),
        "Tabel 10",
        Achievement(D(value), Status.MEASURED),
        None,
        real,
        parse_value(real),
        rating,
        reported,
    )


def story(text: str, disputes: str = "1 laporan", **extra: object) -> ReviewInput:
    """A narrative section about four indicators, each with a realisation and its category."""
    fields: dict[str, object] = dict(
        indicators=STORY_INDICATORS,
        targets=(
            pk("IK01", "90%"),
            replace(measured("IK01", "90%", "3 orang", "5 orang"), objective="SS01"),
            pk("IK05", "4 triwulan"),
        ),
        outcomes=(
            told("IK01", "5 orang", "166.67", "Sangat Baik", "100%"),
            told("IK05", "4 laporan", "100", "Baik", "95%"),
            told("IK19", disputes, "100", "Baik", "80%"),
            told("IK24", "4 triwulan", "100", "Baik"),
        ),
        rating_labels=STORY_LABELS,
        passages=(Passage("Narasi 'analisis'", text, ("IK01", "IK05", "IK19", "IK24")),),
    )
    fields.update(extra)
    return data(**fields)


CASES: dict[str, tuple[ReviewInput, ReviewInput]] = {
    "target-mismatch": (
        data(targets=(pk("IK01", "100%"), pk("IK01", "90%", "Tabel 9", Role.UNIT_PK))),
        data(targets=(pk("IK01", "100%"), pk("IK01", "100%", "Tabel 9", Role.UNIT_PK))),
    ),
    "target-missing": (
        data(targets=(pk("IK01", None),)),
        data(targets=(pk("IK01", "100%"),)),
    ),
    "target-below-previous": (
        data(
            targets=(pk("IK02", "B"),),
            previous=(PreviousRealization("IK02", 2023, parse_value("BB"), "BB"),),
        ),
        data(
            targets=(pk("IK02", "BB"),),
            previous=(PreviousRealization("IK02", 2023, parse_value("BB"), "BB"),),
        ),
    ),
    "grade-off-scale": (
        data(indicators=(OPINION,), targets=(pk("IK11", "B"),)),
        data(indicators=(OPINION,), targets=(pk("IK11", "WTP"),)),
    ),
    "quantity-without-unit": (
        data(
            targets=(
                TargetStatement(
                    "IK01",
                    "SS01",
                    Role.OFFICE_PK,
                    "Tabel 1",
                    Quantity((QuantityPart(D(3), " "),)),
                    "3",
                ),
            )
        ),
        data(targets=(pk("IK01", "3 orang"),)),
    ),
    "percentage-over-100": (
        data(indicators=(SHARE,), targets=(pk("IK01", "105%"),)),
        data(indicators=(SHARE,), targets=(pk("IK01", "100%"),)),
    ),
    "unit-mismatch": (
        data(rows=(row("95%", "4 triwulan", "4 laporan", None),)),
        data(rows=(row("95%", "4 triwulan", "4 triwulan", None),)),
    ),
    "period-mismatch": (
        data(targets=(pk("IK01", "12 Bulan/3 triwulan"),)),
        data(targets=(pk("IK01", "12 Bulan/4 triwulan"),)),
    ),
    "wording-target": (
        data(indicators=(COUNTED,), targets=(pk("IK05", "95%"),)),
        data(indicators=(COUNTED,), targets=(pk("IK05", "4 laporan"),)),
    ),
    "reported-achievement": (
        data(rows=(row("90%", "3 orang", "5 orang", "100"),)),
        data(rows=(row("90%", "3 orang", "5 orang", "166.67"),)),
    ),
    "achievement-high": (
        data(outcomes=(outcome("166.67"),)),
        data(outcomes=(outcome("120"),)),
    ),
    "achievement-not-computable": (
        data(outcomes=(outcome(None, Status.NOT_COMPUTABLE, "satuan tidak cocok"),)),
        data(outcomes=(outcome(None, Status.UNMEASURED, "realisasi belum diisi"),)),
    ),
    "scale-gap": (
        data(**scale(GOOD_SCALE[0], RatingBand("Baik", D(76), None))),
        data(**scale(*GOOD_SCALE)),
    ),
    "scale-overlap": (
        data(**scale(RatingBand("Kurang", None, D(75)), GOOD_SCALE[1])),
        data(**scale(*GOOD_SCALE)),
    ),
    "scale-band-invalid": (
        data(**scale(*GOOD_SCALE, RatingBand("Aneh", D(90), D(80)))),
        data(**scale(*GOOD_SCALE)),
    ),
    "budget-sum": (
        data(budgets=(budget("Tabel 1", True, [("program", "P1", 10), ("program", "P2", 5)], 16),)),
        data(budgets=(budget("Tabel 1", True, [("program", "P1", 10), ("program", "P2", 5)], 15),)),
    ),
    "budget-activities": (
        data(
            budgets=(
                budget("Tabel 1", True, [("program", "P1", 100)]),
                budget("Tabel 3", False, [("activity", "A1", 60), ("activity", "A2", 50)]),
            ),
            activity_programs=(("A1", "P1"), ("A2", "P1")),
        ),
        data(
            budgets=(
                budget("Tabel 1", True, [("program", "P1", 100)]),
                budget("Tabel 3", False, [("activity", "A1", 60), ("activity", "A2", 40)]),
            ),
            activity_programs=(("A1", "P1"), ("A2", "P1")),
        ),
    ),
    "budget-mismatch": (
        data(
            budgets=(
                budget("Tabel 1", True, [("program", "P1", 100)]),
                budget("Tabel 15", False, [("program", "P1", 90)]),
            )
        ),
        data(
            budgets=(
                budget("Tabel 1", True, [("program", "P1", 100)]),
                budget("Tabel 3", False, [("activity", "A1", 90)]),
            )
        ),
    ),
    "budget-units": (
        data(
            budgets=(
                budget("Tabel 1", True, [("program", "P1", 100)]),
                budget("Tabel 3", False, [("activity", "A1", 60)]),
                budget("Tabel 15", False, [("program", "P1", 100)]),
            )
        ),
        data(
            budgets=(
                budget("Tabel 1", True, [("program", "P1", 100)]),
                budget("Tabel 3", False, [("activity", "A1", 60)]),
            )
        ),
    ),
    "amount-printed": (
        data(
            budgets=(
                budget(
                    "Tabel 15", False, [("program", "P1", 12692171000)], printed="12,692.171.000,-"
                ),
            )
        ),
        data(
            budgets=(
                budget(
                    "Tabel 1",
                    True,
                    [("program", "P1", 12692171000)],
                    printed="Rp. 12.692.171.000,-",
                ),
            )
        ),
    ),
    "indicator-unreported": (
        data(coverage=Coverage("Tabel 1", (("SS06", "IK08"),), frozenset())),
        data(coverage=Coverage("Tabel 1", (("SS06", "IK08"),), frozenset({"IK08"}))),
    ),
    "indicator-unplanned": (
        data(coverage=Coverage("Tabel 1", (), frozenset({"IK30"}), (("Tabel 4", "SS09", "IK30"),))),
        data(coverage=Coverage(None, (), frozenset({"IK30"}), (("Tabel 4", "SS09", "IK30"),))),
    ),
    "indicator-not-agreed": (
        data(coverage=Coverage("Tabel 1", renstra_year=(("SS01", "IK01"),))),
        data(coverage=Coverage("Tabel 1", (("SS01", "IK01"),), renstra_year=(("SS01", "IK01"),))),
    ),
    "unit-unplanned": (
        data(coverage=UNITS),
        data(coverage=replace(UNITS, units=(replace(UNITS.units[0], pk_indicators=UNITS.agreed),))),
    ),
    "shared-row": (
        data(rows=(row("95%", "4 laporan", "4 laporan", None, indicators=("IK06", "IK07")),)),
        data(rows=(row("95%", "4 laporan", "4 laporan", None, indicators=("IK06",)),)),
    ),
    "wording-mismatch": (
        data(
            wordings=(
                Wording(
                    "Tabel 27", "indikator", ("IK24",), "SS15", "media massa", ("media sosial",)
                ),
            )
        ),
        data(
            wordings=(
                Wording(
                    "Tabel 29", "indikator", ("IK24",), "SS15", "Media Sosial.", ("media sosial",)
                ),
            )
        ),
    ),
    "quarters-absent": (
        data(coverage=Coverage("Tabel 1", (("SS01", "IK01"),))),
        data(
            coverage=Coverage("Tabel 1", (("SS01", "IK01"),)),
            realizations=(
                RealizationStatement(("IK01",), "SS01", "TW", 1, parse_value("1 laporan"), "1", 1),
            ),
        ),
    ),
    "quarter-missing": (
        data(
            coverage=Coverage("Tabel 1", (("SS01", "IK01"),)),
            realizations=tuple(
                RealizationStatement(("IK01",), "SS01", "TW", q, parse_value("1 laporan"), "1", 1)
                for q in (1, 3)
            ),
        ),
        data(
            coverage=Coverage("Tabel 1", (("SS01", "IK01"),)),
            realizations=tuple(
                RealizationStatement(("IK01",), "SS01", "TW", q, parse_value("1 laporan"), "1", 1)
                for q in (1, 2, 3)
            ),
        ),
    ),
    "evidence-missing": (
        data(
            realizations=(
                RealizationStatement(
                    ("IK01",), "SS01", "Tabel 4", None, parse_value("4 laporan"), "4 laporan", 0
                ),
            )
        ),
        data(
            realizations=(
                RealizationStatement(
                    ("IK01",), "SS01", "Tabel 4", None, parse_value("4 laporan"), "4 laporan", 1
                ),
            )
        ),
    ),
    "narrative-count": (
        data(counts=COUNTS, narrative=(Text("Narasi", "menetapkan 3 (tiga) sasaran strategis"),)),
        data(counts=COUNTS, narrative=(Text("Narasi", "menetapkan 16 sasaran strategis"),)),
    ),
    "table-numbering": (
        data(table_labels=("Tabel 1", "Tabel 2", "Tabel 4")),
        data(table_labels=("Tabel 1", "Tabel 3", "Tabel 2")),
    ),
    "narrative-category": (
        story("Persentase informasi yang dimuat di media sosial cukup baik."),
        story("Persentase informasi yang dimuat di media sosial baik."),
    ),
    "narrative-number": (
        story("KPU telah melaksanakan revisi DIPA sebanyak 21 kali revisi."),
        story("KPU telah melaksanakan revisi DIPA sebanyak 4 kali revisi."),
    ),
    "narrative-none": (
        story("Selama tahun 2024 tidak terkait kasus sengketa."),
        story("Selama tahun 2024 tidak terkait kasus sengketa.", disputes="0 laporan"),
    ),
    "row-numbering": (
        data(numbered_rows=(NumberedRows("Tabel 13", (1, 2, 3, 4, 6, 7)),)),
        data(numbered_rows=(NumberedRows("Tabel 26", ("1.", "2.", "3.")),)),
    ),
    "title-year": (
        data(year_titles=(Text("Tabel 9", "Perjanjian Kinerja Tahun 2023 Sub Bagian Hukum"),)),
        data(year_titles=(Text("Tabel 9", "Perjanjian Kinerja Tahun 2024 Sub Bagian Hukum"),)),
    ),
    "office-name": (
        data(
            office_names=("KPU Kota Metro", "KPU Provinsi Lampung"),
            texts=(Text("Narasi", "menetapkan Renstra KPU Kota Bandar Lampung pada"),),
        ),
        data(
            office_names=("KPU Kota Metro", "KPU Provinsi Lampung"),
            texts=(
                Text("Narasi", "KPU Kota Metro melapor kepada KPU Provinsi Lampung dan KPU RI"),
            ),
        ),
    ),
    "cascade-unlinked": (
        data(cascade=Cascade("KPU Provinsi Lampung", ("IK01",), (("IK01", "SS01", None),))),
        data(cascade=Cascade("KPU Provinsi Lampung", ("IK01",), (("IK01", "SS01", "IK01"),))),
    ),
    "cascade-unknown": (
        data(cascade=Cascade("KPU Provinsi Lampung", ("IK01",), (("IK01", "SS01", "IK99"),))),
        data(cascade=Cascade("KPU Provinsi Lampung", ("IK01",), (("IK01", "SS01", "IK01"),))),
    ),
    "cascade-unserved": (
        data(
            cascade=Cascade(
                None,
                (),
                (("IK01", "SS01", None), ("IK02", "SS01", None)),
                ("KPU Kota Metro",),
                ("IK01",),
            )
        ),
        data(
            cascade=Cascade(
                None,
                (),
                (("IK01", "SS01", None), ("IK02", "SS01", None)),
                ("KPU Kota Metro",),
                ("IK01", "IK02"),
            )
        ),
    ),
}


def test_every_registered_rule_has_a_case() -> None:
    assert set(CASES) == set(RULES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires_on_its_trigger(rule_id: str) -> None:
    triggering, _ = CASES[rule_id]
    findings = run_review(triggering, [rule_id])
    assert findings, rule_id
    assert {f.rule for f in findings} == {rule_id}
    assert all(f.severity is RULES[rule_id].severity for f in findings)
    assert all(f.message.endswith(".") and len(f.message) > 40 for f in findings)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_stays_silent_without_its_trigger(rule_id: str) -> None:
    _, clean = CASES[rule_id]
    assert run_review(clean, [rule_id]) == []


def test_a_printed_achievement_that_follows_the_other_reading_of_two_targets_is_not_flagged():
    base = row("90%", "3 orang", "3 orang", "111.11")
    assert run_review(data(rows=(base,)), ["reported-achievement"])
    share = replace(base, alternative=Achievement(D(100) * 100 / 90, Status.MEASURED))
    assert run_review(data(rows=(share,)), ["reported-achievement"]) == []


def test_a_printed_achievement_equal_to_the_capped_value_follows_when_a_cap_is_set():
    capped_row = row("90%", "3 orang", "5 orang", "100")
    settings = AchievementSettings(cap=D(100))
    assert run_review(data(rows=(capped_row,), settings=settings), ["reported-achievement"]) == []


def test_the_printed_precision_decides_whether_an_achievement_follows():
    assert (
        run_review(data(rows=(row(None, "3 orang", "2 orang", "67"),)), ["reported-achievement"])
        == []
    )
    assert run_review(
        data(rows=(row(None, "3 orang", "2 orang", "66.66"),)), ["reported-achievement"]
    )


def test_above_the_agencys_cap_is_flagged_even_below_120():
    settings = AchievementSettings(cap=D(110))
    findings = run_review(data(outcomes=(outcome("115"),), settings=settings), ["achievement-high"])
    assert "di atas batas capaian 110%" in findings[0].message


def test_a_measurement_row_is_compared_by_the_target_of_the_same_kind():
    grade_row = measured("IK02", "90%", "B", "B")
    assert run_review(data(targets=(pk("IK02", "B"), grade_row)), ["target-mismatch"]) == []
    wrong = measured("IK02", "90%", "BB", "BB")
    (finding,) = run_review(data(targets=(pk("IK02", "B"), wrong)), ["target-mismatch"])
    assert finding.location.table == "Tabel 4"


def test_a_narrative_number_matching_the_goals_says_so():
    (finding,) = run_review(
        data(counts=COUNTS, narrative=(Text("Narasi", "ke 3 (tiga) sasaran strategis"),)),
        ["narrative-count"],
    )
    assert "jumlah tujuan Renstra" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "salah satu program penguatan",  # a word, not a count
        "Tahun Anggaran 2024 Indikator Kinerja Kegiatan",  # a year before a noun
        "menjadi ketua pada 1 (satu) divisi",  # not a counted noun
        "dalam 5 (lima) periode tahunan melalui serangkaian program",
    ],
)
def test_narrative_phrases_that_are_not_counts_are_not_read(text: str) -> None:
    assert (
        run_review(data(counts=COUNTS, narrative=(Text("Narasi", text),)), ["narrative-count"])
        == []
    )


@pytest.mark.parametrize(
    "text",
    [
        "KPU Kabupaten/Kota dan KPU Provinsi/KIP Aceh",
        "Misi KPU Kota Kota Metro adalah",
        "di KPU Kota Metro Dengan target 100%",
        "KPU Kabupaten Lampung Tengah",  # a level neither the office nor a parent holds
    ],
)
def test_generic_and_own_office_names_are_not_flagged(text: str) -> None:
    found = run_review(
        data(office_names=("KPU Kota Metro", "KPU Provinsi Lampung"), texts=(Text("N", text),)),
        ["office-name"],
    )
    assert found == []


def test_findings_come_in_family_order_and_errors_are_errors():
    mixed = data(
        table_labels=("Tabel 1", "Tabel 3"),
        targets=(pk("IK01", "100%"), pk("IK01", "90%", "Tabel 9", Role.UNIT_PK)),
    )
    findings = run_review(mixed)
    assert [f.rule for f in findings] == ["target-mismatch", "table-numbering"]
    assert findings[0].severity is Severity.ERROR
    assert str(findings[0].location) == "Tabel 9 · SS01 · IK01"


@pytest.mark.parametrize(
    ("printed", "message"),
    [
        ("12 Bulan/3 triwulan", "12 bulan = 4 triwulan, bukan 3"),
        ("24 bln/3 tw", "24 bulan = 8 triwulan, bukan 3"),
        ("1 tahun dan 3 semester", "1 tahun = 2 semester, bukan 3"),
        ("2 triwulan/1 semester/4 bulan", "2 triwulan = 6 bulan, bukan 4"),
    ],
)
def test_a_span_of_time_in_units_that_disagree_is_named_with_the_right_figure(
    printed: str, message: str
) -> None:
    findings = run_review(data(targets=(pk("IK01", printed),)), ["period-mismatch"])
    assert len(findings) == 1 and message in findings[0].message


@pytest.mark.parametrize(
    "printed",
    ["12 bulan/4 triwulan", "1 tahun dan 2 semester", "6 bulan", "3 laporan/4 triwulan"],
)
def test_spans_that_agree_or_are_not_spans_of_time_pass(printed: str) -> None:
    assert run_review(data(targets=(pk("IK01", printed),)), ["period-mismatch"]) == []


@pytest.mark.parametrize(
    "labels",
    [
        ("Tabel 3.21", "Tabel 3.22", "Tabel 3.23"),  # a chapter's run starts where it starts
        ("Tabel 2.1", "Tabel 2.2", "Tabel 3.1", "Tabel 3.2"),
        ("Tabel III.4", "Tabel III.5", "Tabel IV.1"),
        ("Gambar 2.1", "Gambar 2.2", "Tabel 2.1"),  # figures are numbered apart from tables
        ("Gambar 1. Struktur Organisasi", "Gambar 2. Struktur Divisi", "Tabel 1", "Tabel 2"),
    ],
)
def test_chapter_numbering_is_checked_per_chapter(labels: tuple[str, ...]) -> None:
    assert run_review(data(table_labels=labels), ["table-numbering"]) == []


@pytest.mark.parametrize(
    ("labels", "where", "message"),
    [
        (
            ("Tabel 3.21", "Tabel 3.22", "Tabel 3.25"),
            "Tabel 3.25",
            "dari Tabel 3.22 ke Tabel 3.25: Tabel 3.23–3.24 tidak ada",
        ),
        (("Tabel III.4", "Tabel III.6"), "Tabel III.6", "Tabel III.5 tidak ada"),
        (("Gambar 2.1", "Gambar 2.1"), "Gambar 2.1", "Nomor Gambar 2.1 dipakai 2 kali"),
        (("Tabel 2.1", "Tabel 3.1", "Tabel 3.1"), "Tabel 3.1", "Nomor Tabel 3.1 dipakai 2 kali"),
    ],
)
def test_chapter_numbering_that_skips_or_repeats_is_named_as_printed(
    labels: tuple[str, ...], where: str, message: str
) -> None:
    (finding,) = run_review(data(table_labels=labels), ["table-numbering"])
    assert str(finding.location) == where
    assert message in finding.message


def test_roman_chapters_read_as_numbers() -> None:
    assert [roman_value(n) for n in ("I", "III", "IV", "IX", "XIV")] == [1, 3, 4, 9, 14]
    parsed = label_number("Tabel III.4 Capaian Kinerja")
    assert parsed is not None and (parsed.kind, parsed.chapter, parsed.number) == ("Tabel", 3, 4)
    assert label_number("Lampiran 1") is None


def _shared(target: str) -> tuple[TargetStatement, ...]:
    return (
        pk("IK12", "95%"),
        pk("IK13", "90%"),
        measured("IK12", target, "2 laporan", "2 laporan", ("IK12", "IK13")),
        measured("IK13", target, "2 laporan", "2 laporan", ("IK12", "IK13")),
    )


def test_a_shared_row_carrying_one_indicators_target_is_the_shared_row_finding_only():
    rows = (row("95%", "2 laporan", "2 laporan", None, indicators=("IK12", "IK13")),)
    findings = run_review(data(targets=_shared("95%"), rows=rows))
    assert [(f.rule, str(f.location)) for f in findings] == [
        ("shared-row", "Tabel 4 · SS01 · IK12, IK13")
    ]
    assert "Targetnya '95%' adalah target IK12, bukan target IK13 (IK13 '90%' di Tabel 1)" in (
        findings[0].message
    )


def test_a_shared_row_whose_target_is_no_ones_is_one_target_finding():
    (finding,) = run_review(data(targets=_shared("80%")), ["target-mismatch"])
    assert str(finding.location) == "Tabel 4 · SS01 · IK12, IK13"
    assert "IK12 '95%' di Tabel 1; IK13 '90%' di Tabel 1" in finding.message


def test_a_shared_row_agreeing_with_every_indicator_says_nothing_of_targets():
    targets = (pk("IK12", "95%"), pk("IK13", "95%"), *_shared("95%")[2:])
    rows = (row("95%", "2 laporan", "2 laporan", None, indicators=("IK12", "IK13")),)
    findings = run_review(data(targets=targets, rows=rows))
    assert [f.rule for f in findings] == ["shared-row"]
    assert "Targetnya" not in findings[0].message


NAMED = (
    IndicatorFacts("IK12", "SS09", "Persentase KPU yang patuh"),
    IndicatorFacts("IK13", "SS09", "Jumlah Laporan BMN"),
)


def test_a_finding_naming_an_indicator_by_code_gives_its_name():
    targets = (pk("IK13", "90%"), pk("IK13", "95%", "Tabel 15", Role.UNIT_PK))
    (finding,) = run_review(data(indicators=NAMED, targets=targets), ["target-mismatch"])
    assert finding.message.startswith("Target IK13 (Jumlah Laporan BMN) di Tabel 15 adalah")
    assert finding.message.count("Jumlah Laporan BMN") == 1
    assert finding.indicator_names == ("Jumlah Laporan BMN",)


def test_a_row_of_two_indicators_names_both_in_location_order():
    rows = (row("95%", "2 laporan", "2 laporan", None, indicators=("IK12", "IK13")),)
    (finding,) = run_review(data(indicators=NAMED, rows=rows), ["shared-row"])
    assert "(IK12 (Persentase KPU yang patuh), IK13 (Jumlah Laporan BMN))" in finding.message
    assert finding.indicator_names == ("Persentase KPU yang patuh", "Jumlah Laporan BMN")


def test_a_message_that_states_the_name_already_is_left_alone_and_codes_are_whole_words():
    wording = Wording("Tabel 4", "indikator", ("IK1",), "SS01", "Jumlah lain", ("Jumlah revisi",))
    facts = (IndicatorFacts("IK1", "SS01", "Jumlah revisi"),)
    (finding,) = run_review(data(indicators=facts, wordings=(wording,)), ["wording-mismatch"])
    assert finding.message.count("Jumlah revisi") == 1
    other = (pk("IK10", "90%"), pk("IK10", "95%", "Tabel 15", Role.UNIT_PK))
    (finding,) = run_review(data(indicators=facts, targets=other), ["target-mismatch"])
    assert "IK10" in finding.message and "Jumlah revisi" not in finding.message
    assert finding.indicator_names == (None,)


@pytest.mark.parametrize(
    ("activity", "real", "printed"),
    [
        ("8 orang", "1 orang", "12"),  # 12,5 rounded down by the document: within 0,5
        ("8 orang", "1 orang", "13"),  # 12,5 rounded up
        ("3 orang", "2 orang", "66.7"),  # 66,666... within 0,05
        ("3 orang", "2 orang", "66.67"),  # within 0,005
        ("3 orang", "2 orang", "66.667"),  # within 0,0005
        ("3 orang", "5 orang", "167"),  # 166,666... within 0,5
    ],
)
def test_a_printed_achievement_within_half_its_last_digit_follows(
    activity: str, real: str, printed: str
) -> None:
    found = run_review(data(rows=(row(None, activity, real, printed),)), ["reported-achievement"])
    assert found == []


@pytest.mark.parametrize(
    ("activity", "real", "printed"),
    [
        ("8 orang", "1 orang", "12.4"),  # 12,5 is 0,1 away: more than 0,05
        ("3 orang", "2 orang", "66.6"),  # 0,0667 away: more than 0,05 (truncated, not rounded)
        ("3 orang", "2 orang", "66.66"),  # 0,0067 away: more than 0,005
        ("3 orang", "2 orang", "66.660"),  # 0,0067 away: more than 0,0005
        ("3 orang", "2 orang", "68"),  # 1,33 away: more than 0,5
    ],
)
def test_a_printed_achievement_beyond_half_its_last_digit_is_flagged(
    activity: str, real: str, printed: str
) -> None:
    found = run_review(data(rows=(row(None, activity, real, printed),)), ["reported-achievement"])
    assert [f.rule for f in found] == ["reported-achievement"]


def test_the_tolerance_is_half_a_unit_of_the_last_printed_digit() -> None:
    assert [rounding_tolerance(D(text)) for text in ("95", "95.5", "95.50", "1E+2")] == [
        D("0.5"),
        D("0.05"),
        D("0.005"),
        D("0.5"),
    ]


def test_a_share_indicator_with_a_target_in_counts_is_flagged_once_with_every_place():
    targets = (
        pk("IK01", "100%"),
        pk("IK01", "10 media massa", "Tabel 27", Role.UNIT_PK),
        pk("IK01", "10 media massa", "Tabel 28", Role.UNIT_PK),
    )
    (finding,) = run_review(data(indicators=(SHARE,), targets=targets), ["wording-target"])
    assert str(finding.location) == "Tabel 27 · SS01 · IK01"
    assert "dirumuskan sebagai persentase" in finding.message
    assert "('10 media massa' di Tabel 27, Tabel 28)" in finding.message


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("Persentase pegawai", "100%"),
        ("Prosentase pegawai", "95,5%"),
        ("Jumlah revisi", "21 revisi"),
        ("Nilai akuntabilitas kinerja", "B"),
        ("Indeks kepuasan", "3,5 poin"),  # neither a count nor a share by its wording
        ("Rasio jumlah pegawai", "50%"),  # "jumlah" not at the start: not a count indicator
    ],
)
def test_targets_that_fit_the_wording_pass(name: str, target: str) -> None:
    facts = (IndicatorFacts("IK01", "SS01", name),)
    assert (
        run_review(data(indicators=facts, targets=(pk("IK01", target),)), ["wording-target"]) == []
    )


def test_a_shared_rows_target_is_not_held_against_the_wording():
    facts = (IndicatorFacts("IK13", "SS09", "Jumlah Laporan BMN"),)
    shared = measured("IK13", "95%", "2 laporan", "2 laporan", ("IK12", "IK13"))
    targets = (pk("IK13", "2 laporan"), shared)
    assert run_review(data(indicators=facts, targets=targets), ["wording-target"]) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "selama Tahun 2024 persentase informasi yang dimuat dimedia sosial cukup baik.",
            "menyebut capaian indikator IK24 (Persentase informasi yang dimuat di media sosial) "
            "'cukup baik', padahal capaiannya 100% masuk kategori 'Baik'",
        ),
        (
            "Capaian Persentase Pegawai yang Mengikuti Pelatihan adalah Baik.",
            "'Baik', padahal capaiannya 166,67% masuk kategori 'Sangat Baik'",
        ),
    ],
)
def test_a_category_said_of_one_named_indicator_is_compared_with_its_own(text: str, message: str):
    (finding,) = run_review(story(text), ["narrative-category"])
    assert message in finding.message
    assert finding.location.indicator in {"IK24", "IK01"}


@pytest.mark.parametrize(
    "text",
    [
        "Persentase informasi yang dimuat di media sosial baik.",  # its own category
        "Persentase informasi yang dimuat di media sosial dikelola dengan baik.",  # a manner
        "Persentase informasi yang dimuat di media sosial lebih baik dari tahun lalu.",
        # two indicators named: the sentence may speak of either
        "Persentase informasi yang dimuat di media sosial dan Persentase Pegawai yang Mengikuti "
        "Pelatihan cukup baik.",
        "Publikasi di media sosial cukup baik.",  # the indicator is not named in full
        "Cukup baik: Persentase informasi yang dimuat di media sosial.",  # said before the name
    ],
)
def test_a_category_is_read_only_after_one_named_indicator(text: str) -> None:
    assert run_review(story(text), ["narrative-category"]) == []


def test_sangat_baik_is_read_whole_not_as_baik() -> None:
    text = "Persentase informasi yang dimuat di media sosial sangat baik."
    (finding,) = run_review(story(text), ["narrative-category"])
    assert "'sangat baik', padahal capaiannya 100% masuk kategori 'Baik'" in finding.message
    sangat = tuple(
        replace(o, rating="Sangat Baik") if o.indicator == "IK24" else o for o in story("").outcomes
    )
    assert run_review(story(text, outcomes=sangat), ["narrative-category"]) == []


def test_a_category_said_of_an_objective_is_compared_with_the_objectives():
    objectives = (
        ObjectiveOutcome("SS15", "Meningkatnya kualitas layanan informasi", D(70), "Cukup Baik"),
    )
    text = "Secara umum Meningkatnya kualitas layanan informasi tercapai sangat baik."
    (finding,) = run_review(story(text, objective_outcomes=objectives), ["narrative-category"])
    assert str(finding.location) == "Narasi 'analisis' · SS15"
    assert "capaian sasaran SS15 'sangat baik', padahal capaiannya 70% masuk kategori" in (
        finding.message
    )
    same = "Secara umum Meningkatnya kualitas layanan informasi cukup baik."
    assert run_review(story(same, objective_outcomes=objectives), ["narrative-category"]) == []


def test_a_count_of_what_one_indicator_counts_is_its_realisation():
    (finding,) = run_review(
        story(
            "Untuk penyesuaian kebutuhan telah melaksanakan revisi usulan DIPA sebanyak 21 kali "
            "revisi DIPA."
        ),
        ["narrative-number"],
    )
    assert str(finding.location) == "Narasi 'analisis' · SS04 · IK05"
    assert "menyebut '21 kali revisi' untuk IK05" in finding.message
    assert "realisasinya '4 laporan' (capaian tercetak 95%): 21 bukan 4" in finding.message


def test_a_count_beside_the_stated_target_is_read_as_the_realisation():
    text = (
        "Dari pemaparan di atas pencapaian kompetensi pegawai telah mencapai 100 % karena dari "
        "target sebesar 3 orang pegawai yang akan diikut sertakan, KPU Kota Metro "
        "mengikutsertakan sebanyak 8 orang pegawai."
    )
    (finding,) = run_review(story(text), ["narrative-number"])
    assert str(finding.location) == "Narasi 'analisis' · SS01 · IK01"
    assert "menyebut '8 orang' untuk IK01" in finding.message
    assert "'5 orang' (capaian tercetak 100%): 8 bukan 5" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "dari target sebesar 3 orang pegawai, sebanyak 5 orang pegawai mengikuti pelatihan.",
        "dari target sebesar 3 orang pegawai, sebanyak 3 orang telah terdaftar.",  # the target
        "Sebanyak 8 orang pegawai mengikuti pelatihan bendahara.",  # no target: no link
        "Pendidikan S1 sebanyak 10 orang dan S2 sebanyak 3 orang.",  # no target word
        "dari target 4 laporan, tersusun 6 laporan.",  # 4 laporan is no indicator's target here
        "telah melaksanakan 4 kali revisi DIPA.",
        "sesuai dengan jadwal revisi yang ditetapkan.",
    ],
)
def test_counts_that_agree_or_cannot_be_linked_pass(text: str) -> None:
    assert run_review(story(text), ["narrative-number"]) == []


def test_a_noun_counted_by_two_indicators_links_to_neither():
    facts = (*STORY_INDICATORS, IndicatorFacts("IK06", "SS04", "Jumlah revisi anggaran"))
    passage = Passage("N", "sebanyak 21 kali revisi DIPA.", ("IK05", "IK06"))
    assert run_review(story("", indicators=facts, passages=(passage,)), ["narrative-number"]) == []


def test_a_target_two_indicators_share_links_to_neither():
    text = "dari target sebesar 3 orang pegawai, sebanyak 8 orang pegawai mengikuti pelatihan."
    base = story(text)
    other = replace(measured("IK24", "90%", "3 orang", "3 orang"), objective="SS15")
    assert run_review(replace(base, targets=(*base.targets, other)), ["narrative-number"]) == []


@pytest.mark.parametrize(
    "text",
    [
        "Dalam permasalahan sengketa selama Tahun 2024 tidak terkait kasus sengketa.",
        "Tidak ada sengketa hukum selama tahun 2024.",
        "Selama tahun 2024 tidak terdapat perkara sengketa.",
    ],
)
def test_none_said_beside_a_realisation_above_zero_is_flagged(text: str) -> None:
    (finding,) = run_review(story(text), ["narrative-none"])
    assert str(finding.location) == "Narasi 'analisis' · SS12 · IK19"
    assert "menyatakan tidak ada sengketa" in finding.message
    assert (
        "realisasi IK19 (Penurunan jumlah sengketa hukum) adalah '1 laporan' (capaian "
        "tercetak 80%)" in finding.message
    )


@pytest.mark.parametrize(
    "text",
    [
        "Terdapat 1 sengketa yang telah diselesaikan.",  # no "none" said
        "Tidak ada laporan yang terlambat.",  # "laporan" is what no indicator here counts
        "Sengketa tidak ada yang dimenangkan pihak lain.",  # the noun before the negation
        "Tidak ada kendala dalam penanganan sengketa.",  # said of another thing
    ],
)
def test_sentences_that_do_not_say_none_of_the_counted_thing_pass(text: str) -> None:
    assert run_review(story(text), ["narrative-none"]) == []
