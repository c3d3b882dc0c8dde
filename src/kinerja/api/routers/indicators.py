"""Performance indicators of the offices' Renstra."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from kinerja.api import answers, scope
from kinerja.api.errors import ERROR_RESPONSES
from kinerja.api.pagination import paginate
from kinerja.api.schemas import IndicatorPage, OfficeQuery
from kinerja.plans.models import Indicator

router = Router(tags=["Indikator"])


@router.get("", response={200: IndicatorPage, **ERROR_RESPONSES}, summary="Daftar indikator")
def list_indicators(request: HttpRequest, query: Query[OfficeQuery]) -> dict:
    found = (
        Indicator.objects.filter(
            objective__plan__agency__in=scope.offices(request.auth, query.office)
        )
        .select_related("objective__plan__agency", "work_unit")
        .order_by(
            "objective__plan__agency__code",
            "objective__plan__start",
            "objective__position",
            "position",
            "pk",
        )
    )
    return paginate(found, query, answers.rows(answers.indicator))
