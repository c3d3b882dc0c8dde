"""Measure one year of a dataset: every indicator's achievement, rolled up, set against budget.

This is the adapter between the dataset format and the calculation core: it picks each
indicator's target and realisation out of the year's tables and hands plain values to the core.
It holds no formula. The result is read-only and is what the CLI prints and the documents read;
the database path exports a `Dataset` first, so both paths compute the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kinerja.core.achievement import Achievement, achievement, dual_achievement
from kinerja.core.budget import absorption
from kinerja.core.caps import scope, shown_value
from kinerja.core.grades import BUILTIN_GRADE_SCALES, GradeScale
from kinerja.core.quarters import combine_quarters
from kinerja.core.rollup import Weighted, rollup
from kinerja.core.scales import DEFAULT_RATING_SCALE, RatingBand, RatingScale
from kinerja.core.settings import AchievementSettings, CapScope, DualTargetReading
from kinerja.core.values import Value, numeric
from kinerja.dataset import schema
from kinerja.dataset.measure_references import ReferenceResult, measure_references
from kinerja.dataset.schema import Dataset, TargetValue, printed, typed
from kinerja.formats import format_value, round_half_up, with_unit


def _decimal(number: float | None) -> Decimal | None:
    return None if number is None else Decimal(str(number))


def achievement_settings(settings: schema.Settings) -> AchievementSettings:
    """The core's settings from the dataset's."""
    return AchievementSettings(
        cap=_decimal(settings.cap),
        cap_to=_decimal(settings.cap_to),
        lower_is_better=settings.lower_is_better,
        grade_method=settings.grade_method,
        dual_target=settings.dual_target,
        cap_applies=settings.cap_applies,
    )


def rating_scale(settings: schema.Settings) -> RatingScale:
    """The agency's rating scale as the core's, or the default when the dataset sets none."""
    scale = settings.rating_scale
    if scale is None:
        return DEFAULT_RATING_SCALE
    return RatingScale(
        name=scale.name,
        bands=tuple(
            RatingBand(
                label=band.label,
                lower=_decimal(band.lower),
                upper=_decimal(band.upper),
                lower_inclusive=band.lower_inclusive,
                upper_inclusive=band.upper_inclusive,
                color=band.color,
            )
            for band in scale.bands
        ),
    )


def grade_scales(settings: schema.Settings) -> dict[str, GradeScale]:
    """Built-in grade scales, overridden or extended by the dataset's."""
    scales = dict(BUILTIN_GRADE_SCALES)
    for scale in settings.grade_scales:
        scales[scale.code] = GradeScale(scale.code, scale.label, tuple(scale.grades))
    return scales


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator's year: what it was measured against, and the outcome.

    `achievement` is uncapped; `shown` is the figure shown for the indicator, capped when the cap
    applies to it (`cap_applies`), and is what `rating` rates.
    """

    code: str
    name: str
    objective: str
    work_unit: str | None
    polarity: str
    target: str | None
    agreement_target: str | None
    percentage_target: str | None
    activity_target: str | None
    realization: str | None
    realization_source: str | None
    quarters: dict[int, str]
    achievement: Achievement
    rating: RatingBand | None
    reported_achievement: Decimal | None
    reported_printed: str | None
    unit: str | None = None
    cap_applies: CapScope = CapScope.ROLLUP
    shown: Decimal | None = None
    references: tuple[ReferenceResult, ...] = ()

    @property
    def is_capped(self) -> bool:
        """True when the figure shown differs from the uncapped achievement."""
        return self.shown != self.achievement.value

    @property
    def reported_differs(self) -> bool:
        """True when the source printed an achievement that the data does not give."""
        if self.reported_achievement is None:
            return False
        if self.achievement.value is None:
            return True
        reported = round_half_up(self.reported_achievement, 2)
        shown = self.achievement.value if self.shown is None else self.shown
        return all(round_half_up(value, 2) != reported for value in (self.achievement.value, shown))


@dataclass(frozen=True)
class ObjectiveResult:
    code: str
    name: str
    achievement: Decimal | None
    rating: RatingBand | None
    indicators: tuple[IndicatorResult, ...]


@dataclass(frozen=True)
class ProgramBudget:
    code: str
    name: str
    ceiling: int
    spent: int | None
    absorption: Decimal | None


@dataclass(frozen=True)
class BudgetResult:
    ceiling: int | None
    spent: int | None
    absorption: Decimal | None
    programs: tuple[ProgramBudget, ...]


@dataclass(frozen=True)
class MeasureResult:
    """The measured year of one agency."""

    agency_code: str
    agency_name: str
    year: int
    settings: AchievementSettings
    scale: RatingScale
    objectives: tuple[ObjectiveResult, ...]
    achievement: Decimal | None
    rating: RatingBand | None
    budget: BudgetResult

    @property
    def indicators(self) -> tuple[IndicatorResult, ...]:
        return tuple(ind for obj in self.objectives for ind in obj.indicators)


@dataclass
class _Sources:
    """Where one indicator's numbers stand in a year's tables (first occurrence wins)."""

    agreement: TargetValue | None = None
    unit_agreement: TargetValue | None = None
    row: schema.MeasurementRow | None = None


def _sources(year: schema.Year) -> dict[str, _Sources]:
    sources: dict[str, _Sources] = {}
    for agreement in year.agreements:
        for row in agreement.rows:
            entry = sources.setdefault(row.indicator, _Sources())
            if agreement.work_unit is None and entry.agreement is None:
                entry.agreement = row.target
            elif agreement.work_unit is not None and entry.unit_agreement is None:
                entry.unit_agreement = row.target
    for table in year.measurements:
        for mrow in table.rows:
            for code in mrow.indicators:
                entry = sources.setdefault(code, _Sources())
                if entry.row is None:
                    entry.row = mrow
    return sources


def _text(value: TargetValue | None, unit: str | None = None) -> str | None:
    """The value as printed, with the indicator's unit added to a bare number."""
    return None if value is None else with_unit(printed(value), unit)


def _value(value: TargetValue | None, unit: str | None) -> Value | None:
    return None if value is None else typed(value, unit)


def _measure_indicator(
    indicator: schema.Indicator,
    objective: schema.Objective,
    plan: schema.StrategicPlan,
    year: schema.Year,
    source: _Sources,
    settings: AchievementSettings,
    scale: RatingScale,
    scales: dict[str, GradeScale],
) -> IndicatorResult:
    row = source.row
    unit = indicator.unit
    quarterly = {r.quarter: r for r in year.realizations if r.indicator == indicator.code}
    realization: Value | None
    if quarterly:
        realization = combine_quarters(
            {q: typed(r.value, unit) for q, r in quarterly.items()}, indicator.combine
        )
        realization_text = None if realization is None else format_value(realization)
        realization_source = "quarters"
    elif row is not None and row.realization is not None:
        realization = typed(row.realization, unit)
        realization_text = _text(row.realization, unit)
        realization_source = "measurement"
    else:
        realization, realization_text, realization_source = None, None, None

    agreed = source.agreement if source.agreement is not None else source.unit_agreement
    percentage_target = row.target if row is not None else None
    activity_target = row.activity_target if row is not None else None
    grade_scale = scales.get(indicator.grade_scale) if indicator.grade_scale else None

    target_text: str | None
    if activity_target is not None:
        result = dual_achievement(
            _value(percentage_target if percentage_target is not None else agreed, unit),
            typed(activity_target, unit),
            realization,
            polarity=indicator.polarity,
            settings=settings,
            grade_scale=grade_scale,
        )
        target = activity_target if settings.dual_target is DualTargetReading.ACTIVITY else None
        target_text = _text(target, unit) or (
            f"{_text(percentage_target, unit)} × {_text(activity_target, unit)}"
        )
    else:
        base = agreed if agreed is not None else percentage_target
        result = achievement(
            _value(base, unit),
            realization,
            polarity=indicator.polarity,
            settings=settings,
            grade_scale=grade_scale,
        )
        target_text = _text(base, unit)

    reported = row.reported_achievement if row is not None else None
    reported_value = _value(reported, "%")
    return IndicatorResult(
        code=indicator.code,
        name=indicator.name,
        objective=objective.code,
        work_unit=indicator.work_unit,
        polarity=indicator.polarity.value,
        target=target_text,
        agreement_target=_text(agreed, unit),
        percentage_target=_text(percentage_target, unit),
        activity_target=_text(activity_target, unit),
        realization=realization_text,
        realization_source=realization_source,
        quarters={q: with_unit(printed(r.value), unit) for q, r in sorted(quarterly.items())},
        achievement=result,
        rating=scale.rate(shown_value(result.value, settings, indicator.cap_applies)),
        reported_achievement=None if reported_value is None else numeric(reported_value),
        reported_printed=_text(reported),
        unit=unit,
        cap_applies=scope(settings, indicator.cap_applies),
        shown=shown_value(result.value, settings, indicator.cap_applies),
        references=measure_references(
            indicator, plan, year.year, realization, settings, grade_scale
        ),
    )


def _objective_order(
    dataset: Dataset, year: schema.Year
) -> list[tuple[schema.Objective, list[schema.Indicator]]]:
    """Objectives and indicators in the office PK's order; the whole plan when there is no PK.

    An indicator retired before or in this year is not measured, and an objective left without
    indicators is not either.
    """
    plan = dataset.strategic_plan
    objectives = {o.code: o for o in plan.objectives}
    agreement = year.office_agreement
    if agreement is None:
        active = [(o, [i for i in o.indicators if i.active_in(year.year)]) for o in plan.objectives]
        return [(o, indicators) for o, indicators in active if indicators]
    order: dict[str, list[schema.Indicator]] = {}
    for row in agreement.rows:
        objective = objectives[row.objective]
        indicator = next(i for i in objective.indicators if i.code == row.indicator)
        if not indicator.active_in(year.year):
            continue
        listed = order.setdefault(row.objective, [])
        if indicator not in listed:
            listed.append(indicator)
    return [(objectives[code], indicators) for code, indicators in order.items()]


def _budget(dataset: Dataset, year: schema.Year) -> BudgetResult:
    names = {p.code: p.name for p in dataset.strategic_plan.programs}
    agreement = year.office_agreement
    lines = [line for line in (agreement.budget if agreement else []) if line.program]
    if not lines:
        return BudgetResult(None, None, None, ())
    spent_by_program: dict[str, int] = {}
    yearly = [s for s in year.spending if s.program and s.quarter is None]
    if not yearly:
        last = max((s.quarter or 0 for s in year.spending if s.program), default=0)
        yearly = [s for s in year.spending if s.program and s.quarter == last]
    for item in yearly:
        assert item.program is not None
        spent_by_program[item.program] = spent_by_program.get(item.program, 0) + item.spent
    programs = []
    for line in lines:
        assert line.program is not None
        spent = spent_by_program.get(line.program)
        programs.append(
            ProgramBudget(
                line.program,
                names.get(line.program, line.program),
                line.amount,
                spent,
                absorption(spent, line.amount),
            )
        )
    ceiling = sum(p.ceiling for p in programs)
    spent_total = sum(spent_by_program.values()) if spent_by_program else None
    return BudgetResult(ceiling, spent_total, absorption(spent_total, ceiling), tuple(programs))


def measure(dataset: Dataset, year: int | None = None) -> MeasureResult:
    """Measure `year` of the dataset (default: its latest year), with the plan of its period."""
    dataset = dataset.period_of(year)
    entry = dataset.latest_year if year is None else dataset.year(year)
    settings = achievement_settings(dataset.settings)
    scale = rating_scale(dataset.settings)
    scales = grade_scales(dataset.settings)
    sources = _sources(entry)
    objectives: list[ObjectiveResult] = []
    weights: list[Decimal | None] = []
    for objective, indicators in _objective_order(dataset, entry):
        results = tuple(
            _measure_indicator(
                ind,
                objective,
                dataset.strategic_plan,
                entry,
                sources.get(ind.code, _Sources()),
                settings,
                scale,
                scales,
            )
            for ind in indicators
        )
        value = rollup(
            [
                Weighted(r.achievement.value, _decimal(i.weight), i.cap_applies)
                for r, i in zip(results, indicators, strict=True)
            ],
            settings,
        )
        objectives.append(
            ObjectiveResult(objective.code, objective.name, value, scale.rate(value), results)
        )
        weights.append(_decimal(objective.weight))
    overall = rollup(
        [Weighted(o.achievement, w) for o, w in zip(objectives, weights, strict=True)], settings
    )
    return MeasureResult(
        agency_code=dataset.agency.code,
        agency_name=dataset.agency.name,
        year=entry.year,
        settings=settings,
        scale=scale,
        objectives=tuple(objectives),
        achievement=overall,
        rating=scale.rate(overall),
        budget=_budget(dataset, entry),
    )


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(round_half_up(value, 2))


def _label(band: RatingBand | None) -> str | None:
    return None if band is None else band.label


def _indicator_json(ind: IndicatorResult) -> dict[str, Any]:
    return {
        "code": ind.code,
        "name": ind.name,
        "work_unit": ind.work_unit,
        "polarity": ind.polarity,
        "target": ind.target,
        "realization": ind.realization,
        "unit": ind.unit,
        "achievement": _number(ind.shown),
        "uncapped_achievement": _number(ind.achievement.value),
        "cap_applies": ind.cap_applies.value,
        "rating": _label(ind.rating),
        "reported_achievement": _number(ind.reported_achievement),
        "status": ind.achievement.status.value,
        "reason": ind.achievement.reason,
        "notes": list(ind.achievement.notes),
        "agreement_target": ind.agreement_target,
        "percentage_target": ind.percentage_target,
        "activity_target": ind.activity_target,
        "realization_source": ind.realization_source,
        "references": [
            {
                "kind": ref.kind,
                "label": ref.label,
                "target": ref.target,
                "achievement": _number(ref.achievement.value),
                "status": ref.achievement.status.value,
                "reason": ref.achievement.reason,
            }
            for ref in ind.references
        ],
    }


def to_json(result: MeasureResult) -> dict[str, Any]:
    """The stable JSON shape of `kinerja measure --json` (see docs/cli.md)."""
    budget = result.budget
    return {
        "agency": result.agency_code,
        "year": result.year,
        "objectives": [
            {
                "code": obj.code,
                "name": obj.name,
                "achievement": _number(obj.achievement),
                "rating": _label(obj.rating),
                "indicators": [_indicator_json(ind) for ind in obj.indicators],
            }
            for obj in result.objectives
        ],
        "overall": {"achievement": _number(result.achievement), "rating": _label(result.rating)},
        "budget": {
            "ceiling": budget.ceiling,
            "spent": budget.spent,
            "absorption": _number(budget.absorption),
            "programs": [
                {
                    "code": p.code,
                    "name": p.name,
                    "ceiling": p.ceiling,
                    "spent": p.spent,
                    "absorption": _number(p.absorption),
                }
                for p in budget.programs
            ],
        },
    }


def unmeasured(indicators: Sequence[IndicatorResult]) -> list[IndicatorResult]:
    """Indicators with no realisation (shown as unmeasured, never as 0)."""
    return [ind for ind in indicators if not ind.achievement.is_measured]
