"""Rows as API answers: one function per resource, fed rows fetched with their relations."""

from __future__ import annotations

from typing import Any

from kinerja.agencies.models import Agency
from kinerja.plans.actions import printed_text
from kinerja.plans.models import AgreementRow, Indicator, StrategicPlan
from kinerja.results.models import Evidence, Realization

# The relations each answer reads; list queries fetch them up front (no query per row).
REALIZATION_RELATED = ("reporting_year__agency", "indicator__work_unit")


def _pairs(pairs: Any) -> dict[str, str]:
    """`[[2024, "95%"]]` (the stored form) as `{"2024": "95%"}`."""
    return {str(key): printed_text(value) for key, value in pairs or ()}


def office(agency: Agency) -> dict[str, Any]:
    return {
        "code": agency.code,
        "name": agency.name,
        "full_name": agency.full_name,
        "level": agency.level,
        "parent": agency.parent.code if agency.parent is not None else None,
        "years": sorted(y.year for y in agency.reporting_years.all()),
    }


def plan(record: StrategicPlan) -> dict[str, Any]:
    return {
        "office": record.agency.code,
        "start": record.start,
        "end": record.end,
        "title": record.title,
        "vision": record.vision,
        "objectives": [
            {"code": o.code, "name": o.name, "goal": o.goal.code if o.goal else None}
            for o in record.objectives.all()
        ],
    }


def indicator(record: Indicator) -> dict[str, Any]:
    return {
        "id": record.pk,
        "office": record.objective.plan.agency.code,
        "code": record.code,
        "name": record.name,
        "objective": record.objective.code,
        "work_unit": record.work_unit.code if record.work_unit else None,
        "is_key": record.is_key,
        "polarity": record.polarity,
        "combine": record.combine,
        "renstra_targets": _pairs(record.renstra_targets),
        "unit": record.unit,
        "cap_applies": record.cap_applies,
        "reference_targets": [
            {
                "label": item["label"],
                "target": printed_text(item["target"]),
                "year": item.get("year"),
            }
            for item in record.reference_targets or ()
        ],
    }


def target(row: AgreementRow) -> dict[str, Any]:
    agreement = row.agreement
    return {
        "office": agreement.agency.code,
        "year": agreement.year,
        "agreement_id": agreement.pk,
        "work_unit": agreement.work_unit.code if agreement.work_unit else None,
        "indicator": row.indicator.code,
        "target": printed_text(row.target) if row.target is not None else None,
        "quarterly_targets": _pairs(row.quarterly_targets),
    }


def realization(z: Realization) -> dict[str, Any]:
    unit = z.indicator.work_unit
    return {
        "id": z.pk,
        "office": z.reporting_year.agency.code,
        "year": z.reporting_year.year,
        "indicator": z.indicator.code,
        "work_unit": unit.code if unit else None,
        "quarter": z.quarter,
        "value": printed_text(z.value),
        "note": z.note,
        "status": z.status,
        "version": z.version,
        "returned_reason": z.returned_reason,
        "submitted_at": z.submitted_at,
        "verified_at": z.verified_at,
        "updated_at": z.updated_at,
    }


def evidence(e: Evidence) -> dict[str, Any]:
    z = e.realization
    year = z.reporting_year if z is not None else e.measurement_row.table.reporting_year  # type: ignore[union-attr]
    return {
        "id": e.pk,
        "office": year.agency.code,
        "year": year.year,
        "realization": z.pk if z else None,
        "indicator": z.indicator.code if z else None,
        "quarter": z.quarter if z else None,
        "title": e.title,
        "file": e.file,
        "url": e.url,
        "content_type": e.content_type,
        "size": e.size,
        "sha256": e.sha256,
        "created_at": e.created_at,
    }


def rows(convert: Any) -> Any:
    """`convert` over a page of rows."""
    return lambda records: [convert(record) for record in records]
