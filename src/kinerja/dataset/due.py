"""Which quarterly realisations a year's PKs make due: the one rule for dashboards and results."""

from __future__ import annotations

from kinerja.dataset import schema


def applicable_quarters(year: schema.Year) -> dict[str, set[int]]:
    """The quarters each indicator of the year's PKs is measured in (all four without a plan)."""
    quarters: dict[str, set[int]] = {}
    for agreement in year.agreements:
        for row in agreement.rows:
            planned = {int(q) for q in row.quarterly_targets} or {1, 2, 3, 4}
            quarters.setdefault(row.indicator, set()).update(planned)
    return quarters
