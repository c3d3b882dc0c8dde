"""Values as other offices print them: bare numbers under a unit, bounds, ranges, named formulas.

Every expected achievement is computed by hand in the comment beside it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.core.achievement import Status, achievement
from kinerja.core.caps import capped, rollup_value, shown_value
from kinerja.core.rollup import Weighted, rollup
from kinerja.core.settings import (
    AchievementSettings,
    CapScope,
    LowerIsBetterFormula,
    Polarity,
    unknown_choice_message,
)
from kinerja.core.values import (
    Band,
    Bound,
    Percentage,
    Quantity,
    QuantityPart,
    ValueParseError,
    parse_value,
)

HIGHER = Polarity.HIGHER_IS_BETTER
LOWER = Polarity.LOWER_IS_BETTER
MIRROR = AchievementSettings()
INVERSE = AchievementSettings(lower_is_better=LowerIsBetterFormula.INVERSE)


def _value(target: str, real: str, unit: str | None, polarity: Polarity, **kw: object) -> Decimal:
    result = achievement(
        parse_value(target, unit), parse_value(real, unit), polarity=polarity, **kw
    )  # type: ignore[arg-type]
    assert result.value is not None, result
    return result.value


# --- a unit per indicator ------------------------------------------------------------------------


def test_bare_number_is_a_quantity_in_the_indicator_unit() -> None:
    assert parse_value("0,16", "per 100.000 KH") == Quantity(
        (QuantityPart(Decimal("0.16"), "per 100.000 KH"),)
    )
    assert parse_value("1.645", "orang") == Quantity((QuantityPart(Decimal(1645), "orang"),))


def test_bare_number_under_percent_unit_is_a_percentage() -> None:
    assert parse_value("83,5", "%") == Percentage(Decimal("83.5"))
    assert parse_value("83,5", "persen") == Percentage(Decimal("83.5"))


def test_cell_stating_its_own_unit_keeps_working_under_an_indicator_unit() -> None:
    assert parse_value("95%", "orang") == Percentage(Decimal(95))
    assert parse_value("3 laporan", "%") == Quantity((QuantityPart(Decimal(3), "laporan"),))


def test_bare_number_without_unit_says_the_unit_is_missing_and_how_to_give_it() -> None:
    with pytest.raises(ValueParseError) as error:
        parse_value("186")
    message = str(error.value)
    assert "angka tanpa satuan" in message
    assert "'186 orang'" in message and "'186%'" in message
    assert "satuan indikator (unit" in message


def test_satuan_table_row_as_printed() -> None:
    # "Jumlah peserta pelatihan", Satuan orang: target 186, realisasi 171.
    # 171 / 186 x 100 = 91,935483870967741935483870967...
    assert _value("186", "171", "orang", HIGHER) == Decimal("91.93548387096774193548387097")
    # Angka kematian ibu, Satuan per 100.000 KH, lower is better (mirror):
    # (2 x 0,16 - 0,12) / 0,16 x 100 = 0,20 / 0,16 x 100 = 125
    assert _value("0,16", "0,12", "per 100.000 KH", LOWER) == Decimal(125)


# --- bounds ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit", "amount", "bound_unit", "at_most", "strict"),
    [
        ("kurang dari 49", "per 100.000 KH", "49", "per 100.000 KH", True, True),
        ("maksimal 2%", None, "2", "%", True, False),
        ("minimal 80%", None, "80", "%", False, False),
        ("paling sedikit 3 laporan", None, "3", "laporan", False, False),
        ("Paling banyak 5 kasus", None, "5", "kasus", True, False),
        ("lebih dari 90", "%", "90", "%", False, True),
        ("tidak kurang dari 90%", None, "90", "%", False, False),
        ("≤ 2%", None, "2", "%", True, False),
    ],
)
def test_bound_words(
    text: str,
    unit: str | None,
    amount: str,
    bound_unit: str,
    at_most: bool,
    strict: bool,
) -> None:
    assert parse_value(text, unit) == Bound(Decimal(amount), bound_unit, at_most, strict, text)


def test_ranges_as_printed() -> None:
    band = Band(Decimal(70), Decimal(75), "%")
    assert parse_value("70-75%") == band
    assert parse_value("70 - 75%") == band
    assert parse_value("antara 70% dan 75%") == band
    assert parse_value("70 - 75", "%") == band


def test_at_most_percentage_under_mirror_and_inverse() -> None:
    # "maksimal 2%" pengaduan, realisasi 1,5%: mirror (2x2 - 1,5)/2 x 100 = 125
    assert _value("maksimal 2%", "1,5%", None, LOWER) == Decimal(125)
    # inverse 2 / 1,5 x 100 = 133,333...
    assert _value("maksimal 2%", "1,5%", None, LOWER, settings=INVERSE) == Decimal(
        "133.3333333333333333333333333"
    )
    # realisasi 3%: mirror (4 - 3)/2 x 100 = 50
    assert _value("maksimal 2%", "3%", None, LOWER) == Decimal(50)


def test_bound_decides_the_direction_whatever_the_polarity() -> None:
    # The same "maksimal 2%" on an indicator left at the default polarity (higher): still 125.
    result = achievement(parse_value("maksimal 2%"), parse_value("1,5%"), polarity=HIGHER)
    assert result.value == Decimal(125)
    assert any("polaritas indikator diabaikan" in note for note in result.notes)
    # "minimal 80%" on a lower-is-better indicator: 90 / 80 x 100 = 112,5
    result = achievement(parse_value("minimal 80%"), parse_value("90%"), polarity=LOWER)
    assert result.value == Decimal("112.5")


def test_at_least_bounds() -> None:
    # "minimal 80%", realisasi 72%: 72 / 80 x 100 = 90
    assert _value("minimal 80%", "72%", None, HIGHER) == Decimal(90)
    # "paling sedikit 3 laporan", realisasi 4 laporan: 4 / 3 x 100 = 133,33...
    assert _value("paling sedikit 3 laporan", "4 laporan", None, HIGHER) == Decimal(
        "133.3333333333333333333333333"
    )


def test_strict_bound_met_only_below_the_limit() -> None:
    # "kurang dari 49" (per 100.000 KH), realisasi 42: 200 - 42/49 x 100, where 42/49 x 100 =
    # 85,71428571428571428571428571 (28 digits) and 200 minus it is taken exactly.
    assert _value("kurang dari 49", "42", "per 100.000 KH", LOWER) == Decimal(
        "114.28571428571428571428571429"
    )
    # realisasi exactly 49: the rule-4 value 100, with a note that the strict bound is not met.
    result = achievement(
        parse_value("kurang dari 49", "orang"), parse_value("49", "orang"), polarity=LOWER
    )
    assert result.value == Decimal(100)
    assert any("belum terpenuhi" in note for note in result.notes)


def test_zero_target_for_lower_is_better_is_defined() -> None:
    # "0 kasus": none happened -> 100; two happened -> 0 (no division by zero), under both formulas.
    for settings in (MIRROR, INVERSE):
        assert _value("0 kasus", "0 kasus", None, LOWER, settings=settings) == Decimal(100)
        assert _value("0 kasus", "2 kasus", None, LOWER, settings=settings) == Decimal(0)
    # "maksimal 0 kasus" reads the same.
    assert _value("maksimal 0 kasus", "1 kasus", None, LOWER) == Decimal(0)


def test_bound_against_wrong_kind_is_not_computable() -> None:
    result = achievement(parse_value("maksimal 2%"), parse_value("2 kasus"), polarity=LOWER)
    assert result.status is Status.NOT_COMPUTABLE
    assert "batas" in (result.reason or "")


def test_range_target_as_printed() -> None:
    # "70-75%": 72% inside -> 100; 63% below -> 63/70 x 100 = 90; 80% above ->
    # 200 - 80/75 x 100 = 200 - 106,6666666666666666666666667 (28 digits)
    #                   = 93,3333333333333333333333333
    assert _value("70-75%", "72%", None, HIGHER) == Decimal(100)
    assert _value("70 - 75%", "63%", None, HIGHER) == Decimal(90)
    assert _value("antara 70% dan 75%", "80%", None, HIGHER) == Decimal(
        "93.3333333333333333333333333"
    )


# --- formula names ------------------------------------------------------------------------------


def test_ratio_is_read_as_inverse() -> None:
    ratio = AchievementSettings(lower_is_better=LowerIsBetterFormula.RATIO)
    # T / R x 100 = 10 / 8 x 100 = 125 under both names.
    assert _value("10 kasus", "8 kasus", None, LOWER, settings=ratio) == Decimal(125)
    assert _value("10 kasus", "8 kasus", None, LOWER, settings=INVERSE) == Decimal(125)


def test_unknown_choice_lists_each_choice_with_its_formula() -> None:
    message = unknown_choice_message("lower_is_better", "kebalikan")
    assert "'kebalikan' tidak dikenal" in message
    assert "'mirror' = (2T − R) / T × 100" in message
    assert "'inverse' = T / R × 100" in message
    assert "nama lama" in message


# --- the cap ----------------------------------------------------------------------------------


def test_cap_on_the_indicator_own_figure() -> None:
    # Participation 83% against 80%: 83 / 80 x 100 = 103,75; capped at 100 in the table.
    settings = AchievementSettings(cap=Decimal(100), cap_applies=CapScope.INDICATOR)
    raw = _value("80%", "83%", None, HIGHER)
    assert raw == Decimal("103.75")
    assert shown_value(raw, settings) == Decimal(100)
    # ... and the roll-up of that scope takes the uncapped 103,75: (103,75 + 90) / 2 = 96,875
    assert rollup([Weighted(raw), Weighted(Decimal(90))], settings) == Decimal("96.875")


def test_cap_scopes_and_per_indicator_override() -> None:
    settings = AchievementSettings(cap=Decimal(100))  # default: the roll-up only
    raw = Decimal("103.75")
    assert shown_value(raw, settings) == raw
    assert rollup_value(raw, settings) == Decimal(100)
    assert shown_value(raw, settings, CapScope.BOTH) == Decimal(100)
    assert rollup_value(raw, settings, CapScope.NONE) == raw
    # Two indicators, one left uncapped by its override: (103,75 + 100) / 2 = 101,875
    items = [Weighted(raw, cap_applies=CapScope.NONE), Weighted(Decimal(120))]
    assert rollup(items, settings) == Decimal("101.875")
    # cap_to: above 110 becomes 120 (the employee-performance rule), wherever it applies.
    assert capped(Decimal(111), AchievementSettings(cap=Decimal(110), cap_to=Decimal(120))) == 120
