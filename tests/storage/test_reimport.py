"""Importing an office again replaces what was stored for it; nothing is duplicated."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kinerja.agencies.datasets import export_dataset, import_dataset
from kinerja.agencies.models import Agency
from kinerja.dataset.schema import Dataset

pytestmark = pytest.mark.django_db


def test_importing_the_same_dataset_twice_replaces_rather_than_duplicates(
    rich_dataset: Dataset, count_rows: Callable[[], dict[str, int]]
) -> None:
    first = import_dataset(rich_dataset)
    rows_after_first = count_rows()

    second = import_dataset(rich_dataset)

    assert second.pk == first.pk
    assert count_rows() == rows_after_first
    assert export_dataset(second) == rich_dataset


def test_reimport_with_less_data_leaves_none_of_the_old_rows(
    rich_dataset: Dataset,
    minimal_dataset: Dataset,
    count_rows: Callable[[], dict[str, int]],
) -> None:
    smaller = minimal_dataset.model_copy(
        update={"agency": rich_dataset.agency.model_copy(update={"parents": []})}
    )
    # Its LKE a draft: an import never drops a final LKE's answers
    # (tests/web/test_lke_final_import.py).
    import_dataset(
        rich_dataset.with_years(
            lambda y: (
                y.model_copy(update={"evaluation": y.evaluation.model_copy(update={"final": None})})
                if y.evaluation is not None
                else y
            )
        )
    )

    agency = import_dataset(smaller)

    exported = export_dataset(agency)
    assert exported.model_copy(update={"agency": smaller.agency}) == smaller
    # A dataset that names no parents leaves the office where the tree has it.
    assert exported.agency.parents == rich_dataset.agency.parents
    rows = count_rows()
    assert rows["results.Realization"] == rows["results.Evidence"] == 0
    assert rows["agencies.Division"] == rows["plans.Mission"] == 0


def test_an_office_imported_after_being_a_bare_parent_keeps_its_row_and_children(
    build_rich_data: Callable[..., dict[str, Any]],
) -> None:
    import_dataset(Dataset.model_validate(build_rich_data()))
    bare = Agency.objects.get(code="kpu-prov-contoh")
    assert not bare.has_dataset

    data = build_rich_data(code="kpu-prov-contoh")
    data["agency"].update(level="province", name="KPU Provinsi Contoh")
    data["agency"]["parents"] = data["agency"]["parents"][:1]
    province = import_dataset(Dataset.model_validate(data))

    assert province.pk == bare.pk
    assert province.has_dataset
    assert list(province.children.values_list("code", flat=True)) == ["kpu-kota-contoh"]
    assert export_dataset(province) == Dataset.model_validate(data)
