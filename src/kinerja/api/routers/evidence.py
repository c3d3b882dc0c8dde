"""Evidence (bukti dukung) metadata: titles, links, and what the stored files are."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router

from kinerja.api import answers, scope
from kinerja.api.errors import ERROR_RESPONSES
from kinerja.api.pagination import paginate
from kinerja.api.schemas import EvidencePage, QuarterQuery
from kinerja.results.models import Evidence

router = Router(tags=["Bukti dukung"])


@router.get(
    "",
    response={200: EvidencePage, **ERROR_RESPONSES},
    summary="Bukti dukung",
    description=(
        "Bukti dukung realisasi triwulan dan baris pengukuran (tanpa triwulan). Berkasnya "
        "diunduh lewat aplikasi web (`/bukti/{id}/`)."
    ),
)
def list_evidence(request: HttpRequest, query: Query[QuarterQuery]) -> dict:
    agencies = scope.offices(request.auth, query.office)
    of_realization = Q(realization__reporting_year__agency__in=agencies)
    of_row = Q(measurement_row__table__reporting_year__agency__in=agencies)
    if query.year is not None:
        of_realization &= Q(realization__reporting_year__year=query.year)
        of_row &= Q(measurement_row__table__reporting_year__year=query.year)
    if query.quarter is not None:
        of_realization &= Q(realization__quarter=query.quarter)
        of_row = Q(pk__in=[])
    found = (
        Evidence.objects.filter(of_realization | of_row)
        .select_related(
            "realization__reporting_year__agency",
            "realization__indicator",
            "measurement_row__table__reporting_year__agency",
        )
        .order_by("pk")
    )
    return paginate(found, query, answers.rows(answers.evidence))
