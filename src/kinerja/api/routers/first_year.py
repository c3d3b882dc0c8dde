"""A first year's PKs drafted from the Renstra, the signing data of a year, and each PK's parties.

The same actions as the web app's *Buat PK dari Renstra*, *Penandatanganan LKj & PK* and *Pihak
PK* (`kinerja.plans.first_year`, `kinerja.plans.parties`): planners only; nothing left to make,
no Renstra target for the year, a locked year, or parties changed since they were read answer
409.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_year
from kinerja.api.errors import ERROR_RESPONSES
from kinerja.api.schemas import Code, Text, Year
from kinerja.plans.first_year import Drafted, draft_agreements, set_signing
from kinerja.plans.models import PerformanceAgreement
from kinerja.plans.parties import BLANK, Party, digest, set_parties, shown

router = Router(tags=["Tahun pertama"])

Nip = Annotated[str, Field(pattern=r"^[0-9 ]{8,24}$")]


class OfficeYearIn(Schema):
    office: Code
    year: Year


class FirstAgreementIn(OfficeYearIn):
    work_units: list[Code] = Field(
        default_factory=list,
        max_length=200,
        description="Kode unit kerja yang PK-nya juga dibuat dari Renstra (indikator unit itu)",
    )


class DraftedOut(Schema):
    agreement: int = Field(description="Nomor PK")
    work_unit: str | None = Field(description="Kode unit kerja; kosong: PK kantor")
    rows: int = Field(description="Jumlah indikator yang dibuat (0: PK sudah ada)")
    budget_lines: int = Field(description="Jumlah baris anggaran yang dibuat")


class FirstAgreementOut(Schema):
    agreement: int = Field(description="Nomor PK kantor (dibuat atau sudah ada)")
    rows: int = Field(description="Jumlah indikator PK kantor yang dibuat (0: sudah ada)")
    made: list[DraftedOut] = Field(description="PK yang dibuat")
    existing: list[DraftedOut] = Field(description="PK yang sudah ada, tidak diubah")


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
    summary="Buat PK kantor dan PK unit kerja tahun pertama dari target Renstra",
    description=(
        "PK yang sudah ada tidak ditimpa tetapi disebut di `existing`; bila tidak ada PK yang "
        "dapat dibuat: 409."
    ),
)
def first_agreement(request: HttpRequest, body: FirstAgreementIn) -> Status[dict]:
    year = access_year(request.auth, body.office, body.year, r.EDIT_PLAN).obj
    result = draft_agreements(request.auth, year, body.work_units)
    office = result.office
    assert office is not None  # made, or the draft was refused
    return Status(
        201,
        {
            "agreement": office.agreement.pk,
            "rows": office.rows,
            "made": [_drafted(d) for d in result.made],
            "existing": [_drafted(d) for d in result.existing],
        },
    )


def _drafted(drafted: Drafted) -> dict[str, object]:
    return {
        "agreement": drafted.agreement.pk,
        "work_unit": drafted.work_unit,
        "rows": drafted.rows,
        "budget_lines": drafted.budget_lines,
    }


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


class PartyOut(Schema):
    name: str | None = Field(description="Nama; kosong: belum ada (titik-titik di dokumen)")
    position: str
    nip: str | None = None


class PartiesOut(Schema):
    agreement: int = Field(description="Nomor PK")
    work_unit: str | None = Field(description="Kode unit kerja; kosong: PK kantor")
    first_party: PartyOut = Field(description="Pihak pertama seperti dicetak")
    second_party: PartyOut = Field(description="Pihak kedua seperti dicetak")
    own_first_party: bool = Field(description="Pihak pertama milik PK sendiri")
    own_second_party: bool = Field(description="Pihak kedua milik PK sendiri")
    digest: str = Field(description="Keadaan yang dibaca; dikirim kembali saat mengubah")


class PartiesIn(OfficeYearIn):
    agreement: int = Field(ge=1, le=2_147_483_647, description="Nomor PK")
    first_party: Signatory | None = Field(None, description="Kosong: dari data instansi")
    second_party: Signatory | None = Field(None, description="Kosong: dari data instansi")
    digest: Annotated[str, Field(min_length=32, max_length=32)] = Field(
        description="`digest` yang dibaca: pihak yang diubah orang lain sesudahnya ditolak (409)"
    )


def _party(party: Party) -> dict[str, object]:
    name = None if party.name == BLANK else party.name
    return {"name": name, "position": party.position, "nip": party.nip}


def _parties(agreement: PerformanceAgreement) -> dict[str, object]:
    first, second = shown(agreement)
    return {
        "agreement": agreement.pk,
        "work_unit": agreement.work_unit.code if agreement.work_unit else None,
        "first_party": _party(first),
        "second_party": _party(second),
        "own_first_party": agreement.first_party is not None,
        "own_second_party": agreement.second_party is not None,
        "digest": digest(agreement),
    }


@router.get(
    "/parties",
    response={200: list[PartiesOut], **ERROR_RESPONSES},
    summary="Pihak pertama dan kedua setiap PK tahun itu, seperti dicetak",
)
def parties(request: HttpRequest, office: Code, year: Year) -> list[dict[str, object]]:
    record = access_year(request.auth, office, year, r.EDIT_PLAN).obj
    found = PerformanceAgreement.objects.filter(agency=record.agency, year=year)
    return [_parties(a) for a in found.select_related("agency", "work_unit")]


@router.put(
    "/parties",
    response={200: PartiesOut, **ERROR_RESPONSES},
    summary="Tetapkan pihak pertama dan kedua satu PK",
    description="Tahun yang dikunci, atau pihak yang diubah orang lain sejak dibaca: 409.",
)
def set_agreement_parties(request: HttpRequest, body: PartiesIn) -> dict[str, object]:
    record = access_year(request.auth, body.office, body.year, r.EDIT_PLAN).obj
    agreement = (
        PerformanceAgreement.objects.select_related("agency", "work_unit")
        .filter(pk=body.agreement, agency=record.agency, year=body.year)
        .first()
    )
    if agreement is None:
        raise Http404("PK tidak ditemukan di tahun ini.")
    people = [
        p.model_dump(exclude_none=True) if p is not None else None
        for p in (body.first_party, body.second_party)
    ]
    set_parties(request.auth, agreement, people[0], people[1], body.digest)
    return _parties(agreement)
