"""Budget realisation (realisasi anggaran): the named changes of its workflow, and what it covers.

Spending on a program or an activity is entered per quarter, cumulative to the end of that
quarter (`docs/dataset-format.md`, `Spending`), by an operator of the office's finance unit or a
planner; it then goes the realisation's way (`kinerja.results.actions`): draft → submitted →
verified, or returned with a reason, by a planner who did not submit it; `version` grows with
every change and a step taken on a value that changed since it was shown is refused. Every change
first locks the year's row and reads the year's state from it, as every write to a year does, so
the leader's approval and a save run one after the other.

The lines a year's budget realisation covers are the budget lines of the year's PKs (programs of
the office's PK, activities of the work units' PKs), each once, with every stored spending row.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.utils import timezone

from kinerja.accounts import rules as r
from kinerja.accounts.rules import User, can
from kinerja.agencies.models import Agency
from kinerja.agencies.signals import changed
from kinerja.dataset.storable import MAX_AMOUNT
from kinerja.plans.models import Activity, BudgetLine, Program
from kinerja.results.actions import (
    InvalidValue,
    StaleVersion,
    WorkflowError,
    locked_year,
    writable_year,
)
from kinerja.results.choices import RealizationStatus
from kinerja.results.models import ReportingYear, Spending
from kinerja.results.transactions import write_transaction

# Who named the finance unit (it decides who enters the budget realisation): `kinerja.offices`.
log = logging.getLogger("kinerja.offices")

Status = RealizationStatus
QUARTERS = (1, 2, 3, 4)
CHANGED = (
    "Realisasi anggaran ini telah berubah sejak ditampilkan. Muat ulang halaman dan periksa lagi."
)


class InvalidAmount(InvalidValue):
    """The entered amount cannot be read as whole rupiah."""


_RUPIAH = re.compile(r"^(?:rp\.?\s*)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,0+)?$", re.IGNORECASE)


def parse_rupiah(text: str | int) -> int:
    """Whole rupiah from `15.534.394.000`, `Rp 15.534.394.000`, `15534394000` or an int."""
    if isinstance(text, bool):
        raise InvalidAmount("Jumlah rupiah harus bilangan bulat.")
    if isinstance(text, int):
        amount = text
    else:
        cleaned = "".join(text.split())
        match = _RUPIAH.match(cleaned)
        if match is None:
            raise InvalidAmount(
                f"Jumlah rupiah '{text.strip()}' tidak terbaca: tulis angka bulat, "
                "mis. 15.534.394.000."
            )
        amount = int(match.group(1).replace(".", ""))
    if amount < 0 or amount > MAX_AMOUNT:
        raise InvalidAmount(f"Jumlah rupiah harus antara 0 dan {MAX_AMOUNT}.")
    return amount


def _require(user: User, permission: str, obj: object) -> None:
    if not can(user, permission, obj):
        raise PermissionDenied("Anda tidak berwenang melakukan ini.")


def _saved(record: Spending, user: User, reason: str) -> None:
    record._history_user = user  # type: ignore[attr-defined]
    record._change_reason = reason  # type: ignore[attr-defined]
    record.save()


# --- what a year's budget realisation covers ----------------------------------------------


@dataclass
class BudgetItem:
    """A program or an activity of the year's PKs: its ceiling and its spending by quarter."""

    kind: str  # "program" or "activity"
    code: str
    name: str
    ceiling: int
    program: Program | None = None
    activity: Activity | None = None
    # quarter (None: the whole year) -> the stored row
    spending: dict[int | None, Spending] = field(default_factory=dict)
    duplicates: int = 0

    @property
    def label(self) -> str:
        word = "Program" if self.kind == "program" else "Kegiatan"
        return self.name if self.name.lower().startswith(word.lower()) else f"{word} {self.name}"

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.code}"

    def latest(self) -> Spending | None:
        """The verified whole year's row, else the last verified quarter's: what absorption is
        counted from (`measure`), unverified spending being left out (`verified`)."""
        counted = {q: s for q, s in self.spending.items() if s.status == Status.VERIFIED}
        if None in counted:
            return counted[None]
        quarters = [q for q in counted if q is not None]
        return counted[max(quarters)] if quarters else None


def ordered_lines(lines: Iterable[BudgetLine]) -> list[BudgetLine]:
    """Budget lines in the order their ceiling is taken: programs first, the office's PK before
    the work units' PKs. A program or activity several PKs list has the ceiling of the first."""
    return sorted(
        lines,
        key=lambda line: (
            line.program_id is None,
            line.agreement.work_unit_id is not None,
            line.agreement.position,
            line.position,
            line.pk,
        ),
    )


def budget_items(year: ReportingYear) -> list[BudgetItem]:
    """The year's budget lines (programs first, then activities), each once with the ceiling of
    the first PK listing it, and the year's spending rows attached; spending on a line no PK
    lists is listed too (ceiling 0)."""
    items: dict[str, BudgetItem] = {}
    lines = BudgetLine.objects.filter(
        agreement__agency=year.agency, agreement__year=year.year
    ).select_related("program", "activity", "agreement")
    for line in ordered_lines(lines):
        known = len(items)
        item = _item(items, line.program, line.activity)
        if len(items) > known:
            item.ceiling = line.amount
    rows = Spending.objects.filter(reporting_year=year).select_related("program", "activity")
    for row in rows.order_by("position", "pk"):
        row.reporting_year = year
        item = _item(items, row.program, row.activity)
        if row.quarter in item.spending:
            item.duplicates += 1
        else:
            item.spending[row.quarter] = row
    return list(items.values())


def _item(
    items: dict[str, BudgetItem], program: Program | None, activity: Activity | None
) -> BudgetItem:
    if activity is not None:
        key, code, name, kind = (
            f"activity:{activity.code}",
            activity.code,
            activity.name,
            "activity",
        )
    else:
        assert program is not None
        key, code, name, kind = f"program:{program.code}", program.code, program.name, "program"
    if key not in items:
        items[key] = BudgetItem(kind, code, name, 0, program=program, activity=activity)
    return items[key]


def find_target(year: ReportingYear, kind: str, code: str) -> Program | Activity | None:
    """The office's program or activity with this code (None when the plan has none)."""
    if kind == "program":
        return Program.objects.filter(
            plan__agency=year.agency,
            plan__start__lte=year.year,
            plan__end__gte=year.year,
            code=code,
        ).first()
    if kind == "activity":
        return Activity.objects.filter(
            program__plan__agency=year.agency,
            program__plan__start__lte=year.year,
            program__plan__end__gte=year.year,
            code=code,
        ).first()
    return None


# --- the workflow ---------------------------------------------------------------------------


def _locked_spending(spending: Spending, expected_version: int | None) -> Spending:
    """Lock the year's row, then the spending row; the rules then judge the stored state."""
    year = locked_year(spending.reporting_year_id)
    current = Spending.objects.select_for_update().get(pk=spending.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(CHANGED)
    spending.refresh_from_db()
    spending.reporting_year = year
    return spending


@write_transaction
def save_spending(
    user: User,
    year: ReportingYear,
    target: Program | Activity,
    quarter: int | None,
    spent: str | int,
    expected_version: int | None = None,
) -> Spending:
    """Enter or correct the spending on a program or activity to the end of `quarter` (None:
    the whole year); it becomes (or stays) a draft. `expected_version` 0 creates only."""
    if quarter is not None and quarter not in QUARTERS:
        raise WorkflowError("Triwulan harus 1 sampai 4.")
    amount = parse_rupiah(spent)
    year = writable_year(year.pk)
    is_program = isinstance(target, Program)
    found = list(
        Spending.objects.select_for_update().filter(
            reporting_year=year,
            quarter=quarter,
            **({"program": target} if is_program else {"activity": target}),
        )
    )
    if len(found) > 1:
        raise WorkflowError(
            "Realisasi anggaran ini tercatat lebih dari sekali untuk triwulan yang sama; "
            "perbaiki melalui impor dataset."
        )
    if not found:
        _require(user, r.ENTER_SPENDING, year)
        if expected_version not in (None, 0):
            raise StaleVersion(CHANGED)
        last = Spending.objects.filter(reporting_year=year).aggregate(m=Max("position"))["m"]
        record = Spending(
            reporting_year=year,
            position=0 if last is None else last + 1,
            quarter=quarter,
            version=0,
            **({"program": target} if is_program else {"activity": target}),
        )
    else:
        record = found[0]
        record.reporting_year = year
        _require(user, r.EDIT_SPENDING, record)
        if expected_version is not None and record.version != expected_version:
            raise StaleVersion(CHANGED)
    record.spent = amount
    record.status = Status.DRAFT
    record.entered_by = user  # type: ignore[assignment]
    record.version += 1
    _saved(record, user, "Diisi")
    return record


@write_transaction
def submit_spending(user: User, spending: Spending, expected_version: int) -> None:
    """The finance operator submits a draft (or a returned amount) for verification."""
    _locked_spending(spending, expected_version)
    _require(user, r.SUBMIT_SPENDING, spending)
    spending.status = Status.SUBMITTED
    spending.submitted_by = user  # type: ignore[assignment]
    spending.submitted_at = timezone.now()
    spending.version += 1
    _saved(spending, user, "Diajukan")


@write_transaction
def verify_spending(user: User, spending: Spending, expected_version: int) -> None:
    """A planner verifies a submitted amount, exactly as it was shown to them."""
    _locked_spending(spending, expected_version)
    if spending.submitted_by_id == user.pk:
        raise PermissionDenied("Anda tidak boleh memverifikasi isian yang Anda ajukan sendiri.")
    _require(user, r.VERIFY_SPENDING, spending)
    spending.status = Status.VERIFIED
    spending.verified_by = user  # type: ignore[assignment]
    spending.verified_at = timezone.now()
    spending.returned_reason = None
    spending.version += 1
    _saved(spending, user, "Diverifikasi")
    changed(spending.reporting_year.agency_id)  # the verified budget: dashboards, documents


@write_transaction
def return_spending(user: User, spending: Spending, expected_version: int, reason: str) -> None:
    """A planner returns a submitted amount to the finance operator, saying why."""
    if not reason.strip():
        raise WorkflowError("Tuliskan alasan pengembalian.")
    _locked_spending(spending, expected_version)
    if spending.submitted_by_id == user.pk:
        raise PermissionDenied("Anda tidak boleh memeriksa isian yang Anda ajukan sendiri.")
    _require(user, r.RETURN_SPENDING, spending)
    spending.status = Status.RETURNED
    spending.returned_reason = reason.strip()
    spending.version += 1
    _saved(spending, user, f"Dikembalikan: {reason.strip()}")


def set_finance_unit(user: User, agency: Agency, code: str | None) -> None:
    """Name the work unit whose operators enter the budget realisation (None: planners only)."""
    _require(user, r.EDIT_PLAN, agency)
    if code is not None and not agency.work_units.filter(code=code).exists():
        raise WorkflowError(f"Unit kerja '{code}' tidak dikenal di instansi ini.")
    Agency.objects.filter(pk=agency.pk).update(finance_unit_code=code)
    agency.finance_unit_code = code
    log.info("finance unit of %s set to %s by %s", agency.code, code or "-", user)


def subject(spending: Spending) -> str:
    """How users name a spending row: `Realisasi anggaran kegiatan X triwulan II`."""
    target = (
        f"kegiatan {spending.activity.code}"
        if spending.activity_id is not None and spending.activity is not None
        else f"program {spending.program.code if spending.program else '?'}"
    )
    when = "setahun" if spending.quarter is None else f"triwulan {spending.quarter}"
    return f"Realisasi anggaran {target} {when}"
