"""A year's first PK and its signing data, for an office whose year has no PK to roll over.

The rollover (`kinerja.plans.rollover`) makes a year from the last one; the first year of an
office that starts in the web app has no last year. `draft_agreements` makes that year's office
PK, and the PKs of the work units the planner asks for, from the Renstra, as drafts for the
planner to adjust on the PK page (the rows as the rollover adds them, `plans.from_renstra`):

- the office's PK: one row per indicator active in the year with a Renstra target for it, in
  the plan's order, its target the Renstra's (quarters left empty for the action plan), and one
  budget line per program of the Renstra at zero rupiah, for the planner to fill in;
- a work unit's PK: the rows of the indicators the plan gives that unit (`Indicator.work_unit`),
  and one line at zero rupiah per activity whose budget the catalogue sets against that unit's
  objectives only (`from_renstra.unit_activities`): the Renstra holds no budget per unit.

A PK that exists is never overwritten: it is listed as existing, and when nothing is left to
make the draft is refused. A PK made after the signing data takes the year's signing date and
place.

`set_signing` records who signs the LKj, where and when, and the date the year's PKs were
signed: what the final documents print under their signatures (`report`, `signed_on` and
`place` of the dataset). Both refuse a locked year.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied

from kinerja.accounts import rules as r
from kinerja.accounts.rules import User, can
from kinerja.agencies.models import Agency, WorkUnit
from kinerja.agencies.signals import changed
from kinerja.plans.from_renstra import add_row, agreed_in, unit_activities
from kinerja.plans.models import BudgetLine, PerformanceAgreement, Program, in_period
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


@dataclass(frozen=True)
class Drafted:
    """A PK of the year: made by `draft_agreements`, or found there already."""

    agreement: PerformanceAgreement
    name: str  # "PK kantor", "PK Sub Bagian ..."
    work_unit: str | None  # the unit's code; None: the office's PK
    rows: int = 0
    budget_lines: int = 0


@dataclass
class DraftResult:
    """What `draft_agreements` made and which of the PKs asked for existed already."""

    year: int
    made: list[Drafted] = field(default_factory=list)
    existing: list[Drafted] = field(default_factory=list)

    @property
    def office(self) -> Drafted | None:
        """The office's PK, made or existing."""
        return next((d for d in (*self.made, *self.existing) if d.work_unit is None), None)

    def summary(self) -> str:
        """One Indonesian sentence for the web app's message."""
        made = ", ".join(_made_text(d) for d in self.made)
        text = f"PK {self.year} dibuat dari Renstra: {made}."
        if self.existing:
            text += f" Sudah ada, tidak diubah: {', '.join(d.name for d in self.existing)}."
        return text + " Isi rencana aksi per triwulan dan anggarannya."


def _made_text(drafted: Drafted) -> str:
    text = f"{drafted.name} ({drafted.rows} indikator"
    if drafted.work_unit is not None and drafted.budget_lines:
        text += f", {drafted.budget_lines} kegiatan"
    return text + ")"


@dataclass(frozen=True)
class Draftable:
    """The PKs of an open year that `draft_agreements` can still make: the office's (when it has
    none and the Renstra has a target for the year) and each work unit's, with their rows."""

    office: int  # the office PK's rows; 0: it exists, or nothing to agree
    units: list[tuple[WorkUnit, int]]


def draftable(year: ReportingYear) -> Draftable:
    """What the PK page offers to make from the Renstra (nothing for a locked year)."""
    if year.is_locked:
        return Draftable(0, [])
    indicators = agreed_in(year.agency, year.year)
    have = set(
        PerformanceAgreement.objects.filter(agency=year.agency, year=year.year).values_list(
            "work_unit_id", flat=True
        )
    )
    counts = Counter(i.work_unit_id for i in indicators if i.work_unit_id is not None)
    units = [
        (unit, counts[unit.pk])
        for unit in WorkUnit.objects.filter(agency=year.agency, pk__in=counts).order_by(
            "position", "pk"
        )
        if unit.pk not in have
    ]
    return Draftable(0 if None in have else len(indicators), units)


@write_transaction
def draft_agreements(user: User, year: ReportingYear, units: Sequence[str] = ()) -> DraftResult:
    """Make the office PK of `year` and the PKs of the work units named in `units` (codes) from
    the Renstra; a PK that exists is kept as it is and listed (see the module)."""
    year = _open_year(user, year)
    agency = year.agency
    known = {u.code: u for u in WorkUnit.objects.filter(agency=agency)}
    unknown = [code for code in units if code not in known]
    if unknown:
        raise FirstYearRefused(f"Unit kerja tidak dikenal di {agency.name}: {', '.join(unknown)}.")
    indicators = agreed_in(agency, year.year)
    existing = {
        a.work_unit_id: a
        for a in PerformanceAgreement.objects.filter(agency=agency, year=year.year)
    }
    result = DraftResult(year.year)
    note = "PK pertama dibuat dari Renstra"
    signed = next(iter(existing.values()), None)  # the year's signing date and place, if set
    office = existing.get(None)
    if office is not None:
        result.existing.append(Drafted(office, "PK kantor", None))
    elif not indicators:
        raise FirstYearRefused(
            f"Renstra belum memuat target tahun {year.year} untuk indikator mana pun: isi "
            "targetnya di katalog Renstra lebih dulu."
        )
    else:
        office = _agreement(agency, year.year, None, 0, signed, user, note)
        for position, indicator in enumerate(indicators):
            add_row(office, indicator, year.year, position, user, note)
        programs = Program.objects.filter(
            plan__agency=agency, **in_period(year.year, "plan__")
        ).order_by("position", "pk")
        lines = _budget(office, [("program", p) for p in programs], user, note)
        result.made.append(Drafted(office, "PK kantor", None, len(indicators), lines))
    chosen = [known[code] for code in dict.fromkeys(units)]
    chosen.sort(key=lambda unit: (unit.position, unit.pk))
    activities = unit_activities(agency, year.year, indicators) if chosen else {}
    last = max((a.position for a in existing.values()), default=0)
    for unit in chosen:
        name = f"PK {unit.name}"
        if unit.pk in existing:
            result.existing.append(Drafted(existing[unit.pk], name, unit.code))
            continue
        rows = [i for i in indicators if i.work_unit_id == unit.pk]
        if not rows:
            raise FirstYearRefused(
                f"Renstra tidak memuat indikator {unit.name} dengan target tahun {year.year}: "
                "tetapkan unit kerja indikatornya di katalog Renstra lebih dulu."
            )
        last += 1
        agreement = _agreement(agency, year.year, unit, last, signed, user, note)
        for position, indicator in enumerate(rows):
            add_row(agreement, indicator, year.year, position, user, note)
        kept = [("activity", a) for a in activities.get(unit.pk, ())]
        lines = _budget(agreement, kept, user, note)
        result.made.append(Drafted(agreement, name, unit.code, len(rows), lines))
    if not result.made:
        names = ", ".join(d.name for d in result.existing)
        raise FirstYearRefused(
            f"Tahun {year.year} sudah punya {names}: tidak ada PK yang dibuat; ubah PK yang ada."
        )
    changed(agency.pk)
    return result


def _agreement(
    agency: Agency,
    year: int,
    unit: WorkUnit | None,
    position: int,
    signed: PerformanceAgreement | None,
    user: User,
    note: str,
) -> PerformanceAgreement:
    title = f"Perjanjian Kinerja {year}" + (f" {unit.name}" if unit else "")
    agreement = PerformanceAgreement(
        agency=agency,
        year=year,
        position=position,
        work_unit=unit,
        title=title,
        place=signed.place if signed else None,
        signed_on=signed.signed_on if signed else None,
    )
    _save(agreement, user, note)
    return agreement


def _budget(
    agreement: PerformanceAgreement, items: list[tuple[str, Any]], user: User, note: str
) -> int:
    """One budget line at zero rupiah per program or activity, for the planner to fill in."""
    for position, (kind, item) in enumerate(items):
        line = BudgetLine(agreement=agreement, position=position, amount=0, **{kind: item})
        _save(line, user, note)
    return len(items)


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
