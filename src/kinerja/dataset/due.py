"""Which quarterly realisations a year's PKs make due, over a dataset (synth, consolidation).

The rule itself is `kinerja.core.quarters.due_quarters`, shared with the database side
(`kinerja.results.duties`).
"""

from __future__ import annotations

from kinerja.core.quarters import due_quarters
from kinerja.dataset import schema


def applicable_quarters(year: schema.Year) -> dict[str, frozenset[int]]:
    """The quarters each indicator of the year's PKs is measured in (all four without a plan)."""
    return due_quarters(
        (row.indicator, row.quarterly_targets)
        for agreement in year.agreements
        for row in agreement.rows
    )
