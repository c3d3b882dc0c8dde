"""Strategic plans (Renstra) with their objectives, and a new Renstra period.

A new period (`POST`) is `kinerja.plans.periods`, as in the web app and `kinerja renstra-baru`:
`from_start` names the office's Renstra to copy (codes kept, targets per year left empty); without
it the office's first Renstra is started, empty, with its first reporting year.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_office
from kinerja.api import answers, scope
from kinerja.api.errors import ERROR_RESPONSES
from kinerja.api.pagination import paginate
from kinerja.api.schemas import Code, OfficeQuery, PlanOut, PlanPage, Text, Year
from kinerja.plans.models import StrategicPlan
from kinerja.plans.periods import start_first_plan, start_next_plan

router = Router(tags=["Renstra"])


@router.get("", response={200: PlanPage, **ERROR_RESPONSES}, summary="Daftar Renstra")
def list_plans(request: HttpRequest, query: Query[OfficeQuery]) -> dict:
    found = (
        StrategicPlan.objects.filter(agency__in=scope.offices(request.auth, query.office))
        .select_related("agency")
        .prefetch_related("objectives__goal")
        .order_by("agency__code", "start", "pk")
    )
    return paginate(found, query, answers.rows(answers.plan))


class PeriodIn(Schema):
    office: Code
    start: Year = Field(description="Tahun mulai periode baru")
    end: Year = Field(description="Tahun selesai periode baru")
    vision: Text | None = Field(
        None, max_length=4000, description="Visi; wajib untuk Renstra pertama, bawaan: visi lama"
    )
    from_start: Year | None = Field(
        None, description="Tahun mulai Renstra yang disalin; kosong: Renstra pertama instansi"
    )
    first_year: Year | None = Field(
        None, description="Renstra pertama: tahun pelaporan pertama (bawaan: tahun mulai)"
    )


@router.post(
    "",
    response={201: PlanOut, **ERROR_RESPONSES},
    summary="Mulai Renstra periode baru",
    description="Periode yang bertumpang tindih dengan Renstra instansi ditolak (409).",
)
def start_period(request: HttpRequest, body: PeriodIn) -> Status[dict]:
    agency = access_office(request.auth, body.office, r.EDIT_PLAN).obj
    if body.from_start is None:
        plan = start_first_plan(
            request.auth, agency, body.start, body.end, body.vision or "", body.first_year
        )
    else:
        source = StrategicPlan.objects.filter(agency=agency, start=body.from_start).first()
        if source is None:
            raise Http404(f"Renstra yang mulai tahun {body.from_start} tidak ditemukan.")
        plan = start_next_plan(request.auth, agency, source, body.start, body.end, body.vision)
    return Status(201, answers.plan(plan))
