"""Budget realisation: read, enter, correct at a version, and move through the workflow."""

from __future__ import annotations

from typing import Annotated, Any

from django.db import IntegrityError
from django.http import HttpRequest
from ninja import Path, Query, Router, Status

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_spending, access_year
from kinerja.accounts.rules import User
from kinerja.api import scope
from kinerja.api.budget_schemas import (
    SpendingIn,
    SpendingOut,
    SpendingPage,
    SpendingQuery,
    SpendingUpdate,
)
from kinerja.api.errors import ERROR_RESPONSES, ApiError
from kinerja.api.pagination import paginate
from kinerja.api.realization_writes import serialised
from kinerja.api.schemas import MAX_ID, ReturnIn, StepIn
from kinerja.plans.models import BudgetLine
from kinerja.results import spending as budget
from kinerja.results.models import Spending

router = Router(tags=["Realisasi anggaran"])
ONE = {200: SpendingOut, **ERROR_RESPONSES}
RELATED = ("reporting_year__agency", "program", "activity")
STALE = (
    "Realisasi anggaran ini telah diubah orang lain sejak Anda membacanya. "
    "Nilai sekarang ada di details."
)
EXISTS = (
    "Realisasi anggaran ini untuk triwulan tersebut sudah ada; ubah dengan "
    "PUT /budget-realizations/{id} beserta versinya."
)

Id = Annotated[int, Path(..., ge=1, le=MAX_ID, description="Nomor realisasi anggaran")]


def _ceilings(rows: list[Spending]) -> dict[tuple[int, int, str, str], int]:
    """(office id, year, kind, code) -> the ceiling on the year's PKs (the first PK listing it,
    as the web page shows): one query for a page."""
    found: dict[tuple[int, int, str, str], int] = {}
    if not rows:
        return found
    lines = BudgetLine.objects.filter(
        agreement__agency_id__in={s.reporting_year.agency_id for s in rows},
        agreement__year__in={s.reporting_year.year for s in rows},
    ).select_related("agreement", "program", "activity")
    for line in budget.ordered_lines(lines):
        agency, year = line.agreement.agency_id, line.agreement.year
        if line.activity is not None:
            key = (agency, year, "activity", line.activity.code)
        else:
            assert line.program is not None
            key = (agency, year, "program", line.program.code)
        found.setdefault(key, line.amount)
    return found


def _answer(s: Spending, ceilings: dict[tuple[int, int, str, str], int]) -> dict[str, Any]:
    year = s.reporting_year
    kind, code = ("activity", s.activity.code) if s.activity else ("program", s.program.code)  # type: ignore[union-attr]
    return {
        "id": s.pk,
        "office": year.agency.code,
        "year": year.year,
        "program": s.program.code if s.program else None,
        "activity": s.activity.code if s.activity else None,
        "quarter": s.quarter,
        "spent": s.spent,
        "ceiling": ceilings.get((year.agency_id, year.year, kind, code)),
        "status": s.status,
        "version": s.version,
        "returned_reason": s.returned_reason,
        "submitted_at": s.submitted_at,
        "verified_at": s.verified_at,
        "updated_at": s.updated_at,
    }


def _one(pk: int) -> dict[str, Any]:
    s = Spending.objects.select_related(*RELATED).get(pk=pk)
    return _answer(s, _ceilings([s]))


def _conflict(pk: int, message: str) -> ApiError:
    return ApiError(409, message, {"current": _one(pk)})


@router.get(
    "", response={200: SpendingPage, **ERROR_RESPONSES}, summary="Daftar realisasi anggaran"
)
def list_spending(request: HttpRequest, query: Query[SpendingQuery]) -> dict:
    found = Spending.objects.filter(
        reporting_year__agency__in=scope.offices(request.auth, query.office)
    )
    if query.year is not None:
        found = found.filter(reporting_year__year=query.year)
    if query.quarter is not None:
        found = found.filter(quarter=query.quarter)
    if query.status is not None:
        found = found.filter(status=query.status)
    found = found.select_related(*RELATED).order_by(
        "reporting_year__agency__code", "reporting_year__year", "position", "pk"
    )

    def convert(rows: Any) -> list[dict[str, Any]]:
        rows = list(rows)
        ceilings = _ceilings(rows)
        return [_answer(s, ceilings) for s in rows]

    return paginate(found, query, convert)


@router.post(
    "",
    response={201: SpendingOut, **ERROR_RESPONSES},
    summary="Isi realisasi anggaran",
    description=(
        "Realisasi anggaran baru (kumulatif sampai akhir triwulan) menjadi draf. Hanya operator "
        "unit kerja keuangan dan perencana. Bila sudah ada: 409 dengan nilai sekarang."
    ),
)
def create_spending(request: HttpRequest, body: SpendingIn) -> Status[dict]:
    user: User = request.auth  # type: ignore[assignment]

    def write() -> int:
        record = access_year(user, body.office, body.year, r.ENTER_SPENDING).obj
        kind = "program" if body.program else "activity"
        code = body.program or body.activity or ""
        target = budget.find_target(record, kind, code)
        if target is None:
            raise ApiError(404, f"Kode {kind} '{code}' tidak ditemukan di instansi ini.")
        existing = Spending.objects.filter(
            reporting_year=record, quarter=body.quarter, **{kind: target}
        ).first()
        if existing is not None:
            raise _conflict(existing.pk, EXISTS)
        try:
            saved = budget.save_spending(user, record, target, body.quarter, body.spent, 0)
        except (budget.StaleVersion, IntegrityError) as exc:
            found = Spending.objects.get(
                reporting_year=record, quarter=body.quarter, **{kind: target}
            )
            raise _conflict(found.pk, EXISTS) from exc
        return saved.pk

    return Status(201, _one(serialised(write)))


@router.get("/{pk}", response=ONE, summary="Satu realisasi anggaran")
def get_spending(request: HttpRequest, pk: Id) -> dict:
    access_spending(request.auth, pk)
    return _one(pk)


@router.put(
    "/{pk}",
    response=ONE,
    summary="Ubah realisasi anggaran",
    description=(
        "Kirim `version` yang terakhir Anda baca. Bila sudah diubah orang lain: 409, dan "
        "`error.details.current` berisi nilai dan versi sekarang."
    ),
)
def update_spending(request: HttpRequest, pk: Id, body: SpendingUpdate) -> dict:
    user: User = request.auth  # type: ignore[assignment]

    def write() -> None:
        s = access_spending(user, pk, r.EDIT_SPENDING).obj
        target = s.activity or s.program
        assert target is not None
        try:
            budget.save_spending(
                user, s.reporting_year, target, s.quarter, body.spent, body.version
            )
        except budget.StaleVersion as exc:
            raise _conflict(pk, STALE) from exc

    serialised(write)
    return _one(pk)


def _step(user: User, pk: int, name: str, version: int, reason: str = "") -> dict[str, Any]:
    permission = {
        "submit": r.SUBMIT_SPENDING,
        "verify": r.VERIFY_SPENDING,
        "return": r.RETURN_SPENDING,
    }[name]

    def write() -> None:
        s = access_spending(user, pk, permission).obj
        try:
            if name == "submit":
                budget.submit_spending(user, s, version)
            elif name == "verify":
                budget.verify_spending(user, s, version)
            else:
                budget.return_spending(user, s, version, reason)
        except budget.StaleVersion as exc:
            raise _conflict(pk, STALE) from exc

    serialised(write)
    return _one(pk)


@router.post("/{pk}/submit", response=ONE, summary="Ajukan untuk verifikasi")
def submit(request: HttpRequest, pk: Id, body: StepIn) -> dict:
    return _step(request.auth, pk, "submit", body.version)  # type: ignore[arg-type]


@router.post("/{pk}/verify", response=ONE, summary="Verifikasi")
def verify(request: HttpRequest, pk: Id, body: StepIn) -> dict:
    return _step(request.auth, pk, "verify", body.version)  # type: ignore[arg-type]


@router.post("/{pk}/return", response=ONE, summary="Kembalikan dengan alasan")
def return_(request: HttpRequest, pk: Id, body: ReturnIn) -> dict:
    return _step(request.auth, pk, "return", body.version, body.reason)  # type: ignore[arg-type]
