"""Targets of the performance agreements (PK), for the year and per quarter (rencana aksi)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from kinerja.api import answers, scope
from kinerja.api.errors import ERROR_RESPONSES
from kinerja.api.pagination import paginate
from kinerja.api.schemas import QuarterQuery, TargetPage
from kinerja.plans.models import AgreementRow

router = Router(tags=["Target"])


@router.get(
    "",
    response={200: TargetPage, **ERROR_RESPONSES},
    summary="Target PK",
    description="Dengan `quarter`: hanya baris yang punya target pada triwulan itu.",
)
def list_targets(request: HttpRequest, query: Query[QuarterQuery]) -> dict:
    found = AgreementRow.objects.filter(
        agreement__agency__in=scope.offices(request.auth, query.office)
    )
    if query.year is not None:
        found = found.filter(agreement__year=query.year)
    found = found.select_related("agreement__agency", "agreement__work_unit", "indicator").order_by(
        "agreement__agency__code", "agreement__year", "agreement__position", "position"
    )
    if query.quarter is None:
        return paginate(found, query, answers.rows(answers.target))
    # The quarterly targets are a JSON list of [quarter, target] pairs: filtered in Python.
    wanted = [
        pk
        for pk, quarters in found.values_list("pk", "quarterly_targets")
        if any(int(q) == query.quarter for q, _ in quarters or ())
    ]
    return paginate(found.filter(pk__in=wanted), query, answers.rows(answers.target))
