"""A dataset stored and exported again is the same dataset: YAML -> database -> Dataset."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from kinerja.agencies.datasets import export_dataset, import_dataset
from kinerja.dataset import schema
from kinerja.dataset.schema import Dataset, as_plain
from kinerja.dataset.yamlio import dump_yaml

pytestmark = pytest.mark.django_db


def assert_round_trip(original: Dataset) -> None:
    exported = export_dataset(import_dataset(original))
    assert as_plain(exported) == as_plain(original)
    assert exported == original
    assert dump_yaml(exported) == dump_yaml(original)


def test_minimal_dataset_survives_the_round_trip(minimal_dataset: Dataset) -> None:
    assert_round_trip(minimal_dataset)


def test_rich_dataset_survives_the_round_trip(rich_dataset: Dataset) -> None:
    assert_round_trip(rich_dataset)


def test_kpu_kota_metro_survives_the_round_trip(kpu_kota_metro: Dataset) -> None:
    assert_round_trip(kpu_kota_metro)


def test_cells_keep_their_type_and_floats_their_exact_value(rich_dataset: Dataset) -> None:
    exported = export_dataset(import_dataset(rich_dataset))
    rows = exported.year(2024).supporting_tables[0].rows
    assert [type(cell) for cell in rows[1]] == [int, str, int, float, str]
    assert rows[2][2] == 3_000_000_000_000 and rows[2][3] == 0.1
    assert exported.strategic_plan.objectives[0].weight == 0.1 + 0.2


def test_lists_and_maps_keep_the_order_they_were_written_in(rich_dataset: Dataset) -> None:
    exported = export_dataset(import_dataset(rich_dataset))
    assert [year.year for year in exported.years] == [2024, 2023]
    assert list(exported.year(2024).agreements[0].rows[0].quarterly_targets) == [4, 1]
    assert list(exported.strategic_plan.objectives[0].indicators[0].renstra_targets) == [
        2024,
        2020,
    ]
    assert exported.year(2024).measurements[0].rows[0].indicators == ["IK03", "IK01"]


def test_an_empty_report_stays_apart_from_no_report(rich_dataset: Dataset) -> None:
    exported = export_dataset(import_dataset(rich_dataset))
    assert exported.year(2023).report == schema.ReportInfo()
    assert as_plain(exported)["years"][1]["report"] == {}


def _set_fields(node: Any, found: set[tuple[str, str]]) -> None:
    if isinstance(node, BaseModel):
        for name, field in type(node).model_fields.items():
            value = getattr(node, name)
            default = field.default_factory() if field.default_factory else field.default
            if value != default:
                found.add((type(node).__name__, name))
            _set_fields(value, found)
    elif isinstance(node, list | tuple):
        for item in node:
            _set_fields(item, found)
    elif isinstance(node, dict):
        for item in node.values():
            _set_fields(item, found)


def test_rich_dataset_sets_every_field_of_the_schema(rich_dataset: Dataset) -> None:
    found: set[tuple[str, str]] = set()
    _set_fields(rich_dataset, found)
    every = {
        (model.__name__, name)
        for model in vars(schema).values()
        if isinstance(model, type) and issubclass(model, schema.Model) and model is not schema.Model
        for name in model.model_fields
    }
    assert every - found == {("Dataset", "format_version")}
