"""Achievements of an office's year, computed from its verified data (never typed in)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from kinerja.accounts.access import access_year
from kinerja.api.errors import ERROR_RESPONSES
from kinerja.api.schemas import AchievementsOut, OfficeYearQuery
from kinerja.dataset.measure import measure, to_json
from kinerja.results.verified import verified_dataset

router = Router(tags=["Capaian"])


@router.get(
    "",
    response={200: AchievementsOut, **ERROR_RESPONSES},
    summary="Capaian kinerja",
    description=(
        "Capaian setiap indikator, sasaran dan instansi, dan serapan anggaran, dihitung dari "
        "realisasi yang sudah diverifikasi; bentuknya sama dengan `kinerja measure --json`."
    ),
)
def achievements(request: HttpRequest, query: Query[OfficeYearQuery]) -> dict:
    record = access_year(request.auth, query.office, query.year).obj
    return to_json(measure(verified_dataset(record.agency), record.year))
