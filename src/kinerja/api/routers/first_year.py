"""A first year's office PK drafted from the Renstra, and the signing data of a year.

The same actions as the web app's *Buat PK dari Renstra* and *Penandatanganan LKj & PK*
(`kinerja.plans.first_year`): planners only; a year with a PK, without any Renstra target for
it, or locked answers 409.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_year
from kinerja.api.errors import ERROR_RESPONSES
from kinerja.api.schemas import Code, Text, Year
from kinerja.plans.first_year import draft_agreements, set_signing
from kinerja.plans.models import PerformanceAgreement

router = Router(tags=["Tahun pertama"])

Nip = Annotated[str, Field(pattern=r"^[0-9 ]{8,24}$")]


class OfficeYearIn(Schema):
    office: Code
    year: Year


class FirstAgreementOut(Schema):
    agreement: int = Field(description="Nomor PK kantor yang dibuat")
    rows: int = Field(description="Jumlah indikator (baris target)")


class Signatory(Schema):
    name: Annotated[Text, Field(min_length=1, max_length=200)]
    position: Annotated[Text, Field(min_length=1, max_length=200)]
    nip: Nip | None = None


class SigningIn(OfficeYearIn):
    report_date: dt.date = Field(description="Tanggal LKj")
    place: Annotated[Text, Field(min_length=1, max_length=200)]
    signatory: Signatory = Field(description="Penanda tangan LKj")
    signed_on: dt.date = Field(description="Tanggal semua PK tahun itu ditandatangani")


class SigningOut(SigningIn):
    pass


@router.post(
    "/agreements",
    response={201: FirstAgreementOut, **ERROR_RESPONSES},
    summary="Buat PK kantor tahun pertama dari target Renstra",
    description="Tahun yang sudah punya PK tidak ditimpa (409).",
)
def first_agreement(request: HttpRequest, body: OfficeYearIn) -> Status[dict]:
    year = access_year(request.auth, body.office, body.year, r.EDIT_PLAN).obj
    rows = draft_agreements(request.auth, year)
    made = PerformanceAgreement.objects.get(agency=year.agency, year=body.year, work_unit=None)
    return Status(201, {"agreement": made.pk, "rows": rows})


@router.put(
    "/signing",
    response={200: SigningOut, **ERROR_RESPONSES},
    summary="Catat tanggal, tempat dan penanda tangan LKj serta tanggal PK",
)
def signing(request: HttpRequest, body: SigningIn) -> dict:
    year = access_year(request.auth, body.office, body.year, r.EDIT_PLAN).obj
    set_signing(
        request.auth,
        year,
        report_date=body.report_date,
        place=body.place,
        signatory=body.signatory.model_dump(exclude_none=True),
        signed_on=body.signed_on,
    )
    return body.model_dump()
