"""Combining quarterly (triwulan) realisations into the year's (`domain.md` section 3).

Rule, by the indicator's `Combine` setting:
- LAST: the value of the highest quarter present (a level: a percentage, a grade);
- SUM: a flow; percentages add their amounts, quantities add per unit (normalised unit key),
  keeping the first-seen unit text and the order in which units first appear (by quarter);
- MEAN: the arithmetic mean of percentages, or of one-part quantities that share one unit.
Values that cannot be summed or averaged (grades, milestones, bands, mixed kinds, and for MEAN
multi-part quantities or differing units) fall back to LAST. No quarter: None.
Quarters are 1 to 4; any other key is an error.

Which quarters are due (`due_quarters`): a PK row is measured in the quarters its action plan
gives a target for, in every quarter when it gives none; an indicator in several PK rows of a
year is due in the union of their quarters. The dataset (`kinerja.dataset.due`, for synth and the
consolidation) and the database (`kinerja.results.duties`, for homes and reminders) both ask here.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from decimal import Decimal
from typing import TypeVar

from kinerja.core.settings import Combine
from kinerja.core.values import Percentage, Quantity, QuantityPart, Value

QUARTERS = (1, 2, 3, 4)
ALL_QUARTERS = frozenset(QUARTERS)

K = TypeVar("K", bound=Hashable)


def planned_quarters(planned: Iterable[int | str]) -> frozenset[int]:
    """The quarters one PK row is measured in: those its action plan names, else all four.

    Raises ValueError (Indonesian message) for a quarter other than 1 to 4.
    """
    found = set()
    for quarter in planned:
        number = int(quarter)
        if isinstance(quarter, bool) or number not in QUARTERS:
            raise ValueError(f"triwulan harus 1, 2, 3 atau 4, bukan {quarter!r}")
        found.add(number)
    return frozenset(found) or ALL_QUARTERS


def due_quarters(rows: Iterable[tuple[K, Iterable[int | str]]]) -> dict[K, frozenset[int]]:
    """Per indicator, the quarters due: the union of `planned_quarters` over its PK rows.

    `rows` are (indicator key, quarters of that row's quarterly targets) pairs; an indicator in
    no row is absent (the caller decides; `ALL_QUARTERS` where it counts as measured anyway).
    """
    due: dict[K, frozenset[int]] = {}
    for key, planned in rows:
        due[key] = due.get(key, frozenset()) | planned_quarters(planned)
    return due


def combine_quarters(values: Mapping[int, Value], rule: Combine) -> Value | None:
    """The year's value from quarterly values by the LAST / SUM / MEAN rule of this module.

    Raises ValueError (Indonesian message) for a key other than the quarters 1 to 4.
    """
    for quarter in values:
        if isinstance(quarter, bool) or quarter not in QUARTERS:
            raise ValueError(f"triwulan harus 1, 2, 3 atau 4, bukan {quarter!r}")
    if not values:
        return None
    ordered = [values[quarter] for quarter in sorted(values)]
    last = ordered[-1]
    combined: Value | None = None
    if rule is Combine.SUM:
        combined = _sum(ordered)
    elif rule is Combine.MEAN:
        combined = _mean(ordered)
    return last if combined is None else combined


def _sum(ordered: list[Value]) -> Value | None:
    if all(isinstance(value, Percentage) for value in ordered):
        return Percentage(sum((_percent(value) for value in ordered), Decimal(0)))
    if not all(isinstance(value, Quantity) for value in ordered):
        return None
    totals: dict[str, QuantityPart] = {}
    for value in ordered:
        assert isinstance(value, Quantity)
        for part in value.parts:
            seen = totals.get(part.unit_key)
            amount = part.amount if seen is None else seen.amount + part.amount
            unit = part.unit if seen is None else seen.unit
            totals[part.unit_key] = QuantityPart(amount, unit)
    return Quantity(tuple(totals.values()))


def _mean(ordered: list[Value]) -> Value | None:
    count = Decimal(len(ordered))
    if all(isinstance(value, Percentage) for value in ordered):
        return Percentage(sum((_percent(value) for value in ordered), Decimal(0)) / count)
    parts: list[QuantityPart] = []
    for value in ordered:
        if not isinstance(value, Quantity) or not value.is_single:
            return None
        parts.append(value.parts[0])
    if len({part.unit_key for part in parts}) != 1:
        return None
    total = sum((part.amount for part in parts), Decimal(0))
    return Quantity((QuantityPart(total / count, parts[0].unit),))


def _percent(value: Value) -> Decimal:
    assert isinstance(value, Percentage)
    return value.amount
