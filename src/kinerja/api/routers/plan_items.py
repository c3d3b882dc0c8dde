"""The plan's items (Renstra, missions, goals, objectives, indicators, programs, activities,
work units) read and written one by one, and the new year's rollover.

An item travels in the dataset's form (`docs/dataset-format.md`): the same fields and values as
a dataset file, checked by the same schema. A problem answers 422 with the messages by field in
`error.details.fields`; a change refused by the plan's rules (an indicator with realisations, a
locked year without a reason, a year that exists) answers 409.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.db import models
from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_agency
from kinerja.agencies.models import Agency
from kinerja.api.errors import ERROR_RESPONSES, ApiError
from kinerja.api.schemas import MAX_ID, Code, Text, Year
from kinerja.plans import catalogue
from kinerja.plans.models import StrategicPlan
from kinerja.plans.rollover import rollover

router = Router(tags=["Butir Renstra"])
rollover_router = Router(tags=["Tahun baru"])

Kind = Literal[
    "plan", "work_unit", "mission", "goal", "goal_indicator", "objective", "indicator",
    "program", "activity",
]  # fmt: skip
Id = Annotated[int, Path(..., ge=1, le=MAX_ID, description="Nomor butir")]
Reason = Annotated[Text, Field("", max_length=500, description="Wajib bila ada tahun terkunci")]


class PlanItemOut(Schema):
    id: int
    office: str
    kind: str
    parent: int | None = Field(description="Nomor induk (sasaran, tujuan, program) bila ada")
    position: int
    data: dict[str, Any] = Field(description="Butir dalam bentuk dataset (docs/dataset-format.md)")
    fingerprint: str = Field(
        description="Sidik butir seperti tersimpan; kirim kembali saat mengubah (PUT) agar "
        "perubahan orang lain sejak Anda membaca tidak tertimpa (409)"
    )


class PlanItemList(Schema):
    items: list[PlanItemOut]
    count: int


PlanStart = Annotated[
    Year | None,
    Field(None, description="Tahun mulai Renstra yang dimaksud; bawaan: periode terakhir"),
]


class PlanItemQuery(Schema):
    office: Code
    kind: Kind
    plan_start: PlanStart = None


class PlanItemIn(Schema):
    office: Code
    parent: int | None = Field(None, ge=1, le=MAX_ID, description="Untuk indikator, kegiatan")
    data: dict[str, Any]
    reason: Reason = ""
    plan_start: PlanStart = None


class PlanItemUpdate(Schema):
    data: dict[str, Any]
    reason: Reason = ""
    fingerprint: str | None = Field(
        None, max_length=64, description="`fingerprint` butir yang terakhir dibaca"
    )


class MoveIn(Schema):
    offset: Literal[-1, 1] = Field(description="-1 naik satu tempat, 1 turun satu tempat")
    reason: Reason = ""


class RetireIn(Schema):
    year: Year | None = Field(description="Tahun mulai tidak dipakai; null = dipakai lagi")
    reason: Reason = ""


class ReasonIn(Schema):
    reason: Reason = ""


class RolloverIn(Schema):
    office: Code
    from_year: Year
    to_year: Year


class RolloverOut(Schema):
    year: int
    agreements: int
    rows: int
    budget_lines: int
    without_target: list[str]
    added: list[str]
    retired: list[str]
    dropped: list[str]
    message: str


def _answer(record: models.Model, data: dict[str, Any], kind: str) -> dict[str, Any]:
    parent = None
    if kind != "plan" and catalogue.KINDS[kind].parent is not None:
        parent = getattr(record, f"{catalogue.KINDS[kind].parent_field}_id")
    return {
        "id": record.pk,
        "office": catalogue.agency_of_item(record).code,
        "kind": kind,
        "parent": parent,
        "position": getattr(record, "position", 0),
        "data": data,
        "fingerprint": catalogue.data_fingerprint(data),
    }


def _record(user: Any, kind: str, pk: int) -> models.Model:
    """The item, when the user sees its office (404 otherwise, as in the web app)."""
    model = StrategicPlan if kind == "plan" else catalogue.KINDS[kind].model
    found = model.objects.filter(pk=pk).first()  # type: ignore[attr-defined]
    if found is None:
        raise Http404("Butir rencana tidak ditemukan.")
    access_agency(user, catalogue.agency_of_item(found).code)
    return found  # type: ignore[no-any-return]


def _office(user: Any, code: str) -> Agency:
    agency = access_agency(user, code, r.EDIT_PLAN).obj
    if not StrategicPlan.objects.filter(agency=agency).exists():
        raise Http404("Instansi ini belum punya Renstra.")
    return agency


def _plan(agency: Agency, start: int | None) -> StrategicPlan | None:
    """The office's Renstra that starts in `start` (None: the catalogue's default)."""
    if start is None:
        return None
    found = StrategicPlan.objects.filter(agency=agency, start=start).first()
    if found is None:
        raise Http404(f"Renstra yang mulai tahun {start} tidak ditemukan.")
    return found


def _invalid(exc: catalogue.PlanItemInvalid) -> ApiError:
    return ApiError(422, f"Butir tidak sesuai aturan dataset: {exc}", {"fields": exc.fields})


def _one(record: models.Model, kind: str) -> dict[str, Any]:
    return _answer(record, catalogue.item_data(record), kind)


@router.get("", response={200: PlanItemList, **ERROR_RESPONSES}, summary="Butir Renstra")
def list_items(request: HttpRequest, query: Query[PlanItemQuery]) -> dict:
    agency = access_agency(request.auth, query.office).obj
    if not StrategicPlan.objects.filter(agency=agency).exists():
        raise Http404("Instansi ini belum punya Renstra.")
    found = catalogue.items_of(agency, query.kind, _plan(agency, query.plan_start))
    return {"items": [_answer(rec, data, query.kind) for rec, data in found], "count": len(found)}


ONE = {200: PlanItemOut, **ERROR_RESPONSES}


@router.get("/{kind}/{pk}", response=ONE, summary="Satu butir Renstra")
def get_item(request: HttpRequest, kind: Kind, pk: Id) -> dict:
    return _one(_record(request.auth, kind, pk), kind)


@router.post(
    "/{kind}",
    response={201: PlanItemOut, **ERROR_RESPONSES},
    summary="Tambah butir Renstra",
    description="Sasaran baru membawa indikator pertamanya di `data.indicators`.",
)
def create_item(request: HttpRequest, kind: Kind, body: PlanItemIn) -> Status[dict]:
    if kind == "plan":
        raise ApiError(409, "Renstra diubah, tidak ditambahkan: gunakan PUT.")
    agency = _office(request.auth, body.office)
    parent = None
    if catalogue.KINDS[kind].parent is not None:
        if body.parent is None:
            raise ApiError(422, "Isi `parent`: nomor induk butir ini.", {"fields": {"parent": []}})
        parent = _record(request.auth, catalogue.KINDS[kind].parent, body.parent)  # type: ignore[arg-type]
    try:
        record = catalogue.create_item(
            request.auth,
            agency,
            kind,
            body.data,
            parent,
            body.reason,
            plan=None if parent is not None else _plan(agency, body.plan_start),
        )
    except catalogue.PlanItemInvalid as exc:
        raise _invalid(exc) from None
    return Status(201, _one(record, kind))


@router.put("/{kind}/{pk}", response=ONE, summary="Ubah butir Renstra")
def update_item(request: HttpRequest, kind: Kind, pk: Id, body: PlanItemUpdate) -> dict:
    record = _record(request.auth, kind, pk)
    try:
        catalogue.update_item(request.auth, record, body.data, body.reason, body.fingerprint)
    except catalogue.PlanItemInvalid as exc:
        raise _invalid(exc) from None
    record.refresh_from_db()
    return _one(record, kind)


@router.post("/{kind}/{pk}/move", response=ONE, summary="Pindahkan butir satu tempat")
def move_item(request: HttpRequest, kind: Kind, pk: Id, body: MoveIn) -> dict:
    record = _record(request.auth, kind, pk)
    if kind == "plan":
        raise ApiError(409, "Renstra tidak berurutan.")
    catalogue.move_item(request.auth, record, body.offset, body.reason)
    record.refresh_from_db()
    return _one(record, kind)


@router.post(
    "/{kind}/{pk}/remove",
    response={204: None, **ERROR_RESPONSES},
    summary="Hapus butir Renstra",
    description="Indikator yang sudah punya realisasi tidak dihapus (409): hentikan (retire).",
)
def remove_item(request: HttpRequest, kind: Kind, pk: Id, body: ReasonIn) -> Status[None]:
    record = _record(request.auth, kind, pk)
    if kind == "plan":
        raise ApiError(409, "Renstra tidak dihapus.")
    try:
        catalogue.remove_item(request.auth, record, body.reason)
    except catalogue.PlanItemInvalid as exc:
        raise _invalid(exc) from None
    return Status(204, None)


@router.post("/indicator/{pk}/retire", response=ONE, summary="Hentikan indikator mulai tahun")
def retire(request: HttpRequest, pk: Id, body: RetireIn) -> dict:
    record = _record(request.auth, "indicator", pk)
    catalogue.retire_indicator(request.auth, record, body.year, body.reason)  # type: ignore[arg-type]
    record.refresh_from_db()
    return _one(record, "indicator")


@rollover_router.post(
    "",
    response={201: RolloverOut, **ERROR_RESPONSES},
    summary="Buat tahun baru dari tahun sebelumnya",
    description="Tahun yang sudah ada tidak ditimpa (409).",
)
def make_year(request: HttpRequest, body: RolloverIn) -> Status[dict]:
    agency = access_agency(request.auth, body.office, r.EDIT_PLAN).obj
    result = rollover(request.auth, agency, body.from_year, body.to_year)
    return Status(
        201,
        {
            "year": result.year,
            "agreements": result.agreements,
            "rows": result.rows,
            "budget_lines": result.budget_lines,
            "without_target": result.without_target,
            "added": result.added,
            "retired": result.retired,
            "dropped": result.dropped,
            "message": result.summary(),
        },
    )
