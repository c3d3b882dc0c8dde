"""Consolidation across offices: the roll-up one level up, its spread, and a ranking.

`domain.md` section 4: consolidation across offices is the same operation as the roll-up of
an office, one level up. `summarize` takes the values each office brings (already capped
where its own cap applies to the roll-up, `caps.rollup_value`) and gives their roll-up
(`rollup.rollup_values`: `rollup`, unweighted), the distribution (minimum, median, maximum),
how many offices measured it and how many stand below the target. An unmeasured value (None)
is left out of every figure and counted apart, never as 0.

The median of an even count is the mean of the two middle values (what SQL's
`percentile_cont(0.5)` gives). An office is below target when its achievement is under 100%.
Completeness is the share of the due quarterly realisations that are verified.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from kinerja.core.rollup import rollup_values

TARGET = Decimal(100)


@dataclass(frozen=True)
class Summary:
    """One item (an indicator, an objective, the office) over the offices of a subtree."""

    offices: int  # offices that have the item
    measured: int  # of which measured
    achievement: Decimal | None  # the roll-up over the offices
    minimum: Decimal | None
    median: Decimal | None
    maximum: Decimal | None
    below_target: int  # measured offices under 100%


def median(values: Sequence[Decimal]) -> Decimal | None:
    """The middle value; for an even count the mean of the two middle ones. None if empty."""
    return _middle(sorted(values))


def _middle(ordered: Sequence[Decimal]) -> Decimal | None:
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def summarize(values: Sequence[Decimal | None]) -> Summary:
    """Roll-up, distribution and below-target count of the offices' values (None: unmeasured)."""
    ordered = sorted(value for value in values if value is not None)
    return Summary(
        offices=len(values),
        measured=len(ordered),
        achievement=rollup_values(ordered),
        minimum=ordered[0] if ordered else None,
        median=_middle(ordered),
        maximum=ordered[-1] if ordered else None,
        below_target=bisect_left(ordered, TARGET),
    )


def completeness(entered: int, expected: int) -> Decimal | None:
    """The verified share of the due realisations, in percent; None when nothing is due."""
    if expected <= 0:
        return None
    return Decimal(entered) * 100 / Decimal(expected)


def ranking(items: Sequence[tuple[str, Decimal | None]]) -> list[tuple[int | None, str]]:
    """Rank codes by achievement, highest first; equal values share a rank (1, 2, 2, 4).

    Unmeasured items come last, unranked (None), in their given order.
    """
    measured = sorted(
        ((value, code) for code, value in items if value is not None), key=lambda p: -p[0]
    )
    ranked: list[tuple[int | None, str]] = []
    previous: Decimal | None = None
    rank = 0
    for position, (value, code) in enumerate(measured, start=1):
        if value != previous:
            rank, previous = position, value
        ranked.append((rank, code))
    ranked.extend((None, code) for code, value in items if value is None)
    return ranked
