"""Offices the token's user may see."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from ninja import Path, Query, Router

from kinerja.accounts.access import access_agency, visible_agencies
from kinerja.api import answers
from kinerja.api.errors import ERROR_RESPONSES
from kinerja.api.pagination import paginate
from kinerja.api.schemas import CODE_PATTERN, OfficeOut, OfficePage, PageQuery

router = Router(tags=["Instansi"])


@router.get("", response={200: OfficePage, **ERROR_RESPONSES}, summary="Daftar instansi")
def list_offices(request: HttpRequest, query: Query[PageQuery]) -> dict:
    found = (
        visible_agencies(request.auth)
        .select_related("parent")
        .prefetch_related("reporting_years")
        .order_by("code")
    )
    return paginate(found, query, answers.rows(answers.office))


@router.get("/{code}", response={200: OfficeOut, **ERROR_RESPONSES}, summary="Satu instansi")
def get_office(request: HttpRequest, code: Annotated[str, Path(..., pattern=CODE_PATTERN)]) -> dict:
    return answers.office(access_agency(request.auth, code).obj)
