"""YAML -> XLSX -> YAML loses nothing, and `kinerja measure` reads both forms alike."""

from __future__ import annotations

import json
import typing
from pathlib import Path

import openpyxl
import pytest
from excel_helpers import EXAMPLE, rich_dataset
from pydantic import BaseModel
from typer.testing import CliRunner

from kinerja.cli import app
from kinerja.dataset.errors import DatasetError
from kinerja.dataset.excel.cell_writer import WorkbookWriteError
from kinerja.dataset.excel.columns import Shape
from kinerja.dataset.excel.layout import SHEETS
from kinerja.dataset.excel.tree import read_xlsx
from kinerja.dataset.excel.writer import write_template, write_xlsx
from kinerja.dataset.schema import Dataset
from kinerja.dataset.yamlio import dump_yaml

runner = CliRunner()


def test_the_example_survives_yaml_to_xlsx_to_yaml(example: Dataset, example_xlsx: Path):
    again = read_xlsx(example_xlsx)
    assert again == example
    assert dump_yaml(again) == dump_yaml(example)


def test_a_dataset_that_sets_every_field_survives(tmp_path: Path):
    dataset = rich_dataset()
    write_xlsx(dataset, tmp_path / "lengkap.xlsx")
    assert read_xlsx(tmp_path / "lengkap.xlsx") == dataset


def test_quarterly_realisations_with_evidence_survive(consistent_dataset: Dataset, tmp_path):
    write_xlsx(consistent_dataset, tmp_path / "konsisten.xlsx")
    again = read_xlsx(tmp_path / "konsisten.xlsx")
    assert again == consistent_dataset
    assert (
        again.years[0].realizations[0].evidence
        == consistent_dataset.years[0].realizations[0].evidence
    )


def test_measure_prints_the_same_json_for_the_workbook_and_the_yaml(example_xlsx: Path):
    from_yaml = runner.invoke(app, ["measure", str(EXAMPLE), "--year", "2024", "--json"])
    from_xlsx = runner.invoke(app, ["measure", str(example_xlsx), "--year", "2024", "--json"])
    assert from_yaml.exit_code == 0, from_yaml.output
    assert from_xlsx.exit_code == 0, from_xlsx.output
    assert json.loads(from_xlsx.stdout) == json.loads(from_yaml.stdout)


def _leaf_paths(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Every field path of the schema, down to the fields that hold plain values."""
    paths: set[tuple[str, ...]] = set()
    for name, field in model.model_fields.items():
        inner = [
            arg
            for arg in typing.get_args(field.annotation) or (field.annotation,)
            for arg in (typing.get_args(arg) or (arg,))
        ]
        models = [t for t in inner if isinstance(t, type) and issubclass(t, BaseModel)]
        nested = [m for m in models if m.__name__ != "PrintedValue"]
        if nested:
            for sub in nested:
                paths |= _leaf_paths(sub, (*prefix, name))
        else:
            paths.add((*prefix, name))
    return paths


def _layout_paths() -> set[tuple[str, ...]]:
    """The schema paths the workbook's columns fill, built from the layout table."""
    by_name = {sheet.name: sheet for sheet in SHEETS}

    def base(name: str) -> tuple[str, ...]:
        sheet = by_name[name]
        if sheet.parent is None:
            return sheet.at
        return (*base(sheet.parent), *sheet.field_path)

    paths: set[tuple[str, ...]] = set()
    for sheet in SHEETS:
        root = base(sheet.name)
        if sheet.shape == Shape.GRID:
            paths |= {(*base(sheet.parent or ""), "columns"), (*base(sheet.parent or ""), "rows")}
        for column in sheet.columns:
            if column.field is not None:
                path = (*root, *(str(p) for p in column.field if isinstance(p, str)))
                paths.add(path)
        if sheet.shape == Shape.MAP:
            paths.add(root)
    return paths


def test_every_field_of_the_schema_has_a_column():
    # A workbook holds one Renstra period; the others are refused (test below), not dropped.
    missing = {
        path
        for path in _leaf_paths(Dataset)
        if path != ("format_version",)
        and path[0] != "other_periods"
        and path not in _layout_paths()
    }
    assert not missing, f"fields without a column in xlsx_layout: {sorted(missing)}"


def test_the_template_has_every_sheet_with_instructions_and_loads_nothing(tmp_path: Path):
    write_template(tmp_path / "templat.xlsx")
    book = openpyxl.load_workbook(tmp_path / "templat.xlsx")
    assert book.sheetnames == ["Petunjuk", *(sheet.name for sheet in SHEETS)]
    assert book["Indikator"].freeze_panes == "A2"
    assert book["Petunjuk"]["A1"].value.startswith("Petunjuk Pengisian")
    with pytest.raises(DatasetError) as caught:
        read_xlsx(tmp_path / "templat.xlsx")
    text = caught.value.render()
    assert "sheet 'Instansi', baris 2, kolom B: agency.code: wajib diisi" in text
    assert "sheet 'Tahun': years: wajib diisi" in text


def test_drop_downs_offer_the_choices_in_indonesian(example_xlsx: Path):
    sheet = openpyxl.load_workbook(example_xlsx)["Indikator"]
    lists = {str(rule.sqref): rule.formula1 for rule in sheet.data_validations.dataValidation}
    assert lists["F2:F1048576"] == '"makin tinggi makin baik,makin rendah makin baik,dalam rentang"'
    assert lists["D2:D1048576"] == "'Unit Kerja'!$A$2:$A$5000"
    realisasi = openpyxl.load_workbook(example_xlsx)["Realisasi"]
    quarters = {str(r.sqref): r.formula1 for r in realisasi.data_validations.dataValidation}
    assert quarters["C2:C1048576"] == '"1,2,3,4"'


def test_value_columns_are_text_so_excel_keeps_95_percent_as_typed(example_xlsx: Path):
    sheet = openpyxl.load_workbook(example_xlsx)["PK Target"]
    assert sheet["E2"].value == "100%"
    assert sheet["E2"].number_format == "@"
    assert sheet.column_dimensions["E"].number_format == "@"


def test_a_text_excel_cannot_hold_is_refused_when_writing(example: Dataset, tmp_path: Path):
    data = example.model_dump()
    data["strategic_plan"]["vision"] = "visi\x07dengan bunyi bel"
    with pytest.raises(WorkbookWriteError, match="karakter kendali"):
        write_xlsx(Dataset.model_validate(data), tmp_path / "x.xlsx")


def test_a_dataset_of_two_renstra_periods_is_refused_not_cut(tmp_path: Path):
    """A workbook holds one Renstra period: writing the others away silently would lose them."""
    from excel_helpers import rich_dataset_with_periods

    from kinerja.dataset.excel.cell_writer import WorkbookWriteError

    with pytest.raises(WorkbookWriteError, match=r"2 periode \(2015-2019, 2020-2024\).*YAML"):
        write_xlsx(rich_dataset_with_periods(), tmp_path / "dua-periode.xlsx")
    assert not (tmp_path / "dua-periode.xlsx").exists()
