"""Indonesian formats: numbers, percentages, rupiah, dates, values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kinerja.core.values import Band, Grade, Milestone, Percentage, parse_value
from kinerja.formats import (
    format_billions,
    format_date,
    format_number,
    format_percent,
    format_rupiah,
    format_value,
    round_half_up,
)

D = Decimal


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("95.495", 2, "95.50"),
        ("95.494", 2, "95.49"),
        ("0.5", 0, "1"),
        ("1.5", 0, "2"),
        ("2.5", 0, "3"),
        ("-2.5", 0, "-3"),
        ("166.6666666666666666666666667", 2, "166.67"),
        ("12345678901234567890123456789.5", 0, "12345678901234567890123456790"),
    ],
)
def test_round_half_up(value: str, places: int, expected: str) -> None:
    assert str(round_half_up(D(value), places)) == expected


def test_round_half_up_refuses_negative_places() -> None:
    with pytest.raises(ValueError):
        round_half_up(D(1), -1)


@pytest.mark.parametrize(
    ("value", "places", "trim", "expected"),
    [
        (D("15534394000"), 0, False, "15.534.394.000"),
        (15534394000, 0, False, "15.534.394.000"),
        (D("95.5"), 2, False, "95,50"),
        (D("95.5"), 2, True, "95,5"),
        (D("95"), 2, True, "95"),
        (D(-5), 0, False, "-5"),
        (D("-1234.5"), 1, False, "-1.234,5"),
        (D("-0.4"), 0, False, "0"),
        (D("999.995"), 2, False, "1.000,00"),
        (D(0), 0, False, "0"),
        (D(100), 0, False, "100"),
        (D(1000), 0, False, "1.000"),
    ],
)
def test_format_number(value: Decimal | int, places: int, trim: bool, expected: str) -> None:
    assert format_number(value, places, trim=trim) == expected


def test_format_percent() -> None:
    assert format_percent(D("95.5")) == "95,50%"
    assert format_percent(D("166.6666666666666666666666667")) == "166,67%"
    assert format_percent(D("95.5"), trim=True) == "95,5%"
    assert format_percent(D(100), 0) == "100%"
    assert format_percent(None) == "-"


def test_format_rupiah() -> None:
    assert format_rupiah(D("15534394000")) == "Rp 15.534.394.000"
    assert format_rupiah(1000) == "Rp 1.000"
    assert format_rupiah(D("999.5")) == "Rp 1.000"
    assert format_rupiah(D(-5000)) == "-Rp 5.000"
    assert format_rupiah(None) == "-"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 1, 6), "6 Januari 2025"),
        (date(2024, 2, 28), "28 Februari 2024"),
        (date(2024, 5, 1), "1 Mei 2024"),
        (date(2024, 8, 17), "17 Agustus 2024"),
        (date(2024, 12, 31), "31 Desember 2024"),
    ],
)
def test_format_date(day: date, expected: str) -> None:
    assert format_date(day) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("95%", "95%"),
        ("95,5%", "95,5%"),
        ("95,50%", "95,5%"),
        ("1 Gedung dan 1 gudang", "1 Gedung dan 1 gudang"),
        ("1 Gedung/ 1 gudang", "1 Gedung dan 1 gudang"),
        ("1.645 orang", "1.645 orang"),
        ("2,5 laporan", "2,5 laporan"),
        ("WTP", "WTP"),
        ("selesai", "Selesai"),
        ("belum", "Belum selesai"),
        ("90%-100%", "90%–100%"),
        ("2-5 orang", "2–5 orang"),
    ],
)
def test_format_value(text: str, expected: str) -> None:
    assert format_value(parse_value(text)) == expected


def test_format_value_never_rounds() -> None:
    assert format_value(Percentage(D("33.333333"))) == "33,333333%"
    assert format_value(Percentage(D("1E+2"))) == "100%"
    assert format_value(Band(D("0.5"), D(1), "%")) == "0,5%–1%"
    assert format_value(Grade("BB")) == "BB"
    assert format_value(Milestone(True)) == "Selesai"


def test_format_value_refuses_other_objects() -> None:
    with pytest.raises(TypeError):
        format_value("95%")  # type: ignore[arg-type]


def test_billions_for_chart_axes() -> None:
    assert format_billions(12_692_171_000) == "12,7 M"
    assert format_billions(2_000_000_000.0) == "2 M"
    assert format_billions(0) == "0 M"
