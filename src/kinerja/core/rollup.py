"""Roll-up of achievements: indicator to objective, objective to office, office to consolidation.

Rule (`domain.md` section 4): an objective's achievement is the mean, or the weighted mean, of its
indicators'; an office's is the mean of its objectives'; consolidation across offices is the same
operation one level up. Each value enters capped by the agency's cap when the cap applies to the
roll-up (`caps.rollup_value`; an item may override where the cap applies). An unmeasured item
(value None) is left out, never counted as 0.

Weights: when ANY item has a weight the mean is weighted, and items without a weight weigh 1.
Weights must be >= 0. Nothing measured, or a total weight of 0, gives None.

Sums and products are exact (computed with enough digits); the single division at the end is the
only place a non-terminating quotient takes the default 28 significant digits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

from kinerja.core.caps import rollup_value
from kinerja.core.settings import AchievementSettings, CapScope

_EXACT_DIGITS = 200


@dataclass(frozen=True)
class Weighted:
    """An achievement entering a roll-up (None: unmeasured) with its weight (None: 1, or plain)
    and, for an indicator that overrides it, where the cap applies (None: the settings')."""

    value: Decimal | None
    weight: Decimal | None = None
    cap_applies: CapScope | None = None


def rollup(
    items: Sequence[Weighted],
    settings: AchievementSettings = AchievementSettings(),  # noqa: B008 - frozen, immutable
) -> Decimal | None:
    """The SAKIP roll-up rule: (weighted) mean of the capped measured values; None if none.

    Raises ValueError (Indonesian message) for a negative weight.
    """
    for item in items:
        if item.weight is not None and item.weight < 0:
            raise ValueError(f"bobot tidak boleh negatif: {item.weight}")
    weighted = any(item.weight is not None for item in items)
    measured = [item for item in items if item.value is not None]
    if not measured:
        return None
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, _EXACT_DIGITS)
        total_weight = Decimal(0)
        total = Decimal(0)
        for item in measured:
            assert item.value is not None
            weight = item.weight if weighted and item.weight is not None else Decimal(1)
            total_weight += weight
            total += weight * rollup_value(item.value, settings, item.cap_applies)
    if total_weight == 0:
        return None
    return total / total_weight
