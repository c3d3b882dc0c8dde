"""Combining quarterly realisations: LAST, SUM, MEAN."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.core.quarters import QUARTERS, combine_quarters
from kinerja.core.settings import Combine
from kinerja.core.values import (
    Percentage,
    Quantity,
    QuantityPart,
    Value,
    parse_value,
)

D = Decimal


def quarters(*texts: str) -> dict[int, Value]:
    return {index + 1: parse_value(text) for index, text in enumerate(texts)}


def test_quarters_constant() -> None:
    assert QUARTERS == (1, 2, 3, 4)


@pytest.mark.parametrize("rule", list(Combine))
def test_empty_is_none(rule: Combine) -> None:
    assert combine_quarters({}, rule) is None


@pytest.mark.parametrize("key", [0, 5, -1, True])
def test_other_keys_are_refused(key: int) -> None:
    with pytest.raises(ValueError, match="triwulan harus 1, 2, 3 atau 4"):
        combine_quarters({key: parse_value("1 laporan")}, Combine.SUM)


def test_last_takes_the_highest_quarter_present() -> None:
    values = {3: parse_value("80%"), 1: parse_value("20%"), 2: parse_value("50%")}
    assert combine_quarters(values, Combine.LAST) == Percentage(D(80))


def test_sum_of_percentages() -> None:
    assert combine_quarters(quarters("10%", "20,5%"), Combine.SUM) == Percentage(D("30.5"))


def test_sum_of_quantities_per_unit_keeps_first_unit_text_and_order() -> None:
    values = {
        2: parse_value("1 Laporan dan 2 dokumen"),
        1: parse_value("1 laporan"),
        4: parse_value("3 Dok"),
    }
    assert combine_quarters(values, Combine.SUM) == Quantity(
        (QuantityPart(D(2), "laporan"), QuantityPart(D(5), "dokumen"))
    )


def test_sum_of_a_single_quarter_is_that_value() -> None:
    assert combine_quarters({4: parse_value("3 orang")}, Combine.SUM) == parse_value("3 orang")


@pytest.mark.parametrize(
    "texts",
    [("B", "BB"), ("belum", "selesai"), ("90%-100%", "80%-90%"), ("10%", "3 orang")],
)
def test_sum_falls_back_to_last(texts: tuple[str, str]) -> None:
    assert combine_quarters(quarters(*texts), Combine.SUM) == parse_value(texts[-1])


def test_mean_of_percentages() -> None:
    assert combine_quarters(quarters("90%", "95%", "100%", "95%"), Combine.MEAN) == Percentage(
        D(95)
    )


def test_mean_of_single_unit_quantities() -> None:
    result = combine_quarters(quarters("3 orang", "4 Org", "5 orang"), Combine.MEAN)
    assert result == Quantity((QuantityPart(D(4), "orang"),))


@pytest.mark.parametrize(
    "texts",
    [
        ("3 orang", "4 laporan"),
        ("1 gedung dan 1 gudang", "1 gedung dan 1 gudang"),
        ("A", "AA"),
        ("selesai", "belum"),
        ("3 orang", "50%"),
    ],
)
def test_mean_falls_back_to_last(texts: tuple[str, str]) -> None:
    assert combine_quarters(quarters(*texts), Combine.MEAN) == parse_value(texts[-1])
