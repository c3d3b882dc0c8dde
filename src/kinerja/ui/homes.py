"""What each role's home page says to do: built per membership, from the shared rules.

- operator: the unit's cards due by quarter (with the deadline and whether it is late), values
  returned with their reason, drafts not yet submitted;
- planner (and administrator): the verification queue, the units late with their cards, the
  review's errors;
- leader: a traffic light per objective and per work unit (incomplete data is never green),
  drilling down to the indicator's card and evidence, and whether the year awaits approval;
- auditor: the approved years ready to review, and the year in progress;
- viewer of a parent office (and an administrator with offices below): the offices below with
  their completeness and achievement, read from the stored results (`OfficeResult`, verified
  data only), never measured per request.

The operator's and planner's completeness and lateness come from `kinerja.results.duties`
(submitted or verified cards out of the cards due), the achievement from the dashboard
(`kinerja.ui.dashboard`, verified data only).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.urls import reverse

from kinerja.accounts.choices import Role
from kinerja.agencies.models import Agency, WorkUnit
from kinerja.consolidation.offices import StoredOffice, stored_offices_below
from kinerja.core.review.findings import Severity
from kinerja.formats import format_date, format_percent
from kinerja.plans.models import Indicator, StrategicPlan, in_period
from kinerja.results.choices import RealizationStatus
from kinerja.results.duties import Owed, owed
from kinerja.results.models import Realization, ReportingYear
from kinerja.ui.choices import IndicatorState, QuarterState
from kinerja.ui.dashboard import Dashboard, Rated, build_dashboard, tones

# Traffic lights, worst first. Incomplete data is at best yellow, never green.
RED, YELLOW, GREEN, GREY = "red", "yellow", "green", "grey"
LIGHT_WORDS = {
    RED: "Merah: capaian rendah atau isian terlambat",
    YELLOW: "Kuning: perlu perhatian atau data belum lengkap",
    GREEN: "Hijau: tercapai dan lengkap",
    GREY: "Abu-abu: belum ada data terverifikasi",
}


def current_year(agency: Agency, today: dt.date) -> ReportingYear | None:
    """This calendar year's reporting year when there is one, else the latest."""
    years = list(agency.reporting_years.order_by("-year"))
    return next((y for y in years if y.year == today.year), years[0] if years else None)


@dataclass(frozen=True)
class QuarterDue:
    quarter: int
    due: str
    total: int
    filled: int
    late: bool
    url: str

    @property
    def unfilled(self) -> int:
        return self.total - self.filled


def _quarters(year: ReportingYear, unit: WorkUnit, cards: list[Owed], today: dt.date) -> list:
    return [
        QuarterDue(
            quarter=o.quarter,
            due=format_date(o.due),
            total=o.total,
            filled=o.filled,
            late=o.late(today),
            url=reverse("ui:entry", args=[year.agency.code, year.year, unit.code, o.quarter]),
        )
        for o in cards
        if o.unit_id == unit.pk
    ]


@dataclass
class OperatorHome:
    year: ReportingYear
    unit: WorkUnit
    quarters: list[QuarterDue]
    returned: list[Realization]
    drafts: list[Realization]


def operator_home(year: ReportingYear, unit: WorkUnit, today: dt.date) -> OperatorHome:
    mine = (
        Realization.objects.filter(reporting_year=year, indicator__work_unit=unit)
        .select_related("indicator")
        .order_by("quarter", "indicator__position")
    )
    return OperatorHome(
        year=year,
        unit=unit,
        quarters=_quarters(year, unit, owed(year, {unit.pk}), today),
        returned=list(mine.filter(status=RealizationStatus.RETURNED)),
        drafts=list(mine.filter(status=RealizationStatus.DRAFT)),
    )


@dataclass(frozen=True)
class LateUnit:
    name: str
    quarter: int
    due: str
    unfilled: int
    total: int
    url: str


@dataclass
class PlannerHome:
    year: ReportingYear
    waiting: list[Realization]
    waiting_count: int
    late: list[LateUnit]
    errors: list[Any]
    warnings: int


def planner_home(year: ReportingYear, board: Dashboard, today: dt.date) -> PlannerHome:
    queue = (
        Realization.objects.filter(reporting_year=year, status=RealizationStatus.SUBMITTED)
        .select_related("indicator__work_unit", "submitted_by")
        .order_by("submitted_at", "quarter")
    )
    units = {u.pk: u for u in WorkUnit.objects.filter(agency=year.agency)}
    late = [
        LateUnit(
            name=units[o.unit_id].short_name or units[o.unit_id].name,
            quarter=o.quarter,
            due=format_date(o.due),
            unfilled=len(o.unfilled),
            total=o.total,
            url=reverse(
                "ui:entry", args=[year.agency.code, year.year, units[o.unit_id].code, o.quarter]
            ),
        )
        for o in owed(year)
        if o.late(today)
    ]
    errors = [f for f in board.findings if f.severity == Severity.ERROR]
    return PlannerHome(
        year=year,
        waiting=list(queue[:10]),
        waiting_count=queue.count(),
        late=late,
        errors=errors,
        warnings=len(board.findings) - len(errors),
    )


def _light_of_tone(rated: Rated) -> str:
    if rated.tone == "tone-none":
        return GREY
    step = int(rated.tone.rsplit("-", 1)[1])
    return GREEN if step >= 3 else YELLOW if step == 2 else RED


def _capped(light: str, complete: bool) -> str:
    """Incomplete data is never green."""
    return YELLOW if light == GREEN and not complete else light


@dataclass(frozen=True)
class Drill:
    """An indicator under a light, and where its card (value, note, evidence) is."""

    code: str
    name: str
    rated: Rated
    state: IndicatorState
    waiting: int
    url: str


@dataclass(frozen=True)
class Light:
    name: str
    light: str
    text: str
    note: str
    indicators: list[Drill] = field(default_factory=list)

    @property
    def word(self) -> str:
        return LIGHT_WORDS[self.light]


@dataclass
class LeaderHome:
    year: ReportingYear
    objectives: list[Light]
    units: list[Light]
    pending: int
    ready: bool


def _card_urls(year: ReportingYear) -> dict[str, str]:
    """Per indicator code, its card of the last quarter with a value (else the fourth)."""
    quarters: dict[int, int] = {}
    for indicator_id, quarter in Realization.objects.filter(reporting_year=year).values_list(
        "indicator_id", "quarter"
    ):
        quarters[indicator_id] = max(quarter, quarters.get(indicator_id, 0))
    found = {}
    rows = Indicator.objects.filter(
        objective__plan__agency=year.agency, **in_period(year.year)
    ).values_list("pk", "code", "work_unit__code")
    for pk, code, unit in rows:
        if unit:
            args = [year.agency.code, year.year, unit, quarters.get(pk, 4)]
            found[code] = reverse("ui:entry", args=args) + f"#row-{pk}"
    return found


def leader_home(year: ReportingYear, board: Dashboard) -> LeaderHome:
    urls = _card_urls(year)
    objectives = []
    by_unit: dict[str, list[Drill]] = {}
    for obj in board.objectives:
        drills = []
        for ind in obj.indicators:
            drill = Drill(
                ind.code,
                ind.name,
                ind.rated,
                ind.state,
                ind.waiting,
                urls.get(ind.code, ""),
            )
            drills.append(drill)
            by_unit.setdefault(ind.unit, []).append(drill)
        complete = all(
            d.state in (IndicatorState.MEASURED, IndicatorState.NOT_APPLICABLE) and not d.waiting
            for d in drills
        )
        light = _capped(_light_of_tone(obj.rated), complete)
        note = "" if complete else "data belum lengkap"
        objectives.append(Light(f"{obj.code} · {obj.name}", light, obj.rated.text, note, drills))
    units = []
    for progress in board.units:
        drills = by_unit.get(progress.name, [])
        overdue = any(c.state == QuarterState.OVERDUE for c in progress.cells)
        partial = any(
            c.state in (QuarterState.PARTIAL, QuarterState.NOT_DUE) for c in progress.cells
        )
        measured = [_light_of_tone(d.rated) for d in drills if d.rated.tone != "tone-none"]
        order = (RED, YELLOW, GREEN)
        light = min(measured, key=order.index) if measured else GREY
        if overdue:
            light, note = RED, "isian terlambat"
        elif partial or any(d.state != IndicatorState.MEASURED for d in drills):
            light, note = _capped(light, False), "data belum lengkap"
        else:
            note = ""
        entered = sum(c.entered for c in progress.cells)
        total = sum(c.total for c in progress.cells)
        units.append(Light(progress.name, light, f"{entered}/{total} isian", note, drills))
    pending = year.realizations.exclude(status=RealizationStatus.VERIFIED).count()
    return LeaderHome(
        year=year,
        objectives=objectives,
        units=units,
        pending=pending,
        ready=not year.is_locked and pending == 0,
    )


@dataclass(frozen=True)
class OfficeRow:
    """An office below: its year, verified realisations of those due, and achievement, from the
    stored results (`kinerja.consolidation.offices`); `updating` while they are refreshed."""

    agency: Agency
    year: int | None
    completeness: str
    filled: int
    due: int
    achievement: Rated
    url: str
    updating: bool = False


def office_row(office: StoredOffice) -> OfficeRow:
    agency = office.agency
    if office.year is None:
        url = reverse("ui:office", args=[agency.code])
        return OfficeRow(agency, None, "-", 0, 0, Rated.of(None, None, {}), url)
    due, filled = office.expected, office.entered
    share = Decimal(filled * 100) / due if due else None
    return OfficeRow(
        agency=agency,
        year=office.year,
        completeness=format_percent(share),
        filled=filled,
        due=due,
        achievement=Rated.of(office.achievement, office.rating, tones(office.scale)),
        url=reverse("ui:dashboard", args=[agency.code, office.year]),
        updating=office.stale,
    )


def offices_below(agency: Agency, today: dt.date) -> list[OfficeRow]:
    """Every office below, by name: a fixed number of queries whatever their number."""
    return [office_row(office) for office in stored_offices_below(agency, today)]


@dataclass
class AuditorHome:
    approved: list[ReportingYear]
    open_years: list[ReportingYear]


def auditor_home(agency: Agency) -> AuditorHome:
    years = list(agency.reporting_years.order_by("-year"))
    return AuditorHome(
        approved=[y for y in years if y.is_locked],
        open_years=[y for y in years if not y.is_locked],
    )


@dataclass
class Section:
    """One membership's part of the home page."""

    role: str
    role_label: str
    agency: Agency
    year: ReportingYear | None
    operator: OperatorHome | None = None
    planner: PlannerHome | None = None
    leader: LeaderHome | None = None
    auditor: AuditorHome | None = None
    offices: list[OfficeRow] | None = None
    start_plan: bool = False  # the office has no Renstra yet: the planner starts one


def sections(memberships: list[tuple[Agency, str | None, str]], today: dt.date) -> list[Section]:
    """The home page's sections, one per membership, each with what its role works on."""
    boards: dict[int, Dashboard] = {}

    def board(year: ReportingYear) -> Dashboard:
        if year.pk not in boards:
            boards[year.pk] = build_dashboard(year, today)
        return boards[year.pk]

    found = []
    for agency, unit_code, role in memberships:
        year = current_year(agency, today) if agency.has_dataset else None
        part = Section(role, str(Role(role).label), agency, year)
        if year is not None and role == Role.OPERATOR and unit_code:
            unit = WorkUnit.objects.filter(agency=agency, code=unit_code).first()
            if unit is not None:
                part.operator = operator_home(year, unit, today)
        if year is not None and role in (Role.PLANNER, Role.ADMIN):
            part.planner = planner_home(year, board(year), today)
        if year is not None and role == Role.LEADER:
            part.leader = leader_home(year, board(year))
        if role == Role.AUDITOR and agency.has_dataset:
            part.auditor = auditor_home(agency)
        if role in (Role.VIEWER, Role.ADMIN) and agency.children.exists():
            part.offices = offices_below(agency, today)
        if role in (Role.PLANNER, Role.ADMIN) and year is None:
            part.start_plan = not StrategicPlan.objects.filter(agency=agency).exists()
        found.append(part)
    return found
