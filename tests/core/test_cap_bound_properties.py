"""Properties of the cap setting and of bound targets (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from kinerja.core.achievement import bound_achievement
from kinerja.core.caps import rollup_value, shown_value
from kinerja.core.rollup import Weighted, rollup
from kinerja.core.settings import AchievementSettings, CapScope, LowerIsBetterFormula, Polarity
from kinerja.core.values import Bound, Percentage


def decimals(low: int | str, high: int | str, places: int = 3) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=Decimal(low),
        max_value=Decimal(high),
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )


scopes = st.sampled_from(list(CapScope))
caps = st.one_of(st.none(), decimals("0.001", 1000))


@st.composite
def cap_settings(draw: st.DrawFn) -> AchievementSettings:
    cap = draw(caps)
    cap_to = None
    if cap is not None:
        # cap_to above the cap is the documented exception that raises on purpose.
        cap_to = draw(st.one_of(st.none(), decimals("0.001", cap)))
    return AchievementSettings(cap=cap, cap_to=cap_to, cap_applies=draw(scopes))


@given(decimals(-1000, 10000), cap_settings(), st.one_of(st.none(), scopes))
def test_cap_never_raises_an_achievement(
    value: Decimal, settings: AchievementSettings, override: CapScope | None
) -> None:
    shown = shown_value(value, settings, override)
    assert shown is not None and shown <= value
    assert rollup_value(value, settings, override) <= value


@given(
    st.lists(st.tuples(decimals(-100, 1000), st.one_of(st.none(), scopes)), min_size=1),
    cap_settings(),
)
def test_capped_rollup_never_exceeds_uncapped_rollup(
    items: list[tuple[Decimal, CapScope | None]], settings: AchievementSettings
) -> None:
    capped_total = rollup([Weighted(v, cap_applies=s) for v, s in items], settings)
    plain_total = rollup([Weighted(v) for v, _ in items])
    assert capped_total is not None and plain_total is not None
    assert capped_total <= plain_total


formulas = st.sampled_from(list(LowerIsBetterFormula))
polarities = st.sampled_from(list(Polarity))


@given(
    decimals(0, 1000),
    decimals(0, 2000),
    decimals(0, 2000),
    st.booleans(),
    st.booleans(),
    polarities,
    formulas,
)
def test_bounds_are_monotone_in_their_direction(
    limit: Decimal,
    first: Decimal,
    second: Decimal,
    at_most: bool,
    strict: bool,
    polarity: Polarity,
    formula: LowerIsBetterFormula,
) -> None:
    low, high = sorted((first, second))
    if at_most and formula.is_inverse:
        assume(low > 0)  # T / R is undefined at R = 0
    settings = AchievementSettings(lower_is_better=formula)
    bound = Bound(limit, "%", at_most=at_most, strict=strict, printed="batas")
    at_low = bound_achievement(bound, Percentage(low), polarity, settings).value
    at_high = bound_achievement(bound, Percentage(high), polarity, settings).value
    assert at_low is not None and at_high is not None
    if at_most:
        assert at_high <= at_low  # more is worse under "maksimal"
    else:
        assert at_high >= at_low  # more is better under "minimal"
