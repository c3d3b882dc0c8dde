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
    """The formula of a lower-is-better indicator, named by what it computes.

    `mirror`: (2T - R) / T x 100, the target mirrored (the common practice; no floor: below 0
    when R > 2T; no cap: up to 200 at R = 0). `inverse`: T / R x 100, the inverse of the higher-is-
    better ratio (no cap; undefined at R = 0). `ratio` is the former name of `inverse`, still read
    but deprecated: in practice "rasio" means R / T.
    """

    MIRROR = "mirror"
    INVERSE = "inverse"
    RATIO = "ratio"

    @property
    def is_inverse(self) -> bool:
        """True for `inverse` and its deprecated alias `ratio`."""
        return self is not LowerIsBetterFormula.MIRROR


DEPRECATED_CHOICES = {LowerIsBetterFormula.RATIO.value: LowerIsBetterFormula.INVERSE.value}
"""Former names still read, with the name to write instead."""


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


class CapScope(StrEnum):
    """Where the cap applies: the roll-up only (default), the indicator's own figure, both, or
    nowhere (`none`, for an indicator that an office prints uncapped while it caps others).

    `indicator`: the figure shown for the indicator is capped; its roll-up takes the uncapped
    figure. `rollup`: the figure shown is uncapped; the roll-up takes it capped. `both`: both.
    """

    ROLLUP = "rollup"
    INDICATOR = "indicator"
    BOTH = "both"
    NONE = "none"

    @property
    def caps_indicator(self) -> bool:
        return self in {CapScope.INDICATOR, CapScope.BOTH}

    @property
    def caps_rollup(self) -> bool:
        return self in {CapScope.ROLLUP, CapScope.BOTH}


CHOICE_FORMULAS: dict[str, dict[str, str]] = {
    "lower_is_better": {
        "mirror": "(2T − R) / T × 100, tanpa batas bawah (negatif bila R > 2T), paling tinggi "
        "200 pada R = 0",
        "inverse": "T / R × 100, tanpa batas atas, tidak terdefinisi bila R = 0",
        "ratio": "nama lama untuk 'inverse' (T / R × 100); tulis 'inverse'",
    },
    "grade_method": {
        "reached_or_rank_ratio": "100 bila predikat target tercapai, selain itu peringkat R / "
        "peringkat T × 100",
        "reached": "100 bila predikat target tercapai, selain itu 0",
        "rank_ratio": "peringkat R / peringkat T × 100 (bisa lebih dari 100)",
    },
    "dual_target": {
        "activity": "R / target kegiatan × 100",
        "share": "(R / target kegiatan × 100) / target persentase × 100",
    },
    "cap_applies": {
        "rollup": "batas hanya saat dirata-ratakan; capaian indikator tampil tanpa batas",
        "indicator": "capaian indikator yang tampil dibatasi; rata-rata memakai nilai tanpa batas",
        "both": "capaian indikator dan rata-rata sama-sama dibatasi",
        "none": "tidak dibatasi sama sekali (hanya untuk satu indikator)",
    },
}
"""Each setting's choices with what they compute, for the message of an unknown choice."""


def unknown_choice_message(setting: str, found: object) -> str:
    """'harus salah satu dari: ...' listing each choice of `setting` with its formula."""
    choices = "; ".join(f"'{code}' = {text}" for code, text in CHOICE_FORMULAS[setting].items())
    return f"pilihan '{found}' tidak dikenal; pilih salah satu: {choices}"


@dataclass(frozen=True, slots=True)
class AchievementSettings:
    """The settings an agency chooses; printed in the report's method section.

    `cap` limits achievements above it (None: no cap); `cap_applies` says where: the roll-up
    (default: the indicator's figure is shown uncapped), the indicator's own figure, or both; an
    indicator may override it. `cap_to` is what a value above the cap becomes, for the
    employee-performance rule that turns > 110 into 120; by default the cap itself.
    """

    cap: Decimal | None = None
    cap_to: Decimal | None = None
    lower_is_better: LowerIsBetterFormula = LowerIsBetterFormula.MIRROR
    grade_method: GradeMethod = GradeMethod.REACHED_OR_RANK_RATIO
    dual_target: DualTargetReading = DualTargetReading.ACTIVITY
    cap_applies: CapScope = CapScope.ROLLUP
