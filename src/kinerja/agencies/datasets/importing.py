"""Writing a dataset into the database: one office, created or replaced in one transaction.

Each kind of row is written with one `bulk_create` for the whole dataset, so the number of
queries does not grow with the number of rows. List order is kept in each row's `position`.
Realisations keep or get their workflow state by the rule of `kinerja.results.import_state`:
an import never verifies what nobody verified, and a locked year is replaced only with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from kinerja.agencies.datasets import final_lke
from kinerja.agencies.datasets.final_lke import KeptFinal
from kinerja.agencies.datasets.jsonforms import plain, targets_to_json, value_to_json
from kinerja.agencies.datasets.tree import attach_parents, place_under
from kinerja.agencies.models import (
    Agency,
    CommissionerPeriod,
    CommissionerSeat,
    Division,
    StaffCount,
    WorkUnit,
)
from kinerja.agencies.signals import changed
from kinerja.dataset import schema as ds
from kinerja.evaluations.models import Evaluation, EvaluationAnswer, ReviewRecord
from kinerja.plans.models import (
    Activity,
    AgencySettings,
    AgreementRow,
    BudgetLine,
    BudgetObjective,
    Goal,
    GoalIndicator,
    Indicator,
    Mission,
    Objective,
    PerformanceAgreement,
    Program,
    StrategicPlan,
)
from kinerja.results.import_state import KeptYears, content, evidence_rows
from kinerja.results.models import (
    Evidence,
    MeasurementRow,
    MeasurementRowIndicator,
    MeasurementTable,
    NarrativeIndicator,
    NarrativeSection,
    Realization,
    ReportingYear,
    Spending,
    SupportingTable,
)

_Row = TypeVar("_Row")


@dataclass(frozen=True)
class _Rows:
    """The rows written so far, by dataset code, for the references of later rows."""

    units: dict[str, WorkUnit]
    objectives: dict[str, Objective]
    indicators: dict[str, Indicator]
    programs: dict[str, Program]
    activities: dict[str, Activity]


@transaction.atomic
def import_dataset(
    dataset: ds.Dataset,
    *,
    importer: AbstractBaseUser | None = None,
    unlock_reason: str | None = None,
    final_from_file: bool = True,
) -> Agency:
    """Store an office's dataset, replacing whatever was stored for the office's code.

    All or nothing: on any error the database is left as it was. The office keeps its row (and
    so its place in the tree and its child offices); everything the dataset describes is
    deleted and written again. Parent offices the dataset names are created bare when missing
    (see `tree.attach_parents`); a dataset naming no parents keeps the stored parent.

    `importer` is who imports (None for a server command naming nobody): new and changed
    realisations arrive submitted by them. A locked year raises `YearsLocked` unless
    `unlock_reason` (and an importer, who signs the revision) is given.

    A year whose stored LKE is final keeps its state, and its answers must not change
    (`final_lke`: `FinalLkeConflict`); a final state from the file is taken only when
    `final_from_file` (server commands; the web import, a planner's, passes False).
    """
    parent = attach_parents(dataset.agency)
    kept = KeptYears(importer)
    finals: dict[int, KeptFinal] = {}
    agency = _replace_agency(
        dataset.agency, dataset.organization, parent, kept, unlock_reason, finals
    )
    final_lke.check(dataset, finals, final_from_file=final_from_file)
    units = _write_organization(agency, dataset.organization, dataset.work_units)
    _write_settings(agency, dataset.settings)
    periods = [(dataset.strategic_plan, dataset.years)]
    periods += [(other.strategic_plan, other.years) for other in dataset.other_periods]
    written: dict[int, ReportingYear] = {}
    for plan, years in periods:
        # Each Renstra period's years refer to that period's plan by code.
        rows = _write_plan(agency, plan, units)
        _write_agreements(agency, years, rows)
        written |= _write_years(agency, years, rows, kept, finals, offset=len(written))
    kept.restore_revisions(written)
    changed(agency.pk)
    return agency


def _replace_agency(
    office: ds.Agency,
    organization: ds.Organization,
    parent: Agency | None,
    kept: KeptYears,
    unlock_reason: str | None,
    finals: dict[int, KeptFinal],
) -> Agency:
    agency = Agency.objects.select_for_update().filter(code=office.code).first()
    if agency is None:
        agency = Agency(code=office.code)
    place_under(agency, parent)
    if agency.pk is not None:
        kept.take(agency.pk, unlock_reason)
        finals.update(final_lke.stored_finals(agency.pk, lock=True))
        _delete_content(agency)
    agency.name = office.name
    agency.full_name = office.full_name
    agency.level = office.level
    agency.address = office.address
    agency.city = office.city
    agency.signing_place = office.signing_place
    agency.head = plain(office.head)
    agency.secretary = plain(office.secretary)
    agency.people = [plain(person) for person in organization.people]
    agency.has_dataset = True
    agency.save()
    return agency


def _delete_content(agency: Agency) -> None:
    """Delete what a dataset describes, results first: plan rows are referenced by results."""
    ReportingYear.objects.filter(agency=agency).delete()
    PerformanceAgreement.objects.filter(agency=agency).delete()
    StrategicPlan.objects.filter(agency=agency).delete()
    AgencySettings.objects.filter(agency=agency).delete()
    CommissionerPeriod.objects.filter(agency=agency).delete()
    StaffCount.objects.filter(agency=agency).delete()
    WorkUnit.objects.filter(agency=agency).delete()
    Division.objects.filter(agency=agency).delete()


def _write_organization(
    agency: Agency, organization: ds.Organization, work_units: list[ds.WorkUnit]
) -> dict[str, WorkUnit]:
    divisions = {
        row.code: row
        for row in Division.objects.bulk_create(
            Division(agency=agency, position=i, code=d.code, name=d.name)
            for i, d in enumerate(organization.divisions)
        )
    }
    periods = CommissionerPeriod.objects.bulk_create(
        CommissionerPeriod(
            agency=agency, position=i, start=p.start, end=p.end, decree=p.decree, figure=p.figure
        )
        for i, p in enumerate(organization.commissioner_periods)
    )
    CommissionerSeat.objects.bulk_create(
        CommissionerSeat(
            period=row,
            position=j,
            name=seat.name,
            title=seat.position,
            division=_get(divisions, seat.division),
        )
        for row, period in zip(periods, organization.commissioner_periods, strict=True)
        for j, seat in enumerate(period.members)
    )
    StaffCount.objects.bulk_create(
        StaffCount(
            agency=agency, position=i, dimension=s.dimension, category=s.category, count=s.count
        )
        for i, s in enumerate(organization.staff)
    )
    units = WorkUnit.objects.bulk_create(
        WorkUnit(
            agency=agency,
            position=i,
            code=u.code,
            name=u.name,
            short_name=u.short_name,
            division=_get(divisions, u.division),
            head=plain(u.head),
        )
        for i, u in enumerate(work_units)
    )
    by_code = {row.code: row for row in units}
    reporting = []
    for row, unit in zip(units, work_units, strict=True):
        if unit.reports_to is not None:
            row.reports_to = by_code[unit.reports_to]
            reporting.append(row)
    if reporting:
        WorkUnit.objects.bulk_update(reporting, ["reports_to"])
    return by_code


def _write_plan(agency: Agency, plan: ds.StrategicPlan, units: dict[str, WorkUnit]) -> _Rows:
    record = StrategicPlan.objects.create(
        agency=agency,
        start=plan.start,
        end=plan.end,
        title=plan.title,
        decree=plan.decree,
        established_on=plan.established_on,
        vision=plan.vision,
    )
    Mission.objects.bulk_create(
        Mission(plan=record, position=i, code=m.code, text=m.text)
        for i, m in enumerate(plan.missions)
    )
    goals = Goal.objects.bulk_create(
        Goal(plan=record, position=i, code=g.code, text=g.text) for i, g in enumerate(plan.goals)
    )
    GoalIndicator.objects.bulk_create(
        GoalIndicator(
            goal=row, position=j, code=gi.code, name=gi.name, targets=targets_to_json(gi.targets)
        )
        for row, goal in zip(goals, plan.goals, strict=True)
        for j, gi in enumerate(goal.indicators)
    )
    goals_by_code = {row.code: row for row in goals}
    objectives = Objective.objects.bulk_create(
        Objective(
            plan=record,
            position=i,
            code=o.code,
            name=o.name,
            goal=_get(goals_by_code, o.goal),
            weight=o.weight,
        )
        for i, o in enumerate(plan.objectives)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            objective=row,
            position=j,
            code=ind.code,
            name=ind.name,
            work_unit=_get(units, ind.work_unit),
            is_key=ind.is_key,
            polarity=ind.polarity.value,
            combine=ind.combine.value,
            grade_scale=ind.grade_scale,
            can_exceed_100=ind.can_exceed_100,
            weight=ind.weight,
            renstra_targets=targets_to_json(ind.renstra_targets),
            unit=ind.unit,
            cap_applies=None if ind.cap_applies is None else ind.cap_applies.value,
            reference_targets=[plain(reference) for reference in ind.reference_targets],
            serves=ind.serves,
            retired_from=ind.retired_from,
        )
        for row, objective in zip(objectives, plan.objectives, strict=True)
        for j, ind in enumerate(objective.indicators)
    )
    programs = Program.objects.bulk_create(
        Program(plan=record, position=i, code=p.code, name=p.name)
        for i, p in enumerate(plan.programs)
    )
    activities = Activity.objects.bulk_create(
        Activity(program=row, position=j, code=a.code, name=a.name)
        for row, program in zip(programs, plan.programs, strict=True)
        for j, a in enumerate(program.activities)
    )
    objectives_by_code = {row.code: row for row in objectives}
    BudgetObjective.objects.bulk_create(
        [
            *(
                BudgetObjective(
                    program=row,
                    position=k,
                    objective=objectives_by_code[share.objective],
                    share=share.share,
                )
                for row, program in zip(programs, plan.programs, strict=True)
                for k, share in enumerate(program.objectives)
            ),
            *(
                BudgetObjective(
                    activity=row,
                    position=k,
                    objective=objectives_by_code[share.objective],
                    share=share.share,
                )
                for row, activity in zip(
                    activities,
                    [a for program in plan.programs for a in program.activities],
                    strict=True,
                )
                for k, share in enumerate(activity.objectives)
            ),
        ]
    )
    return _Rows(
        units=units,
        objectives=objectives_by_code,
        indicators={row.code: row for row in indicators},
        programs={row.code: row for row in programs},
        activities={row.code: row for row in activities},
    )


def _write_settings(agency: Agency, settings: ds.Settings) -> None:
    AgencySettings.objects.create(
        agency=agency,
        cap=settings.cap,
        cap_to=settings.cap_to,
        cap_applies=settings.cap_applies.value,
        lower_is_better=settings.lower_is_better.value,
        grade_method=settings.grade_method.value,
        dual_target=settings.dual_target.value,
        rating_scale=plain(settings.rating_scale),
        grade_scales=[plain(scale) for scale in settings.grade_scales],
    )


def _write_agreements(agency: Agency, years: list[ds.Year], rows: _Rows) -> None:
    pairs = [
        (
            PerformanceAgreement(
                agency=agency,
                year=year.year,
                position=i,
                work_unit=_get(rows.units, a.work_unit),
                table=a.table,
                title=a.title,
                place=a.place,
                signed_on=a.signed_on,
                first_party=plain(a.first_party),
                second_party=plain(a.second_party),
                printed_total=a.printed_total,
            ),
            a,
        )
        for year in years
        for i, a in enumerate(year.agreements)
    ]
    PerformanceAgreement.objects.bulk_create(record for record, _ in pairs)
    AgreementRow.objects.bulk_create(
        AgreementRow(
            agreement=record,
            position=j,
            objective=rows.objectives[r.objective],
            indicator=rows.indicators[r.indicator],
            target=value_to_json(r.target),
            quarterly_targets=targets_to_json(r.quarterly_targets),
            printed_objective=r.printed_objective,
            printed_indicator=r.printed_indicator,
        )
        for record, a in pairs
        for j, r in enumerate(a.rows)
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(
            agreement=record,
            position=j,
            program=_get(rows.programs, line.program),
            activity=_get(rows.activities, line.activity),
            amount=line.amount,
            printed=line.printed,
        )
        for record, a in pairs
        for j, line in enumerate(a.budget)
    )


def _write_years(
    agency: Agency,
    years: list[ds.Year],
    rows: _Rows,
    kept: KeptYears,
    finals: dict[int, KeptFinal],
    offset: int = 0,
) -> dict[int, ReportingYear]:
    records = ReportingYear.objects.bulk_create(
        ReportingYear(
            agency=agency,
            year=year.year,
            position=i,
            has_report=year.report is not None,
            report_title=year.report.title if year.report else None,
            report_place=year.report.place if year.report else None,
            report_date=year.report.date if year.report else None,
            report_signatory=plain(year.report.signatory) if year.report else None,
        )
        for i, year in enumerate(years, start=offset)
    )
    pairs = list(zip(records, years, strict=True))
    _write_evaluations(pairs, finals)
    _write_reviews(pairs)
    evidence = _write_measurements(pairs, rows)
    evidence += _write_realizations(pairs, rows, kept)
    Evidence.objects.bulk_create(evidence)
    Spending.objects.bulk_create(
        Spending(
            reporting_year=record,
            position=i,
            program=_get(rows.programs, s.program),
            activity=_get(rows.activities, s.activity),
            quarter=s.quarter,
            spent=s.spent,
            **kept.spending_arrival((year.year, s.program, s.activity, s.quarter), s.spent),
        )
        for record, year in pairs
        for i, s in enumerate(year.spending)
    )
    SupportingTable.objects.bulk_create(
        SupportingTable(
            reporting_year=record,
            position=i,
            key=t.key,
            table=t.table,
            title=t.title,
            columns=list(t.columns),
            rows=[list(row) for row in t.rows],
            work_unit=_get(rows.units, t.work_unit),
            note=t.note,
        )
        for record, year in pairs
        for i, t in enumerate(year.supporting_tables)
    )
    sections = [
        (
            NarrativeSection(
                reporting_year=record,
                position=i,
                key=n.key,
                title=n.title,
                objective=_get(rows.objectives, n.objective),
                work_unit=_get(rows.units, n.work_unit),
                text=n.text,
            ),
            n,
        )
        for record, year in pairs
        for i, n in enumerate(year.narrative)
    ]
    NarrativeSection.objects.bulk_create(record for record, _ in sections)
    NarrativeIndicator.objects.bulk_create(
        NarrativeIndicator(section=record, indicator=rows.indicators[code], position=k)
        for record, n in sections
        for k, code in enumerate(n.indicators)
    )
    return {record.year: record for record in records}


def _write_reviews(pairs: list[tuple[ReportingYear, ds.Year]]) -> None:
    ReviewRecord.objects.bulk_create(
        ReviewRecord(
            reporting_year=record,
            reviewer_name=year.review.reviewer.name,
            reviewer_position=year.review.reviewer.position,
            reviewer_nip=year.review.reviewer.nip,
            reviewer_work_unit=year.review.reviewer.work_unit,
            date=year.review.date,
            place=year.review.place,
            statement=year.review.statement,
            findings=[plain(note) for note in year.review.findings],
        )
        for record, year in pairs
        if year.review is not None
    )


def _write_evaluations(
    pairs: list[tuple[ReportingYear, ds.Year]], finals: dict[int, KeptFinal]
) -> None:
    evaluations = [
        (
            Evaluation(
                reporting_year=record,
                regulation=year.evaluation.regulation,
                method=year.evaluation.method,
                **final_lke.final_fields(year.year, year.evaluation, finals),
            ),
            year.evaluation,
        )
        for record, year in pairs
        if year.evaluation is not None
    ]
    Evaluation.objects.bulk_create(record for record, _ in evaluations)
    EvaluationAnswer.objects.bulk_create(
        EvaluationAnswer(
            evaluation=record,
            position=i,
            item=answer.item,
            answer=answer.answer or "",
            self_assessment=answer.self_assessment or "",
            met=list(answer.met),
            note=answer.note,
            evidence=[plain(e) for e in answer.evidence],
            proposed=answer.proposed,
        )
        for record, evaluation in evaluations
        for i, answer in enumerate(evaluation.answers)
    )


def _write_measurements(pairs: list[tuple[ReportingYear, ds.Year]], rows: _Rows) -> list[Evidence]:
    tables = [
        (
            MeasurementTable(
                reporting_year=record,
                position=i,
                work_unit=_get(rows.units, t.work_unit),
                table=t.table,
                title=t.title,
            ),
            t,
        )
        for record, year in pairs
        for i, t in enumerate(year.measurements)
    ]
    MeasurementTable.objects.bulk_create(record for record, _ in tables)
    measured = [
        (
            MeasurementRow(
                table=record,
                position=j,
                target=value_to_json(r.target),
                activity_target=value_to_json(r.activity_target),
                realization=value_to_json(r.realization),
                reported_achievement=value_to_json(r.reported_achievement),
                printed_objective=r.printed_objective,
                printed_indicator=r.printed_indicator,
            ),
            r,
        )
        for record, t in tables
        for j, r in enumerate(t.rows)
    ]
    MeasurementRow.objects.bulk_create(record for record, _ in measured)
    MeasurementRowIndicator.objects.bulk_create(
        MeasurementRowIndicator(row=record, indicator=rows.indicators[code], position=k)
        for record, r in measured
        for k, code in enumerate(r.indicators)
    )
    return [
        _evidence(item, position=k, measurement_row=record)
        for record, r in measured
        for k, item in enumerate(r.evidence)
    ]


def _write_realizations(
    pairs: list[tuple[ReportingYear, ds.Year]], rows: _Rows, kept: KeptYears
) -> list[Evidence]:
    realized = [
        (
            Realization(
                reporting_year=record,
                position=i,
                indicator=rows.indicators[z.indicator],
                quarter=z.quarter,
                value=value_to_json(z.value),
                note=z.note,
                **kept.arrival(
                    (year.year, z.indicator, z.quarter),
                    content(value_to_json(z.value), z.note, evidence_rows(z.evidence)),
                ),
            ),
            z,
        )
        for record, year in pairs
        for i, z in enumerate(year.realizations)
    ]
    Realization.objects.bulk_create(record for record, _ in realized)
    return [
        _evidence(item, position=k, realization=record)
        for record, z in realized
        for k, item in enumerate(z.evidence)
    ]


def _evidence(
    item: ds.Evidence,
    *,
    position: int,
    realization: Realization | None = None,
    measurement_row: MeasurementRow | None = None,
) -> Evidence:
    return Evidence(
        realization=realization,
        measurement_row=measurement_row,
        position=position,
        title=item.title,
        file=item.file,
        url=item.url,
        sha256=item.sha256,
        size=item.size,
        content_type=item.content_type,
    )


def _get(rows: dict[str, _Row], code: str | None) -> _Row | None:
    """The row a code names, or None for no code; the schema has checked that codes resolve."""
    return None if code is None else rows[code]
