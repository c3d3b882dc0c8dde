"""Strategic plans (Renstra) with their objectives."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from kinerja.api import answers, scope
from kinerja.api.errors import ERROR_RESPONSES
from kinerja.api.pagination import paginate
from kinerja.api.schemas import OfficeQuery, PlanPage
from kinerja.plans.models import StrategicPlan

router = Router(tags=["Renstra"])


@router.get("", response={200: PlanPage, **ERROR_RESPONSES}, summary="Daftar Renstra")
def list_plans(request: HttpRequest, query: Query[OfficeQuery]) -> dict:
    found = (
        StrategicPlan.objects.filter(agency__in=scope.offices(request.auth, query.office))
        .select_related("agency")
        .prefetch_related("objectives__goal")
        .order_by("agency__code", "pk")
    )
    return paginate(found, query, answers.rows(answers.plan))
