"""Which quarters are due: the one rule of `kinerja.core.quarters.due_quarters`.

A PK row is due in the quarters its action plan names, in all four when it names none; an
indicator in several rows is due in the union. The database side and the dataset side both use it
(their agreement is tested in tests/consolidation/test_due_paths_agree.py).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.core.quarters import ALL_QUARTERS, due_quarters, planned_quarters

quarter_sets = st.sets(st.sampled_from((1, 2, 3, 4)))
rows = st.lists(st.tuples(st.sampled_from(("IK01", "IK02", "IK03")), quarter_sets), max_size=8)


def test_a_row_without_a_plan_is_due_every_quarter() -> None:
    assert planned_quarters([]) == ALL_QUARTERS == {1, 2, 3, 4}
    assert planned_quarters([2, "4"]) == {2, 4}


@pytest.mark.parametrize("bad", [0, 5, "5", True])
def test_a_quarter_outside_one_to_four_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="triwulan harus 1, 2, 3 atau 4"):
        planned_quarters([bad])  # type: ignore[list-item]


def test_an_indicator_in_several_rows_is_due_in_their_union() -> None:
    due = due_quarters([("IK01", [1]), ("IK01", [3]), ("IK02", []), ("IK03", [2, 2])])
    assert due == {"IK01": {1, 3}, "IK02": ALL_QUARTERS, "IK03": {2}}


@given(rows)
def test_due_quarters_is_the_union_of_each_rows_plan(pairs: list[tuple[str, set[int]]]) -> None:
    due = due_quarters(pairs)
    assert set(due) == {code for code, _ in pairs}
    for code, quarters in due.items():
        expected: set[int] = set()
        for other, planned in pairs:
            if other == code:
                expected |= planned or {1, 2, 3, 4}
        assert quarters == expected
        assert quarters and quarters <= ALL_QUARTERS
