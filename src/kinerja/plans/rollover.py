"""A new year from the last one: the next year's PKs, action plan and budget lines as drafts.

One implementation for `kinerja rollover`, the web app and the API. The new year takes last
year's structure (the same PKs, in the same order, with the same rows and budget lines) and the
Renstra's target for the new year:

- each PK row's target is the indicator's Renstra target for the new year, or empty (listed in
  the result) when the Renstra has none;
- the action plan keeps last year's quarters: a quarter whose target was last year's target
  takes the new year's, the others are copied as they were, for the planner to adjust;
- budget lines keep last year's amounts (the Renstra holds no budget per year);
- an indicator retired in or before the new year is left out; an indicator the Renstra gives a
  target for the new year that no PK of last year had is added to its work unit's PK (the
  office's when the unit has none).

The new year is open (not locked), with no realisation: a draft for the planner. A year that
exists (its reporting year or any PK) is never overwritten.

The targets come from the Renstra whose period covers the new year (`plans.periods`). When that
is a new period (2024 to 2025, a Renstra 2025-2029 started from the one of 2020-2024), last
year's rows are matched to the new plan's items by code: an indicator, program or activity the
new plan no longer has is left out and listed. No Renstra covering the new year: refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Max

from kinerja.accounts import rules as r
from kinerja.accounts.rules import User, can
from kinerja.agencies.models import Agency
from kinerja.agencies.signals import changed
from kinerja.plans.from_renstra import add_row, renstra_targets
from kinerja.plans.models import (
    Activity,
    AgreementRow,
    BudgetLine,
    Indicator,
    PerformanceAgreement,
    Program,
    StrategicPlan,
)
from kinerja.plans.periods import no_plan_message
from kinerja.results.actions import WorkflowError
from kinerja.results.models import ReportingYear
from kinerja.results.transactions import write_transaction


class RolloverRefused(WorkflowError):
    """The new year cannot be made (it exists, last year has no PK, outside the Renstra)."""


@dataclass
class RolloverResult:
    """What the rollover made, and the rows the planner has to complete."""

    year: int
    agreements: int = 0
    rows: int = 0
    budget_lines: int = 0
    without_target: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # not in the new period's Renstra

    def summary(self) -> str:
        """One Indonesian sentence (and the rows to complete), for the CLI and the web."""
        text = (
            f"Tahun {self.year} dibuat sebagai draf: {self.agreements} PK, {self.rows} baris "
            f"target, {self.budget_lines} baris anggaran."
        )
        if self.added:
            text += f" Indikator baru dari Renstra: {', '.join(self.added)}."
        if self.retired:
            text += f" Indikator yang dihentikan tidak disalin: {', '.join(self.retired)}."
        if self.dropped:
            text += f" Tidak ada di Renstra periode baru, tidak disalin: {', '.join(self.dropped)}."
        if self.without_target:
            text += (
                " Renstra tidak memuat target tahun ini untuk "
                f"{', '.join(self.without_target)}: isi targetnya di PK."
            )
        return text


def _printed(value: Any) -> Any:
    return value.get("printed") if isinstance(value, dict) else value


def quarter_plan(old_target: Any, old_quarters: list[Any], new_target: Any) -> list[list[Any]]:
    """Last year's quarters for the new year: a quarter that stood at last year's target takes
    the new one; the others stay as they were, for the planner to adjust."""
    out: list[list[Any]] = []
    for quarter, value in old_quarters or ():
        same = old_target is not None and _printed(value) == _printed(old_target)
        out.append([int(quarter), new_target if same and new_target is not None else value])
    return out


def _refuse(agency: Agency, source: int, target: int) -> StrategicPlan:
    if not StrategicPlan.objects.filter(agency=agency).exists():
        raise RolloverRefused(f"{agency.name} belum punya Renstra.")
    plan = StrategicPlan.objects.covering(agency, target)
    exists = ReportingYear.objects.filter(agency=agency, year=target).exists()
    if exists or PerformanceAgreement.objects.filter(agency=agency, year=target).exists():
        raise RolloverRefused(
            f"Tahun {target} sudah ada untuk {agency.name}: rollover tidak menimpa tahun yang "
            "sudah ada. Ubah PK tahun itu langsung."
        )
    if not PerformanceAgreement.objects.filter(agency=agency, year=source).exists():
        raise RolloverRefused(f"Tahun {source} tidak punya PK untuk disalin.")
    if plan is None:
        raise RolloverRefused(no_plan_message(target))
    return plan


def _save(record: Any, user: User | None, note: str) -> None:
    record._history_user = user
    record._change_reason = note
    record.save()


@write_transaction
def rollover(user: User | None, agency: Agency, source: int, target: int) -> RolloverResult:
    """Make year `target` from year `source` (see the module); `user` None: a server command."""
    if user is not None and not can(user, r.EDIT_PLAN, agency):
        raise PermissionDenied("Anda tidak berwenang mengubah rencana.")
    # Every write to the office's years starts by locking their rows; the office row stands in
    # for the year that does not exist yet, so two rollovers to one year queue up.
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    plan = _refuse(agency, source, target)
    note = f"Dibuat dari tahun {source} (rollover)"
    result = RolloverResult(target)
    last = ReportingYear.objects.filter(agency=agency).aggregate(Max("position"))["position__max"]
    _save(
        ReportingYear(agency=agency, year=target, position=0 if last is None else last + 1),
        user,
        note,
    )
    indicators = {
        i.pk: i for i in Indicator.objects.filter(objective__plan=plan).select_related("objective")
    }
    # Last year's rows name last year's plan; a new period's plan has its own rows, by code.
    old_plan = StrategicPlan.objects.covering(agency, source)
    same = old_plan is not None and old_plan.pk == plan.pk
    matched = _matched(indicators) if not same else None
    programs, activities = _budget_items(plan) if not same else ({}, {})
    made: dict[int | None, PerformanceAgreement] = {}
    seen: set[int] = set()
    for old in PerformanceAgreement.objects.filter(agency=agency, year=source).order_by(
        "position", "pk"
    ):
        agreement = PerformanceAgreement(
            agency=agency,
            year=target,
            position=old.position,
            work_unit_id=old.work_unit_id,
            table=old.table,
            title=_retitled(old.title, source, target),
            place=old.place,
            first_party=old.first_party,
            second_party=old.second_party,
        )
        _save(agreement, user, note)
        made[old.work_unit_id] = agreement
        result.agreements += 1
        for row in old.rows.order_by("position", "pk").select_related("indicator"):
            found = indicators.get(row.indicator_id) if matched is None else None
            if matched is not None:
                found = matched.get(row.indicator.code)
            if found is None:
                if row.indicator.code not in result.dropped:
                    result.dropped.append(row.indicator.code)
                continue
            indicator = found
            seen.add(indicator.pk)
            if not indicator.active_in(target):
                if indicator.code not in result.retired:
                    result.retired.append(indicator.code)
                continue
            _copy_row(agreement, row, indicator, target, user, note, result)
        for line in old.budget_lines.order_by("position", "pk").select_related(
            "program", "activity"
        ):
            program_id, activity_id = line.program_id, line.activity_id
            if not same:
                program_id = programs.get(line.program.code) if line.program else None
                activity_id = activities.get(line.activity.code) if line.activity else None
                if program_id is None and activity_id is None:
                    item = line.program or line.activity
                    assert item is not None
                    if item.code not in result.dropped:
                        result.dropped.append(item.code)
                    continue
            _save(
                BudgetLine(
                    agreement=agreement,
                    position=line.position,
                    program_id=program_id,
                    activity_id=activity_id,
                    amount=line.amount,
                ),
                user,
                note,
            )
            result.budget_lines += 1
    for indicator in indicators.values():
        if indicator.pk in seen or not indicator.active_in(target):
            continue
        if target not in renstra_targets(indicator):
            continue
        holder = made.get(indicator.work_unit_id) or made.get(None)
        if holder is None:
            continue
        _add_row(holder, indicator, target, user, note, result)
    changed(agency.pk)  # a new year: the office's stored results and pages follow
    return result


def _matched(indicators: dict[int, Indicator]) -> dict[str, Indicator]:
    """The new plan's indicators by code (a code is unique within an office's plan)."""
    return {i.code: i for i in indicators.values()}


def _budget_items(plan: StrategicPlan) -> tuple[dict[str, int], dict[str, int]]:
    """The new plan's programs and activities (ids) by code."""
    programs = dict(Program.objects.filter(plan=plan).values_list("code", "pk"))
    activities = dict(Activity.objects.filter(program__plan=plan).values_list("code", "pk"))
    return programs, activities


def _retitled(title: str | None, source: int, target: int) -> str | None:
    return title.replace(str(source), str(target)) if title else title


def _copy_row(
    agreement: PerformanceAgreement,
    row: AgreementRow,
    indicator: Indicator,
    target: int,
    user: User | None,
    note: str,
    result: RolloverResult,
) -> None:
    new_target = renstra_targets(indicator).get(target)
    if new_target is None and indicator.code not in result.without_target:
        result.without_target.append(indicator.code)
    _save(
        AgreementRow(
            agreement=agreement,
            position=row.position,
            # A row copied into a new period's plan takes that plan's objective.
            objective_id=row.objective_id
            if row.indicator_id == indicator.pk
            else indicator.objective_id,
            indicator=indicator,
            target=new_target,
            quarterly_targets=quarter_plan(row.target, row.quarterly_targets, new_target),
            printed_objective=row.printed_objective,
            printed_indicator=row.printed_indicator,
        ),
        user,
        note,
    )
    result.rows += 1


def _add_row(
    agreement: PerformanceAgreement,
    indicator: Indicator,
    target: int,
    user: User | None,
    note: str,
    result: RolloverResult,
) -> None:
    last = agreement.rows.aggregate(Max("position"))["position__max"]
    add_row(agreement, indicator, target, 0 if last is None else last + 1, user, note)
    result.rows += 1
    result.added.append(indicator.code)
