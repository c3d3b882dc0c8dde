"""Hypothesis properties that pin the achievement, roll-up, grade and scale rules."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from kinerja.core.achievement import band_achievement, number_achievement
from kinerja.core.grades import BUILTIN_GRADE_SCALES, GradeScale
from kinerja.core.rollup import Weighted, rollup
from kinerja.core.scales import RatingBand, RatingScale, validate_scale
from kinerja.core.settings import AchievementSettings, LowerIsBetterFormula, Polarity

HIGHER = Polarity.HIGHER_IS_BETTER
LOWER = Polarity.LOWER_IS_BETTER
MIRROR = AchievementSettings(lower_is_better=LowerIsBetterFormula.MIRROR)
RATIO = AchievementSettings(lower_is_better=LowerIsBetterFormula.RATIO)


def decimals(
    low: int | str = -(10**6), high: int | str = 10**6, places: int = 4
) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=Decimal(low),
        max_value=Decimal(high),
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )


targets = decimals(0)
positive = decimals("0.0001")
anything = decimals()
scales = st.sampled_from(sorted(BUILTIN_GRADE_SCALES.values(), key=lambda scale: scale.name))


def value(
    target: Decimal,
    realization: Decimal,
    polarity: Polarity,
    settings: AchievementSettings = MIRROR,
) -> Decimal:
    result = number_achievement(target, realization, polarity, settings)
    assert result.value is not None, result
    return result.value


# --- monotonicity -----------------------------------------------------------------------------


@given(targets, anything, anything)
def test_higher_is_better_is_non_decreasing_in_the_realisation(
    target: Decimal, r1: Decimal, r2: Decimal
) -> None:
    low, high = sorted((r1, r2))
    assert value(target, low, HIGHER) <= value(target, high, HIGHER)


@given(targets, anything, anything)
def test_lower_is_better_mirror_is_non_increasing(
    target: Decimal, r1: Decimal, r2: Decimal
) -> None:
    low, high = sorted((r1, r2))
    assert value(target, low, LOWER) >= value(target, high, LOWER)


@given(targets, positive, positive)
def test_lower_is_better_ratio_is_non_increasing_for_positive_realisation(
    target: Decimal, r1: Decimal, r2: Decimal
) -> None:
    low, high = sorted((r1, r2))
    assert value(target, low, LOWER, RATIO) >= value(target, high, LOWER, RATIO)


@given(targets, targets, anything, anything)
def test_band_rises_below_the_band_and_falls_above_it(
    b1: Decimal, b2: Decimal, r1: Decimal, r2: Decimal
) -> None:
    lower, upper = sorted((b1, b2))
    low, high = sorted((r1, r2))

    def band(realization: Decimal) -> Decimal:
        result = band_achievement(lower, upper, realization)
        assert result.value is not None
        return result.value

    if high <= lower:
        assert band(low) <= band(high)
    if low >= upper:
        assert band(low) >= band(high)
    if lower <= low <= upper:
        assert band(low) == 100
    assert band(low) <= 100 and band(high) <= 100


# --- the two lower-is-better formulas mirror higher-is-better -------------------------------


@given(positive, anything)
def test_higher_plus_mirror_lower_is_200(target: Decimal, realization: Decimal) -> None:
    assert value(target, realization, HIGHER) + value(target, realization, LOWER) == 200


@given(positive, positive)
def test_ratio_lower_is_higher_with_roles_swapped(target: Decimal, realization: Decimal) -> None:
    assert value(target, realization, LOWER, RATIO) == value(realization, target, HIGHER)


# --- roll-up ----------------------------------------------------------------------------------

weights = st.one_of(st.none(), decimals(0, 1000, 3))
items = st.lists(
    st.builds(Weighted, st.one_of(st.none(), decimals(-1000, 10**5)), weights), max_size=12
)


@given(items, decimals(0, 200, 2), st.one_of(st.none(), decimals(0, 200, 2)))
def test_a_cap_is_never_exceeded_in_a_rollup(
    entries: list[Weighted], cap: Decimal, cap_to: Decimal | None
) -> None:
    result = rollup(entries, AchievementSettings(cap=cap, cap_to=cap_to))
    if result is not None:
        assert result <= max(cap, cap_to if cap_to is not None else cap)


@given(decimals(-1000, 10**5), st.lists(weights, min_size=1, max_size=12))
def test_rollup_of_identical_values_is_that_value(
    same: Decimal, entry_weights: list[Decimal | None]
) -> None:
    result = rollup([Weighted(same, weight) for weight in entry_weights])
    if all(weight is not None and weight == 0 for weight in entry_weights):
        assert result is None
    else:
        assert result == same


@given(items, st.lists(weights, max_size=5))
def test_rollup_ignores_unmeasured_items(
    entries: list[Weighted], extra_weights: list[Decimal | None]
) -> None:
    assume(
        any(entry.weight is not None for entry in entries) or all(w is None for w in extra_weights)
    )
    unmeasured = [Weighted(None, weight) for weight in extra_weights]
    assert rollup(entries + unmeasured) == rollup(entries)
    assert rollup(unmeasured + entries) == rollup(entries)


# --- grades are totally ordered ---------------------------------------------------------------


@given(scales, st.data())
def test_grades_are_totally_ordered(scale: GradeScale, data: st.DataObject) -> None:
    grade = st.sampled_from(scale.grades)
    a, b, c = data.draw(grade), data.draw(grade), data.draw(grade)
    assert scale.compare(a, b) == -scale.compare(b, a)
    assert scale.compare(a, b) in (-1, 0, 1)
    assert (scale.compare(a, b) == 0) == (a == b)
    if scale.compare(a, b) >= 0 and scale.compare(b, c) >= 0:
        assert scale.compare(a, c) >= 0
    lowered = data.draw(st.sampled_from([a.lower(), a.upper(), f" {a} "]))
    assert scale.compare(lowered, a) == 0


@given(scales)
def test_rank_is_a_bijection_onto_one_to_n(scale: GradeScale) -> None:
    ranks = [rank for grade in scale.grades if (rank := scale.rank(grade)) is not None]
    assert sorted(ranks) == list(range(1, len(scale.grades) + 1))
    assert ranks == sorted(ranks, reverse=True)  # listed best first
    assert [scale.rank(grade.lower()) for grade in scale.grades] == ranks


# --- rating scales cover each value exactly once ----------------------------------------------


@st.composite
def valid_scales(draw: st.DrawFn) -> tuple[RatingScale, list[Decimal]]:
    """A gap-free scale: random cut points, each cut belonging to exactly one side."""
    cuts = sorted(set(draw(st.lists(decimals(-200, 200, 2), max_size=6))))
    belongs_low = draw(st.lists(st.booleans(), min_size=len(cuts), max_size=len(cuts)))
    bounds: list[Decimal | None] = [None, *cuts, None]
    bands = []
    for index in range(len(cuts) + 1):
        lower, upper = bounds[index], bounds[index + 1]
        bands.append(
            RatingBand(
                f"kategori {index}",
                lower,
                upper,
                lower_inclusive=index > 0 and not belongs_low[index - 1],
                upper_inclusive=index < len(cuts) and belongs_low[index],
            )
        )
    order = draw(st.permutations(bands))
    return RatingScale("acak", tuple(order)), cuts


@given(valid_scales(), st.lists(decimals(-300, 300, 3), max_size=20))
def test_a_valid_scale_covers_every_value_exactly_once(
    generated: tuple[RatingScale, list[Decimal]], probes: list[Decimal]
) -> None:
    scale, cuts = generated
    assert validate_scale(scale) == []
    for probe in [*probes, *cuts]:
        assert sum(band.contains(probe) for band in scale.bands) == 1
        assert scale.rate(probe) is not None


@given(valid_scales(), st.data())
def test_a_deliberate_gap_or_overlap_is_found(
    generated: tuple[RatingScale, list[Decimal]], data: st.DataObject
) -> None:
    scale, cuts = generated
    assume(cuts)
    bands = sorted(
        scale.bands, key=lambda band: band.lower if band.lower is not None else Decimal("-1e9")
    )
    index = data.draw(st.integers(0, len(cuts) - 1))
    below, above = bands[index], bands[index + 1]
    cut = cuts[index]
    mode = data.draw(
        st.sampled_from(["point_gap", "point_overlap", "interval_gap", "interval_overlap"])
    )
    if mode == "point_gap":
        below = RatingBand(below.label, below.lower, below.upper, below.lower_inclusive, False)
        above = RatingBand(above.label, above.lower, above.upper, False, above.upper_inclusive)
        witness, kind = cut, "gap"
    elif mode == "point_overlap":
        below = RatingBand(below.label, below.lower, below.upper, below.lower_inclusive, True)
        above = RatingBand(above.label, above.lower, above.upper, True, above.upper_inclusive)
        witness, kind = cut, "overlap"
    else:
        room_low = cut - cuts[index - 1] if index > 0 else Decimal(100)
        room_high = cuts[index + 1] - cut if index + 1 < len(cuts) else Decimal(100)
        if mode == "interval_gap":
            delta = room_low / 2
            below = RatingBand(below.label, below.lower, cut - delta, below.lower_inclusive, True)
            witness, kind = cut - delta / 2, "gap"
        else:
            delta = room_high / 2
            below = RatingBand(below.label, below.lower, cut + delta, below.lower_inclusive, True)
            witness, kind = cut + delta / 2, "overlap"
    broken = [*bands[:index], below, above, *bands[index + 2 :]]
    new_scale = RatingScale("rusak", tuple(broken))
    assert sum(band.contains(witness) for band in broken) != 1
    problems = validate_scale(new_scale)
    assert any(
        problem.kind == kind
        and problem.lower is not None
        and problem.upper is not None
        and problem.lower <= witness <= problem.upper
        for problem in problems
    ), problems
