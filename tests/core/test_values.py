"""values.parse_value and parse_number on the forms the reference LKj prints."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.core.values import (
    Band,
    Grade,
    Milestone,
    Percentage,
    Quantity,
    QuantityPart,
    ValueKind,
    ValueParseError,
    normalize_unit,
    numeric,
    parse_number,
    parse_value,
)


def q(*parts: tuple[str, str]) -> Quantity:
    return Quantity(tuple(QuantityPart(Decimal(amount), unit) for amount, unit in parts))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("100%", Percentage(Decimal("100"))),
        ("95%", Percentage(Decimal("95"))),
        ("95,5%", Percentage(Decimal("95.5"))),
        ("100 %", Percentage(Decimal("100"))),
        ("0,5%", Percentage(Decimal("0.5"))),
        ("-5%", Percentage(Decimal("-5"))),
        ("3 orang", q(("3", "orang"))),
        ("1.645 orang", q(("1645", "orang"))),
        ("10 unit", q(("10", "unit"))),
        ("12 unit", q(("12", "unit"))),
        ("4 triwulan", q(("4", "triwulan"))),
        ("1 Gedung dan 1 gudang", q(("1", "Gedung"), ("1", "gudang"))),
        ("1 Gedung/ 1 gudang", q(("1", "Gedung"), ("1", "gudang"))),
        ("4 unit sarana IT", q(("4", "unit sarana IT"))),
        (
            "4 unit sarana IT dan 1 unit sarana printer",
            q(("4", "unit sarana IT"), ("1", "unit sarana printer")),
        ),
        ("12 Bulan/3 triwulan", q(("12", "Bulan"), ("3", "triwulan"))),
        ("60 km/jam", q(("60", "km/jam"))),
        ("B", Grade("B")),
        ("WTP", Grade("WTP")),
        ("AA", Grade("AA")),
        ("selesai", Milestone(done=True)),
        ("Selesai", Milestone(done=True)),
        ("belum selesai", Milestone(done=False)),
        ("belum", Milestone(done=False)),
        ("90%-100%", Band(Decimal("90"), Decimal("100"), "%")),
        ("90 - 100%", Band(Decimal("90"), Decimal("100"), "%")),
        ("90% - 100", Band(Decimal("90"), Decimal("100"), "%")),
        ("90 s.d. 100%", Band(Decimal("90"), Decimal("100"), "%")),
        ("2-5 orang", Band(Decimal("2"), Decimal("5"), "orang")),
        ("12 sampai 24 bulan", Band(Decimal("12"), Decimal("24"), "bulan")),
    ],
)
def test_parse_value_reads_the_printed_forms(text: str, expected: object) -> None:
    assert parse_value(text) == expected


def test_parsed_kinds() -> None:
    assert parse_value("95%").kind is ValueKind.PERCENTAGE
    assert parse_value("3 orang").kind is ValueKind.QUANTITY
    assert parse_value("B").kind is ValueKind.GRADE
    assert parse_value("selesai").kind is ValueKind.MILESTONE
    assert parse_value("90%-100%").kind is ValueKind.BAND


@pytest.mark.parametrize(
    "text",
    ["", "   ", "abc", "banyak sekali", "95.5", "10", "90-100", "100-90%", "1,000.5 orang", "%"],
)
def test_parse_value_refuses_garbage_with_an_indonesian_message(text: str) -> None:
    with pytest.raises(ValueParseError) as excinfo:
        parse_value(text)
    message = str(excinfo.value)
    assert any(
        word in message for word in ("tidak dikenali", "kosong", "rentang", "batas", "angka")
    )


def test_garbage_message_suggests_the_accepted_forms() -> None:
    with pytest.raises(ValueParseError, match="tidak dikenali: tulis persentase"):
        parse_value("abc")


def test_band_with_mixed_units_is_refused() -> None:
    with pytest.raises(ValueParseError, match="satuan batas bawah"):
        parse_value("90% - 100 orang")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.645", "1645"),
        ("15.534.394.000", "15534394000"),
        ("95,5", "95.5"),
        ("1.234,5", "1234.5"),
        ("95.5", "95.5"),
        ("0.500", "0.500"),
        ("-5", "-5"),
        ("-1.645", "-1645"),
        ("0", "0"),
    ],
)
def test_parse_number_indonesian_separators(text: str, expected: str) -> None:
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["1,000.5", "1.2.3", "1,2,3", "abc", "", "1.23.456"])
def test_parse_number_refuses_ambiguous_or_garbage(text: str) -> None:
    with pytest.raises(ValueParseError, match="angka"):
        parse_number(text)


def test_value_parse_error_is_a_value_error() -> None:
    assert issubclass(ValueParseError, ValueError)


def test_normalize_unit_expands_abbreviations_and_case() -> None:
    assert normalize_unit("  Bln ") == "bulan"
    assert normalize_unit("TW") == "triwulan"
    assert normalize_unit("Unit  Sarana   IT") == "unit sarana it"
    assert QuantityPart(Decimal(1), "Org").unit_key == "orang"


def test_quantity_part_for_and_is_single() -> None:
    value = parse_value("1 Gedung dan 1 gudang")
    assert isinstance(value, Quantity)
    assert not value.is_single
    assert value.part_for("gudang") == QuantityPart(Decimal(1), "gudang")
    assert value.part_for("rumah") is None


def test_numeric_only_for_single_numbers() -> None:
    assert numeric(parse_value("95,5%")) == Decimal("95.5")
    assert numeric(parse_value("3 orang")) == Decimal(3)
    assert numeric(parse_value("1 gedung dan 1 gudang")) is None
    assert numeric(parse_value("B")) is None
    assert numeric(parse_value("selesai")) is None
    assert numeric(parse_value("90%-100%")) is None
