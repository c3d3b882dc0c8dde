"""LKE scoring (core.evaluation): one answer per sub-component, hand-computed totals, predicates
exact at the band edges, proposals from the share of criteria met, and properties (0..100,
monotone in the answers); the per-criterion variant keeps its mean-of-criteria rule."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.core.evaluation import (
    predicate,
    proposal_for_share,
    round_score,
    score,
    score_by_criterion,
)
from kinerja.dataset.worksheet import load_worksheet

WORKSHEET = load_worksheet("permenpanrb-88-2021").worksheet
SUBS = [s.code for s in WORKSHEET.subcomponents]
GRADES = ["AA", "A", "BB", "B", "CC", "C", "D", "E"]
D = Decimal


def test_the_worksheet_has_4_components_12_subcomponents_and_80_criteria() -> None:
    assert len(WORKSHEET.components) == 4
    assert len(SUBS) == 12
    assert len(WORKSHEET.criteria) == 80
    counts = [len(s.criteria) for s in WORKSHEET.subcomponents]
    assert counts == [6, 11, 8, 3, 7, 10, 6, 9, 7, 3, 5, 5]
    for comp in WORKSHEET.components:  # 20/30/50 inside each component
        shares = [s.weight / comp.weight for s in comp.subcomponents]
        assert shares == [D("0.2"), D("0.3"), D("0.5")]


@pytest.mark.parametrize(
    ("answer", "total", "grade"),
    [
        ("AA", "100.00", "AA"),
        ("A", "90.00", "A"),  # 90 is not above 90
        ("BB", "80.00", "BB"),
        ("B", "70.00", "B"),
        ("CC", "60.00", "CC"),
        ("C", "50.00", "C"),
        ("D", "30.00", "D"),
        ("E", "0.00", "D"),
    ],
)
def test_every_subcomponent_answered_alike_scores_its_value(answer, total, grade) -> None:
    scored = score(WORKSHEET, dict.fromkeys(SUBS, answer))
    assert scored.total == D(total)
    assert scored.predicate.grade == grade
    assert scored.complete


def test_a_hand_computed_worksheet() -> None:
    # 1.a B 0,7x6=4,2; 1.b CC 0,6x9=5,4; 1.c BB 0,8x15=12 -> 21,6
    # 2.a BB 4,8; 2.b B 6,3; 2.c B 10,5 -> 21,6
    # 3.a BB 2,4; 3.b CC 2,7; 3.c B 5,25 -> 10,35
    # 4.a B 3,5; 4.b CC 4,5; 4.c BB 10 -> 18; total 71,55 (BB: above 70)
    answers = dict(
        zip(SUBS, ["B", "CC", "BB", "BB", "B", "B", "BB", "CC", "B", "B", "CC", "BB"], strict=True)
    )
    scored = score(WORKSHEET, answers)
    assert [c.score for c in scored.components] == [D("21.60"), D("21.60"), D("10.35"), D("18.00")]
    assert scored.total == D("71.55")
    assert scored.predicate.grade == "BB"
    assert scored.components[0].subcomponents[0].score == D("4.20")


def test_bb_on_1b_is_7_2_of_9() -> None:
    scored = score(WORKSHEET, {"1.b": "BB"})
    assert scored.components[0].subcomponents[1].exact == Fraction(36, 5)
    assert scored.total == D("7.20")
    assert len(scored.unanswered) == 11 and "1.b" not in scored.unanswered


def test_only_the_evaluator_column_counts_in_the_total_of_a_half_point() -> None:
    # 3.b A: 0,9 x 4,5 = 4,05; 4.b C: 0,5 x 7,5 = 3,75 -> 7,80
    assert score(WORKSHEET, {"3.b": "A", "4.b": "c"}).total == D("7.80")


@pytest.mark.parametrize(
    ("total", "grade"),
    [("90.01", "AA"), ("90.00", "A"), ("80.01", "A"), ("80.00", "BB"), ("30.00", "D")],
)
def test_predicate_bands_are_exact_at_their_edges(total: str, grade: str) -> None:
    assert predicate(WORKSHEET, D(total)).grade == grade


@pytest.mark.parametrize(
    ("met", "total", "answer"),
    [(8, 8, "BB"), (7, 8, "B"), (6, 8, "CC"), (5, 8, "CC"), (4, 8, "C"), (3, 8, "C"),
     (2, 8, "D"), (1, 8, "D"), (0, 8, "E"), (3, 4, "CC"), (1, 4, "D"), (2, 3, "CC")],
)  # fmt: skip
def test_the_share_of_criteria_met_proposes_the_answer(met, total, answer) -> None:
    # 75% is not "more than 75%" (CC); 25% is not "more than 25%" (D)
    assert proposal_for_share(WORKSHEET, met, total) == answer


def test_a_share_that_is_not_one_is_refused() -> None:
    with pytest.raises(ValueError, match="bukan bagian yang sah"):
        proposal_for_share(WORKSHEET, 5, 4)


def test_an_answer_to_an_unknown_subcomponent_or_an_unknown_answer_is_refused() -> None:
    with pytest.raises(ValueError, match="subkomponen tidak dikenal"):
        score(WORKSHEET, {"5.a": "AA"})
    with pytest.raises(ValueError, match="jawaban 'Z' tidak dikenal"):
        score(WORKSHEET, {"1.a": "Z"})


def test_the_per_criterion_variant_averages_the_criteria() -> None:
    # 2.a has 3 criteria: AA, B, E -> mean 56 2/3 % of 6 = 3,40
    scored = score_by_criterion(WORKSHEET, {"2.a.1": "AA", "2.a.2": "B", "2.a.3": "E"})
    assert scored.components[1].subcomponents[0].exact == Fraction(17, 5)
    assert scored.total == D("3.40")
    assert len(scored.unanswered) == 77


def test_rounding_is_half_up_at_print_only() -> None:
    assert round_score(Fraction(2401, 30)) == D("80.03")


answer_sets = st.dictionaries(st.sampled_from(SUBS), st.sampled_from(GRADES))


@given(answer_sets)
def test_totals_stay_within_0_and_100_and_the_predicate_fits(answers) -> None:
    scored = score(WORKSHEET, answers)
    assert D(0) <= scored.total <= D(100)
    assert scored.predicate == predicate(WORKSHEET, scored.total)
    assert sum(c.exact for c in scored.components) == scored.exact


@given(answer_sets, st.sampled_from(SUBS), st.sampled_from(GRADES))
def test_the_score_is_monotone_in_the_answers(answers, code, better) -> None:
    before = score(WORKSHEET, answers)
    current = answers.get(code)
    if current is not None and GRADES.index(better) > GRADES.index(current):
        better = current  # never worse than before
    after = score(WORKSHEET, {**answers, code: better})
    assert after.exact >= before.exact
    assert after.total >= before.total


@given(st.integers(1, 12), st.data())
def test_the_proposal_is_monotone_in_the_criteria_met(total, data) -> None:
    met = data.draw(st.integers(0, total - 1))
    lower = proposal_for_share(WORKSHEET, met, total)
    higher = proposal_for_share(WORKSHEET, met + 1, total)
    assert GRADES.index(higher) <= GRADES.index(lower)
