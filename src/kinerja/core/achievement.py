"""Achievement (capaian) of one indicator: realisation set against target (`domain.md` section 4).

Rules, in the order they are applied (T = target number, R = realisation number):

1. No realisation: UNMEASURED. An unmeasured indicator is shown as unmeasured and left out of
   roll-ups; it is never counted as 0.
2. A realisation but no target: NOT_COMPUTABLE, "target belum ditetapkan".
3. The kinds must be comparable: percentage with percentage, quantity with quantity, grade with
   grade, milestone with milestone; a band target takes a percentage realisation when the band's
   unit is `%`, otherwise a quantity. Any other pair is NOT_COMPUTABLE, naming both kinds.
4. Numbers (percentage, one-part quantity, each part of a multi-part quantity):
   - higher is better: R / T x 100;
   - lower is better, formula `mirror` (default): (2T - R) / T x 100 = 200 - R / T x 100, exactly,
     with no floor: it falls below 0 when R > 2T. For T > 0, higher(T, R) + mirror(T, R) = 200;
   - lower is better, formula `inverse` (former name `ratio`): T / R x 100, so
     inverse(T, R) = higher(R, T), no cap. R = 0 is NOT_COMPUTABLE ("realisasi nol: rumus T/R
     tidak terdefinisi"), and so is R < 0;
   - zero target (T = 0), under every formula: 100 when the realisation meets the target
     (R >= 0 for higher is better, R <= 0 for lower is better), otherwise 0; a note says so;
   - a negative target is NOT_COMPUTABLE;
   - polarity `band` with a target that is not a band: computed as higher is better, with a note.
5. Quantities: the units are compared by their normalised key (`QuantityPart.unit_key`).
   - one part against one part: the numbers are compared even when the units differ; a note
     then names both ("satuan berbeda: target '4 triwulan', realisasi '4 laporan'");
   - several parts: each target part is paired with a realisation part of the same unit (in
     order, each realisation part used once); the achievement is the plain mean of the per-part
     achievements. A target part without a realisation part counts as realisation 0 for that part
     (with a note); realisation parts not in the target are ignored (with a note). When no part
     pairs at all the result is NOT_COMPUTABLE.
6. Grades: both grades must be on the indicator's scale (SAKIP predicate when none is given),
   otherwise NOT_COMPUTABLE ("nilai 'B' tidak ada pada skala Opini BPK"). Polarity is ignored:
   the scale carries the order. Setting `grade_method`:
   - `reached_or_rank_ratio` (default): 100 when rank(R) >= rank(T), else rank(R)/rank(T) x 100;
   - `reached`: 100 when rank(R) >= rank(T), otherwise 0;
   - `rank_ratio`: rank(R) / rank(T) x 100, which exceeds 100 when the target is surpassed.
   The worst grade has rank 1, the best rank = number of grades on the scale.
7. Milestone target: the realisation decides, done 100, not done 0 (the realisation must be a
   milestone).
8. Band target [L, U] (bounds inclusive; polarity is ignored, the band carries the rule):
   100 inside; below L: R / L x 100; above U: (2U - R) / U x 100 (no floor). When L = 0 a value
   below the band scores 0, and when U = 0 a value above the band scores 0 (the zero-target rule).
   A negative bound, or L > U, is NOT_COMPUTABLE.
9. Two targets at once (`dual_achievement`): setting `dual_target`:
   - `activity` (default): the realisation against the activity target, rules 1-8;
   - `share`: S = achievement against the activity target; result = S / P x 100 where P is the
     percentage target. P must be a percentage above 0, otherwise the `activity` reading is used
     and a note says why. Without an activity target the percentage target is used alone.
   A note always says which reading was used.
10. The cap (`kinerja.core.caps`): above the cap a value becomes `cap_to` when set, else the cap;
    `cap_applies` says whether it applies to the indicator's own figure, the roll-up, or both.
11. Bound target (`maksimal 2%`, `minimal 80%`, `kurang dari 49`): the bound carries the
    direction (at most: lower is better; at least: higher is better) and the indicator's polarity
    is ignored, with a note when it disagrees. The achievement is rule 4 with T = the limit (so a
    zero limit follows the zero-target rule). A strict bound (`kurang dari`, `lebih dari`) that
    the realisation only equals gets the rule-4 value (100) and a note that the bound is not met.
    The realisation must be a percentage for a `%` bound, else a quantity (units as rule 5).

All arithmetic is Decimal; nothing is rounded here. A quotient that does not terminate (1/3) carries
the 28 significant digits of Python's default decimal context (the mirror 200 - q is then taken
exactly, so it may carry a few more); rounding for print is `formats.py`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Context, Decimal
from enum import StrEnum

from kinerja.core.caps import capped as capped  # re-exported: the cap rule lives in caps
from kinerja.core.grades import SAKIP_PREDICATE, GradeScale, not_on_scale_message
from kinerja.core.settings import (
    AchievementSettings,
    DualTargetReading,
    GradeMethod,
    Polarity,
)
from kinerja.core.values import (
    Band,
    Bound,
    Grade,
    Milestone,
    Percentage,
    Quantity,
    QuantityPart,
    Value,
    ValueKind,
    normalize_unit,
)

HUNDRED = Decimal(100)
ZERO = Decimal(0)
# 200 - R/T x 100 is taken exactly (without the default 28-digit rounding), so that
# higher(T, R) + mirror(T, R) is exactly 200 even when R/T does not terminate.
_EXACT = Context(prec=200)


def _mirror(quotient: Decimal) -> Decimal:
    return _EXACT.subtract(2 * HUNDRED, quotient)


_KIND_NAMES = {
    ValueKind.PERCENTAGE: "persentase",
    ValueKind.QUANTITY: "jumlah dengan satuan",
    ValueKind.GRADE: "predikat",
    ValueKind.MILESTONE: "tahapan (selesai/belum)",
    ValueKind.BAND: "rentang",
    ValueKind.BOUND: "batas",
}

UNMEASURED_REASON = "realisasi belum diisi"
NO_TARGET_REASON = "target belum ditetapkan"
ZERO_TARGET_NOTE = "target nol: capaian 100% bila target terpenuhi, 0% bila tidak"
BAND_POLARITY_NOTE = (
    "polaritas rentang tanpa target berupa rentang: dihitung sebagai makin tinggi makin baik"
)
ACTIVITY_READING_NOTE = "dibaca terhadap target kegiatan"
SHARE_READING_NOTE = (
    "dibaca sebagai persentase realisasi terhadap target kegiatan, dibandingkan dengan target "
    "persentase"
)
PERCENTAGE_ONLY_NOTE = "tanpa target kegiatan: dibaca terhadap target persentase"


class Status(StrEnum):
    """Whether an achievement could be measured.

    `unmeasured`: there is no realisation (never counted as 0). `not_computable`: a realisation
    exists but the rule is undefined (zero divisor, grade not on the scale, incomparable kinds).
    """

    MEASURED = "measured"
    UNMEASURED = "unmeasured"
    NOT_COMPUTABLE = "not_computable"


@dataclass(frozen=True)
class Achievement:
    """An achievement in percent (uncapped), its status, why it is not measured, and notes."""

    value: Decimal | None
    status: Status
    reason: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def is_measured(self) -> bool:
        """True when the achievement has a value."""
        return self.status is Status.MEASURED


def _measured(value: Decimal, notes: tuple[str, ...] = ()) -> Achievement:
    return Achievement(value, Status.MEASURED, None, notes)


def _not_computable(reason: str, notes: tuple[str, ...] = ()) -> Achievement:
    return Achievement(None, Status.NOT_COMPUTABLE, reason, notes)


def _with_notes(result: Achievement, *notes: str) -> Achievement:
    return replace(result, notes=result.notes + tuple(note for note in notes if note))


def number_text(amount: Decimal) -> str:
    """A Decimal as Indonesians write it, unrounded: `1645.5` -> `1.645,5` (for messages)."""
    text = f"{amount:f}"
    sign = "-" if text.startswith("-") else ""
    text = text.lstrip("-")
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = ".".join(groups) + ("," + fraction if fraction else "")
    return sign + result if result.strip("0.,") else result


def _part_text(part: QuantityPart) -> str:
    return f"{number_text(part.amount)} {part.unit}"


def _kinds_reason(target: Value, realization: Value) -> str:
    return (
        f"target berupa {_KIND_NAMES[target.kind]} dan realisasi berupa "
        f"{_KIND_NAMES[realization.kind]}: tidak dapat dibandingkan"
    )


def achievement(
    target: Value | None,
    realization: Value | None,
    *,
    polarity: Polarity = Polarity.HIGHER_IS_BETTER,
    settings: AchievementSettings = AchievementSettings(),  # noqa: B008 - frozen, immutable
    grade_scale: GradeScale | None = None,
) -> Achievement:
    """Achievement of one indicator by the SAKIP capaian rules 1-8 of this module's docstring.

    `polarity` applies to numbers; grades take their order from `grade_scale` (default the SAKIP
    predicate) and bands from their bounds.
    """
    if realization is None:
        return Achievement(None, Status.UNMEASURED, UNMEASURED_REASON)
    if target is None:
        return _not_computable(NO_TARGET_REASON)
    if isinstance(target, Grade):
        if not isinstance(realization, Grade):
            return _not_computable(_kinds_reason(target, realization))
        return grade_achievement(target, realization, settings, grade_scale or SAKIP_PREDICATE)
    if isinstance(target, Milestone):
        if not isinstance(realization, Milestone):
            return _not_computable(_kinds_reason(target, realization))
        return _measured(HUNDRED if realization.done else ZERO)
    if isinstance(target, Band):
        return _band_target(target, realization)
    if isinstance(target, Bound):
        return bound_achievement(target, realization, polarity, settings)
    notes: tuple[str, ...] = ()
    if polarity is Polarity.BAND:
        polarity = Polarity.HIGHER_IS_BETTER
        notes = (BAND_POLARITY_NOTE,)
    if isinstance(target, Percentage):
        if not isinstance(realization, Percentage):
            return _not_computable(_kinds_reason(target, realization), notes)
        return _with_notes(
            number_achievement(target.amount, realization.amount, polarity, settings), *notes
        )
    if not isinstance(realization, Quantity):
        return _not_computable(_kinds_reason(target, realization), notes)
    return _with_notes(_quantity_achievement(target, realization, polarity, settings), *notes)


def number_achievement(
    target: Decimal,
    realization: Decimal,
    polarity: Polarity = Polarity.HIGHER_IS_BETTER,
    settings: AchievementSettings = AchievementSettings(),  # noqa: B008 - frozen, immutable
) -> Achievement:
    """Achievement of two numbers: rule 4 (higher R/T x 100, lower mirror or ratio, zero target)."""
    if polarity is Polarity.BAND:
        return _with_notes(
            number_achievement(target, realization, Polarity.HIGHER_IS_BETTER, settings),
            BAND_POLARITY_NOTE,
        )
    lower = polarity is Polarity.LOWER_IS_BETTER
    if target < 0:
        return _not_computable(
            f"target negatif ({number_text(target)}): rumus capaian tidak terdefinisi"
        )
    if target == 0:
        met = realization <= 0 if lower else realization >= 0
        return _measured(HUNDRED if met else ZERO, (ZERO_TARGET_NOTE,))
    if not lower:
        return _measured(realization * HUNDRED / target)
    if not settings.lower_is_better.is_inverse:
        return _measured(_mirror(realization * HUNDRED / target))
    if realization == 0:
        return _not_computable("realisasi nol: rumus T/R tidak terdefinisi")
    if realization < 0:
        return _not_computable(
            f"realisasi negatif ({number_text(realization)}): rumus T/R tidak terdefinisi"
        )
    return _measured(target * HUNDRED / realization)


def _quantity_achievement(
    target: Quantity, realization: Quantity, polarity: Polarity, settings: AchievementSettings
) -> Achievement:
    """Rule 5: one part against one part, or the mean over the target's parts paired by unit."""
    if not target.parts or not realization.parts:
        return _not_computable("jumlah tanpa bagian: tidak dapat dihitung")
    if target.is_single and realization.is_single:
        t_part, r_part = target.parts[0], realization.parts[0]
        notes: tuple[str, ...] = ()
        if t_part.unit_key != r_part.unit_key:
            notes = (
                f"satuan berbeda: target '{_part_text(t_part)}', realisasi '{_part_text(r_part)}'",
            )
        return _with_notes(
            number_achievement(t_part.amount, r_part.amount, polarity, settings), *notes
        )
    unused = list(realization.parts)
    pairs: list[tuple[QuantityPart, QuantityPart | None]] = []
    for t_part in target.parts:
        match = next((part for part in unused if part.unit_key == t_part.unit_key), None)
        if match is not None:
            unused.remove(match)
        pairs.append((t_part, match))
    if all(match is None for _, match in pairs):
        return _not_computable(
            "tidak ada satuan realisasi yang cocok dengan satuan target: target "
            f"'{_quantity_text(target)}', realisasi '{_quantity_text(realization)}'"
        )
    values: list[Decimal] = []
    notes = ()
    for t_part, match in pairs:
        amount = ZERO if match is None else match.amount
        if match is None:
            notes += (f"bagian target '{_part_text(t_part)}' tidak ada pada realisasi: dihitung 0",)
        part = number_achievement(t_part.amount, amount, polarity, settings)
        notes += part.notes
        if part.value is None:
            return _not_computable(f"bagian '{_part_text(t_part)}': {part.reason}", notes)
        values.append(part.value)
    for extra in unused:
        notes += (f"bagian realisasi '{_part_text(extra)}' tidak ada pada target: tidak dihitung",)
    notes += (f"rata-rata capaian {len(values)} bagian target",)
    return _measured(sum(values, ZERO) / len(values), tuple(dict.fromkeys(notes)))


def _quantity_text(quantity: Quantity) -> str:
    return " dan ".join(_part_text(part) for part in quantity.parts)


def grade_achievement(
    target: Grade,
    realization: Grade,
    settings: AchievementSettings = AchievementSettings(),  # noqa: B008 - frozen, immutable
    scale: GradeScale = SAKIP_PREDICATE,
) -> Achievement:
    """Rule 6: grades compared by rank on their scale, by the agency's `grade_method`."""
    target_rank = scale.rank(target.symbol)
    if target_rank is None:
        return _not_computable(not_on_scale_message(target.symbol, scale))
    real_rank = scale.rank(realization.symbol)
    if real_rank is None:
        return _not_computable(not_on_scale_message(realization.symbol, scale))
    reached = real_rank >= target_rank
    ratio = Decimal(real_rank) * HUNDRED / Decimal(target_rank)
    if settings.grade_method is GradeMethod.RANK_RATIO:
        return _measured(ratio)
    if reached:
        return _measured(HUNDRED)
    if settings.grade_method is GradeMethod.REACHED:
        return _measured(ZERO)
    return _measured(ratio)


def band_achievement(lower: Decimal, upper: Decimal, realization: Decimal) -> Achievement:
    """Rule 8: 100 inside [L, U]; below L: R / L x 100; above U: (2U - R) / U x 100.

    L = 0 with R < 0, and U = 0 with R > 0, score 0 (the zero-target rule). A negative bound or
    L > U is not computable.
    """
    if lower < 0 or upper < 0:
        return _not_computable("batas rentang negatif: rumus capaian tidak terdefinisi")
    if lower > upper:
        return _not_computable("batas bawah rentang lebih besar dari batas atas")
    if lower <= realization <= upper:
        return _measured(HUNDRED)
    if realization < lower:
        if lower == 0:
            return _measured(ZERO, (ZERO_TARGET_NOTE,))
        return _measured(realization * HUNDRED / lower)
    if upper == 0:
        return _measured(ZERO, (ZERO_TARGET_NOTE,))
    return _measured(_mirror(realization * HUNDRED / upper))


def _band_target(target: Band, realization: Value) -> Achievement:
    band_key = normalize_unit(target.unit)
    if band_key in {"%", "persen"}:
        if not isinstance(realization, Percentage):
            return _not_computable(_kinds_reason(target, realization))
        return band_achievement(target.lower, target.upper, realization.amount)
    if not isinstance(realization, Quantity) or not realization.parts:
        return _not_computable(_kinds_reason(target, realization))
    part = realization.part_for(band_key)
    notes: tuple[str, ...] = ()
    if part is None:
        if not realization.is_single:
            return _not_computable(
                f"tidak ada bagian realisasi dengan satuan '{target.unit}' "
                f"pada '{_quantity_text(realization)}'"
            )
        part = realization.parts[0]
        notes = (
            f"satuan berbeda: target '{number_text(target.lower)}–{number_text(target.upper)} "
            f"{target.unit}', realisasi '{_part_text(part)}'",
        )
    return _with_notes(band_achievement(target.lower, target.upper, part.amount), *notes)


def bound_achievement(
    target: Bound,
    realization: Value,
    polarity: Polarity = Polarity.HIGHER_IS_BETTER,
    settings: AchievementSettings = AchievementSettings(),  # noqa: B008 - frozen, immutable
) -> Achievement:
    """Rule 11: a bound target is rule 4 against its limit, in the bound's own direction."""
    if target.is_percentage:
        if not isinstance(realization, Percentage):
            return _not_computable(_kinds_reason(target, realization))
        amount = realization.amount
        notes: tuple[str, ...] = ()
    else:
        if not isinstance(realization, Quantity) or not realization.parts:
            return _not_computable(_kinds_reason(target, realization))
        part = realization.part_for(normalize_unit(target.unit))
        notes = ()
        if part is None:
            if not realization.is_single:
                return _not_computable(
                    f"tidak ada bagian realisasi dengan satuan '{target.unit}' "
                    f"pada '{_quantity_text(realization)}'"
                )
            part = realization.parts[0]
            notes = (f"satuan berbeda: target '{target.printed}', realisasi '{_part_text(part)}'",)
        amount = part.amount
    direction = Polarity.LOWER_IS_BETTER if target.at_most else Polarity.HIGHER_IS_BETTER
    if polarity is not direction:
        notes += (
            f"target '{target.printed}' menentukan arah "
            f"({'makin rendah' if target.at_most else 'makin tinggi'} makin baik); polaritas "
            "indikator diabaikan",
        )
    if target.strict and amount == target.amount:
        notes += (
            f"realisasi sama dengan batas: target '{target.printed}' belum terpenuhi, capaian "
            "dihitung terhadap batas itu",
        )
    return _with_notes(number_achievement(target.amount, amount, direction, settings), *notes)


def dual_achievement(
    percentage_target: Value | None,
    activity_target: Value | None,
    realization: Value | None,
    *,
    polarity: Polarity = Polarity.HIGHER_IS_BETTER,
    settings: AchievementSettings = AchievementSettings(),  # noqa: B008 - frozen, immutable
    grade_scale: GradeScale | None = None,
) -> Achievement:
    """Rule 9: a percentage target and an activity target, read by the setting `dual_target`.

    `activity` (default): achievement(activity_target, realization). `share`: that achievement
    S as a share, set against the percentage target P: S / P x 100 (P must be a percentage > 0,
    else the activity reading is used with a note). Without an activity target the percentage
    target is used alone. A note names the reading used.
    """
    if activity_target is None:
        plain = achievement(
            percentage_target,
            realization,
            polarity=polarity,
            settings=settings,
            grade_scale=grade_scale,
        )
        return _with_notes(plain, PERCENTAGE_ONLY_NOTE)
    share = achievement(
        activity_target, realization, polarity=polarity, settings=settings, grade_scale=grade_scale
    )
    if settings.dual_target is DualTargetReading.ACTIVITY:
        return _with_notes(share, ACTIVITY_READING_NOTE)
    if not isinstance(percentage_target, Percentage) or percentage_target.amount <= 0:
        shown = (
            "tidak ada"
            if percentage_target is None
            else f"berupa {_KIND_NAMES[percentage_target.kind]}"
        )
        if isinstance(percentage_target, Percentage):
            shown = f"{number_text(percentage_target.amount)}%"
        return _with_notes(
            share,
            f"target persentase {shown} bukan persentase di atas 0: {ACTIVITY_READING_NOTE}",
        )
    if share.value is None:
        return _with_notes(share, SHARE_READING_NOTE)
    value = share.value * HUNDRED / percentage_target.amount
    return _measured(
        value,
        (
            *share.notes,
            f"{SHARE_READING_NOTE} {number_text(percentage_target.amount)}%: capaian = "
            f"(realisasi / target kegiatan x 100) / {number_text(percentage_target.amount)} x 100",
        ),
    )
