"""Storing and exporting an office costs a fixed number of queries, whatever its size."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.agencies.datasets import export_dataset, find_agency, import_dataset
from kinerja.dataset.schema import Dataset

pytestmark = pytest.mark.django_db

# One query for the office (with its parents and settings), one per kind of row below it.
EXPORT_QUERIES = 32  # 30 + the review records + the Renstra periods (no longer joined)


def grown(data: dict[str, Any], times: int) -> dict[str, Any]:
    """The same dataset with the repeatable lists of its first year `times` as long."""
    data = copy.deepcopy(data)
    year = data["years"][0]
    year["supporting_tables"] = [
        {**copy.deepcopy(table), "key": f"{table['key']}-{n}"}
        for n in range(times)
        for table in year["supporting_tables"]
    ]
    for key in ("narrative", "measurements", "spending"):
        year[key] = [copy.deepcopy(item) for _ in range(times) for item in year[key]]
    for table in year["measurements"]:
        table["rows"] = [copy.deepcopy(row) for _ in range(times) for row in table["rows"]]
    office = year["agreements"][0]
    office["rows"] = office["rows"] * times
    office["budget"] = office["budget"] * times
    data["organization"]["staff"] = data["organization"]["staff"] * times
    data["strategic_plan"]["missions"] = [
        {**mission, "code": f"{mission['code']}-{n}"}
        for n in range(times)
        for mission in data["strategic_plan"]["missions"]
    ]
    return data


def queries(action: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


@pytest.mark.parametrize("fixture", ["rich_dataset", "kpu_kota_metro"])
def test_export_reads_the_office_with_a_fixed_number_of_queries(
    fixture: str, request: pytest.FixtureRequest, django_assert_max_num_queries: Any
) -> None:
    dataset: Dataset = request.getfixturevalue(fixture)
    agency = find_agency(import_dataset(dataset).code)

    with django_assert_max_num_queries(EXPORT_QUERIES):
        export_dataset(agency)


def test_queries_do_not_grow_with_the_number_of_rows(
    build_rich_data: Callable[..., dict[str, Any]],
) -> None:
    # Three times the rows stay within one batch of each bulk insert, even on SQLite.
    small = Dataset.model_validate(build_rich_data(code="kpu-kota-kecil"))
    large = Dataset.model_validate(grown(build_rich_data(code="kpu-kota-besar"), 3))
    import_dataset(Dataset.model_validate(build_rich_data(code="kpu-kota-perintis")))

    counts = {}
    for name, dataset in (("small", small), ("large", large)):
        first = queries(lambda dataset=dataset: import_dataset(dataset))
        again = queries(lambda dataset=dataset: import_dataset(dataset))
        agency = find_agency(dataset.agency.code)
        read = queries(lambda agency=agency: export_dataset(agency))
        counts[name] = (first, again, read)

    assert counts["large"] == counts["small"]
    assert counts["small"][2] <= EXPORT_QUERIES
