"""The dashboard of an office's year: achievement, states, budget, completeness, review.

Built from the verified dataset (`kinerja.results.verified`), so that a value still waiting for
verification is never shown as achieved; the waiting values are counted beside it instead. The
verified dataset, its measurement and its review are kept per process until the office's
verified data changes (`kinerja.consolidation.measured`); the states of the cards, the waiting
values and the evidence are read fresh on every request.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count

from kinerja.consolidation.measured import measured_office
from kinerja.core.achievement import Status
from kinerja.core.budget import efficiency
from kinerja.core.scales import RatingBand, RatingScale
from kinerja.dataset import schema
from kinerja.dataset.measure import IndicatorResult, MeasureResult
from kinerja.formats import format_percent, format_rupiah
from kinerja.results.choices import RealizationStatus
from kinerja.results.deadlines import due_date, is_overdue
from kinerja.results.duties import owed
from kinerja.results.models import Realization, ReportingYear
from kinerja.ui.choices import IndicatorState, QuarterState

log = logging.getLogger(__name__)
BAR_MAX = Decimal(150)  # bars are drawn on a 0-150% axis; a larger value fills the bar
ENTERED = (RealizationStatus.SUBMITTED, RealizationStatus.VERIFIED)


def tones(scale: RatingScale) -> dict[str, int]:
    """Each band's colour step 0 (worst) to 4 (best), by the order of its lower bound."""
    bands = sorted(scale.bands, key=lambda b: (b.lower is not None, b.lower or Decimal(0)))
    last = max(len(bands) - 1, 1)
    return {band.label: round(i * 4 / last) for i, band in enumerate(bands)}


@dataclass(frozen=True)
class Rated:
    """An achievement as shown: text, rating word, colour step, and bar width in percent."""

    text: str
    label: str
    tone: str
    bar: str

    @classmethod
    def of(cls, value: Decimal | None, band: RatingBand | None, steps: dict[str, int]) -> Rated:
        if value is None:
            return cls("-", "", "tone-none", "0")
        width = max(Decimal(0), min(value, BAR_MAX)) / BAR_MAX * 100
        tone = f"tone-{steps[band.label]}" if band is not None else "tone-none"
        return cls(format_percent(value), band.label if band else "", tone, f"{width:.1f}%")


@dataclass(frozen=True)
class IndicatorRow:
    code: str
    name: str
    unit: str
    target: str
    realization: str
    state: IndicatorState
    rated: Rated
    reason: str
    waiting: int


@dataclass(frozen=True)
class ObjectiveRow:
    code: str
    name: str
    rated: Rated
    indicators: list[IndicatorRow]


@dataclass(frozen=True)
class QuarterCell:
    quarter: int
    state: QuarterState
    entered: int
    total: int


@dataclass(frozen=True)
class UnitProgress:
    code: str
    name: str
    cells: list[QuarterCell]


@dataclass
class Dashboard:
    year: ReportingYear
    overall: Rated
    objectives: list[ObjectiveRow]
    counts: dict[str, int]
    budget: list[dict[str, Any]]
    budget_total: dict[str, Any]
    units: list[UnitProgress]
    missing_evidence: list[dict[str, Any]]
    findings: list[Any] = field(default_factory=list)
    open_errors: int = 0
    waiting: int = 0
    # Drafts and returned values: entered, not yet submitted (not in the verification queue).
    unsubmitted: int = 0
    # Cards of the completeness table not yet submitted: before and after their deadline.
    cards_open: int = 0
    cards_late: int = 0


def _indicator_state(ind: IndicatorResult, year: int, today: dt.date) -> IndicatorState:
    status = ind.achievement.status
    if status is Status.MEASURED:
        return IndicatorState.MEASURED
    if status is Status.NOT_COMPUTABLE:
        return IndicatorState.NOT_COMPUTABLE
    if ind.target is None:
        return IndicatorState.NOT_APPLICABLE
    return IndicatorState.OVERDUE if is_overdue(year, 4, today) else IndicatorState.NOT_FILLED


def _objectives(
    result: MeasureResult, units: dict[str, str], waiting: Counter[str], today: dt.date
) -> list[ObjectiveRow]:
    steps = tones(result.scale)
    rows = []
    for obj in result.objectives:
        indicators = [
            IndicatorRow(
                code=ind.code,
                name=ind.name,
                unit=units.get(ind.work_unit or "", "-"),
                target=ind.target or "-",
                realization=ind.realization or "-",
                state=_indicator_state(ind, result.year, today),
                rated=Rated.of(ind.achievement.value, ind.rating, steps),
                reason=ind.achievement.reason or "",
                waiting=waiting[ind.code],
            )
            for ind in obj.indicators
        ]
        rows.append(
            ObjectiveRow(
                obj.code, obj.name, Rated.of(obj.achievement, obj.rating, steps), indicators
            )
        )
    return rows


def _progress(dataset: schema.Dataset, record: ReportingYear, today: dt.date) -> list[UnitProgress]:
    """The completeness table: the cards each unit owes per quarter (`kinerja.results.duties`,
    the same count as the homes and the reminders), submitted or verified ones entered."""
    owed_by = {(o.unit_code, o.quarter): o for o in owed(record)}
    progress = []
    for unit in dataset.work_units:
        cells = []
        for quarter in (1, 2, 3, 4):
            cards = owed_by.get((unit.code, quarter))
            if cards is None:
                cells.append(QuarterCell(quarter, QuarterState.NOT_APPLICABLE, 0, 0))
                continue
            if not cards.unfilled:
                state = QuarterState.COMPLETE
            elif cards.late(today):
                state = QuarterState.OVERDUE
            else:
                state = QuarterState.PARTIAL if cards.filled else QuarterState.NOT_DUE
            cells.append(QuarterCell(quarter, state, cards.filled, cards.total))
        progress.append(UnitProgress(unit.code, unit.short_name or unit.name, cells))
    return progress


def _budget(result: MeasureResult) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    def row(name: str, ceiling: int | None, spent: int | None, share: Decimal | None) -> dict:
        width = "0" if share is None else f"{max(Decimal(0), min(share, Decimal(100))):.1f}%"
        return {
            "name": name,
            "ceiling": format_rupiah(ceiling),
            "spent": format_rupiah(spent) if spent is not None else "Belum ada realisasi",
            "absorption": format_percent(share),
            "bar": width,
        }

    budget = result.budget
    programs = [row(p.name, p.ceiling, p.spent, p.absorption) for p in budget.programs]
    total = row("Jumlah", budget.ceiling, budget.spent, budget.absorption)
    # The office's achievement next to its absorption (the LKj's efficiency rule, core.budget).
    judged = efficiency(result.achievement, budget.absorption).efficient
    total["efficiency"] = (
        "belum dapat dinilai"
        if judged is None
        else ("efisien" if judged else "belum efisien: capaian lebih rendah dari penyerapan")
    )
    return programs, total


def _findings(dataset: schema.Dataset, year: int) -> list[Any]:
    """The review's warnings once the review exists; the dashboard shows them as they are."""
    try:
        from kinerja.dataset.review import review
    except ImportError:
        return []
    try:
        return list(review(dataset, year).findings)
    except Exception:  # the review is young: a failing rule must not take the dashboard down
        log.exception("review failed for %s %s", dataset.agency.code, year)
        return []


def build_dashboard(record: ReportingYear, today: dt.date) -> Dashboard:
    """Everything the dashboard shows for one office's year, in a fixed number of queries."""
    office = measured_office(record.agency)  # kept per process until the data changes
    dataset = office.dataset
    result = office.result(record.year)
    rows = list(
        Realization.objects.filter(reporting_year=record)
        .annotate(files=Count("evidence"))
        .values_list("indicator__code", "quarter", "status", "files", "indicator__work_unit__name")
    )
    # "Menunggu verifikasi" is what the verification queue holds: submitted values only.
    waiting = Counter(
        code for code, _, status, _, _ in rows if status == RealizationStatus.SUBMITTED
    )
    unsubmitted = sum(
        status in (RealizationStatus.DRAFT, RealizationStatus.RETURNED)
        for _, _, status, _, _ in rows
    )
    missing = [
        {"indicator": code, "quarter": q, "unit": unit}
        for code, q, status, files, unit in rows
        if status in ENTERED and not files
    ]
    units = {u.code: u.short_name or u.name for u in dataset.work_units}
    objectives = _objectives(result, units, waiting, today)
    counts: dict[str, int] = defaultdict(int)
    for objective in objectives:
        for ind in objective.indicators:
            counts[ind.state.value] += 1
    programs, total = _budget(result)
    steps = tones(result.scale)
    progress = _progress(dataset, record, today)
    cells = [c for unit in progress for c in unit.cells]
    return Dashboard(
        year=record,
        overall=Rated.of(result.achievement, result.rating, steps),
        objectives=objectives,
        counts=dict(counts),
        budget=programs,
        budget_total=total,
        units=progress,
        missing_evidence=missing,
        findings=(found := office.derived("findings", record.year, _findings)),
        open_errors=sum(1 for f in found if f.severity == "error"),
        waiting=sum(waiting.values()),
        unsubmitted=unsubmitted,
        cards_open=sum(c.total - c.entered for c in cells if c.state != QuarterState.OVERDUE),
        cards_late=sum(c.total - c.entered for c in cells if c.state == QuarterState.OVERDUE),
    )


def quarter_due(year: int, quarter: int) -> dt.date:
    return due_date(year, quarter)
