"""The read-only context a report is built from: one office's dataset and its measured year.

The context is built the same way whichever way the data came: the command line reads a dataset
file, or exports a `Dataset` from the database first (`kinerja.cli.sources.resolve`), and both hand
the `Dataset` to `build_context`. Every achievement, rating and absorption comes from
`kinerja.dataset.measure` or, for figures `measure` does not give (an activity's absorption, the
gap to the Renstra target), from the same calculation core with the agency's settings. Nothing here
holds a formula.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from kinerja.core.achievement import Achievement, achievement
from kinerja.core.budget import (
    Efficiency,
    ObjectiveBudget,
    Served,
    absorption,
    efficiency,
    objective_budgets,
    total,
)
from kinerja.core.settings import Polarity
from kinerja.core.values import ValueParseError, parse_value
from kinerja.dataset import schema
from kinerja.dataset.measure import (
    IndicatorResult,
    MeasureResult,
    ObjectiveResult,
    grade_scales,
    measure,
)
from kinerja.dataset.schema import Dataset, typed
from kinerja.formats import with_unit


@dataclass(frozen=True)
class BudgetItem:
    """A budget line of a work unit's PK (an activity, or a program), with what was spent."""

    kind: str  # "activity" or "program"
    code: str
    name: str
    program: str | None
    work_unit: str | None
    ceiling: int
    spent: int | None
    absorption: Decimal | None


@dataclass(frozen=True)
class RenstraGap:
    """The realisation of the year set against the Renstra's end-of-period target."""

    target_year: int
    target: str
    achievement: Achievement | None


EARLIER_YEARS = 4
"""How many years before the report year its comparisons reach back (a Renstra period is five)."""


@dataclass(frozen=True)
class ReportContext:
    """Everything a report of one office and year reads; built by `build_context`."""

    dataset: Dataset
    entry: schema.Year
    result: MeasureResult
    history: tuple[MeasureResult, ...]
    # The names of the parent office's indicators by code, where its plan is known (the
    # database holds it; a dataset file does not): the pohon kinerja prints them.
    parent_indicators: Mapping[str, str] = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.entry.year

    @property
    def agency(self) -> schema.Agency:
        return self.dataset.agency

    @property
    def plan(self) -> schema.StrategicPlan:
        return self.dataset.strategic_plan

    @property
    def office_agreement(self) -> schema.Agreement | None:
        return self.entry.office_agreement

    # --- look-ups -------------------------------------------------------------------------------

    @cached_property
    def _objectives(self) -> dict[str, schema.Objective]:
        return {o.code: o for o in self.plan.objectives}

    @cached_property
    def _indicators(self) -> dict[str, schema.Indicator]:
        return {i.code: i for o in self.plan.objectives for i in o.indicators}

    @cached_property
    def _units(self) -> dict[str, schema.WorkUnit]:
        return {u.code: u for u in self.dataset.work_units}

    def objective(self, code: str) -> schema.Objective:
        return self._objectives[code]

    def indicator(self, code: str) -> schema.Indicator:
        return self._indicators[code]

    def work_unit(self, code: str | None) -> schema.WorkUnit | None:
        return None if code is None else self._units.get(code)

    def unit_name(self, code: str | None) -> str:
        unit = self.work_unit(code)
        return unit.name if unit else "-"

    def unit_agreement(self, unit: str) -> schema.Agreement | None:
        return next((a for a in self.entry.agreements if a.work_unit == unit), None)

    def measurement_tables(self, unit: str | None) -> list[schema.MeasurementTable]:
        return [t for t in self.entry.measurements if t.work_unit == unit]

    def supporting_tables(self, unit: str | None) -> list[schema.SupportingTable]:
        return [t for t in self.entry.supporting_tables if t.work_unit == unit]

    # --- narrative written by the planner -------------------------------------------------------

    def narrative(
        self, key: str, *, objective: str | None = None, work_unit: str | None = None
    ) -> schema.NarrativeSection | None:
        """The planner's section for `key` (and objective / work unit), replacing the draft."""
        for section in self.entry.narrative:
            if (section.key, section.objective, section.work_unit) == (key, objective, work_unit):
                return section
        return None

    # --- earlier years --------------------------------------------------------------------------

    def earlier_indicator(self, code: str) -> list[tuple[int, IndicatorResult]]:
        """The indicator's result in earlier years that measured or targeted it, oldest first.

        An earlier year of another Renstra period counts only where its indicator has this
        year's code and name: a new period keeps the old codes, but a code whose indicator was
        renamed (or reused) there is not the same measure."""
        name = next((_same(i.name) for i in self.result.indicators if i.code == code), None)
        found = []
        for result in self.history:
            ind = next((i for i in result.indicators if i.code == code), None)
            if ind is None or _same(ind.name) != name:
                continue
            if ind.realization is not None or ind.target is not None:
                found.append((result.year, ind))
        return found

    def earlier_objective(self, code: str) -> list[tuple[int, ObjectiveResult]]:
        """The objective's roll-up in earlier years where it was measured, oldest first (of
        another period, only under the same code and name, as `earlier_indicator`)."""
        name = next((_same(o.name) for o in self.result.objectives if o.code == code), None)
        found = []
        for result in self.history:
            obj = next((o for o in result.objectives if o.code == code), None)
            if obj is not None and _same(obj.name) == name and obj.achievement is not None:
                found.append((result.year, obj))
        return found

    def trend(self) -> list[tuple[int, Decimal]]:
        """The office's achievement per year where it was measured, oldest first."""
        years = [*self.history, self.result]
        return [(r.year, r.achievement) for r in years if r.achievement is not None]

    # --- the Renstra ----------------------------------------------------------------------------

    def renstra_gap(self, ind: IndicatorResult) -> RenstraGap | None:
        """The year's realisation against the Renstra end-of-period target (None: no target)."""
        targets = self.indicator(ind.code).renstra_targets
        if not targets:
            return None
        target_year = self.plan.end if self.plan.end in targets else max(targets)
        target = targets[target_year]
        value = None
        if ind.realization is not None:
            try:
                value = parse_value(ind.realization, ind.unit)
            except ValueParseError:
                value = None
        indicator = self.indicator(ind.code)
        scale = grade_scales(self.dataset.settings).get(indicator.grade_scale or "")
        result = (
            achievement(
                typed(target, indicator.unit),
                value,
                polarity=Polarity(ind.polarity),
                settings=self.result.settings,
                grade_scale=scale,
            )
            if value is not None
            else None
        )
        return RenstraGap(target_year, with_unit(schema.printed(target), indicator.unit), result)

    # --- budget ---------------------------------------------------------------------------------

    def _spent(self, *, program: str | None = None, activity: str | None = None) -> int | None:
        """The year's spending on a program or activity: yearly entries, else the last quarter's."""
        entries = [
            s for s in self.entry.spending if s.program == program and s.activity == activity
        ]
        yearly = [s for s in entries if s.quarter is None]
        if not yearly and entries:
            last = max(s.quarter or 0 for s in entries)
            yearly = [s for s in entries if s.quarter == last]
        return int(total(s.spent for s in yearly)) if yearly else None

    @cached_property
    def budget_items(self) -> tuple[BudgetItem, ...]:
        """The budget lines of the work units' PKs, each activity or program once."""
        return self._items([a for a in self.entry.agreements if a.work_unit is not None])

    @cached_property
    def allocated_items(self) -> tuple[BudgetItem, ...]:
        """The budget lines shared out among the objectives: the work units' PK lines, or the
        office PK's when no work unit's PK has any (so that a line is never taken twice, from
        the office's program and from a unit's activity of it)."""
        if self.budget_items:
            return self.budget_items
        office = self.office_agreement
        return self._items([office]) if office is not None else ()

    def _items(self, agreements: list[schema.Agreement]) -> tuple[BudgetItem, ...]:
        programs = {p.code: p for p in self.plan.programs}
        activity_program = {a.code: p.code for p in self.plan.programs for a in p.activities}
        activity_names = {a.code: a.name for p in self.plan.programs for a in p.activities}
        items: dict[tuple[str, str], BudgetItem] = {}
        for agreement in agreements:
            for line in agreement.budget:
                if line.activity is not None:
                    key = ("activity", line.activity)
                    name = activity_names.get(line.activity, line.activity)
                    program = activity_program.get(line.activity)
                    spent = self._spent(activity=line.activity)
                else:
                    assert line.program is not None
                    key = ("program", line.program)
                    program = line.program
                    name = programs[line.program].name if line.program in programs else program
                    spent = self._spent(program=line.program)
                if key in items:
                    continue
                items[key] = BudgetItem(
                    kind=key[0],
                    code=key[1],
                    name=name,
                    program=program,
                    work_unit=agreement.work_unit,
                    ceiling=line.amount,
                    spent=spent,
                    absorption=absorption(spent, line.amount),
                )
        return tuple(items.values())

    def activities(self, program: str) -> list[BudgetItem]:
        """The activities of a program that a work unit's PK budgets."""
        return [i for i in self.budget_items if i.kind == "activity" and i.program == program]

    def objective_units(self, objective: ObjectiveResult) -> list[str]:
        """The work units owning the objective's indicators, in order of appearance."""
        units: list[str] = []
        for ind in objective.indicators:
            if ind.work_unit and ind.work_unit not in units:
                units.append(ind.work_unit)
        return units

    # --- the budget of each objective ------------------------------------------------------------

    @cached_property
    def objective_shares(self) -> dict[tuple[str, str], dict[str, Decimal]]:
        """The objectives each program's and activity's budget serves, by ("program" or
        "activity", code): objective code -> share in percent (100 when the only one)."""
        found: dict[tuple[str, str], dict[str, Decimal]] = {}
        for program in self.plan.programs:
            if program.objectives:
                found[("program", program.code)] = _shares(program.objectives)
            for activity in program.activities:
                if activity.objectives:
                    found[("activity", activity.code)] = _shares(activity.objectives)
        return found

    @property
    def has_budget_mapping(self) -> bool:
        """Whether the plan says which objectives any budget line serves."""
        return bool(self.objective_shares)

    def mapped_items(self) -> list[BudgetItem]:
        """The budget lines whose objectives the plan states."""
        return [i for i in self.allocated_items if (i.kind, i.code) in self.objective_shares]

    def unmapped_items(self) -> list[BudgetItem]:
        """The budget lines the plan does not assign to any objective."""
        return [i for i in self.allocated_items if (i.kind, i.code) not in self.objective_shares]

    @cached_property
    def objective_budgets(self) -> dict[str, ObjectiveBudget]:
        """Each objective's ceiling and spending, allocated from the lines serving it by their
        shares (`core.budget.objective_budgets`): the sum over objectives is the mapped total."""
        lines = [
            Served(
                f"{i.kind}:{i.code}", i.ceiling, i.spent, self.objective_shares[(i.kind, i.code)]
            )
            for i in self.mapped_items()
        ]
        codes = [o.code for o in self.plan.objectives]
        return {b.objective: b for b in objective_budgets(lines, codes)}

    def objective_budget(self, objective: ObjectiveResult) -> ObjectiveBudget | None:
        """The objective's share of the budget; None when the plan maps no budget at all."""
        if not self.has_budget_mapping:
            return None
        return self.objective_budgets.get(objective.code)

    def serving_items(self, objective: ObjectiveResult) -> list[tuple[BudgetItem, Decimal, int]]:
        """The budget lines serving the objective, each with its share and allocated ceiling."""
        budget = self.objective_budget(objective)
        if budget is None:
            return []
        items = {f"{i.kind}:{i.code}": i for i in self.mapped_items()}
        return [(items[key], share, part) for key, share, part in budget.lines]

    def objective_efficiency(self, objective: ObjectiveResult) -> Efficiency | None:
        """The objective's achievement next to the absorption of its allocated budget; None
        when no budget line serves it."""
        budget = self.objective_budget(objective)
        if budget is None or not budget.lines:
            return None
        return efficiency(objective.achievement, budget.absorption)

    def office_efficiency(self) -> Efficiency:
        return efficiency(self.result.achievement, self.result.budget.absorption)


def _shares(shares: list[schema.ObjectiveShare]) -> dict[str, Decimal]:
    return {s.objective: Decimal(100) if s.share is None else s.share for s in shares}


def build_context(
    dataset: Dataset,
    year: int | None = None,
    parent_indicators: Mapping[str, str] | None = None,
) -> ReportContext:
    """Measure `year` of the dataset (default: its latest) and the `EARLIER_YEARS` before it
    that the dataset holds.

    Raises KeyError when the dataset has no such year. An office with several Renstra periods:
    the context is the year's period (its plan and its years), and an earlier year of another
    period is measured against that period's own plan, so that the first year of a new
    Renstra is still compared with the last years of the one before. `parent_indicators` names
    the parent office's indicators by code, where the caller knows its plan.
    """
    period = dataset.period_of(year)
    result = measure(period, year)
    earlier = sorted(
        {e.year for e in dataset.all_years() if result.year - EARLIER_YEARS <= e.year < result.year}
    )
    history = tuple(measure(dataset.period_of(y), y) for y in earlier)
    return ReportContext(
        period, period.year(result.year), result, history, dict(parent_indicators or {})
    )


def _same(name: str) -> str:
    """A name as compared between periods: case and spacing aside."""
    return " ".join(name.casefold().split())
