"""A workbook with a Satuan per indicator: bare numbers, typed as text or as whole numbers."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from kinerja.dataset.errors import DatasetError
from kinerja.dataset.excel.tree import read_xlsx
from kinerja.dataset.excel.writer import write_xlsx
from kinerja.dataset.measure import measure
from kinerja.dataset.yamlio import read_yaml

HEALTH = Path(__file__).parents[1] / "dataset" / "health-office.yaml"


@pytest.fixture()
def health_xlsx(tmp_path: Path) -> Path:
    path = tmp_path / "dinkes.xlsx"
    write_xlsx(read_yaml(HEALTH), path)
    return path


def _set(path: Path, sheet: str, header: str, row: int, value: object) -> None:
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    column = next(c.column for c in ws[1] if c.value == header)
    ws.cell(row=row, column=column).value = value
    book.save(path)


def test_the_health_office_survives_the_workbook(health_xlsx: Path) -> None:
    assert read_xlsx(health_xlsx) == read_yaml(HEALTH)


def test_a_whole_number_cell_is_a_bare_number_in_the_satuan(health_xlsx: Path) -> None:
    # IK05 (Satuan laporan) realisation typed by Excel as the number 10, not the text "10".
    _set(health_xlsx, "Pengukuran", "Realisasi", 6, 10)
    result = measure(read_xlsx(health_xlsx), 2024)
    ik05 = next(i for i in result.indicators if i.code == "IK05")
    assert ik05.realization == "10 laporan"
    # "paling sedikit 12 laporan": 10 / 12 x 100
    assert ik05.achievement.value == Decimal("83.33333333333333333333333333")


def test_a_bare_number_without_satuan_names_the_cell(health_xlsx: Path) -> None:
    _set(health_xlsx, "Indikator", "Satuan", 6, None)  # IK05 loses its Satuan
    with pytest.raises(DatasetError) as caught:
        read_xlsx(health_xlsx)
    text = caught.value.render()
    assert "sheet 'Pengukuran', baris 6" in text
    assert "'10': angka tanpa satuan" in text
