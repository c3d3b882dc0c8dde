"""Budget absorption, totals and efficiency."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.core.budget import Efficiency, absorption, efficiency, total

D = Decimal


def test_absorption_is_spent_over_ceiling() -> None:
    assert absorption(D(15_000_000), D(20_000_000)) == 75
    assert absorption(5, 4) == 125
    assert absorption(D("14980000000"), D("15534394000")) == D("14980000000") * 100 / D(
        "15534394000"
    )


def test_absorption_undefined_cases() -> None:
    assert absorption(None, D(10)) is None
    assert absorption(D(10), None) is None
    assert absorption(D(10), D(0)) is None
    assert absorption(D(10), D(-5)) is None
    assert absorption(0, 100) == 0


def test_total_is_exact() -> None:
    assert total([D("15534394000"), 1, D("0.5")]) == D("15534394001.5")
    assert total([]) == 0
    assert isinstance(total([1, 2]), Decimal)
    big = [D("1" + "0" * 40), D(1)]
    assert total(big) == D("1" + "0" * 39 + "1")


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError, match="bukan"):
        total([1.5])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        absorption(1.5, 10)  # type: ignore[arg-type]


def test_efficiency() -> None:
    assert efficiency(D(100), D(90)) == Efficiency(D(100), D(90), True)
    assert efficiency(D(90), D(90)).efficient is True
    assert efficiency(D(80), D(95)).efficient is False
    assert efficiency(None, D(90)) == Efficiency(None, D(90), None)
    assert efficiency(D(90), None).efficient is None
