"""Budget absorption (penyerapan anggaran) and efficiency (`domain.md` sections 4 and 6).

Rules:
- absorption = spent / ceiling x 100, per program and activity. It is None when either amount
  is missing or the ceiling is 0 or negative (no budget: absorption undefined, not 0 or 100).
  A negative spent amount (refunds) is allowed.
- efficiency: achievement is set next to absorption; the result is efficient when
  achievement >= absorption (the target reached with budget left over, or more achieved than
  spent in proportion), not efficient otherwise, and None (undetermined) when either is missing.
- allocation: a budget line that serves several objectives is split by the shares the plan
  states, in whole rupiah, by the largest remainder: each objective first gets the floor of its
  exact portion, then the rupiah left over go one each to the largest fractional parts (ties to the
  objective listed first). The parts always add up to the amount exactly: no rupiah is lost or
  counted twice.
Amounts are Decimal or int, never float.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction

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


def allocate(amount: int, shares: Sequence[Decimal | int]) -> list[int]:
    """Split a whole-rupiah amount by shares (any positive scale, e.g. percentages) by the
    largest remainder: the parts are whole rupiah and add up to `amount` exactly.

    A negative amount (a refund) is split as its absolute value, then negated. ValueError when
    there is no share or a share is not positive.
    """
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"jumlah yang dibagi harus bilangan bulat rupiah, bukan {amount!r}")
    weights = [_decimal(share) for share in shares]
    if not weights:
        raise ValueError("tidak ada porsi untuk membagi anggaran")
    if any(weight <= 0 for weight in weights):
        raise ValueError("setiap porsi anggaran harus lebih dari 0")
    if amount < 0:
        return [-part for part in allocate(-amount, weights)]
    if any(not weight.is_finite() for weight in weights):
        raise ValueError("porsi anggaran harus bilangan terhingga")
    # The exact portion of each share as a fraction: no rounding happens anywhere.
    whole = sum((Fraction(weight) for weight in weights), Fraction(0))
    exact = [amount * Fraction(weight) / whole for weight in weights]
    floors = [math.floor(portion) for portion in exact]
    remainders = [portion - floor for portion, floor in zip(exact, floors, strict=True)]
    left = amount - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        floors[i] += 1
    return floors


@dataclass(frozen=True)
class Served:
    """One budget line and the objectives it serves with their shares (a percentage each)."""

    key: str
    ceiling: int
    spent: int | None
    shares: Mapping[str, Decimal]


@dataclass(frozen=True)
class ObjectiveBudget:
    """What one objective receives of the lines serving it: ceiling and spending, whole rupiah.

    `spent` is None when a line serving the objective has no recorded spending.
    """

    objective: str
    ceiling: int
    spent: int | None
    absorption: Decimal | None
    lines: tuple[tuple[str, Decimal, int], ...]
    """(line key, share, allocated ceiling) of each line serving the objective."""


def objective_budgets(lines: Sequence[Served], objectives: Sequence[str]) -> list[ObjectiveBudget]:
    """The ceiling and spending of each objective, allocated from the lines that serve it.

    Each line's ceiling and spending are split separately by its shares with `allocate`, so the
    objectives' ceilings add up exactly to the ceilings of the lines, and likewise the spending.
    Objectives come back in the order given; an objective no line serves gets 0.
    """
    ceilings: dict[str, int] = dict.fromkeys(objectives, 0)
    spent: dict[str, int | None] = dict.fromkeys(objectives, 0)
    parts: dict[str, list[tuple[str, Decimal, int]]] = {code: [] for code in objectives}
    for line in lines:
        codes = list(line.shares)
        unknown = [code for code in codes if code not in ceilings]
        if unknown:
            raise ValueError(f"sasaran tidak dikenal: {', '.join(unknown)}")
        weights = [line.shares[code] for code in codes]
        for code, part in zip(codes, allocate(line.ceiling, weights), strict=True):
            ceilings[code] += part
            parts[code].append((line.key, line.shares[code], part))
        if line.spent is None:
            for code in codes:
                spent[code] = None
            continue
        for code, part in zip(codes, allocate(line.spent, weights), strict=True):
            before = spent[code]
            spent[code] = None if before is None else before + part
    return [
        ObjectiveBudget(
            code,
            ceilings[code],
            spent[code],
            absorption(spent[code], ceilings[code]),
            tuple(parts[code]),
        )
        for code in objectives
    ]
