"""Offices the token's user may see, and an office's profile (names, address, signing place,
head, secretary and officials) read by whoever sees the office and written by its planners with
the web app's action (`kinerja.agencies.profile`): the version read, 409 with the current profile
when it changed since, 422 with the problems by field."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_agency, visible_agencies
from kinerja.agencies.models import Agency
from kinerja.agencies.profile import (
    ProfileInvalid,
    profile_data,
    profile_version,
    update_profile,
)
from kinerja.api import answers
from kinerja.api.errors import ERROR_RESPONSES, ApiError
from kinerja.api.pagination import paginate
from kinerja.api.schemas import CODE_PATTERN, OfficeOut, OfficePage, PageQuery
from kinerja.results.actions import StaleVersion

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


Code = Annotated[str, Path(..., pattern=CODE_PATTERN)]


class ProfileOut(Schema):
    office: str
    version: str = Field(description="Versi profil yang dibaca; kirim kembali saat mengubah")
    data: dict[str, Any] = Field(
        description="Profil dalam bentuk dataset: name, full_name, address, city, "
        "signing_place, head, secretary ({name, position, nip, work_unit}), people"
    )
    kept_years: list[int] = Field(
        default_factory=list,
        description="Tahun terkunci yang mencatat penanda tangan lamanya saat perubahan ini",
    )


class ProfileIn(Schema):
    version: str = Field(max_length=64, description="`version` yang terakhir dibaca")
    data: dict[str, Any] = Field(description="Kolom yang diubah; kolom yang tidak dikirim tetap")


def _profile(agency: Agency, kept: list[int] | None = None) -> dict[str, Any]:
    return {
        "office": agency.code,
        "version": profile_version(agency),
        "data": profile_data(agency),
        "kept_years": kept or [],
    }


@router.get(
    "/{code}/profile",
    response={200: ProfileOut, **ERROR_RESPONSES},
    summary="Profil instansi",
    description="Nama, alamat, tempat penandatanganan, ketua, sekretaris dan pejabat instansi.",
)
def get_profile(request: HttpRequest, code: Code) -> dict[str, Any]:
    return _profile(access_agency(request.auth, code).obj)


@router.put(
    "/{code}/profile",
    response={200: ProfileOut, **ERROR_RESPONSES},
    summary="Ubah profil instansi",
    description=(
        "Perencana mengubah profil (`data`: kolom yang diubah, dalam bentuk dataset) pada "
        "`version` yang terakhir dibaca. Sudah diubah orang lain: 409, profil sekarang di "
        "`error.details.current`. Isian tidak sesuai aturan dataset: 422, pesan per kolom di "
        "`error.details.fields`. Tahun yang sudah dikunci tetap mencetak penanda tangan lamanya "
        "(`kept_years`)."
    ),
)
def put_profile(request: HttpRequest, code: Code, body: ProfileIn) -> dict[str, Any]:
    agency = access_agency(request.auth, code, r.EDIT_PLAN).obj
    try:
        done = update_profile(request.auth, agency, body.data, body.version)
    except ProfileInvalid as exc:
        raise ApiError(
            422, f"Profil tidak sesuai aturan dataset: {exc}", {"fields": exc.fields}
        ) from None
    except StaleVersion as exc:
        agency.refresh_from_db()
        raise ApiError(409, str(exc), {"current": _profile(agency)}) from None
    agency.refresh_from_db()
    return _profile(agency, done.kept_years)
