"""Budget absorption (penyerapan anggaran) and efficiency (`domain.md` sections 4 and 6).

Rules:
- absorption = spent / ceiling x 100, per program and activity. It is None when either amount
  is missing or the ceiling is 0 or negative (no budget: absorption undefined, not 0 or 100).
  A negative spent amount (refunds) is allowed.
- efficiency: achievement is set next to absorption; the result is efficient when
  achievement >= absorption (the target reached with budget left over, or more achieved than
  spent in proportion), not efficient otherwise, and None (undetermined) when either is missing.
Amounts are Decimal or int, never float.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, localcontext

HUNDRED = Decimal(100)


def _decimal(amount: Decimal | int) -> Decimal:
    if isinstance(amount, float | bool):
        raise TypeError(f"jumlah anggaran harus Decimal atau bilangan bulat, bukan {amount!r}")
    return amount if isinstance(amount, Decimal) else Decimal(amount)


def absorption(spent: Decimal | int | None, ceiling: Decimal | int | None) -> Decimal | None:
    """Budget absorption = spent / ceiling x 100; None when either is None or the ceiling <= 0."""
    if spent is None or ceiling is None:
        return None
    ceiling_amount = _decimal(ceiling)
    if ceiling_amount <= 0:
        return None
    return _decimal(spent) * HUNDRED / ceiling_amount


def total(amounts: Iterable[Decimal | int]) -> Decimal:
    """The `Jumlah` row of a budget table: the exact sum of the amounts (0 for none)."""
    result = Decimal(0)
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, 200)  # exact for any realistic budget
        for amount in amounts:
            result += _decimal(amount)
    return result


@dataclass(frozen=True)
class Efficiency:
    """Achievement next to absorption; `efficient` is None when either is missing."""

    achievement: Decimal | None
    absorption: Decimal | None
    efficient: bool | None


def efficiency(achievement: Decimal | None, absorption: Decimal | None) -> Efficiency:
    """The efficiency rule: efficient when achievement >= absorption; None if either is missing."""
    if achievement is None or absorption is None:
        return Efficiency(achievement, absorption, None)
    return Efficiency(achievement, absorption, achievement >= absorption)
