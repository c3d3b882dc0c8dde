"""Splitting a budget line among the objectives it serves (largest remainder, whole rupiah)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.core.budget import Served, allocate, objective_budgets

shares = st.lists(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100), places=2),
    min_size=1,
    max_size=8,
)


@given(amount=st.integers(min_value=-(10**15), max_value=10**15), weights=shares)
def test_parts_add_up_to_the_amount_and_each_is_within_one_rupiah(
    amount: int, weights: list[Decimal]
) -> None:
    parts = allocate(amount, weights)
    assert sum(parts) == amount
    whole = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        exact = Decimal(amount) * weight / whole
        assert abs(Decimal(part) - exact) < 1


@given(amount=st.integers(min_value=0, max_value=10**15), weights=shares)
def test_no_part_of_a_non_negative_amount_is_negative(amount: int, weights: list[Decimal]) -> None:
    assert all(part >= 0 for part in allocate(amount, weights))


def test_the_leftover_rupiah_go_to_the_largest_remainders_first_listed_on_a_tie() -> None:
    assert allocate(100, [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]) == [33, 33, 34]
    assert allocate(10, [1, 1, 1]) == [4, 3, 3]
    assert allocate(2, [1, 1, 1]) == [1, 1, 0]
    assert allocate(-10, [1, 1, 1]) == [-4, -3, -3]


@pytest.mark.parametrize("weights", [[], [Decimal(0)], [Decimal(50), Decimal(-50)]])
def test_missing_or_non_positive_shares_are_refused(weights: list[Decimal]) -> None:
    with pytest.raises(ValueError, match="porsi"):
        allocate(100, weights)


def test_a_float_amount_is_refused() -> None:
    with pytest.raises(TypeError):
        allocate(100.0, [1])  # type: ignore[arg-type]


def test_activities_serving_several_objectives_add_up_to_the_total_exactly() -> None:
    lines = [
        Served("kegiatan-a", 828_483_001, 800_000_003, {"SS1": Decimal(60), "SS2": Decimal(40)}),
        Served(
            "kegiatan-b",
            8_263_716_000,
            7_999_999_999,
            {"SS1": Decimal("33.33"), "SS2": Decimal("33.33"), "SS3": Decimal("33.34")},
        ),
        Served("kegiatan-c", 13_998_000, 13_000_000, {"SS3": Decimal(100)}),
    ]
    result = objective_budgets(lines, ["SS1", "SS2", "SS3", "SS4"])
    assert sum(r.ceiling for r in result) == sum(line.ceiling for line in lines)
    assert sum(r.spent or 0 for r in result) == sum(line.spent or 0 for line in lines)
    by_code = {r.objective: r for r in result}
    # 60% of 828.483.001 is 497.089.800,6 and 40% is 331.393.200,4: the odd rupiah goes to SS1.
    assert by_code["SS1"].lines[0] == ("kegiatan-a", Decimal(60), 497_089_801)
    assert by_code["SS2"].lines[0] == ("kegiatan-a", Decimal(40), 331_393_200)
    assert by_code["SS4"].ceiling == 0 and by_code["SS4"].absorption is None
    # 33,33% of 8.263.716.000 is 2.754.296.542,8 (twice) and 33,34% is 2.755.122.914,4: the two
    # rupiah left after the floors go to the two larger remainders.
    assert by_code["SS1"].lines[1] == ("kegiatan-b", Decimal("33.33"), 2_754_296_543)
    assert by_code["SS3"].ceiling == 2_755_122_914 + 13_998_000


def test_an_objective_served_by_a_line_without_spending_has_no_absorption() -> None:
    lines = [
        Served("a", 1000, None, {"SS1": Decimal(50), "SS2": Decimal(50)}),
        Served("b", 1000, 900, {"SS2": Decimal(100)}),
    ]
    one, two = objective_budgets(lines, ["SS1", "SS2"])
    assert (one.spent, one.absorption) == (None, None)
    assert (two.spent, two.absorption) == (None, None)
    assert one.ceiling + two.ceiling == 2000


def test_an_unknown_objective_is_named() -> None:
    with pytest.raises(ValueError, match="SS9"):
        objective_budgets([Served("a", 10, None, {"SS9": Decimal(100)})], ["SS1"])
