"""Achievement rules of `domain.md` section 4, kind by kind, polarity by polarity."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.core.achievement import (
    Achievement,
    Status,
    achievement,
    band_achievement,
    capped,
    grade_achievement,
    number_achievement,
    number_text,
)
from kinerja.core.grades import BPK_OPINION, LKE_ANSWER, SAKIP_PREDICATE
from kinerja.core.settings import (
    AchievementSettings,
    GradeMethod,
    LowerIsBetterFormula,
    Polarity,
)
from kinerja.core.values import Band, Grade, Milestone, Percentage, Quantity, parse_value

D = Decimal
HIGHER = Polarity.HIGHER_IS_BETTER
LOWER = Polarity.LOWER_IS_BETTER
MIRROR = AchievementSettings()
RATIO = AchievementSettings(lower_is_better=LowerIsBetterFormula.RATIO)


def cap(target: str, realization: str, **kwargs: object) -> Achievement:
    return achievement(parse_value(target), parse_value(realization), **kwargs)  # type: ignore[arg-type]


def value_of(target: str, realization: str, **kwargs: object) -> Decimal:
    result = cap(target, realization, **kwargs)
    assert result.status is Status.MEASURED, result
    assert result.value is not None
    return result.value


# --- missing values -------------------------------------------------------------------------


def test_no_realisation_is_unmeasured_never_zero() -> None:
    result = achievement(parse_value("95%"), None)
    assert result.status is Status.UNMEASURED
    assert result.value is None
    assert not result.is_measured
    assert result.reason == "realisasi belum diisi"


def test_no_realisation_and_no_target_is_unmeasured() -> None:
    assert achievement(None, None).status is Status.UNMEASURED


def test_realisation_without_target_is_not_computable() -> None:
    result = achievement(None, parse_value("95%"))
    assert result.status is Status.NOT_COMPUTABLE
    assert result.reason == "target belum ditetapkan"
    assert result.value is None


def test_measured_achievement_is_measured() -> None:
    result = cap("100%", "95%")
    assert result.is_measured
    assert result.reason is None


# --- percentages and single quantities ------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "realization", "expected"),
    [
        ("100%", "95%", "95"),
        ("95%", "95%", "100"),
        ("90%", "99%", "110"),
        ("80%", "0%", "0"),
        ("10 unit", "12 unit", "120"),
        ("3 orang", "5 orang", "166.6666666666666666666666667"),
        ("4 laporan", "2 laporan", "50"),
        ("1.645 orang", "1.645 orang", "100"),
        ("100%", "-5%", "-5"),
    ],
)
def test_higher_is_better_is_r_over_t(target: str, realization: str, expected: str) -> None:
    assert value_of(target, realization) == D(expected)


@pytest.mark.parametrize(
    ("target", "realization", "expected"),
    [
        ("10%", "5%", "150"),
        ("10%", "10%", "100"),
        ("10%", "15%", "50"),
        ("10%", "20%", "0"),
        ("10%", "30%", "-100"),  # no floor
        ("10%", "0%", "200"),
        ("4 sengketa", "2 sengketa", "150"),
    ],
)
def test_lower_is_better_mirror(target: str, realization: str, expected: str) -> None:
    assert value_of(target, realization, polarity=LOWER) == D(expected)
    assert value_of(target, realization, polarity=LOWER, settings=MIRROR) == D(expected)


@pytest.mark.parametrize(
    ("target", "realization", "expected"),
    [
        ("10%", "5%", "200"),
        ("10%", "10%", "100"),
        ("10%", "20%", "50"),
        ("3 kasus", "4 kasus", "75"),
    ],
)
def test_lower_is_better_ratio(target: str, realization: str, expected: str) -> None:
    assert value_of(target, realization, polarity=LOWER, settings=RATIO) == D(expected)


def test_ratio_with_zero_realisation_is_not_computable() -> None:
    result = cap("10%", "0%", polarity=LOWER, settings=RATIO)
    assert result.status is Status.NOT_COMPUTABLE
    assert result.reason == "realisasi nol: rumus T/R tidak terdefinisi"


def test_ratio_with_negative_realisation_is_not_computable() -> None:
    result = cap("10%", "-1%", polarity=LOWER, settings=RATIO)
    assert result.status is Status.NOT_COMPUTABLE
    assert result.reason is not None
    assert "realisasi negatif" in result.reason


def test_higher_plus_mirror_is_200() -> None:
    for target, realization in [("3", "5"), ("7", "1"), ("0.3", "0.1"), ("100", "250")]:
        higher = number_achievement(D(target), D(realization), HIGHER).value
        lower = number_achievement(D(target), D(realization), LOWER).value
        assert higher is not None and lower is not None
        assert higher + lower == 200


# --- zero and negative targets --------------------------------------------------------------


@pytest.mark.parametrize(
    ("polarity", "settings", "realization", "expected"),
    [
        (HIGHER, MIRROR, "0", "100"),
        (HIGHER, MIRROR, "3", "100"),
        (HIGHER, MIRROR, "-1", "0"),
        (LOWER, MIRROR, "0", "100"),
        (LOWER, MIRROR, "-1", "100"),
        (LOWER, MIRROR, "2", "0"),
        (LOWER, RATIO, "0", "100"),
        (LOWER, RATIO, "2", "0"),
    ],
)
def test_zero_target_is_100_when_met_else_0(
    polarity: Polarity, settings: AchievementSettings, realization: str, expected: str
) -> None:
    result = number_achievement(D(0), D(realization), polarity, settings)
    assert result.value == D(expected)
    assert any("target nol" in note for note in result.notes)


def test_zero_target_through_parsed_values() -> None:
    assert value_of("0 sengketa", "0 sengketa", polarity=LOWER) == 100
    assert value_of("0 sengketa", "1 sengketa", polarity=LOWER) == 0
    assert value_of("0%", "0%", polarity=LOWER, settings=RATIO) == 100


def test_negative_target_is_not_computable() -> None:
    result = cap("-5%", "3%")
    assert result.status is Status.NOT_COMPUTABLE
    assert result.reason is not None
    assert "target negatif" in result.reason
    assert cap("-5%", "3%", polarity=LOWER).status is Status.NOT_COMPUTABLE


def test_band_polarity_without_band_target_is_higher_is_better() -> None:
    result = cap("10 unit", "12 unit", polarity=Polarity.BAND)
    assert result.value == 120
    assert any("makin tinggi makin baik" in note for note in result.notes)
    direct = number_achievement(D(10), D(5), Polarity.BAND)
    assert direct.value == 50


# --- quantities: units and parts ------------------------------------------------------------


def test_unit_mismatch_still_compares_numbers_with_a_note() -> None:
    result = cap("4 triwulan", "4 laporan")
    assert result.value == 100
    assert result.notes == ("satuan berbeda: target '4 triwulan', realisasi '4 laporan'",)


def test_normalised_units_match_without_a_note() -> None:
    result = cap("12 Bln", "12 bulan")
    assert result.value == 100
    assert result.notes == ()


@pytest.mark.parametrize(
    ("target", "realization", "expected"),
    [
        ("1 Gedung dan 1 gudang", "1 Gedung/ 1 gudang", "100"),
        ("4 unit sarana IT", "4 unit sarana IT dan 1 unit sarana printer", "100"),
        ("12 Bulan/3 triwulan", "12 Bulan/3 triwulan", "100"),
        ("12 bulan dan 4 laporan", "6 bulan dan 4 laporan", "75"),
        ("1 gedung dan 1 gudang", "1 gudang dan 1 gedung", "100"),
        ("2 gedung dan 2 gedung", "2 gedung dan 1 gedung", "75"),
    ],
)
def test_multi_part_quantities(target: str, realization: str, expected: str) -> None:
    assert value_of(target, realization) == D(expected)


def test_extra_realisation_part_is_ignored_with_a_note() -> None:
    result = cap("4 unit sarana IT", "4 unit sarana IT dan 1 unit sarana printer")
    assert "bagian realisasi '1 unit sarana printer' tidak ada pada target: tidak dihitung" in (
        result.notes
    )


def test_missing_target_part_counts_as_zero_with_a_note() -> None:
    result = cap("1 gedung dan 1 gudang", "1 gedung")
    assert result.value == 50
    assert "bagian target '1 gudang' tidak ada pada realisasi: dihitung 0" in result.notes


def test_missing_target_part_under_lower_is_better_counts_zero() -> None:
    assert value_of("2 aduan dan 2 sengketa", "2 aduan", polarity=LOWER) == 150


def test_no_matching_part_is_not_computable() -> None:
    result = cap("1 gedung dan 1 gudang", "3 orang")
    assert result.status is Status.NOT_COMPUTABLE
    assert result.reason is not None
    assert "tidak ada satuan realisasi yang cocok" in result.reason
    assert cap("3 orang", "1 gedung dan 1 gudang").status is Status.NOT_COMPUTABLE


def test_part_not_computable_makes_the_whole_not_computable() -> None:
    result = cap("2 aduan dan 2 sengketa", "2 aduan", polarity=LOWER, settings=RATIO)
    assert result.status is Status.NOT_COMPUTABLE
    assert result.reason is not None
    assert result.reason.startswith("bagian '2 sengketa'")


def test_empty_quantities_are_not_computable() -> None:
    result = achievement(Quantity(()), parse_value("3 orang"))
    assert result.status is Status.NOT_COMPUTABLE


# --- incomparable kinds ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "realization", "kinds"),
    [
        ("95%", "3 orang", ("persentase", "jumlah dengan satuan")),
        ("3 orang", "95%", ("jumlah dengan satuan", "persentase")),
        ("95%", "B", ("persentase", "predikat")),
        ("B", "95%", ("predikat", "persentase")),
        ("selesai", "95%", ("tahapan", "persentase")),
        ("3 orang", "selesai", ("jumlah dengan satuan", "tahapan")),
        ("90%-100%", "3 orang", ("rentang", "jumlah dengan satuan")),
        ("2-5 orang", "95%", ("rentang", "persentase")),
        ("2-5 orang", "2-5 orang", ("rentang", "rentang")),
        ("95%", "90%-100%", ("persentase", "rentang")),
    ],
)
def test_incomparable_kinds_name_both(
    target: str, realization: str, kinds: tuple[str, str]
) -> None:
    result = cap(target, realization)
    assert result.status is Status.NOT_COMPUTABLE
    assert result.reason is not None
    assert result.reason.startswith(f"target berupa {kinds[0]}")
    assert f"realisasi berupa {kinds[1]}" in result.reason
    assert "tidak dapat dibandingkan" in result.reason


def test_incomparable_kinds_under_band_polarity_keep_the_note() -> None:
    result = cap("95%", "3 orang", polarity=Polarity.BAND)
    assert result.status is Status.NOT_COMPUTABLE
    assert result.notes


# --- grades ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "target", "realization", "expected"),
    [
        (GradeMethod.REACHED_OR_RANK_RATIO, "BB", "BB", "100"),
        (GradeMethod.REACHED_OR_RANK_RATIO, "BB", "A", "100"),
        (GradeMethod.REACHED_OR_RANK_RATIO, "BB", "B", "80"),
        (GradeMethod.REACHED_OR_RANK_RATIO, "A", "D", "16.66666666666666666666666667"),
        (GradeMethod.REACHED, "BB", "A", "100"),
        (GradeMethod.REACHED, "BB", "BB", "100"),
        (GradeMethod.REACHED, "BB", "B", "0"),
        (GradeMethod.RANK_RATIO, "BB", "A", "120"),
        (GradeMethod.RANK_RATIO, "BB", "BB", "100"),
        (GradeMethod.RANK_RATIO, "BB", "B", "80"),
    ],
)
def test_grade_methods(method: GradeMethod, target: str, realization: str, expected: str) -> None:
    settings = AchievementSettings(grade_method=method)
    assert value_of(target, realization, settings=settings) == D(expected)


def test_grade_default_scale_is_sakip_predicate() -> None:
    assert value_of("BB", "B") == 80
    assert cap("WTP", "WTP").status is Status.NOT_COMPUTABLE


def test_bpk_opinion_scale() -> None:
    assert value_of("WTP", "WDP", grade_scale=BPK_OPINION) == 75
    assert value_of("WDP", "WTP", grade_scale=BPK_OPINION) == 100


def test_grade_not_on_scale_is_not_computable_with_the_reference_case() -> None:
    result = cap("B", "WTP", grade_scale=BPK_OPINION)
    assert result.status is Status.NOT_COMPUTABLE
    assert result.reason == "nilai 'B' tidak ada pada skala Opini BPK"
    result = cap("WTP", "B", grade_scale=BPK_OPINION)
    assert result.reason == "nilai 'B' tidak ada pada skala Opini BPK"


def test_grades_compare_case_insensitively() -> None:
    assert grade_achievement(Grade("bb"), Grade("A")).value == 100


def test_lke_scale_has_e() -> None:
    assert value_of("B", "E", grade_scale=LKE_ANSWER) == D("20")


@pytest.mark.parametrize("polarity", list(Polarity))
def test_polarity_is_ignored_for_grades(polarity: Polarity) -> None:
    assert value_of("BB", "A", polarity=polarity) == 100
    assert value_of("BB", "B", polarity=polarity) == 80


def test_grade_achievement_default_scale() -> None:
    assert grade_achievement(Grade("A"), Grade("AA"), scale=SAKIP_PREDICATE).value == 100


# --- milestones -----------------------------------------------------------------------------


@pytest.mark.parametrize("polarity", list(Polarity))
def test_milestone_done_is_100_not_done_is_0(polarity: Polarity) -> None:
    assert value_of("selesai", "selesai", polarity=polarity) == 100
    assert value_of("selesai", "belum", polarity=polarity) == 0
    assert achievement(Milestone(True), Milestone(False)).value == 0


def test_milestone_needs_a_milestone_realisation() -> None:
    assert cap("selesai", "100%").status is Status.NOT_COMPUTABLE


# --- bands ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("band", "realization", "expected"),
    [
        ("90%-100%", "90%", "100"),
        ("90%-100%", "95%", "100"),
        ("90%-100%", "100%", "100"),
        ("90%-100%", "45%", "50"),
        ("90%-100%", "0%", "0"),
        ("90%-100%", "110%", "90"),
        ("90%-100%", "300%", "-100"),
        ("2-5 orang", "1 orang", "50"),
        ("2-5 orang", "4 orang", "100"),
        ("2-5 orang", "6 orang", "80"),
    ],
)
def test_band_target(band: str, realization: str, expected: str) -> None:
    assert value_of(band, realization) == D(expected)


@pytest.mark.parametrize("polarity", list(Polarity))
def test_band_ignores_polarity(polarity: Polarity) -> None:
    assert value_of("90%-100%", "110%", polarity=polarity) == 90


def test_band_with_zero_lower_bound() -> None:
    assert band_achievement(D(0), D(10), D(-1)).value == 0
    assert band_achievement(D(0), D(10), D(0)).value == 100
    assert band_achievement(D(0), D(10), D(15)).value == 50


def test_band_with_zero_upper_bound() -> None:
    assert band_achievement(D(0), D(0), D(0)).value == 100
    assert band_achievement(D(0), D(0), D(1)).value == 0
    assert band_achievement(D(0), D(0), D(-1)).value == 0


def test_band_with_negative_or_inverted_bounds_is_not_computable() -> None:
    assert band_achievement(D(-5), D(10), D(1)).status is Status.NOT_COMPUTABLE
    assert band_achievement(D(10), D(5), D(7)).status is Status.NOT_COMPUTABLE
    assert achievement(Band(D(10), D(5), "%"), Percentage(D(7))).status is Status.NOT_COMPUTABLE


def test_band_quantity_unit_mismatch_single_part_has_a_note() -> None:
    result = cap("2-5 orang", "4 laporan")
    assert result.value == 100
    assert result.notes == ("satuan berbeda: target '2–5 orang', realisasi '4 laporan'",)


def test_band_quantity_picks_the_matching_part() -> None:
    assert value_of("2-5 orang", "10 laporan dan 1 orang") == 50


def test_band_quantity_without_matching_part_is_not_computable() -> None:
    result = cap("2-5 orang", "10 laporan dan 1 gedung")
    assert result.status is Status.NOT_COMPUTABLE


def test_band_in_persen_takes_a_percentage() -> None:
    assert achievement(Band(D(90), D(100), "persen"), Percentage(D(95))).value == 100


# --- cap ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cap_", "cap_to", "value", "expected"),
    [
        (None, None, "166", "166"),
        ("100", None, "166", "100"),
        ("100", None, "100", "100"),
        ("100", None, "95", "95"),
        ("110", "120", "111", "120"),
        ("110", "120", "110", "110"),
        ("120", None, "-5", "-5"),
        (None, "120", "500", "500"),
    ],
)
def test_capped(cap_: str | None, cap_to: str | None, value: str, expected: str) -> None:
    settings = AchievementSettings(
        cap=None if cap_ is None else D(cap_), cap_to=None if cap_to is None else D(cap_to)
    )
    assert capped(D(value), settings) == D(expected)


def test_achievement_itself_is_never_capped() -> None:
    assert value_of("10 unit", "30 unit", settings=AchievementSettings(cap=D(100))) == 300


# --- helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("1645", "1.645"),
        ("95.50", "95,5"),
        ("-1234567.25", "-1.234.567,25"),
        ("0", "0"),
        ("-0", "0"),
        ("100", "100"),
        ("1E+3", "1.000"),
    ],
)
def test_number_text(amount: str, text: str) -> None:
    assert number_text(D(amount)) == text
