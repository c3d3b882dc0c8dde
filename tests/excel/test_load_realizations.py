"""`kinerja load-realizations`: many offices' quarterly realisations from one workbook.

A valid workbook is stored whole, replacing what was stored for the same quarter; a workbook
with any problem lists them all, with row and column, and writes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from excel_helpers import EXAMPLE, stored_rows
from typer.testing import CliRunner

from kinerja.cli import app

runner = CliRunner()
pytestmark = pytest.mark.django_db
AGENCY = "kpu-kota-metro"


@pytest.fixture
def loaded() -> None:
    result = runner.invoke(app, ["load", str(EXAMPLE)])
    assert result.exit_code == 0, result.output


def workbook(path: Path, rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Realisasi"
    sheet.append(["Kode Instansi", "Tahun", "Kode Indikator", "Triwulan", "Nilai", "Catatan"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def realizations() -> list[tuple[str, int, str, Any, str | None, str]]:
    from kinerja.results.models import Realization

    return sorted(
        Realization.objects.values_list(
            "indicator__code", "quarter", "reporting_year__year", "value", "note", "status"
        )
    )


def test_the_template_names_the_columns_to_fill(tmp_path: Path):
    result = runner.invoke(app, ["template", "--realizations", "-o", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["Realisasi"]
    assert [c.value for c in sheet[1]] == [
        "Kode Instansi",
        "Tahun",
        "Kode Indikator",
        "Triwulan",
        "Nilai",
        "Nilai (dibaca)",
        "Catatan",
    ]


def test_a_valid_workbook_is_stored_and_measured(loaded, tmp_path: Path):
    path = workbook(
        tmp_path / "realisasi.xlsx",
        [
            [AGENCY, 2024, "IK10", 1, "3 laporan", "Januari-Maret"],
            [AGENCY, 2024, "IK10", 2, "3 laporan", None],
            [AGENCY, 2024, "IK10", 3, "3 laporan", None],
            [AGENCY, 2024, "IK10", 4, "3 laporan", None],
        ],
    )
    result = runner.invoke(app, ["load-realizations", str(path)])
    assert result.exit_code == 0, result.output
    assert "4 realisasi dimuat untuk 1 instansi (4 baru, 0 diganti)." in result.stdout
    # New values wait for a planner's verification (kinerja.results.import_state).
    assert realizations()[0] == ("IK10", 1, 2024, "3 laporan", "Januari-Maret", "submitted")
    measured = runner.invoke(app, ["measure", "--agency", AGENCY, "--year", "2024", "--json"])
    assert '"realization": "12 laporan"' in measured.stdout


def test_loading_again_replaces_the_quarter_and_keeps_its_row(loaded, tmp_path: Path):
    from kinerja.results.models import Realization

    first = workbook(tmp_path / "a.xlsx", [[AGENCY, 2024, "IK01", 1, "50%", None]])
    assert runner.invoke(app, ["load-realizations", str(first)]).exit_code == 0
    stored = Realization.objects.get()
    second = workbook(tmp_path / "b.xlsx", [[AGENCY, 2024, "IK01", 1, "60%", "koreksi"]])
    result = runner.invoke(app, ["load-realizations", str(second)])
    assert result.exit_code == 0, result.output
    assert "(0 baru, 1 diganti)" in result.stdout
    again = Realization.objects.get()
    assert (again.pk, again.value, again.note, again.version) == (stored.pk, "60%", "koreksi", 2)


def test_a_year_the_office_has_no_record_of_is_created(loaded, tmp_path: Path):
    path = workbook(tmp_path / "r.xlsx", [[AGENCY, 2025, "IK01", 1, "25%", None]])
    # A year must lie within a Renstra period: none covers 2025 yet.
    refused = runner.invoke(app, ["load-realizations", str(path)])
    assert refused.exit_code == 2
    assert (
        f"baris 2, kolom B: year: instansi '{AGENCY}': Belum ada Renstra yang mencakup tahun "
        "2025; mulai Renstra baru dahulu."
    ) in refused.stderr
    started = runner.invoke(
        app, ["renstra-baru", "--agency", AGENCY, "--from", "2020", "--start", "2025"]
    )
    assert started.exit_code == 0, started.output
    result = runner.invoke(app, ["load-realizations", str(path)])
    assert result.exit_code == 0, result.output
    assert f"Tahun baru dicatat: {AGENCY} 2025." in result.stdout
    exported = runner.invoke(app, ["export", "--agency", AGENCY, "-o", str(tmp_path / "x.yaml")])
    assert exported.exit_code == 0
    assert "year: 2025" in (tmp_path / "x.yaml").read_text(encoding="utf-8")


def test_every_problem_is_listed_and_nothing_is_written(loaded, tmp_path: Path):
    before = stored_rows()
    path = workbook(
        tmp_path / "rusak.xlsx",
        [
            [AGENCY, 2024, "IK10", 1, "3 laporan", None],  # fine, but not written
            ["kpu-kota-entah", 2024, "IK10", 1, "3 laporan", None],
            [AGENCY, 2024, "IK99", 5, "tiga laporan", None],
            [AGENCY, "dua ribu", "IK10", 2, 0.95, None],
            [AGENCY, 2024, "IK10", 1, "4 laporan", None],
            [AGENCY, 2024, "IK10", 3, None, None],
        ],
    )
    result = runner.invoke(app, ["load-realizations", str(path)])
    assert result.exit_code == 2
    err = result.stderr
    assert "sheet 'Realisasi', baris 3, kolom A" in err and "instansi tidak dikenal" in err
    assert "sheet 'Realisasi', baris 4, kolom C" in err
    assert f"indikator tidak dikenal di instansi '{AGENCY}' (ditemukan: 'IK99')" in err
    assert "sheet 'Realisasi', baris 4, kolom D: quarter: harus ≤ 4 (ditemukan: 5)" in err
    assert "sheet 'Realisasi', baris 4, kolom E" in err and "'tiga laporan' tidak dikenali" in err
    assert "sheet 'Realisasi', baris 5, kolom B" in err and "harus bilangan bulat" in err
    assert "sheet 'Realisasi', baris 5, kolom E" in err and "bukan angka pecahan" in err
    assert "sheet 'Realisasi', baris 6, kolom D" in err
    assert "realisasi ini sudah tertulis di baris 2" in err
    assert "sheet 'Realisasi', baris 7, kolom E: value: wajib diisi" in err
    assert stored_rows() == before


def test_formulas_and_missing_columns_are_refused(loaded, tmp_path: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Realisasi"
    sheet.append(["Kode Instansi", "Tahun", "Kode Indikator", "Nilai"])
    sheet.append([AGENCY, "=2023+1", "IK10", "3 laporan"])
    book.save(tmp_path / "rumus.xlsx")
    result = runner.invoke(app, ["load-realizations", str(tmp_path / "rumus.xlsx")])
    assert result.exit_code == 2
    assert "kolom wajib 'Triwulan' tidak ada di baris judul" in result.stderr
    assert "sheet 'Realisasi', baris 2, kolom B" in result.stderr
    assert "rumus tidak diizinkan" in result.stderr


def test_a_locked_year_is_refused(loaded, tmp_path: Path):
    from django.utils import timezone

    from kinerja.results.models import ReportingYear

    ReportingYear.objects.filter(agency__code=AGENCY, year=2024).update(locked_at=timezone.now())
    before = stored_rows()
    path = workbook(tmp_path / "r.xlsx", [[AGENCY, 2024, "IK10", 1, "3 laporan", None]])
    result = runner.invoke(app, ["load-realizations", str(path)])
    assert result.exit_code == 2
    assert "sudah disetujui dan dikunci" in result.stderr
    assert stored_rows() == before


def test_a_csv_renamed_to_xlsx_is_refused_cleanly(loaded, tmp_path: Path):
    path = tmp_path / "realisasi.xlsx"
    path.write_text("Kode Instansi;Tahun\nkpu-kota-metro;2024\n", encoding="utf-8")
    result = runner.invoke(app, ["load-realizations", str(path)])
    assert result.exit_code == 2
    assert "mungkin CSV yang diganti namanya" in result.stderr


def test_a_workbook_without_the_sheet_says_so(loaded, tmp_path: Path):
    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.save(tmp_path / "r.xlsx")
    result = runner.invoke(app, ["load-realizations", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 2
    assert "sheet 'Realisasi' tidak ada (ditemukan: 'Data')" in result.stderr
