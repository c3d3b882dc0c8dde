"""Quarterly realisations: read, enter, correct at a version, and move through the workflow."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from ninja import Path, Query, Router, Status

from kinerja.accounts.access import access_realization
from kinerja.api import answers, realization_writes, scope
from kinerja.api.errors import ERROR_RESPONSES
from kinerja.api.pagination import paginate
from kinerja.api.schemas import (
    MAX_ID,
    RealizationIn,
    RealizationOut,
    RealizationPage,
    RealizationQuery,
    RealizationUpdate,
    ReturnIn,
    StepIn,
)
from kinerja.results.models import Realization

router = Router(tags=["Realisasi"])
ONE = {200: RealizationOut, **ERROR_RESPONSES}


Id = Annotated[int, Path(..., ge=1, le=MAX_ID, description="Nomor realisasi")]


@router.get("", response={200: RealizationPage, **ERROR_RESPONSES}, summary="Daftar realisasi")
def list_realizations(request: HttpRequest, query: Query[RealizationQuery]) -> dict:
    found = Realization.objects.filter(
        reporting_year__agency__in=scope.offices(request.auth, query.office)
    )
    if query.year is not None:
        found = found.filter(reporting_year__year=query.year)
    if query.quarter is not None:
        found = found.filter(quarter=query.quarter)
    if query.status is not None:
        found = found.filter(status=query.status)
    if query.work_unit is not None:
        found = found.filter(indicator__work_unit__code=query.work_unit)
    found = found.select_related(*answers.REALIZATION_RELATED).order_by(
        "reporting_year__agency__code", "reporting_year__year", "quarter", "position", "pk"
    )
    return paginate(found, query, answers.rows(answers.realization))


@router.post(
    "",
    response={201: RealizationOut, **ERROR_RESPONSES},
    summary="Isi realisasi triwulan",
    description="Realisasi baru menjadi draf. Bila sudah ada: 409 dengan nilai sekarang.",
)
def create_realization(request: HttpRequest, body: RealizationIn) -> Status[dict]:
    z = realization_writes.create(
        request.auth, body.office, body.year, body.indicator, body.quarter, body.value, body.note
    )
    return Status(201, answers.realization(z))


@router.get("/{pk}", response=ONE, summary="Satu realisasi")
def get_realization(request: HttpRequest, pk: Id) -> dict:
    z = access_realization(request.auth, pk).obj
    return answers.realization(z)


@router.put(
    "/{pk}",
    response=ONE,
    summary="Ubah realisasi",
    description=(
        "Kirim `version` yang terakhir Anda baca. Bila realisasi sudah diubah orang lain: 409, "
        "dan `error.details.current` berisi nilai dan versi sekarang."
    ),
)
def update_realization(request: HttpRequest, pk: Id, body: RealizationUpdate) -> dict:
    z = realization_writes.update(request.auth, pk, body.value, body.note, body.version)
    return answers.realization(z)


@router.post("/{pk}/submit", response=ONE, summary="Ajukan untuk verifikasi")
def submit(request: HttpRequest, pk: Id, body: StepIn) -> dict:
    return answers.realization(realization_writes.step(request.auth, pk, "submit", body.version))


@router.post("/{pk}/verify", response=ONE, summary="Verifikasi")
def verify(request: HttpRequest, pk: Id, body: StepIn) -> dict:
    return answers.realization(realization_writes.step(request.auth, pk, "verify", body.version))


@router.post("/{pk}/return", response=ONE, summary="Kembalikan dengan alasan")
def return_(request: HttpRequest, pk: Id, body: ReturnIn) -> dict:
    return answers.realization(
        realization_writes.step(request.auth, pk, "return", body.version, body.reason)
    )
