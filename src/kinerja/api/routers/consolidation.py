"""Consolidation of the offices below an office (itself included), read from stored results."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from kinerja.api.consolidation_schemas import ConsolidationOut, ConsolidationQuery
from kinerja.api.errors import ERROR_RESPONSES
from kinerja.consolidation.access import access_subtree
from kinerja.consolidation.summary import consolidate, to_json

router = Router(tags=["Konsolidasi"])


@router.get(
    "",
    response={200: ConsolidationOut, **ERROR_RESPONSES},
    summary="Konsolidasi capaian",
    description=(
        "Capaian per indikator, sasaran dan instansi di seluruh subpohon instansi (termasuk "
        "dirinya): sebaran (min, median, maks), instansi di bawah target, kelengkapan, peringkat, "
        "instansi di bawahnya dan tren per tahun; bentuknya sama dengan "
        "`kinerja consolidate --json`. Dibaca dari hasil tersimpan yang diperbarui setiap kali "
        "nilai berubah."
    ),
)
def consolidation(request: HttpRequest, query: Query[ConsolidationQuery]) -> dict:
    agency = access_subtree(request.auth, query.office)
    return to_json(consolidate(agency, query.year, query.level))
