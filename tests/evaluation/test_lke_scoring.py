"""LKE scoring (core.evaluation): exact totals, and predicates exact at the band edges."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.core.evaluation import predicate, round_score, score
from kinerja.dataset.worksheet import load_worksheet

WORKSHEET = load_worksheet("permenpanrb-88-2021").worksheet
CODES = [c.code for c in WORKSHEET.criteria]
D = Decimal


def all_answered(answer: str) -> dict[str, str]:
    return dict.fromkeys(CODES, answer)


@pytest.mark.parametrize(
    ("answer", "total", "grade"),
    [
        ("AA", "100.00", "AA"),
        ("A", "90.00", "A"),  # 90 is not above 90
        ("BB", "80.00", "BB"),  # 80 is not above 80
        ("B", "70.00", "B"),
        ("CC", "60.00", "CC"),
        ("C", "50.00", "C"),
        ("D", "30.00", "D"),
        ("E", "0.00", "D"),
    ],
)
def test_every_criterion_answered_alike_scores_its_value(answer: str, total: str, grade: str):
    scored = score(WORKSHEET, all_answered(answer))
    assert scored.total == D(total)
    assert scored.predicate.grade == grade
    assert scored.complete


def test_all_bb_is_80_00_and_bb_one_step_higher_is_a():
    assert score(WORKSHEET, all_answered("BB")).predicate.grade == "BB"
    answers = all_answered("BB")
    answers["4.c.1"] = "A"  # Evaluasi internal, pemanfaatan: 12,5 points over 2 criteria
    scored = score(WORKSHEET, answers)
    assert scored.exact == Fraction(80) + Fraction(10, 2) * Fraction(125, 10) / 100
    assert scored.total == D("80.63")
    assert scored.predicate.grade == "A"


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("90.01", "AA"), ("90.00", "A"), ("80.01", "A"), ("80.00", "BB"), ("70.01", "BB"),
        ("70.00", "B"), ("60.01", "B"), ("60.00", "CC"), ("50.01", "CC"), ("50.00", "C"),
        ("30.01", "C"), ("30.00", "D"), ("0.00", "D"),
    ],
)  # fmt: skip
def test_predicate_bands_are_exact_at_their_edges(total: str, grade: str) -> None:
    assert predicate(WORKSHEET, D(total)).grade == grade


def test_the_predicate_follows_the_printed_total_not_a_hidden_fraction():
    # 80.004 prints as 80,00 and must read BB; 80.005 prints as 80,01 and reads A.
    assert round_score(Fraction(80004, 1000)) == D("80.00")
    assert predicate(WORKSHEET, round_score(Fraction(80004, 1000))).grade == "BB"
    assert round_score(Fraction(80005, 1000)) == D("80.01")
    assert predicate(WORKSHEET, round_score(Fraction(80005, 1000))).grade == "A"


def test_sub_component_score_is_the_mean_of_its_criteria_times_its_weight():
    answers = all_answered("E")
    answers.update({"1.a.1": "AA", "1.a.2": "BB"})  # (100 + 80 + 0 + 0 + 0) / 5 x 6 / 100
    scored = score(WORKSHEET, answers)
    planning = scored.components[0]
    assert planning.subcomponents[0].exact == Fraction(216, 100)
    assert planning.score == D("2.16")
    assert scored.total == D("2.16")


def test_thirds_stay_exact_until_printed():
    answers = all_answered("BB")
    answers["1.a.1"] = "A"  # +10 / 5 x 6 / 100 = 0.12; kualitas has 5 criteria too
    answers["3.b.1"] = "A"  # +10 / 3 x 4.5 / 100 = 0.15 exactly
    answers["4.a.1"] = "AA"  # +20 / 2 x 5 / 100 = 0.5
    scored = score(WORKSHEET, answers)
    assert scored.exact == Fraction(80) + Fraction(12, 100) + Fraction(15, 100) + Fraction(1, 2)
    assert scored.total == D("80.77")


def test_unanswered_criteria_count_zero_and_are_listed():
    answers = all_answered("BB")
    del answers["2.a.1"]
    scored = score(WORKSHEET, answers)
    assert scored.unanswered == ("2.a.1",)
    assert not scored.complete
    assert scored.total == D("78.40")  # 80 - 80 / 3 x 6 / 100
    assert scored.components[1].subcomponents[0].answered == 2


def test_an_answer_to_an_unknown_criterion_is_refused():
    with pytest.raises(ValueError, match="kriteria tidak dikenal"):
        score(WORKSHEET, {"9.z.9": "A"})


def test_an_unknown_answer_is_refused():
    with pytest.raises(ValueError, match="jawaban 'Z' tidak dikenal"):
        score(WORKSHEET, {"1.a.1": "Z"})


@given(
    st.dictionaries(
        st.sampled_from(CODES), st.sampled_from(["AA", "A", "BB", "B", "CC", "C", "D", "E"])
    )
)
def test_totals_stay_within_0_and_100_and_the_predicate_fits_the_total(answers):
    scored = score(WORKSHEET, answers)
    assert D(0) <= scored.total <= D(100)
    band = scored.predicate
    assert band.above is None or scored.total > band.above
    better = [b for b in WORKSHEET.predicates[: WORKSHEET.predicates.index(band)]]
    assert all(b.above is not None and scored.total <= b.above for b in better)
    assert scored.total == round_score(sum((c.exact for c in scored.components), Fraction(0)))
