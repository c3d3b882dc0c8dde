"""The consolidation's figures by hand: roll-up over offices, median, below target, ranking."""

from __future__ import annotations

from decimal import Decimal as D

from kinerja.core.consolidation import completeness, median, ranking, summarize


def test_summary_of_four_offices_with_one_unmeasured() -> None:
    result = summarize([D(90), None, D(110), D(100)])
    assert result.offices == 4
    assert result.measured == 3
    assert result.achievement == D(100)  # (90 + 110 + 100) / 3; the unmeasured is not a 0
    assert (result.minimum, result.median, result.maximum) == (D(90), D(100), D(110))
    assert result.below_target == 1  # only 90 is under 100; 100 reaches the target


def test_the_median_of_an_even_count_is_the_mean_of_the_two_middle_values() -> None:
    assert median([D(80), D(100), D(70), D("95.5")]) == D("87.75")
    assert median([D(5)]) == D(5)
    assert median([]) is None


def test_nothing_measured_gives_no_figures() -> None:
    result = summarize([None, None])
    assert (result.offices, result.measured, result.below_target) == (2, 0, 0)
    assert result.achievement is result.minimum is result.median is result.maximum is None


def test_completeness_is_the_verified_share_of_what_is_due() -> None:
    assert completeness(87, 100) == D(87)
    assert completeness(1, 3) == D(100) / D(3)
    assert completeness(0, 0) is None


def test_ranking_shares_a_rank_on_equal_values_and_puts_the_unmeasured_last() -> None:
    ranked = ranking([("a", D(90)), ("b", None), ("c", D(110)), ("d", D(90)), ("e", D(70))])
    assert ranked == [(1, "c"), (2, "a"), (2, "d"), (4, "e"), (None, "b")]
