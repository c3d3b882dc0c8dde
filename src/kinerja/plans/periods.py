"""Renstra periods: which plan covers a year, and starting a new period.

An office holds one Renstra per period (`StrategicPlan`), and periods never overlap: every
year-scoped screen, document, measurement and export uses the plan whose period covers the year
(`plan_for_year`). One implementation for the web app, the API and `kinerja renstra-baru`:

- `start_next_plan` starts the period after an existing plan from a copy of it: vision,
  missions, goals with their indicators, objectives with their indicators (every setting),
  programs with their activities and the objectives their budget serves. Codes are kept, so
  next year's PKs and the rollover find the same indicators. Targets per year are left empty
  (the Renstra's targets of the old period name years of that period, and a new Renstra sets
  its own): the planner fills them in the catalogue. An indicator retired by the new start is
  not copied.
- `start_first_plan` starts the first Renstra of an office that has none: the period and the
  vision, no items yet, and the office's first reporting year, so that the catalogue editor can
  be used from there.

Both check the planner's right and refuse a period that overlaps one the office holds.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from kinerja.accounts import rules as r
from kinerja.accounts.rules import User, can
from kinerja.agencies.models import Agency
from kinerja.agencies.signals import changed
from kinerja.plans.models import (
    Activity,
    AgencySettings,
    BudgetObjective,
    Goal,
    GoalIndicator,
    Indicator,
    Mission,
    Objective,
    Program,
    StrategicPlan,
)
from kinerja.results.actions import WorkflowError
from kinerja.results.models import ReportingYear

# The longest Renstra period accepted (a Renstra is five years; RPJMD periods may differ).
MAX_YEARS = 10
FIRST_YEAR, LAST_YEAR = 2000, 2100


class PeriodRefused(WorkflowError):
    """The period cannot be started (overlap, order, no plan to copy, no right)."""


def no_plan_message(year: int) -> str:
    return f"Belum ada Renstra yang mencakup tahun {year}; mulai Renstra baru dahulu."


def plan_for_year(agency: Agency | int, year: int) -> StrategicPlan:
    """The office's Renstra whose period covers `year`; `PeriodRefused` when there is none."""
    found = StrategicPlan.objects.covering(agency, year)
    if found is None:
        raise PeriodRefused(no_plan_message(year))
    return found


def next_period(plan: StrategicPlan) -> tuple[int, int]:
    """The default period after `plan`: from the year after its end, as long as it."""
    return plan.end + 1, plan.end + 1 + (plan.end - plan.start)


def _check_period(agency: Agency, start: int, end: int) -> None:
    if not (FIRST_YEAR <= start <= LAST_YEAR and FIRST_YEAR <= end <= LAST_YEAR):
        raise PeriodRefused(f"Tahun periode harus antara {FIRST_YEAR} dan {LAST_YEAR}.")
    if end < start:
        raise PeriodRefused(f"Tahun selesai ({end}) tidak boleh sebelum tahun mulai ({start}).")
    if end - start + 1 > MAX_YEARS:
        raise PeriodRefused(f"Periode Renstra paling lama {MAX_YEARS} tahun.")
    overlap = StrategicPlan.objects.overlapping(agency, start, end).order_by("start").first()
    if overlap is not None:
        raise PeriodRefused(
            f"Periode {start}-{end} bertumpang tindih dengan Renstra {overlap.period} "
            f"{agency.name}: pilih periode lain."
        )


def _begin(user: User | None, agency: Agency, start: int, end: int) -> None:
    if user is not None and not can(user, r.EDIT_PLAN, agency):
        raise PermissionDenied("Anda tidak berwenang mengubah rencana.")
    # Two planners starting a period at once queue up on the office's row.
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    _check_period(agency, start, end)


def _save(record: object, user: User | None, note: str) -> None:
    record._history_user = user  # type: ignore[attr-defined]
    record._change_reason = note  # type: ignore[attr-defined]
    record.save()  # type: ignore[attr-defined]


@transaction.atomic
def start_next_plan(
    user: User | None,
    agency: Agency,
    source: StrategicPlan,
    start: int,
    end: int,
    vision: str | None = None,
) -> StrategicPlan:
    """A new Renstra `start`-`end` copied from `source` (see the module); `user` None: a server
    command."""
    if source.agency_id != agency.pk:
        raise PeriodRefused("Renstra sumber bukan milik instansi ini.")
    _begin(user, agency, start, end)
    note = f"Renstra {start}-{end} dimulai dari Renstra {source.period}"
    plan = StrategicPlan(
        agency=agency,
        start=start,
        end=end,
        title=_retitled(source.title, source, start, end),
        vision=(vision or "").strip() or source.vision,
    )
    _save(plan, user, note)
    _copy_items(source, plan, start)
    changed(agency.pk)
    return plan


def _retitled(title: str | None, source: StrategicPlan, start: int, end: int) -> str | None:
    if not title:
        return title
    return title.replace(str(source.start), str(start)).replace(str(source.end), str(end))


def _copy_items(source: StrategicPlan, plan: StrategicPlan, start: int) -> None:
    """Every item of `source` into `plan`, codes and order kept, targets per year left empty."""
    Mission.objects.bulk_create(
        Mission(plan=plan, position=m.position, code=m.code, text=m.text)
        for m in source.missions.all()
    )
    old_goals = list(source.goals.prefetch_related("indicators"))
    goals = Goal.objects.bulk_create(
        Goal(plan=plan, position=g.position, code=g.code, text=g.text) for g in old_goals
    )
    GoalIndicator.objects.bulk_create(
        GoalIndicator(goal=new, position=gi.position, code=gi.code, name=gi.name, targets=[])
        for old, new in zip(old_goals, goals, strict=True)
        for gi in old.indicators.all()
    )
    goal_of = {old.pk: new for old, new in zip(old_goals, goals, strict=True)}
    kept = {
        o.pk: [i for i in o.indicators.all() if i.retired_from is None or i.retired_from > start]
        for o in source.objectives.prefetch_related("indicators")
    }
    # An objective whose every indicator is retired by the new start is left out with them.
    old_objectives = [o for o in source.objectives.order_by("position", "pk") if kept[o.pk]]
    objectives = Objective.objects.bulk_create(
        Objective(
            plan=plan,
            position=o.position,
            code=o.code,
            name=o.name,
            goal=goal_of.get(o.goal_id) if o.goal_id else None,
            weight=o.weight,
        )
        for o in old_objectives
    )
    Indicator.objects.bulk_create(
        _next_period_indicator(i, new)
        for old, new in zip(old_objectives, objectives, strict=True)
        for i in kept[old.pk]
    )
    objective_of = {old.pk: new for old, new in zip(old_objectives, objectives, strict=True)}
    old_programs = list(source.programs.prefetch_related("activities", "objective_shares"))
    programs = Program.objects.bulk_create(
        Program(plan=plan, position=p.position, code=p.code, name=p.name) for p in old_programs
    )
    pairs = list(zip(old_programs, programs, strict=True))
    old_activities = [(a, new) for old, new in pairs for a in old.activities.all()]
    activities = Activity.objects.bulk_create(
        Activity(program=new, position=a.position, code=a.code, name=a.name)
        for a, new in old_activities
    )
    shares = [
        BudgetObjective(
            program=new, objective=objective_of[s.objective_id], position=s.position, share=s.share
        )
        for old, new in pairs
        for s in old.objective_shares.all()
        if s.objective_id in objective_of
    ]
    activity_shares = BudgetObjective.objects.filter(
        activity__in=[a for a, _ in old_activities]
    ).order_by("position", "pk")
    new_activity = {a.pk: new for (a, _), new in zip(old_activities, activities, strict=True)}
    shares += [
        BudgetObjective(
            activity=new_activity[s.activity_id],  # type: ignore[index]
            objective=objective_of[s.objective_id],
            position=s.position,
            share=s.share,
        )
        for s in activity_shares
        if s.objective_id in objective_of
    ]
    BudgetObjective.objects.bulk_create(shares)


@transaction.atomic
def start_first_plan(
    user: User | None,
    agency: Agency,
    start: int,
    end: int,
    vision: str,
    year: int | None = None,
) -> StrategicPlan:
    """The first Renstra of an office that has none, empty, with its first reporting year
    (`year`, by default the period's first)."""
    _begin(user, agency, start, end)
    if StrategicPlan.objects.filter(agency=agency).exists():
        raise PeriodRefused(
            f"{agency.name} sudah punya Renstra: mulai periode berikutnya dari halaman Renstra."
        )
    if not vision.strip():
        raise PeriodRefused("Visi Renstra wajib diisi.")
    first = start if year is None else year
    if not start <= first <= end:
        raise PeriodRefused(f"Tahun pelaporan {first} harus di dalam periode {start}-{end}.")
    note = f"Renstra {start}-{end} dimulai"
    plan = StrategicPlan(agency=agency, start=start, end=end, vision=vision.strip())
    _save(plan, user, note)
    if not ReportingYear.objects.filter(agency=agency, year=first).exists():
        last = ReportingYear.objects.filter(agency=agency).aggregate(Max("position"))
        position = last["position__max"]
        _save(
            ReportingYear(
                agency=agency, year=first, position=0 if position is None else position + 1
            ),
            user,
            note,
        )
    # The dataset's default achievement settings, as an imported dataset without any has.
    AgencySettings.objects.get_or_create(agency=agency)
    if not agency.has_dataset:
        agency.has_dataset = True
        agency.save(update_fields=["has_dataset"])
    changed(agency.pk)
    return plan


# What an indicator of the next period does not take over from its copy: its row, its place in
# the old plan, the targets of the old period's years and its retirement.
_NOT_COPIED = {"id", "created_at", "updated_at", "objective_id", "renstra_targets", "retired_from"}


def _next_period_indicator(old: Indicator, objective: Objective) -> Indicator:
    """`old` in the next period under `objective`: every setting kept (a field added to the
    model later is copied too), no yearly Renstra target; a reference target for every year
    stays, one of a named year belongs to that year."""
    settings = {
        f.attname: getattr(old, f.attname)
        for f in Indicator._meta.concrete_fields
        if f.attname not in _NOT_COPIED
    }
    settings["reference_targets"] = [
        t for t in old.reference_targets or () if t.get("year") is None
    ]
    return Indicator(objective=objective, renstra_targets=[], **settings)
