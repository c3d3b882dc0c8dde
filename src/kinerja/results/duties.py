"""Which quarterly cards a work unit owes, and which of them are still unfilled.

A card is one indicator of a work unit in one quarter. It is due in the quarters of the year's
action plan (every quarter when the plan has none): the rule is
`kinerja.core.quarters.due_quarters`, the one the dataset side (`kinerja.dataset.due`) uses too.
A card counts as filled once submitted or verified (a draft or a returned value is not yet
filled).
The operator's home, the planner's list of late units and `kinerja remind` all ask here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from kinerja.core.quarters import due_quarters
from kinerja.plans.models import AgreementRow
from kinerja.results.choices import RealizationStatus
from kinerja.results.deadlines import due_date
from kinerja.results.models import Realization, ReportingYear

FILLED = (RealizationStatus.SUBMITTED, RealizationStatus.VERIFIED)


@dataclass(frozen=True)
class Owed:
    """A work unit's cards in one quarter: how many are due, and the ids still unfilled."""

    unit_id: int
    unit_code: str
    quarter: int
    due: dt.date
    total: int
    unfilled: tuple[int, ...]

    @property
    def filled(self) -> int:
        return self.total - len(self.unfilled)

    def late(self, today: dt.date) -> bool:
        return bool(self.unfilled) and today > self.due


Unit = tuple[int, str]  # a work unit's id and code


def applicable_quarters(year: ReportingYear) -> dict[int, tuple[Unit | None, frozenset[int]]]:
    """Per indicator id of the year's PKs: its work unit and the quarters it is measured in."""
    rows = AgreementRow.objects.filter(
        agreement__agency_id=year.agency_id, agreement__year=year.year
    ).values_list(
        "indicator_id", "indicator__work_unit_id", "indicator__work_unit__code", "quarterly_targets"
    )
    units: dict[int, Unit | None] = {}
    planned: list[tuple[int, list[int]]] = []
    for indicator_id, unit_id, unit_code, quarterly in rows:
        units.setdefault(indicator_id, (unit_id, unit_code) if unit_id is not None else None)
        planned.append((indicator_id, [int(q) for q, _ in (quarterly or [])]))
    return {key: (units[key], quarters) for key, quarters in due_quarters(planned).items()}


def owed(year: ReportingYear, unit_ids: set[int] | None = None) -> list[Owed]:
    """Every (work unit, quarter) with cards due, in unit and quarter order; two queries."""
    applicable = applicable_quarters(year)
    filled = set(
        Realization.objects.filter(reporting_year=year, status__in=FILLED).values_list(
            "indicator_id", "quarter"
        )
    )
    cards: dict[tuple[Unit, int], list[int]] = defaultdict(list)
    for indicator_id, (unit, quarters) in sorted(applicable.items()):
        if unit is None or (unit_ids is not None and unit[0] not in unit_ids):
            continue
        for quarter in quarters:
            cards[(unit, quarter)].append(indicator_id)
    return [
        Owed(
            unit_id=unit_id,
            unit_code=unit_code,
            quarter=quarter,
            due=due_date(year.year, quarter),
            total=len(ids),
            unfilled=tuple(i for i in ids if (i, quarter) not in filled),
        )
        for ((unit_id, unit_code), quarter), ids in sorted(cards.items())
    ]
