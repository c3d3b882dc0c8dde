"""Named changes to the plan: the Renstra texts, PK targets, action-plan quarters and budgets.

Each checks the planner's rule and writes history with its author. A PK of a locked year is
revised as agencies revise a PK: only with a reason, recorded as a `Revision`; so is the plan
(`PlanChange`) while any year of the office is locked, since every year's documents print it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from kinerja.accounts import rules as r
from kinerja.accounts.rules import User, can
from kinerja.agencies.models import Agency
from kinerja.agencies.signals import changed
from kinerja.digests import digest, digest_of
from kinerja.plans.models import (
    AgreementRow,
    BudgetLine,
    Indicator,
    Objective,
    PerformanceAgreement,
    StrategicPlan,
)
from kinerja.results.actions import StaleVersion, WorkflowError, checked_value
from kinerja.results.models import ReportingYear, Revision

PK_CHANGED = (
    "PK ini telah diubah orang lain sejak halaman dibuka; isian Anda belum disimpan. Muat ulang "
    "halaman, periksa, lalu simpan lagi bila perlu."
)


@dataclass(frozen=True)
class RowChange:
    """New values of one PK row: the year's target and the action plan's quarters."""

    row: AgreementRow
    target: str
    quarters: dict[int, str]


def _save(record: Any, user: User, reason: str) -> None:
    record._history_user = user
    record._change_reason = reason
    record.save()


def printed_text(value: Any) -> str:
    """A stored value as the planner sees it: the text, or the `printed` of `{printed, value}`."""
    if value is None:
        return ""
    return str(value.get("printed", "")) if isinstance(value, dict) else str(value)


def _kept(old: Any, text: str, unit: str | None) -> Any:
    """The stored value when the text is unchanged (keeps `{printed, value}`), else the text."""
    if " ".join(text.split()) == printed_text(old):
        return old
    return checked_value(text, unit) if text.strip() else None


def _quarter_pairs(row: AgreementRow, quarters: dict[int, str]) -> list[list[Any]]:
    old = {int(q): v for q, v in row.quarterly_targets}
    unit = row.indicator.unit
    pairs = [[q, _kept(old.get(q), v, unit)] for q, v in sorted(quarters.items())]
    return [pair for pair in pairs if pair[1] is not None]


def agreement_fingerprint(agreement: PerformanceAgreement) -> str:
    """A digest of a PK's targets, action-plan quarters and budget amounts: what the planner
    was shown. A save from a page that shows something else is refused (`update_agreement`)."""
    rows = AgreementRow.objects.filter(agreement=agreement).order_by("pk")
    lines = BudgetLine.objects.filter(agreement=agreement).order_by("pk")
    parts = [
        json.dumps([pk, target, quarters], sort_keys=True, default=str)
        for pk, target, quarters in rows.values_list("pk", "target", "quarterly_targets")
    ]
    parts += [f"b{pk}:{amount}" for pk, amount in lines.values_list("pk", "amount")]
    return digest(";".join(parts))


@transaction.atomic
def update_agreement(
    user: User,
    agreement: PerformanceAgreement,
    rows: list[RowChange],
    budget: dict[BudgetLine, int],
    reason: str = "",
    shown: str | None = None,
) -> int:
    """Apply the changed targets and amounts of a PK; returns how many values changed.

    In a locked year each change is a revision and `reason` is required. `shown` is the
    `agreement_fingerprint` of the page the planner edited: when the PK changed since, the save
    is refused (`StaleVersion`) rather than overwriting the other planner's change.
    """
    if not can(user, r.EDIT_PLAN, agreement.agency):
        raise PermissionDenied("Anda tidak berwenang mengubah rencana.")
    # The year's row is locked first, as every write to the year does: a PK saved while the
    # leader approves the year is either before the approval or a revision after it. Two saves
    # of the same PK therefore run one after the other, and the second sees the first's values.
    year = (
        ReportingYear.objects.select_for_update()
        .filter(agency=agreement.agency, year=agreement.year)
        .first()
    )
    if shown is not None and shown != agreement_fingerprint(agreement):
        raise StaleVersion(PK_CHANGED)
    locked = year is not None and year.is_locked
    if locked and not reason.strip():
        raise WorkflowError("Tahun ini sudah dikunci: tuliskan alasan revisi PK.")
    note = f"Revisi PK: {reason.strip()}" if locked else "Rencana diubah"
    changes: list[tuple[str, Any, Any]] = []
    for change in rows:
        row = change.row
        target = _kept(row.target, change.target, row.indicator.unit)
        quarters = _quarter_pairs(row, change.quarters)
        if row.target != target:
            changes.append((f"Target PK {row.indicator.code}", row.target, target))
        if row.quarterly_targets != quarters:
            changes.append((f"Rencana aksi {row.indicator.code}", row.quarterly_targets, quarters))
        if row.target != target or row.quarterly_targets != quarters:
            row.target, row.quarterly_targets = target, quarters
            _save(row, user, note)
    for line, amount in budget.items():
        if line.amount != amount:
            label = line.program.code if line.program else line.activity.code  # type: ignore[union-attr]
            changes.append((f"Anggaran {label}", line.amount, amount))
            line.amount = amount
            _save(line, user, note)
    if locked and year is not None:
        for subject, old, new in changes:
            Revision.objects.create(
                reporting_year=year,
                subject=subject,
                old_value=old,
                new_value=new,
                reason=reason.strip(),
                revised_by=user,
            )
    if changes:
        changed(agreement.agency_id)
    return len(changes)


@dataclass
class PlanChange:
    """A change to the plan under way: the office's years locked against it, and what changed.

    Every year's documents print the plan, so a locked year is frozen with it: while any year
    of the office is locked, a change needs a reason and is recorded as a `Revision` in each
    locked year. One rule for the Renstra's texts and for the catalogue
    (`kinerja.plans.catalogue`).
    """

    user: User
    reason: str
    locked: list[ReportingYear]
    subjects: list[tuple[str, Any, Any]] = field(default_factory=list)
    agency_id: int | None = None

    @property
    def note(self) -> str:
        """The history's reason of each saved row."""
        return f"Revisi Renstra: {self.reason}" if self.locked else "Rencana diubah"

    def require_reason(self) -> None:
        if self.locked and not self.reason:
            listed = ", ".join(str(year.year) for year in self.locked)
            raise WorkflowError(
                f"Tahun {listed} sudah dikunci dan dokumennya memuat teks Renstra: "
                "tuliskan alasan revisi."
            )

    def save(self, record: Any, note: str | None = None) -> None:
        _save(record, self.user, self.note if self.locked or note is None else note)

    def finish(self) -> None:
        """Record every change as a revision of each locked year."""
        Revision.objects.bulk_create(
            Revision(
                reporting_year=year,
                subject=subject,
                old_value=old,
                new_value=new,
                reason=self.reason,
                revised_by=self.user,
            )
            for year in self.locked
            for subject, old, new in self.subjects
        )
        if self.subjects and self.agency_id is not None:
            changed(self.agency_id)  # the office's stored results follow its plan


def begin_plan_change(
    user: User, agency: Agency, reason: str = "", plan: StrategicPlan | None = None
) -> PlanChange:
    """Check the planner's right and lock the office's years' rows first, as every write to a
    year does; `require_reason` then refuses a change without reason while one is locked.

    A change to one Renstra period (`plan`) concerns the years of that period only: a locked
    year of an earlier period prints its own plan."""
    if not can(user, r.EDIT_PLAN, agency):
        raise PermissionDenied("Anda tidak berwenang mengubah rencana.")
    years = ReportingYear.objects.select_for_update().filter(agency=agency).order_by("pk")
    locked = [year for year in years if year.is_locked]
    if plan is not None:
        locked = [year for year in locked if plan.covers(year.year)]
    return PlanChange(user, reason.strip(), locked, agency_id=agency.pk)


def _label(record: Any) -> str:
    kind = "Sasaran" if isinstance(record, Objective) else "Indikator"
    return f"Nama {kind.lower()} {record.code}"


def plan_texts_fingerprint(plan: StrategicPlan) -> str:
    """A digest of the Renstra's vision and the names of its objectives and indicators, as
    stored: what the planner was shown (`update_strategic_plan`)."""
    vision = StrategicPlan.objects.filter(pk=plan.pk).values_list("vision", flat=True).first()
    objectives = Objective.objects.filter(plan=plan).order_by("pk").values_list("pk", "name")
    indicators = Indicator.objects.filter(objective__plan=plan).order_by("pk")
    parts = [vision, list(objectives), list(indicators.values_list("pk", "name"))]
    return digest_of(parts)


RENSTRA_CHANGED = (
    "Renstra ini telah diubah orang lain sejak halaman dibuka; isian Anda belum disimpan. Muat "
    "ulang halaman, periksa, lalu simpan lagi bila perlu."
)


@transaction.atomic
def update_strategic_plan(
    user: User,
    plan: StrategicPlan,
    vision: str,
    names: dict[Any, str],
    reason: str = "",
    shown: str | None = None,
) -> int:
    """Change the Renstra's vision and the names of its objectives and indicators (the rule of
    locked years: `PlanChange`). `shown` is the `plan_texts_fingerprint` of the page the planner
    edited: texts changed since are not overwritten (`StaleVersion`)."""
    change = begin_plan_change(user, plan.agency, reason, plan)
    if shown is not None and shown != plan_texts_fingerprint(plan):
        raise StaleVersion(RENSTRA_CHANGED)
    if plan.vision != vision.strip():
        change.subjects.append(("Visi Renstra", plan.vision, vision.strip()))
    renamed = [(rec, name.strip()) for rec, name in names.items() if rec.name != name.strip()]
    change.subjects += [(_label(rec), rec.name, name) for rec, name in renamed]
    if change.subjects:
        change.require_reason()
    if plan.vision != vision.strip():
        plan.vision = vision.strip()
        change.save(plan, "Visi diubah")
    for record, name in renamed:
        record.name = name
        change.save(record, "Nama diubah")
    change.finish()
    return len(change.subjects)
