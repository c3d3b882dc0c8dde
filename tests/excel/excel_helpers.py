"""Helpers of the Excel tests: paths, a rich dataset, stored-row counts, editing zip parts."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

from kinerja.dataset.schema import Dataset

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kpu-kota-metro-2024.yaml"
STORAGE_APPS = ("agencies", "plans", "results", "evaluations")


def stored_rows() -> dict[str, int]:
    """How many rows each model of the storage apps holds."""
    from django.apps import apps

    return {
        model._meta.label: model.objects.count()
        for label in STORAGE_APPS
        if label in {config.label for config in apps.get_app_configs()}
        for model in apps.get_app_config(label).get_models()
    }


def _fixtures_module(path: Path, name: str) -> Any:
    """Another directory's conftest, loaded under its own name (conftest names collide)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rich_dataset() -> Dataset:
    """The storage tests' dataset that sets every field of the schema, in every value form."""
    module = _fixtures_module(ROOT / "tests" / "storage" / "conftest.py", "storage_fixtures")
    return Dataset.model_validate(rich_dataset_data(module))


def rich_dataset_data(module: Any = None) -> dict[str, Any]:
    """The rich dataset of one Renstra period: a workbook holds one (docs/dataset-format.md)."""
    if module is None:
        module = _fixtures_module(ROOT / "tests" / "storage" / "conftest.py", "storage_fixtures")
    data: dict[str, Any] = module.rich_dataset_data()
    data.pop("other_periods")
    return data


def rich_dataset_with_periods() -> Dataset:
    module = _fixtures_module(ROOT / "tests" / "storage" / "conftest.py", "storage_fixtures")
    return Dataset.model_validate(module.rich_dataset_data())


def consistent_dataset() -> Dataset:
    """The suite's consistent office (tests/conftest.py): realisations, evidence, quarters."""
    module = _fixtures_module(ROOT / "tests" / "conftest.py", "suite_fixtures")
    return Dataset.model_validate(module.consistent_office())


def rewrite_part(path: Path, part: str, change: Callable[[bytes], bytes]) -> None:
    """Rewrite one XML part of an .xlsx file in place (for what openpyxl cannot write)."""
    source = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            new.writestr(info, change(data) if info.filename == part else data)
    path.write_bytes(out.getvalue())


def sheet_part(path: Path, name: str) -> str:
    """The zip path of a sheet's XML (openpyxl numbers the parts in sheet order)."""
    book = openpyxl.load_workbook(path, read_only=True)
    index = book.sheetnames.index(name) + 1
    book.close()
    return f"xl/worksheets/sheet{index}.xml"
