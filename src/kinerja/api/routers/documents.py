"""The LKj and the PKs as DOCX or PDF, built from the verified data like the web's downloads."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router

from kinerja.accounts.access import access_year
from kinerja.api.errors import ERROR_RESPONSES
from kinerja.api.schemas import DocumentQuery
from kinerja.ui import downloads

router = Router(tags=["Dokumen"])

FILE_CONTENT = {
    "content": {
        kind: {"schema": {"type": "string", "format": "binary"}}
        for kind in downloads.CONTENT_TYPES.values()
        if "yaml" not in kind
    }
}


@router.get(
    "/{kind}",
    response={200: None, **ERROR_RESPONSES},
    summary="Buat LKj atau PK",
    description=(
        "`kind`: `lkj` atau `pk`; `format`: `docx` atau `pdf`. Untuk PK, `unit` adalah kode unit "
        "kerja (kosong: PK instansi). Hanya realisasi terverifikasi yang dicetak."
    ),
    openapi_extra={"responses": {200: {"description": "Berkas dokumen", **FILE_CONTENT}}},
)
def document(
    request: HttpRequest, kind: Path[Literal["lkj", "pk"]], query: Query[DocumentQuery]
) -> HttpResponse:
    record = access_year(request.auth, query.office, query.year).obj
    unit = query.unit if kind == "pk" else None
    content = downloads.document(record.agency, record.year, kind, query.format, unit)
    name = f"{kind.upper() if kind == 'pk' else 'LKj'}-{record.agency.code}-{record.year}"
    if unit:
        name += f"-{unit}"
    return downloads.attachment(content, f"{name}.{query.format}", query.format)
