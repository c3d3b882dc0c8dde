"""The facts the review reads, picked out of one year of a dataset (`core.review.inputs`).

This adapter holds no rule and no formula: achievements come from `kinerja.dataset.measure` (the
agency's settings, and once more with the other reading of two targets), values from
`schema.typed`. The facts about the report as a document are `review_texts`'.
"""

from __future__ import annotations

from collections.abc import Iterator

from kinerja.core.achievement import Achievement, Status
from kinerja.core.quarters import combine_quarters
from kinerja.core.review.inputs import (
    BudgetLineFact,
    BudgetTable,
    Coverage,
    IndicatorFacts,
    IndicatorOutcome,
    MeasuredRow,
    ObjectiveOutcome,
    PreviousRealization,
    RealizationStatement,
    ReviewInput,
    Role,
    TargetStatement,
    Text,
    UnitCoverage,
)
from kinerja.core.settings import DualTargetReading
from kinerja.core.values import Value
from kinerja.dataset import schema
from kinerja.dataset.measure import (
    IndicatorResult,
    MeasureResult,
    achievement_settings,
    grade_scales,
    measure,
    rating_scale,
)
from kinerja.dataset.review_index import PlanIndex
from kinerja.dataset.review_texts import (
    counts,
    numbered_rows,
    passages,
    section_label,
    table_labels,
    titles,
    wordings,
)
from kinerja.dataset.schema import Dataset, TargetValue, printed, typed

QUARTERLY_SOURCE = "Realisasi triwulanan"


def _value(value: TargetValue | None, unit: str | None = None) -> Value | None:
    return None if value is None else typed(value, unit)


def _unit(dataset: Dataset, code: str) -> str | None:
    indicator = dataset.indicator(code)
    return None if indicator is None else indicator.unit


def _text(value: TargetValue | None) -> str | None:
    return None if value is None else printed(value)


def _indicators(dataset: Dataset) -> tuple[IndicatorFacts, ...]:
    scales = grade_scales(dataset.settings)
    return tuple(
        IndicatorFacts(
            code=ind.code,
            objective=obj.code,
            name=ind.name,
            grade_scale=scales.get(ind.grade_scale) if ind.grade_scale else None,
            can_exceed_100=ind.can_exceed_100,
            polarity=ind.polarity,
        )
        for obj in dataset.strategic_plan.objectives
        for ind in obj.indicators
    )


def _targets(plan: PlanIndex) -> Iterator[TargetStatement]:
    for agreement in plan.entry.agreements:
        role = Role.OFFICE_PK if agreement.work_unit is None else Role.UNIT_PK
        for row in agreement.rows:
            yield TargetStatement(
                row.indicator,
                row.objective,
                role,
                plan.agreement_label(agreement),
                _value(row.target, _unit(plan.dataset, row.indicator)),
                _text(row.target),
            )
    for label, _, mrow in plan.rows():
        if mrow.target is None and mrow.activity_target is None:
            continue
        for code in mrow.indicators:
            yield TargetStatement(
                code,
                plan.objective_of[code],
                Role.MEASUREMENT,
                label,
                _value(mrow.target, _unit(plan.dataset, code)),
                _text(mrow.target),
                _value(mrow.activity_target, _unit(plan.dataset, code)),
                _text(mrow.activity_target),
                tuple(mrow.indicators) if len(mrow.indicators) > 1 else (),
            )
    renstra = plan.dataset.strategic_plan
    for obj in renstra.objectives:
        for ind in obj.indicators:
            target = ind.renstra_targets.get(plan.entry.year)
            if target is not None:
                yield TargetStatement(
                    ind.code,
                    obj.code,
                    Role.RENSTRA,
                    f"Renstra {renstra.start}-{renstra.end}",
                    typed(target, ind.unit),
                    printed(target),
                )


def _realizations(plan: PlanIndex) -> Iterator[RealizationStatement]:
    for label, _, mrow in plan.rows():
        if mrow.realization is not None:
            yield RealizationStatement(
                tuple(mrow.indicators),
                plan.objective_of[mrow.indicators[0]],
                label,
                None,
                typed(mrow.realization, _unit(plan.dataset, mrow.indicators[0])),
                printed(mrow.realization),
                len(mrow.evidence),
            )
    for real in plan.entry.realizations:
        yield RealizationStatement(
            (real.indicator,),
            plan.objective_of[real.indicator],
            QUARTERLY_SOURCE,
            real.quarter,
            typed(real.value, _unit(plan.dataset, real.indicator)),
            printed(real.value),
            len(real.evidence),
        )


def _first_rows(plan: PlanIndex) -> dict[str, tuple[str, schema.MeasurementRow]]:
    """The row `measure` reads for each indicator: the first that lists it."""
    first: dict[str, tuple[str, schema.MeasurementRow]] = {}
    for label, _, mrow in plan.rows():
        for code in mrow.indicators:
            first.setdefault(code, (label, mrow))
    return first


def _measured_rows(
    plan: PlanIndex, results: dict[str, IndicatorResult], other: dict[str, IndicatorResult]
) -> Iterator[MeasuredRow]:
    first = _first_rows(plan)
    unmeasured = Achievement(None, Status.UNMEASURED)
    for label, _, mrow in plan.rows():
        code = mrow.indicators[0]
        result = results.get(code)
        used = first[code][1] is mrow and result is not None
        alternative = other.get(code) if mrow.activity_target is not None else None
        yield MeasuredRow(
            indicators=tuple(mrow.indicators),
            objective=plan.objective_of[code],
            source=label,
            target=_value(mrow.target, _unit(plan.dataset, code)),
            target_printed=_text(mrow.target),
            activity=_value(mrow.activity_target, _unit(plan.dataset, code)),
            activity_printed=_text(mrow.activity_target),
            realization=_value(mrow.realization, _unit(plan.dataset, code)),
            realization_printed=_text(mrow.realization),
            computed=result.achievement if used and result else unmeasured,
            alternative=alternative.achievement if used and alternative else None,
            # Only the row `measure` reads is compared; a later row of the same indicator is not.
            reported=result.reported_achievement if used and result else None,
            reported_printed=_text(mrow.reported_achievement),
            measured_against=result.target if used and result else None,
        )


def _outcomes(
    plan: PlanIndex, results: dict[str, IndicatorResult], values: dict[str, Value]
) -> Iterator[IndicatorOutcome]:
    first = _first_rows(plan)
    for code, result in results.items():
        source = QUARTERLY_SOURCE if result.realization_source == "quarters" else None
        if source is None and code in first:
            source = first[code][0]
        yield IndicatorOutcome(
            code,
            result.objective,
            source,
            result.achievement,
            result.target,
            result.realization,
            values.get(code) if result.realization is not None else None,
            result.rating.label if result.rating else None,
            result.reported_printed,
        )


def _objective_outcomes(measured: MeasureResult) -> Iterator[ObjectiveOutcome]:
    for objective in measured.objectives:
        yield ObjectiveOutcome(
            objective.code,
            objective.name,
            objective.achievement,
            objective.rating.label if objective.rating else None,
        )


def _year_realizations(dataset: Dataset, entry: schema.Year) -> Iterator[tuple[str, Value, str]]:
    """Each indicator's realisation of the year, as `measure` reads it: quarters combined, else
    the first row's. `(indicator, value, as printed)`."""
    combine = {i.code: i.combine for o in dataset.strategic_plan.objectives for i in o.indicators}
    quarterly: dict[str, dict[int, Value]] = {}
    texts: dict[str, str] = {}
    for real in entry.realizations:
        quarterly.setdefault(real.indicator, {})[real.quarter] = typed(
            real.value, _unit(dataset, real.indicator)
        )
        texts[real.indicator] = printed(real.value)
    done: set[str] = set()
    for code, quarters in quarterly.items():
        value = combine_quarters(quarters, combine[code])
        if value is not None:
            done.add(code)
            yield code, value, texts[code]
    for table in entry.measurements:
        for mrow in table.rows:
            for code in mrow.indicators:
                if code not in done and mrow.realization is not None:
                    done.add(code)
                    yield (
                        code,
                        typed(mrow.realization, _unit(dataset, code)),
                        printed(mrow.realization),
                    )


def _previous(dataset: Dataset, year: int) -> Iterator[PreviousRealization]:
    """The previous year's realisation of each indicator: quarters combined, else the row's."""
    entry = next((y for y in dataset.years if y.year == year - 1), None)
    if entry is None:
        return
    for code, value, text in _year_realizations(dataset, entry):
        yield PreviousRealization(code, entry.year, value, text)


def _budgets(plan: PlanIndex) -> Iterator[BudgetTable]:
    names = {p.code: p.name for p in plan.dataset.strategic_plan.programs}
    names |= {a.code: a.name for p in plan.dataset.strategic_plan.programs for a in p.activities}
    for agreement in plan.entry.agreements:
        if not agreement.budget and agreement.printed_total is None:
            continue
        lines = tuple(
            BudgetLineFact(
                "program" if line.program else "activity",
                code,
                names.get(code, code),
                line.amount,
                line.printed,
            )
            for line in agreement.budget
            for code in [line.program or line.activity or ""]
        )
        yield BudgetTable(
            plan.agreement_label(agreement),
            agreement.work_unit is None,
            lines,
            agreement.printed_total,
        )


def _coverage(plan: PlanIndex, results: dict[str, IndicatorResult]) -> Coverage:
    office = plan.entry.office_agreement
    agreed = (
        tuple(dict.fromkeys((row.objective, row.indicator) for row in office.rows))
        if office
        else ()
    )
    realized = {code for code, result in results.items() if result.realization is not None}
    reported: list[tuple[str, str, str]] = []
    for label, _, mrow in plan.rows():
        if mrow.realization is not None:
            realized.update(mrow.indicators)
        reported += [(label, plan.objective_of[code], code) for code in mrow.indicators]
    for real in plan.entry.realizations:
        realized.add(real.indicator)
        reported.append((QUARTERLY_SOURCE, plan.objective_of[real.indicator], real.indicator))
    unit_pks = {a.work_unit: a for a in plan.entry.agreements if a.work_unit is not None}
    units = []
    for table in plan.entry.measurements:
        if table.work_unit is None:
            continue
        pk = unit_pks.get(table.work_unit)
        units.append(
            UnitCoverage(
                table.work_unit,
                plan.agreement_label(pk) if pk else None,
                tuple((row.objective, row.indicator) for row in pk.rows) if pk else (),
                plan.table_label(table),
                tuple(
                    (plan.objective_of[code], code)
                    for mrow in table.rows
                    for code in mrow.indicators
                ),
            )
        )
    renstra_year = tuple(
        (obj.code, ind.code)
        for obj in plan.dataset.strategic_plan.objectives
        for ind in obj.indicators
        if plan.entry.year in ind.renstra_targets
    )
    return Coverage(
        plan.agreement_label(office) if office else None,
        agreed,
        frozenset(realized),
        tuple(reported),
        renstra_year,
        tuple(units),
    )


def review_input(dataset: Dataset, year: int | None = None) -> ReviewInput:
    """The review's facts for `year` (default: the latest). KeyError for a year not in the data."""
    dataset = dataset.period_of(year)
    entry = dataset.latest_year if year is None else dataset.year(year)
    plan = PlanIndex(dataset, entry)
    settings = achievement_settings(dataset.settings)
    measured = measure(dataset, entry.year)
    other_reading = (
        DualTargetReading.SHARE
        if dataset.settings.dual_target is DualTargetReading.ACTIVITY
        else DualTargetReading.ACTIVITY
    )
    flipped = dataset.model_copy(
        update={"settings": dataset.settings.model_copy(update={"dual_target": other_reading})}
    )
    results = {ind.code: ind for ind in measured.indicators}
    values = {code: value for code, value, _ in _year_realizations(dataset, entry)}
    other = {ind.code: ind for ind in measure(flipped, entry.year).indicators}
    agency = dataset.agency
    year_titles, all_titles = titles(plan)
    narrative = [
        Text(section_label(s), s.text)
        for s in entry.narrative
        if s.work_unit is None and s.objective is None and not s.indicators
    ]
    scale = dataset.settings.rating_scale
    return ReviewInput(
        year=entry.year,
        settings=settings,
        indicators=_indicators(dataset),
        targets=tuple(_targets(plan)),
        realizations=tuple(_realizations(plan)),
        rows=tuple(_measured_rows(plan, results, other)),
        outcomes=tuple(_outcomes(plan, results, values)),
        objective_outcomes=tuple(_objective_outcomes(measured)),
        previous=tuple(_previous(dataset, entry.year)),
        rating_scale=rating_scale(dataset.settings) if scale else None,
        rating_scale_source=(scale.table or scale.name) if scale else None,
        budgets=tuple(_budgets(plan)),
        activity_programs=tuple(
            (a.code, p.code) for p in dataset.strategic_plan.programs for a in p.activities
        ),
        coverage=_coverage(plan, results),
        wordings=tuple(wordings(plan)),
        counts=counts(plan),
        narrative=tuple(narrative),
        passages=tuple(passages(plan)),
        rating_labels=tuple(band.label for band in measured.scale.bands),
        texts=tuple(all_titles)
        + tuple(Text(section_label(s, plan), s.text) for s in entry.narrative),
        year_titles=tuple(year_titles),
        table_labels=table_labels(plan),
        numbered_rows=tuple(numbered_rows(plan)),
        office_names=tuple(name for name in (agency.name, agency.full_name) if name)
        + tuple(parent.name for parent in agency.parents),
    )
