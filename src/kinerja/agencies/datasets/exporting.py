"""Rebuilding an office's dataset from the database, exactly as it was imported.

The office and everything under it are read with a fixed number of queries (one per kind of
row, through `prefetch_related`), whatever the size of the dataset; references between rows
are turned back into codes through maps built from rows already read.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from kinerja.agencies.datasets.errors import AgencyNotDescribed
from kinerja.agencies.datasets.jsonforms import targets_from_json
from kinerja.agencies.models import Agency
from kinerja.dataset import schema as ds
from kinerja.evaluations.models import Evaluation
from kinerja.plans.models import Indicator, PerformanceAgreement, StrategicPlan, in_period
from kinerja.results.models import Evidence, ReportingYear

_PREFETCH = (
    "divisions",
    "commissioner_periods__seats",
    "staff_counts",
    "work_units",
    "strategic_plans__missions",
    "strategic_plans__goals__indicators",
    "strategic_plans__objectives__indicators",
    "strategic_plans__programs__activities",
    "strategic_plans__objectives__budget_shares",
    "agreements__rows",
    "agreements__budget_lines",
    "reporting_years__measurement_tables__rows__indicator_links",
    "reporting_years__measurement_tables__rows__evidence",
    "reporting_years__realizations__evidence",
    "reporting_years__spending",
    "reporting_years__supporting_tables",
    "reporting_years__narrative_sections__indicator_links",
    "reporting_years__evaluation__answers",
    "reporting_years__review_record",
)

Data = dict[str, Any]


class _Codes:
    """Codes of the rows an office's dataset refers to, by primary key."""

    def __init__(self, agency: Agency, plans: list[StrategicPlan]) -> None:
        self.divisions = {d.pk: d.code for d in agency.divisions.all()}
        self.units = {u.pk: u.code for u in agency.work_units.all()}
        # Keyed by primary key, so the items of every Renstra period share one map.
        objectives = [o for plan in plans for o in plan.objectives.all()]
        programs = [p for plan in plans for p in plan.programs.all()]
        self.goals = {g.pk: g.code for plan in plans for g in plan.goals.all()}
        self.objectives = {o.pk: o.code for o in objectives}
        self.indicators = {i.pk: i.code for o in objectives for i in o.indicators.all()}
        self.programs = {p.pk: p.code for p in programs}
        self.activities = {a.pk: a.code for p in programs for a in p.activities.all()}


def _code(codes: dict[int, str], pk: int | None) -> str | None:
    return None if pk is None else codes[pk]


def export_dataset(agency: Agency) -> ds.Dataset:
    """The dataset the office was imported from, validated by the schema.

    An office with several Renstra periods: `strategic_plan` is the plan covering the latest
    year, and every other period is in `other_periods` with the years it covers.
    Raises `AgencyNotDescribed` for an office that is only a parent named by other datasets.
    """
    if not agency.has_dataset:
        raise AgencyNotDescribed(agency.code)
    agency = (
        Agency.objects.select_related("parent__parent__parent", "achievement_settings")
        .prefetch_related(*_PREFETCH)
        .get(pk=agency.pk)
    )
    plans = sorted(agency.strategic_plans.all(), key=lambda plan: plan.start)
    if not plans:
        raise AgencyNotDescribed(agency.code)
    codes = _Codes(agency, plans)
    agreements: defaultdict[int, list[Data]] = defaultdict(list)
    for record in agency.agreements.all():
        agreements[record.year].append(_agreement(record, codes))
    years = list(agency.reporting_years.all())
    by_plan: dict[int, list[Data]] = {plan.pk: [] for plan in plans}
    for record in years:
        by_plan[_period_of(plans, record.year).pk].append(
            _year(record, agreements[record.year], codes)
        )
    latest = max(years, key=lambda record: record.year).year if years else plans[-1].start
    main = _period_of(plans, latest)
    return ds.Dataset.model_validate(
        {
            "agency": _agency(agency),
            "organization": _organization(agency, codes),
            "work_units": [
                {
                    "code": u.code,
                    "name": u.name,
                    "short_name": u.short_name,
                    "division": _code(codes.divisions, u.division_id),
                    "head": u.head,
                    "reports_to": _code(codes.units, u.reports_to_id),
                }
                for u in agency.work_units.all()
            ],
            "settings": _settings(agency),
            "strategic_plan": _plan(main, codes),
            "years": by_plan[main.pk],
            "other_periods": [
                {"strategic_plan": _plan(plan, codes), "years": by_plan[plan.pk]}
                for plan in plans
                if plan is not main
            ],
        }
    )


def parent_indicator_names(agency: Agency, year: int) -> dict[str, str]:
    """The names of the direct parent office's indicators of `year`, by code (one query; empty
    when the parent has no plan stored). The dataset names only the code an indicator serves
    (`serves`): the parent's plan is another dataset, and the LKj's pohon kinerja prints the
    names from it."""
    if agency.parent_id is None:
        return {}
    return dict(
        Indicator.objects.filter(
            objective__plan__agency_id=agency.parent_id,
            objective__plan__agency__has_dataset=True,
            **in_period(year),
        ).values_list("code", "name")
    )


def _period_of(plans: list[StrategicPlan], year: int) -> StrategicPlan:
    """The plan covering `year`; a year no period covers (stored before periods were checked)
    goes with the latest plan starting before it, and the schema names it."""
    covering = [plan for plan in plans if plan.covers(year)]
    if covering:
        return covering[0]
    earlier = [plan for plan in plans if plan.start <= year]
    return earlier[-1] if earlier else plans[0]


def _agency(agency: Agency) -> Data:
    return {
        "code": agency.code,
        "name": agency.name,
        "full_name": agency.full_name,
        "level": agency.level,
        "address": agency.address,
        "city": agency.city,
        "parents": [{"code": a.code, "name": a.name, "level": a.level} for a in agency.ancestors()],
        "signing_place": agency.signing_place,
        "head": agency.head,
        "secretary": agency.secretary,
    }


def _organization(agency: Agency, codes: _Codes) -> Data:
    return {
        "divisions": [{"code": d.code, "name": d.name} for d in agency.divisions.all()],
        "commissioner_periods": [
            {
                "start": p.start,
                "end": p.end,
                "decree": p.decree,
                "figure": p.figure,
                "members": [
                    {
                        "name": s.name,
                        "position": s.title,
                        "division": _code(codes.divisions, s.division_id),
                    }
                    for s in p.seats.all()
                ],
            }
            for p in agency.commissioner_periods.all()
        ],
        "staff": [
            {"dimension": s.dimension, "category": s.category, "count": s.count}
            for s in agency.staff_counts.all()
        ],
        "people": agency.people,
    }


def _settings(agency: Agency) -> Data:
    settings = agency.achievement_settings
    return {
        "cap": settings.cap,
        "cap_to": settings.cap_to,
        "cap_applies": settings.cap_applies,
        "lower_is_better": settings.lower_is_better,
        "grade_method": settings.grade_method,
        "dual_target": settings.dual_target,
        "rating_scale": settings.rating_scale,
        "grade_scales": settings.grade_scales,
    }


def _budget_shares(plan: StrategicPlan, codes: _Codes) -> dict[tuple[str, int], list[Data]]:
    """The objectives each program's and activity's budget serves, in the order written."""
    rows = sorted(
        (share for o in plan.objectives.all() for share in o.budget_shares.all()),
        key=lambda share: (share.position, share.pk),
    )
    found: dict[tuple[str, int], list[Data]] = defaultdict(list)
    for share in rows:
        owner = (
            ("program", share.program_id) if share.program_id else ("activity", share.activity_id)
        )
        found[(owner[0], owner[1] or 0)].append(
            {"objective": codes.objectives[share.objective_id], "share": share.share}
        )
    return found


def _plan(plan: StrategicPlan, codes: _Codes) -> Data:
    shares = _budget_shares(plan, codes)
    return {
        "start": plan.start,
        "end": plan.end,
        "title": plan.title,
        "decree": plan.decree,
        "established_on": plan.established_on,
        "vision": plan.vision,
        "missions": [{"code": m.code, "text": m.text} for m in plan.missions.all()],
        "goals": [
            {
                "code": g.code,
                "text": g.text,
                "indicators": [
                    {"code": i.code, "name": i.name, "targets": targets_from_json(i.targets)}
                    for i in g.indicators.all()
                ],
            }
            for g in plan.goals.all()
        ],
        "objectives": [
            {
                "code": o.code,
                "name": o.name,
                "goal": _code(codes.goals, o.goal_id),
                "weight": o.weight,
                "indicators": [
                    {
                        "code": i.code,
                        "name": i.name,
                        "work_unit": _code(codes.units, i.work_unit_id),
                        "is_key": i.is_key,
                        "polarity": i.polarity,
                        "combine": i.combine,
                        "grade_scale": i.grade_scale,
                        "can_exceed_100": i.can_exceed_100,
                        "weight": i.weight,
                        "renstra_targets": targets_from_json(i.renstra_targets),
                        "unit": i.unit,
                        "cap_applies": i.cap_applies,
                        "reference_targets": i.reference_targets,
                        "serves": i.serves,
                        "retired_from": i.retired_from,
                    }
                    for i in o.indicators.all()
                ],
            }
            for o in plan.objectives.all()
        ],
        "programs": [
            {
                "code": p.code,
                "name": p.name,
                "activities": [
                    {
                        "code": a.code,
                        "name": a.name,
                        "objectives": shares.get(("activity", a.pk), []),
                    }
                    for a in p.activities.all()
                ],
                "objectives": shares.get(("program", p.pk), []),
            }
            for p in plan.programs.all()
        ],
    }


def _agreement(record: PerformanceAgreement, codes: _Codes) -> Data:
    return {
        "work_unit": _code(codes.units, record.work_unit_id),
        "table": record.table,
        "title": record.title,
        "place": record.place,
        "signed_on": record.signed_on,
        "first_party": record.first_party,
        "second_party": record.second_party,
        "rows": [
            {
                "objective": codes.objectives[r.objective_id],
                "indicator": codes.indicators[r.indicator_id],
                "target": r.target,
                "quarterly_targets": targets_from_json(r.quarterly_targets),
                "printed_objective": r.printed_objective,
                "printed_indicator": r.printed_indicator,
            }
            for r in record.rows.all()
        ],
        "budget": [
            {
                "program": _code(codes.programs, b.program_id),
                "activity": _code(codes.activities, b.activity_id),
                "amount": b.amount,
                "printed": b.printed,
            }
            for b in record.budget_lines.all()
        ],
        "printed_total": record.printed_total,
    }


def _evidence(items: list[Evidence]) -> list[Data]:
    return [
        {
            "title": e.title,
            "file": e.file,
            "url": e.url,
            "sha256": e.sha256,
            "size": e.size,
            "content_type": e.content_type,
        }
        for e in items
    ]


def _year(record: ReportingYear, agreements: list[Data], codes: _Codes) -> Data:
    report = None
    if record.has_report:
        report = {
            "title": record.report_title,
            "place": record.report_place,
            "date": record.report_date,
            "signatory": record.report_signatory,
        }
    return {
        "year": record.year,
        "agreements": agreements,
        "measurements": [
            {
                "work_unit": _code(codes.units, t.work_unit_id),
                "table": t.table,
                "title": t.title,
                "rows": [
                    {
                        "indicators": [
                            codes.indicators[link.indicator_id] for link in r.indicator_links.all()
                        ],
                        "target": r.target,
                        "activity_target": r.activity_target,
                        "realization": r.realization,
                        "reported_achievement": r.reported_achievement,
                        "printed_objective": r.printed_objective,
                        "printed_indicator": r.printed_indicator,
                        "evidence": _evidence(r.evidence.all()),
                    }
                    for r in t.rows.all()
                ],
            }
            for t in record.measurement_tables.all()
        ],
        "realizations": [
            {
                "indicator": codes.indicators[z.indicator_id],
                "quarter": z.quarter,
                "value": z.value,
                "note": z.note,
                "evidence": _evidence(z.evidence.all()),
            }
            for z in record.realizations.all()
        ],
        "spending": [
            {
                "program": _code(codes.programs, s.program_id),
                "activity": _code(codes.activities, s.activity_id),
                "quarter": s.quarter,
                "spent": s.spent,
            }
            for s in record.spending.all()
        ],
        "supporting_tables": [
            {
                "key": t.key,
                "table": t.table,
                "title": t.title,
                "columns": t.columns,
                "rows": t.rows,
                "work_unit": _code(codes.units, t.work_unit_id),
                "note": t.note,
            }
            for t in record.supporting_tables.all()
        ],
        "narrative": [
            {
                "key": n.key,
                "title": n.title,
                "objective": _code(codes.objectives, n.objective_id),
                "indicators": [
                    codes.indicators[link.indicator_id] for link in n.indicator_links.all()
                ],
                "work_unit": _code(codes.units, n.work_unit_id),
                "text": n.text,
            }
            for n in record.narrative_sections.all()
        ],
        "report": report,
        "evaluation": _evaluation(record),
        "review": _review(record),
    }


def _review(record: ReportingYear) -> Data | None:
    try:
        review = record.review_record
    except ObjectDoesNotExist:
        return None
    return {
        "reviewer": {
            "name": review.reviewer_name,
            "position": review.reviewer_position,
            "nip": review.reviewer_nip,
            "work_unit": review.reviewer_work_unit,
        },
        "date": review.date,
        "place": review.place,
        "statement": review.statement,
        "findings": review.findings,
    }


def _evaluation(record: ReportingYear) -> Data | None:
    try:
        evaluation = record.evaluation
    except ObjectDoesNotExist:
        return None
    return evaluation_data(evaluation)


def evaluation_data(evaluation: Evaluation) -> Data:
    """The dataset's `Evaluation` of a stored one, with its final state when it is final."""
    data: Data = {
        "regulation": evaluation.regulation,
        "method": evaluation.method,
        "answers": [
            {
                "item": a.item,
                "answer": a.answer or None,
                "self_assessment": a.self_assessment or None,
                "met": a.met,
                "note": a.note,
                "evidence": a.evidence,
                "proposed": a.proposed,
            }
            for a in evaluation.answers.all()
        ],
    }
    if evaluation.finalized_at is not None:
        data["final"] = {
            "date": timezone.localtime(evaluation.finalized_at).date(),
            "by": {
                "name": evaluation.finalizer_name,
                "position": evaluation.finalizer_position or None,
            },
            "score": evaluation.final_score,
            "predicate": evaluation.final_predicate,
        }
    return data
