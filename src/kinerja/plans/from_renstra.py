"""PK rows from the Renstra: what the first year's drafts (`first_year`) and the rollover share.

- `renstra_targets`: an indicator's Renstra target per year;
- `agreed_in`: the indicators a year's PKs agree, from the Renstra whose period covers the year:
  active in it and with a Renstra target for it, in the plan's order;
- `add_row`: one PK row of an indicator with the year's Renstra target (quarters left empty for
  the action plan);
- `unit_activities`: the activities whose budget the catalogue sets against the objectives of
  one work unit's indicators only (`BudgetObjective`), by unit.

Which PK holds an indicator is the plan's: the indicator's work unit (`Indicator.work_unit`,
the unit whose PK lists it; the office's PK lists every indicator).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kinerja.accounts.rules import User
from kinerja.agencies.models import Agency
from kinerja.plans.models import (
    Activity,
    AgreementRow,
    BudgetObjective,
    Indicator,
    PerformanceAgreement,
    in_period,
)


def renstra_targets(indicator: Indicator) -> dict[int, Any]:
    """The indicator's Renstra target per year."""
    return {int(year): value for year, value in indicator.renstra_targets or ()}


def agreed_in(agency: Agency, year: int) -> list[Indicator]:
    """The indicators of the Renstra covering `year` that are active in it with a Renstra target
    for it, in the plan's order (objective, then indicator)."""
    return [
        i
        for i in Indicator.objects.filter(objective__plan__agency=agency, **in_period(year))
        .select_related("objective", "work_unit")
        .order_by("objective__position", "objective_id", "position", "pk")
        if i.active_in(year) and year in renstra_targets(i)
    ]


def add_row(
    agreement: PerformanceAgreement,
    indicator: Indicator,
    year: int,
    position: int,
    user: User | None,
    note: str,
) -> AgreementRow:
    """Write the PK row of `indicator` with its Renstra target for `year` (which it has)."""
    row = AgreementRow(
        agreement=agreement,
        position=position,
        objective=indicator.objective,
        indicator=indicator,
        target=renstra_targets(indicator)[year],
        quarterly_targets=[],
    )
    row._history_user = user  # type: ignore[attr-defined]
    row._change_reason = note  # type: ignore[attr-defined]
    row.save()
    return row


def unit_activities(agency: Agency, year: int, indicators: list[Indicator]) -> dict[int, list[Any]]:
    """The activities of each work unit (by id), in the plan's order: an activity whose budget
    the catalogue sets against objectives (`BudgetObjective`) all of whose `indicators` belong
    to that one unit. An activity that serves another unit's or the office's own objectives, or
    none, belongs to no unit: the plan does not say whose it is."""
    owners: dict[int, set[int | None]] = defaultdict(set)
    for indicator in indicators:
        owners[indicator.objective_id].add(indicator.work_unit_id)
    served: dict[int, set[int]] = defaultdict(set)
    for activity_id, objective_id in BudgetObjective.objects.filter(
        activity__program__plan__agency=agency, **in_period(year, "activity__program__plan__")
    ).values_list("activity_id", "objective_id"):
        served[activity_id].add(objective_id)
    found: dict[int, list[Any]] = defaultdict(list)
    activities = Activity.objects.filter(
        pk__in=served, program__plan__agency=agency, **in_period(year, "program__plan__")
    ).order_by("program__position", "program_id", "position", "pk")
    for activity in activities:
        units: set[int | None] = set()
        for objective_id in served[activity.pk]:
            units |= owners.get(objective_id, {None})
        if len(units) == 1 and None not in units:
            (unit,) = units
            assert unit is not None
            found[unit].append(activity)
    return found
