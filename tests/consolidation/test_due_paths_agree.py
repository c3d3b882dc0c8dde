"""The dataset and the database decide the same quarters due (one rule, two readers).

`kinerja.dataset.due.applicable_quarters` (over a dataset: synth, consolidation) and
`kinerja.results.duties.applicable_quarters` (over the stored PK rows: homes, reminders) both ask
`kinerja.core.quarters.due_quarters`. Generated action plans (each PK row of the example given
a random set of quarters, often none) are stored, and both readers must answer the same quarters
for every indicator.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.agencies.datasets import import_dataset
from kinerja.dataset.due import applicable_quarters as dataset_due
from kinerja.dataset.schema import Dataset
from kinerja.dataset.yamlio import read_yaml
from kinerja.plans.models import Indicator
from kinerja.results.duties import applicable_quarters as database_due
from kinerja.results.models import ReportingYear

EXAMPLE = Path(__file__).parents[2] / "examples" / "kpu-kota-metro-2024.yaml"
pytestmark = pytest.mark.django_db
BASE = read_yaml(EXAMPLE)
ROWS = sum(len(a.rows) for a in BASE.years[0].agreements)


def _with_plans(plans: list[set[int]]) -> Dataset:
    """The example with the i-th PK row of its year planned in `plans[i]` (none: no plan)."""
    data = BASE.model_dump(mode="json", exclude_none=True)
    rows = (row for agreement in data["years"][0]["agreements"] for row in agreement["rows"])
    for row, quarters in zip(rows, plans, strict=True):
        target = row.get("target", "1")
        row["quarterly_targets"] = {str(q): target for q in sorted(quarters)}
    return Dataset.model_validate(data)


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.sets(st.sampled_from((1, 2, 3, 4))), min_size=ROWS, max_size=ROWS))
def test_dataset_and_database_make_the_same_quarters_due(plans: list[set[int]]) -> None:
    dataset = _with_plans(plans)
    agency = import_dataset(dataset)
    year = dataset.years[0]
    stored = ReportingYear.objects.get(agency=agency, year=year.year)
    codes = dict(Indicator.objects.filter(objective__plan__agency=agency).values_list("pk", "code"))
    from_database = {codes[pk]: quarters for pk, (_, quarters) in database_due(stored).items()}
    from_dataset = dataset_due(year)
    assert from_database == from_dataset
    assert set(from_dataset) == {r.indicator for a in year.agreements for r in a.rows}
