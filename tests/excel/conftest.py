"""Fixtures of the Excel tests: the example as a workbook, and a way to break a copy of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from excel_helpers import EXAMPLE

from kinerja.dataset.excel.writer import write_xlsx
from kinerja.dataset.schema import Dataset
from kinerja.dataset.yamlio import read_yaml


@pytest.fixture(scope="session")
def example() -> Dataset:
    return read_yaml(EXAMPLE)


@pytest.fixture(scope="session")
def example_xlsx(tmp_path_factory: pytest.TempPathFactory, example: Dataset) -> Path:
    path = tmp_path_factory.mktemp("excel") / "kpu-kota-metro-2024.xlsx"
    write_xlsx(example, path)
    return path


@pytest.fixture
def edit_workbook(example_xlsx: Path, tmp_path: Path) -> Callable[..., Path]:
    """Copy the example workbook, change it with openpyxl, save it as `name`."""

    def edit(change: Callable[[Any], None], name: str = "rusak.xlsx") -> Path:
        book = openpyxl.load_workbook(example_xlsx)
        change(book)
        target = tmp_path / name
        book.save(target)
        return target

    return edit
