"""An agency's achievement settings: where SAKIP practice varies (`domain.md` section 4)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Polarity(StrEnum):
    """Which direction of the realisation is better."""

    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"
    BAND = "band"


class Combine(StrEnum):
    """How quarterly realisations make the year's: a flow is summed, a level takes the last."""

    SUM = "sum"
    LAST = "last"
    MEAN = "mean"


class LowerIsBetterFormula(StrEnum):
    """`mirror`: (2T - R) / T x 100 (the common practice); `ratio`: T / R x 100."""

    MIRROR = "mirror"
    RATIO = "ratio"


class GradeMethod(StrEnum):
    """How a realised grade is set against a target grade.

    `reached_or_rank_ratio` (default): 100 when the target grade is reached, otherwise
    rank(R) / rank(T) x 100. `reached`: 100 or 0. `rank_ratio`: rank(R) / rank(T) x 100, which
    may exceed 100.
    """

    REACHED_OR_RANK_RATIO = "reached_or_rank_ratio"
    REACHED = "reached"
    RANK_RATIO = "rank_ratio"


class DualTargetReading(StrEnum):
    """How a measurement row with a percentage target and an activity target is read.

    `activity` (default): achievement = realisation against the activity target.
    `share`: the realisation as a share of the activity target, set against the percentage
    target: (R / A x 100) / P x 100.
    """

    ACTIVITY = "activity"
    SHARE = "share"


@dataclass(frozen=True, slots=True)
class AchievementSettings:
    """The settings an agency chooses; printed in the report's method section.

    `cap` limits each indicator's achievement when it enters a roll-up (None: no cap); the
    uncapped value is still shown. `cap_to` is what a value above the cap becomes in a roll-up,
    for the employee-performance rule that turns > 110 into 120; by default the cap itself.
    """

    cap: Decimal | None = None
    cap_to: Decimal | None = None
    lower_is_better: LowerIsBetterFormula = LowerIsBetterFormula.MIRROR
    grade_method: GradeMethod = GradeMethod.REACHED_OR_RANK_RATIO
    dual_target: DualTargetReading = DualTargetReading.ACTIVITY
