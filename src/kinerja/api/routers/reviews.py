"""The review of an office's year: every finding (filtered), and the review record the auditor
keeps (read; write at a version). The same rules and actions as the web app's review page."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router

from kinerja.accounts.access import access_year
from kinerja.api.errors import ERROR_RESPONSES
from kinerja.api.schemas import OfficeYearQuery
from kinerja.api.schemas_review import FindingPage, FindingQuery, ReviewRecordIn, ReviewRecordOut
from kinerja.dataset.review import review
from kinerja.evaluations import findings
from kinerja.evaluations.actions import ReviewInput, record_review
from kinerja.evaluations.models import ReviewRecord
from kinerja.results.verified import verified_dataset

router = Router(tags=["Reviu"])


@router.get(
    "/findings",
    response={200: FindingPage, **ERROR_RESPONSES},
    summary="Temuan reviu",
    description="Seluruh temuan reviu tahun itu, dapat disaring, dengan halaman perbaikannya.",
)
def list_findings(request: HttpRequest, query: Query[FindingQuery]) -> dict[str, Any]:
    year = access_year(request.auth, query.office, query.year).obj
    dataset = verified_dataset(year.agency)
    found = list(review(dataset, year.year).findings)
    chosen = {name: getattr(query, name) or "" for name in findings.FILTERS}
    rows = findings.rows([f for f in found if findings.matches(f, chosen)], year, dataset)
    start = (query.page - 1) * query.page_size
    items = [
        {
            "rule": row.finding.rule,
            "severity": row.finding.severity.value,
            **asdict(row.finding.location),
            "message": row.finding.message,
            "fix_url": row.fix_url,
        }
        for row in rows[start : start + query.page_size]
    ]
    return {
        "items": items,
        "count": len(rows),
        "page": query.page,
        "page_size": query.page_size,
        "errors": findings.open_errors(found),
    }


def _record_out(record: ReviewRecord) -> dict[str, Any]:
    return {
        "office": record.reporting_year.agency.code,
        "year": record.reporting_year.year,
        "reviewer": {
            "name": record.reviewer_name,
            "position": record.reviewer_position,
            "nip": record.reviewer_nip,
        },
        "date": record.date,
        "place": record.place,
        "statement": record.statement,
        "findings": record.findings,
        "recorded_by": record.recorded_by.get_username() if record.recorded_by else None,
        "version": record.version,
    }


@router.get(
    "/record",
    response={200: ReviewRecordOut, **ERROR_RESPONSES},
    summary="Catatan reviu",
    description="Siapa mereviu, kapan, pernyataannya dan temuannya. 404 bila belum dicatat.",
)
def get_record(request: HttpRequest, query: Query[OfficeYearQuery]) -> dict[str, Any]:
    year = access_year(request.auth, query.office, query.year).obj
    record = ReviewRecord.objects.select_related("recorded_by").filter(reporting_year=year).first()
    if record is None:
        raise Http404(f"Reviu tahun {year.year} belum dicatat.")
    record.reporting_year = year
    return _record_out(record)


@router.put(
    "/record",
    response={200: ReviewRecordOut, **ERROR_RESPONSES},
    summary="Catat reviu",
    description=(
        "Auditor (dan administrator) mencatat atau mengubah reviu. Kirim `version` yang terakhir "
        "dibaca (0 untuk catatan pertama); bila sudah diubah orang lain: 409."
    ),
)
def put_record(
    request: HttpRequest, query: Query[OfficeYearQuery], body: ReviewRecordIn
) -> dict[str, Any]:
    year = access_year(request.auth, query.office, query.year).obj
    record = record_review(
        request.auth,
        year,
        ReviewInput(
            body.reviewer.name,
            body.reviewer.position,
            body.reviewer.nip,
            body.date,
            body.place,
            body.statement,
            [note.dict() for note in body.findings],
        ),
        body.version,
    )
    record.reporting_year = year
    return _record_out(record)
