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

from collections.abc import Iterable, Sequence
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
    measured = [item for item in items if item.value is not None]
    values = [rollup_value(item.value, settings, item.cap_applies) for item in measured]  # type: ignore[arg-type]
    if not any(item.weight is not None for item in items):
        return _mean(values)
    weights = [item.weight if item.weight is not None else Decimal(1) for item in measured]
    return _mean(values, weights)


def rollup_values(
    values: Iterable[Decimal | None],
    settings: AchievementSettings = AchievementSettings(),  # noqa: B008 - frozen, immutable
) -> Decimal | None:
    """`rollup` of unweighted items that keep the settings' cap scope, given as bare values.

    The same rule without an item object per value: consolidation rolls up hundreds of
    offices' values per indicator.
    """
    measured = [value for value in values if value is not None]
    if settings.cap is not None:  # without a cap, `rollup_value` gives every value back as is
        measured = [rollup_value(value, settings) for value in measured]
    return _mean(measured)


def _mean(values: Sequence[Decimal], weights: Sequence[Decimal] | None = None) -> Decimal | None:
    """The (weighted) mean, exact up to the one division; None for nothing or a zero weight."""
    if not values:
        return None
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, _EXACT_DIGITS)
        if weights is None:
            total = sum(values, Decimal(0))
            total_weight = Decimal(len(values))
        else:
            total = sum((w * v for w, v in zip(weights, values, strict=True)), Decimal(0))
            total_weight = sum(weights, Decimal(0))
    if total_weight == 0:
        return None
    return total / total_weight
