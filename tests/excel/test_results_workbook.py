"""`kinerja results`: achievement tables as a formatted workbook, values never formulas."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from excel_helpers import EXAMPLE
from typer.testing import CliRunner

from kinerja.cli import app
from kinerja.dataset.excel.results_workbook import write_results
from kinerja.dataset.measure import measure
from kinerja.dataset.schema import Dataset
from kinerja.formats import round_half_up

runner = CliRunner()


def _row_of(sheet, code: str) -> int:
    return next(cell.row for cell in sheet["A"] if cell.value == code)


def test_each_achievement_is_the_computed_value_shown_as_a_percentage(
    example: Dataset, tmp_path: Path
):
    result = measure(example, 2024)
    write_results([result], tmp_path / "hasil.xlsx")
    book = openpyxl.load_workbook(tmp_path / "hasil.xlsx")
    assert book.sheetnames == ["Ringkasan", "Capaian 2024"]
    sheet = book["Capaian 2024"]
    assert sheet["A1"].value == "Capaian Kinerja KPU Kota Metro Tahun 2024"
    for objective in result.objectives:
        row = _row_of(sheet, objective.code)
        cell = sheet.cell(row=row, column=6)
        assert cell.number_format == "0.00%"
        if objective.achievement is None:
            assert cell.value is None
        else:
            assert cell.value == pytest.approx(float(round_half_up(objective.achievement, 2)) / 100)
        assert sheet.cell(row=row, column=1).font.bold
    assert not [c for r in sheet.iter_rows() for c in r if c.data_type == "f"]


def test_an_unmeasured_indicator_is_empty_and_says_so_never_zero(example: Dataset, tmp_path):
    result = measure(example, 2024)
    unmeasured = next(ind for ind in result.indicators if not ind.achievement.is_measured)
    write_results([result], tmp_path / "hasil.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "hasil.xlsx")["Capaian 2024"]
    row = _row_of(sheet, unmeasured.code)
    assert sheet.cell(row=row, column=6).value is None
    assert "belum diukur" in sheet.cell(row=row, column=9).value


def test_ratings_take_their_band_colour_and_rupiah_its_format(consistent_data, tmp_path):
    consistent_data["settings"]["rating_scale"]["bands"][2]["color"] = "#15803D"
    dataset = Dataset.model_validate(consistent_data)
    result = measure(dataset, 2024)
    write_results([result], tmp_path / "hasil.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "hasil.xlsx")["Capaian 2024"]
    rated = [
        sheet.cell(row=_row_of(sheet, ind.code), column=7)
        for ind in result.indicators
        if ind.rating is not None
    ]
    assert rated
    for cell in rated:
        assert cell.fill.fgColor.rgb.endswith(("15803D", "B91C1C", "A16207", "4D7C0F", "C2410C"))
    very_good = [c for c in rated if c.value == "Sangat Baik"]
    assert all(c.fill.fgColor.rgb.endswith("15803D") for c in very_good)
    amounts = [c for r in sheet.iter_rows() for c in r if c.number_format == '"Rp" #,##0']
    assert any(c.value == 900_000_000 for c in amounts)


def test_the_results_command_writes_from_a_file(tmp_path: Path):
    out = tmp_path / "hasil.xlsx"
    result = runner.invoke(app, ["results", str(EXAMPLE), "--year", "2024", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Capaian 1 instansi ditulis" in result.stdout
    summary = openpyxl.load_workbook(out)["Ringkasan"]
    assert [c.value for c in summary[4]][:3] == ["kpu-kota-metro", "KPU Kota Metro", 2024]


def test_the_results_command_refuses_other_suffixes_and_unknown_years(tmp_path: Path):
    wrong = runner.invoke(app, ["results", str(EXAMPLE), "-o", str(tmp_path / "hasil.csv")])
    assert wrong.exit_code == 2
    assert "gunakan .xlsx" in wrong.stderr
    year = runner.invoke(
        app, ["results", str(EXAMPLE), "-y", "2019", "-o", str(tmp_path / "h.xlsx")]
    )
    assert year.exit_code == 2
    assert "Tahun 2019 tidak ada di dataset kpu-kota-metro" in year.stderr


@pytest.mark.django_db
def test_the_results_command_writes_one_sheet_per_office(consistent_dataset, tmp_path: Path):
    from kinerja.agencies.datasets import import_dataset

    assert runner.invoke(app, ["load", str(EXAMPLE)]).exit_code == 0
    import_dataset(consistent_dataset)
    out = tmp_path / "hasil.xlsx"
    result = runner.invoke(
        app,
        ["results", "-a", "kpu-kota-metro", "-a", "kpu-kota-contoh", "-y", "2024", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Ringkasan", "kpu-kota-metro 2024", "kpu-kota-contoh 2024"]
