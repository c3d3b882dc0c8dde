"""Rating scales: rate, and the rule "every value exactly once" (validate_scale)."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest

from kinerja.core.scales import (
    DEFAULT_RATING_SCALE,
    RatingBand,
    RatingScale,
    validate_scale,
)

D = Decimal

KPU_KOTA_METRO = (
    RatingBand("Gagal", None, D(5), upper_inclusive=False),
    RatingBand("Cukup Baik", D(55), D(75)),
    RatingBand("Baik", D(76), D(100)),
    RatingBand("Sangat Baik", D(100), None, lower_inclusive=False),
)


def kinds(scale: RatingScale) -> list[str]:
    return [problem.kind for problem in validate_scale(scale)]


def test_kpu_kota_metro_scale_has_exactly_two_gaps() -> None:
    problems = validate_scale(RatingScale("KPU Kota Metro", KPU_KOTA_METRO))
    assert [(p.kind, p.lower, p.upper) for p in problems] == [
        ("gap", D(5), D(55)),
        ("gap", D(75), D(76)),
    ]
    assert problems[1].message == (
        "celah antara 75% dan 76%: nilai seperti 75,5% tidak mendapat kategori"
    )
    assert problems[0].message.startswith("celah antara 5% dan 55%")


@pytest.mark.parametrize("order", list(itertools.permutations(range(4))))
def test_band_order_does_not_matter(order: tuple[int, ...]) -> None:
    reference = validate_scale(RatingScale("x", KPU_KOTA_METRO))
    shuffled = RatingScale("x", tuple(KPU_KOTA_METRO[i] for i in order))
    assert validate_scale(shuffled) == reference


def test_kpu_scale_rates() -> None:
    scale = RatingScale("KPU Kota Metro", KPU_KOTA_METRO)
    assert scale.rate(D(4)) is KPU_KOTA_METRO[0]
    assert scale.rate(D(5)) is None
    assert scale.rate(D("75.5")) is None
    assert scale.rate(D(75)) is KPU_KOTA_METRO[1]
    assert scale.rate(D(100)) is KPU_KOTA_METRO[2]
    assert scale.rate(D("100.01")) is KPU_KOTA_METRO[3]
    assert scale.rate(None) is None


def test_default_scale_is_valid_and_rates_boundaries_downwards() -> None:
    assert validate_scale(DEFAULT_RATING_SCALE) == []
    labels = {
        "-10": "Sangat Kurang",
        "50": "Sangat Kurang",
        "50.01": "Kurang",
        "65": "Kurang",
        "75": "Cukup",
        "75.5": "Baik",
        "90": "Baik",
        "90.5": "Sangat Baik",
        "166": "Sangat Baik",
    }
    for value, label in labels.items():
        band = DEFAULT_RATING_SCALE.rate(D(value))
        assert band is not None and band.label == label, value
    assert all(band.color and band.color.startswith("#") for band in DEFAULT_RATING_SCALE.bands)


def test_exclusive_bounds_meeting_at_a_number_leave_a_point_gap() -> None:
    scale = RatingScale(
        "x",
        (
            RatingBand("Rendah", None, D(75), upper_inclusive=False),
            RatingBand("Tinggi", D(75), None, lower_inclusive=False),
        ),
    )
    problems = validate_scale(scale)
    assert len(problems) == 1
    assert problems[0].kind == "gap"
    assert problems[0].lower == problems[0].upper == D(75)
    assert problems[0].message == "celah di 75%: nilai 75% tidak mendapat kategori"


def test_inclusive_bounds_meeting_at_a_number_overlap() -> None:
    scale = RatingScale(
        "x",
        (
            RatingBand("Rendah", None, D(55), upper_inclusive=False),
            RatingBand("Cukup", D(55), D(75)),
            RatingBand("Baik", D(75), D(100)),
            RatingBand("Sangat Baik", D(100), None, lower_inclusive=False),
        ),
    )
    problems = validate_scale(scale)
    assert [(p.kind, p.lower, p.upper) for p in problems] == [("overlap", D(75), D(75))]
    assert "'Cukup' dan 'Baik'" in problems[0].message
    assert scale.rate(D(75)) is scale.bands[1]  # the first band listed wins


def test_overlapping_ranges() -> None:
    scale = RatingScale(
        "x",
        (
            RatingBand("A", None, D(80)),
            RatingBand("B", D(70), None, lower_inclusive=False),
        ),
    )
    problems = validate_scale(scale)
    assert [(p.kind, p.lower, p.upper) for p in problems] == [("overlap", D(70), D(80))]
    assert problems[0].message.startswith("tumpang tindih antara 70% dan 80%")


def test_finite_ends_are_unbounded_problems() -> None:
    scale = RatingScale("x", (RatingBand("Baik", D(0), D(100)),))
    problems = validate_scale(scale)
    assert [(p.kind, p.lower, p.upper) for p in problems] == [
        ("unbounded_low", None, D(0)),
        ("unbounded_high", D(100), None),
    ]
    assert problems[0].message == "tidak ada kategori untuk nilai di bawah 0%"
    assert problems[1].message == "tidak ada kategori untuk nilai di atas 100%"


def test_exclusive_finite_ends_include_the_bound_in_the_message() -> None:
    scale = RatingScale(
        "x", (RatingBand("Baik", D(0), D(100), lower_inclusive=False, upper_inclusive=False),)
    )
    messages = [p.message for p in validate_scale(scale)]
    assert messages == [
        "tidak ada kategori untuk nilai 0% ke bawah",
        "tidak ada kategori untuk nilai 100% ke atas",
    ]


def test_empty_and_inverted_bands() -> None:
    scale = RatingScale(
        "x",
        (
            RatingBand("Semua", None, None),
            RatingBand("Kosong", D(5), D(5), upper_inclusive=False),
            RatingBand("Terbalik", D(10), D(5)),
        ),
    )
    assert kinds(scale) == ["empty", "inverted"]
    assert RatingBand("Titik", D(5), D(5)).contains(D(5))
    assert not RatingBand("Titik", D(5), D(5)).is_empty


def test_scale_without_bands() -> None:
    assert kinds(RatingScale("x", ())) == ["empty"]
    only_empty = RatingScale("x", (RatingBand("Kosong", D(5), D(5), lower_inclusive=False),))
    assert kinds(only_empty) == ["empty", "empty"]


def test_single_unbounded_band_is_valid() -> None:
    assert validate_scale(RatingScale("Berhasil", (RatingBand("Berhasil", None, None),))) == []


def test_common_printed_integer_scale_has_gaps_for_decimals() -> None:
    scale = RatingScale(
        "umum",
        (
            RatingBand("Sangat Baik", D(91), D(100)),
            RatingBand("Baik", D(76), D(90)),
            RatingBand("Cukup", D(66), D(75)),
            RatingBand("Kurang", D(51), D(65)),
            RatingBand("Sangat Kurang", None, D(50)),
        ),
    )
    problems = validate_scale(scale)
    assert [(p.kind, p.lower, p.upper) for p in problems] == [
        ("gap", D(50), D(51)),
        ("gap", D(65), D(66)),
        ("gap", D(75), D(76)),
        ("gap", D(90), D(91)),
        ("unbounded_high", D(100), None),
    ]


def test_contains_respects_inclusivity() -> None:
    band = RatingBand("x", D(50), D(65), lower_inclusive=False)
    assert not band.contains(D(50))
    assert band.contains(D("50.0001"))
    assert band.contains(D(65))
    assert not band.contains(D("65.0001"))
    assert RatingBand("x", None, None).contains(D(-(10**9)))
