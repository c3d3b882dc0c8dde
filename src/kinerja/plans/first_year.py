"""A year's first PK and its signing data, for an office whose year has no PK to roll over.

The rollover (`kinerja.plans.rollover`) makes a year from the last one; the first year of an
office that starts in the web app has no last year. `draft_agreements` makes that year's office
PK from the Renstra, as a draft for the planner to adjust on the PK page:

- one row per indicator active in the year with a Renstra target for it, in the plan's order,
  its target the Renstra's (quarters left empty for the action plan);
- one budget line per program of the Renstra, at zero rupiah, for the planner to fill in.

`set_signing` records who signs the LKj, where and when, and the date the year's PKs were
signed: what the final documents print under their signatures (`report`, `signed_on` and
`place` of the dataset). Both refuse a locked year.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied

from kinerja.accounts import rules as r
from kinerja.accounts.rules import User, can
from kinerja.agencies.signals import changed
from kinerja.plans.models import (
    AgreementRow,
    BudgetLine,
    Indicator,
    PerformanceAgreement,
    Program,
)
from kinerja.plans.models.strategy import in_period
from kinerja.results.actions import WorkflowError
from kinerja.results.models import ReportingYear
from kinerja.results.transactions import write_transaction


class FirstYearRefused(WorkflowError):
    """The PK cannot be drafted or the signing data not recorded (see the message)."""


def _save(record: Any, user: User, note: str) -> None:
    record._history_user = user
    record._change_reason = note
    record.save()


def _open_year(user: User, year: ReportingYear) -> ReportingYear:
    if not can(user, r.EDIT_PLAN, year.agency):
        raise PermissionDenied("Anda tidak berwenang mengubah rencana.")
    locked = ReportingYear.objects.select_for_update().get(pk=year.pk)
    if locked.is_locked:
        raise FirstYearRefused(f"Tahun {locked.year} sudah dikunci.")
    return locked


@write_transaction
def draft_agreements(user: User, year: ReportingYear) -> int:
    """Make the office PK of `year` from the Renstra (see the module); returns its row count."""
    year = _open_year(user, year)
    agency = year.agency
    if PerformanceAgreement.objects.filter(agency=agency, year=year.year).exists():
        raise FirstYearRefused(f"Tahun {year.year} sudah punya PK: ubah PK yang ada.")
    # The Renstra whose period covers the year (an office may hold several periods).
    indicators = [
        i
        for i in Indicator.objects.filter(objective__plan__agency=agency, **in_period(year.year))
        .select_related("objective")
        .order_by("objective__position", "objective_id", "position", "pk")
        if i.active_in(year.year) and any(int(y) == year.year for y, _ in (i.renstra_targets or ()))
    ]
    if not indicators:
        raise FirstYearRefused(
            f"Renstra belum memuat target tahun {year.year} untuk indikator mana pun: isi "
            "targetnya di katalog Renstra lebih dulu."
        )
    note = "PK pertama dibuat dari Renstra"
    agreement = PerformanceAgreement(
        agency=agency, year=year.year, position=0, title=f"Perjanjian Kinerja {year.year}"
    )
    _save(agreement, user, note)
    for position, indicator in enumerate(indicators):
        target = {int(y): v for y, v in indicator.renstra_targets}[year.year]
        row = AgreementRow(
            agreement=agreement,
            position=position,
            objective=indicator.objective,
            indicator=indicator,
            target=target,
            quarterly_targets=[],
        )
        _save(row, user, note)
    programs = Program.objects.filter(
        plan__agency=agency, **in_period(year.year, "plan__")
    ).order_by("position", "pk")
    for position, program in enumerate(programs):
        line = BudgetLine(agreement=agreement, position=position, program=program, amount=0)
        _save(line, user, note)
    changed(agency.pk)
    return len(indicators)


@write_transaction
def set_signing(
    user: User,
    year: ReportingYear,
    *,
    report_date: dt.date,
    place: str,
    signatory: dict[str, str],
    signed_on: dt.date,
) -> None:
    """Record the LKj's date, place and signatory, and the signing date and place of every PK
    of the year (see the module)."""
    year = _open_year(user, year)
    person = {k: v.strip() for k, v in signatory.items() if v and v.strip()}
    if not person.get("name") or not person.get("position"):
        raise FirstYearRefused("Nama dan jabatan penanda tangan LKj wajib diisi.")
    note = "Data penandatanganan diubah"
    year.has_report = True
    year.report_date, year.report_place, year.report_signatory = report_date, place, person
    _save(year, user, note)
    for agreement in PerformanceAgreement.objects.filter(agency=year.agency, year=year.year):
        agreement.signed_on, agreement.place = signed_on, place
        _save(agreement, user, note)
    changed(year.agency_id)
