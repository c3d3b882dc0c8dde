"""Grade scales: rank, contains, compare."""

from __future__ import annotations

import pytest

from kinerja.core.grades import (
    BPK_OPINION,
    BUILTIN_GRADE_SCALES,
    LKE_ANSWER,
    SAKIP_PREDICATE,
    GradeScale,
)


def test_worst_grade_has_rank_one_and_best_the_length() -> None:
    assert SAKIP_PREDICATE.rank("D") == 1
    assert SAKIP_PREDICATE.rank("AA") == 7
    assert SAKIP_PREDICATE.rank("BB") == 5
    assert BPK_OPINION.rank("WTP") == 4
    assert BPK_OPINION.rank("TMP") == 1
    assert LKE_ANSWER.rank("E") == 1
    assert LKE_ANSWER.rank("AA") == 8


def test_rank_is_case_insensitive_and_trims() -> None:
    assert SAKIP_PREDICATE.rank("bb") == 5
    assert BPK_OPINION.rank(" wtp ") == 4


def test_symbol_not_on_scale_has_no_rank() -> None:
    assert BPK_OPINION.rank("B") is None
    assert SAKIP_PREDICATE.rank("E") is None
    assert not BPK_OPINION.contains("B")
    assert BPK_OPINION.contains("wdp")


def test_compare() -> None:
    assert SAKIP_PREDICATE.compare("A", "BB") == 1
    assert SAKIP_PREDICATE.compare("BB", "A") == -1
    assert SAKIP_PREDICATE.compare("bb", "BB") == 0


def test_compare_refuses_a_grade_not_on_the_scale() -> None:
    with pytest.raises(ValueError, match="nilai 'B' tidak ada pada skala Opini BPK"):
        BPK_OPINION.compare("B", "WTP")
    with pytest.raises(ValueError, match="tidak ada pada skala"):
        BPK_OPINION.compare("WTP", "X")


def test_builtin_scales_by_name() -> None:
    assert BUILTIN_GRADE_SCALES == {
        "sakip": SAKIP_PREDICATE,
        "bpk_opinion": BPK_OPINION,
        "lke": LKE_ANSWER,
    }
    assert SAKIP_PREDICATE.grades == ("AA", "A", "BB", "B", "CC", "C", "D")
    assert BPK_OPINION.label == "Opini BPK"


def test_a_scale_needs_distinct_grades() -> None:
    with pytest.raises(ValueError, match="ganda"):
        GradeScale("x", "Skala X", ("A", "a"))
    with pytest.raises(ValueError, match="tidak memiliki"):
        GradeScale("x", "Skala X", ())
