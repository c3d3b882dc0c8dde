"""Roll-up: objective from indicators, office from objectives, consolidation from offices."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.core.rollup import Weighted, rollup
from kinerja.core.settings import AchievementSettings

D = Decimal


def items(*values: str | None) -> list[Weighted]:
    return [Weighted(None if value is None else D(value)) for value in values]


def test_plain_mean() -> None:
    assert rollup(items("100", "80", "90")) == 90


def test_unmeasured_items_are_left_out_not_zero() -> None:
    assert rollup(items("100", None, "80")) == 90


def test_nothing_measured_is_none() -> None:
    assert rollup([]) is None
    assert rollup(items(None, None)) is None


def test_weighted_mean() -> None:
    assert rollup([Weighted(D(100), D(3)), Weighted(D(60), D(1))]) == 90


def test_items_without_weight_weigh_one_when_any_is_weighted() -> None:
    assert rollup([Weighted(D(100), D(2)), Weighted(D(40))]) == 80


def test_zero_weight_items_do_not_count() -> None:
    assert rollup([Weighted(D(100), D(1)), Weighted(D(0), D(0))]) == 100


def test_all_weights_zero_is_none() -> None:
    assert rollup([Weighted(D(100), D(0)), Weighted(D(50), D(0))]) is None


def test_weight_of_unmeasured_item_is_ignored() -> None:
    assert rollup([Weighted(D(100), D(1)), Weighted(None, D(5))]) == 100


def test_negative_weight_is_refused() -> None:
    with pytest.raises(ValueError, match="bobot tidak boleh negatif"):
        rollup([Weighted(D(100), D(-1))])
    with pytest.raises(ValueError, match="bobot"):
        rollup([Weighted(None, D(-1))])


def test_cap_applies_to_each_item() -> None:
    settings = AchievementSettings(cap=D(100))
    assert rollup(items("166", "80"), settings) == 90


def test_cap_to_replaces_values_above_the_cap() -> None:
    settings = AchievementSettings(cap=D(110), cap_to=D(120))
    assert rollup(items("111", "100"), settings) == 110
    assert rollup(items("110", "100"), settings) == 105


def test_no_cap_by_default() -> None:
    assert rollup(items("166", "80")) == 123


def test_non_terminating_mean() -> None:
    result = rollup(items("100", "100", "0"))
    assert result is not None
    assert str(result) == "66.66666666666666666666666667"


def test_levels_compose() -> None:
    objective_a = rollup(items("100", "80"))
    objective_b = rollup(items("60", None))
    office = rollup([Weighted(objective_a), Weighted(objective_b)])
    assert office == 75
    assert rollup([Weighted(office), Weighted(D(85))]) == 80
