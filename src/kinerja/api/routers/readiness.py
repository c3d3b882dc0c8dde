"""The readiness of a year before the leader locks it (the web's readiness page, as JSON)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from kinerja.accounts.access import access_year
from kinerja.api.budget_schemas import ReadinessOut
from kinerja.api.errors import ERROR_RESPONSES
from kinerja.api.schemas import OfficeYearQuery
from kinerja.results.readiness import Item, assess

router = Router(tags=["Kesiapan"])


def _item(item: Item) -> dict[str, str]:
    return {"section": item.section, "severity": item.severity, "message": item.message}


@router.get(
    "",
    response={200: ReadinessOut, **ERROR_RESPONSES},
    summary="Kesiapan tahun sebelum dikunci",
    description=(
        "Apa yang masih kurang: galat menghalangi penguncian, peringatan harus diakui pimpinan. "
        "Tahun yang sudah dikunci menyebutkannya (`locked`) beserta peringatan yang diakui."
    ),
)
def readiness(request: HttpRequest, query: Query[OfficeYearQuery]) -> dict[str, Any]:
    record = access_year(request.auth, query.office, query.year).obj
    acknowledgement = record.lock_acknowledgements.select_related("acknowledged_by").first()
    answer: dict[str, Any] = {
        "office": record.agency.code,
        "year": record.year,
        "locked": record.is_locked,
        "locked_at": record.locked_at,
        "acknowledgement": None
        if acknowledgement is None
        else {
            "by": acknowledgement.acknowledged_by.get_username(),
            "at": acknowledgement.created_at,
            "warnings": acknowledgement.warnings,
        },
    }
    if record.is_locked:
        return {**answer, "ready": True, "errors": [], "warnings": [], "warnings_digest": None}
    found = assess(record)
    return {
        **answer,
        "ready": found.ready,
        "errors": [_item(i) for i in found.errors],
        "warnings": [_item(i) for i in found.warnings],
        "warnings_digest": found.digest,
    }
