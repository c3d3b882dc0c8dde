"""Reference targets: the year's realisation set against targets other than the PK's.

PermenPAN-RB 53/2014 asks the LKj to compare the realisation with the Renstra's end-of-period
target and with national standards. For each indicator this module lists, in this order: the
Renstra's target for the year, the Renstra's end-of-period target (when the year is not the last),
and each of the indicator's `reference_targets` for the year; each is measured by the core with
the indicator's polarity and the office's settings. It holds no formula.
"""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.core.achievement import Achievement, achievement
from kinerja.core.grades import GradeScale
from kinerja.core.settings import AchievementSettings
from kinerja.core.values import Value
from kinerja.dataset import schema
from kinerja.dataset.schema import TargetValue, printed, typed
from kinerja.formats import with_unit


@dataclass(frozen=True)
class ReferenceResult:
    """The realisation against one reference target."""

    kind: str
    label: str
    target: str
    achievement: Achievement


RENSTRA_YEAR = "renstra"
RENSTRA_END = "renstra_end"
STANDARD = "standard"


def reference_targets(
    indicator: schema.Indicator, plan: schema.StrategicPlan, year: int
) -> list[tuple[str, str, TargetValue]]:
    """The indicator's reference targets for `year`: (kind, label, target), in print order."""
    found: list[tuple[str, str, TargetValue]] = []
    if year in indicator.renstra_targets:
        found.append((RENSTRA_YEAR, f"Target Renstra {year}", indicator.renstra_targets[year]))
    if plan.end != year and plan.end in indicator.renstra_targets:
        found.append(
            (RENSTRA_END, f"Target akhir Renstra {plan.end}", indicator.renstra_targets[plan.end])
        )
    for reference in indicator.reference_targets:
        if reference.year is None or reference.year == year:
            found.append((STANDARD, reference.label, reference.target))
    return found


def measure_references(
    indicator: schema.Indicator,
    plan: schema.StrategicPlan,
    year: int,
    realization: Value | None,
    settings: AchievementSettings,
    grade_scale: GradeScale | None,
) -> tuple[ReferenceResult, ...]:
    """The realisation measured against each reference target of the year."""
    return tuple(
        ReferenceResult(
            kind,
            label,
            with_unit(printed(target), indicator.unit),
            achievement(
                typed(target, indicator.unit),
                realization,
                polarity=indicator.polarity,
                settings=settings,
                grade_scale=grade_scale,
            ),
        )
        for kind, label, target in reference_targets(indicator, plan, year)
    )
