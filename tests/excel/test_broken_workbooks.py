"""A broken workbook gives every problem at once, in Indonesian, with sheet, row and column.

Each case ends in a `DatasetError`, never in another exception; `kinerja load` of a broken
workbook exits with status 2 and leaves the database as it was.
"""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from excel_helpers import EXAMPLE, rewrite_part, sheet_part, stored_rows
from typer.testing import CliRunner

from kinerja.cli import app
from kinerja.dataset.errors import DatasetError
from kinerja.dataset.excel import package as xlsx_package
from kinerja.dataset.excel.package import MAX_FILE_BYTES
from kinerja.dataset.excel.tree import read_xlsx

runner = CliRunner()


def problems_of(path: Path) -> str:
    with pytest.raises(DatasetError) as caught:
        read_xlsx(path)
    return caught.value.render()


def test_wrong_types_are_each_named_with_their_cell(edit_workbook):
    def change(book):
        book["Tahun"]["A3"] = "dua ribu dua puluh tiga"
        book["Indikator"]["E2"] = "mungkin"
        book["Indikator"]["F3"] = "naik"
        book["PK Anggaran"]["E2"] = "Rp 1.000"
        book["PK Target"]["E3"] = 0.95
        book["Renstra"]["B6"] = "kemarin"
        book["Skala Penilaian"]["B3"] = "lima puluh"

    text = problems_of(edit_workbook(change))
    assert "sheet 'Tahun', baris 3, kolom A: years[1].year: harus bilangan bulat" in text
    assert "(ditemukan: 'dua ribu dua puluh tiga')" in text
    assert "sheet 'Indikator', baris 2, kolom E" in text
    assert "harus 'ya' atau 'tidak' (ditemukan: 'mungkin')" in text
    assert "sheet 'Indikator', baris 3, kolom F" in text
    assert "harus salah satu dari 'makin tinggi makin baik'" in text
    assert "sheet 'PK Anggaran', baris 2, kolom E: years[0].agreements[0].budget[0].amount" in text
    assert "sheet 'PK Target', baris 3, kolom E" in text
    assert "bukan angka pecahan: format sel sebagai Teks" in text
    assert "(ditemukan: 0.95)" in text
    assert "sheet 'Renstra', baris 6, kolom B: strategic_plan.established_on" in text
    assert "harus tanggal dengan format YYYY-MM-DD (ditemukan: 'kemarin')" in text
    assert "sheet 'Skala Penilaian', baris 3, kolom B" in text
    assert "harus angka (ditemukan: 'lima puluh')" in text
    assert text.startswith("Dataset tidak dapat dimuat: 8 masalah ditemukan.")


def test_unknown_indicator_codes_are_named_at_their_cell(edit_workbook):
    def change(book):
        book["Pengukuran"]["D2"] = "IK99"
        book["Realisasi"].append([2024, "IK98", 1, "3 laporan"])

    text = problems_of(edit_workbook(change))
    assert (
        "sheet 'Pengukuran', baris 2, kolom D: years[0].measurements[0].rows[0].indicators[0]: "
        "kode indikator 'IK99' tidak dikenal"
    ) in text
    assert "sheet 'Realisasi', baris 2, kolom B" in text
    assert "kode indikator 'IK98' tidak dikenal" in text


def test_a_child_row_without_its_parent_row_is_named(edit_workbook):
    def change(book):
        book["Indikator"]["A2"] = "SS99"
        book["PK Target"]["B2"] = "unit-entah"

    text = problems_of(edit_workbook(change))
    assert "sheet 'Indikator', baris 2, kolom A" in text
    assert "tidak ada baris dengan Kode Sasaran 'SS99' di sheet 'Sasaran'" in text
    assert "tidak ada baris dengan Tahun 2024, Unit Kerja 'unit-entah' di sheet 'PK'" in text


def test_merged_cells_are_refused(edit_workbook):
    text = problems_of(edit_workbook(lambda book: book["Sasaran"].merge_cells("B2:C3")))
    assert "sheet 'Sasaran', baris 2, kolom B" in text
    assert "sel gabungan (merge) tidak diizinkan" in text
    assert "(ditemukan: 'B2:C3')" in text


def test_an_empty_sheet_says_which_sheet_the_rows_belong_in(edit_workbook):
    def change(book):
        book["Indikator"].delete_rows(1, book["Indikator"].max_row)

    text = problems_of(edit_workbook(change))
    assert (
        "sheet 'Sasaran', baris 2: strategic_plan.objectives[0].indicators: wajib diisi "
        "(isi di sheet 'Indikator')"
    ) in text


def test_an_empty_workbook_names_the_sheets_it_needs(tmp_path: Path):
    book = openpyxl.Workbook()
    book.active.title = "Instansi"
    book.save(tmp_path / "kosong.xlsx")
    text = problems_of(tmp_path / "kosong.xlsx")
    assert "sheet 'Instansi': agency: wajib diisi (sheet 'Instansi' tidak ada atau kosong)" in text
    assert "strategic_plan: wajib diisi (sheet 'Renstra' tidak ada atau kosong)" in text
    assert "years: wajib diisi (sheet 'Tahun' tidak ada atau kosong)" in text


def test_extra_columns_and_unknown_sheets_are_refused_not_dropped(edit_workbook):
    def change(book):
        book["Misi"]["C1"] = "Catatan Saya"
        book["Misi"]["C2"] = "tidak boleh hilang diam-diam"
        book["Program"]["F4"] = "data tanpa judul"
        book.create_sheet("Lembar Saya")["A1"] = "coretan"

    text = problems_of(edit_workbook(change))
    assert "sheet 'Misi', baris 1, kolom C" in text
    assert (
        "kolom tidak dikenal; kolom yang dikenal: 'Kode', 'Teks' (ditemukan: 'Catatan Saya')"
        in (text)
    )
    assert "sheet 'Program', baris 4, kolom F" in text
    assert "kolom tanpa judul berisi data" in text
    assert "sheet 'Lembar Saya'" in text
    assert "sheet tidak dikenal" in text


def test_a_missing_required_column_is_named(edit_workbook):
    text = problems_of(edit_workbook(lambda book: book["Sasaran"].delete_cols(2)))
    assert "sheet 'Sasaran', baris 1: strategic_plan.objectives[]: kolom wajib 'Nama'" in text


def test_formulas_are_refused_and_never_evaluated(edit_workbook):
    path = edit_workbook(lambda book: book["Program"].__setitem__("B2", '=CONCAT("a","b")'))
    # A formula with a cached value, as Excel saves it: the cached value must not be used either.
    rewrite_part(
        path,
        sheet_part(path, "Misi"),
        lambda xml: re.sub(
            rb'<c r="A2"[^>]*><is><t>M1</t></is></c>',
            b'<c r="A2" t="str"><f>"M"&amp;"1"</f><v>M1</v></c>',
            xml,
        ),
    )
    text = problems_of(path)
    assert "sheet 'Program', baris 2, kolom B" in text
    assert "rumus tidak diizinkan" in text
    assert '(ditemukan: \'=CONCAT("a","b")\')' in text
    assert "sheet 'Misi', baris 2, kolom A" in text
    assert '(ditemukan: \'="M"&"1"\')' in text


def test_a_csv_renamed_to_xlsx_is_explained(tmp_path: Path):
    path = tmp_path / "data.xlsx"
    path.write_text("Kode,Nama\nSS01,Sasaran satu\n", encoding="utf-8")
    text = problems_of(path)
    assert "mungkin CSV yang diganti namanya" in text
    assert "simpan sebagai 'Excel Workbook (.xlsx)'" in text


def test_a_truncated_file_is_explained(example_xlsx: Path, tmp_path: Path):
    path = tmp_path / "terpotong.xlsx"
    path.write_bytes(example_xlsx.read_bytes()[: example_xlsx.stat().st_size // 2])
    assert "rusak atau terpotong" in problems_of(path)


def test_an_old_xls_file_is_explained(tmp_path: Path):
    path = tmp_path / "lama.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert "format Excel lama (.xls)" in problems_of(path)


def test_a_zip_that_is_no_workbook_is_explained(tmp_path: Path):
    path = tmp_path / "arsip.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("catatan.txt", "bukan buku kerja")
    assert "bukan buku kerja Excel (.xlsx)" in problems_of(path)


def test_a_50_mb_file_is_refused_by_its_size_before_it_is_read(tmp_path: Path):
    path = tmp_path / "besar.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("xl/media/gambar.bin", bytes(50 * 1024 * 1024))
    assert path.stat().st_size > MAX_FILE_BYTES
    started = time.perf_counter()
    text = problems_of(path)
    assert time.perf_counter() - started < 1.0
    assert "berkas terlalu besar (batas 20,0 MB)" in text
    assert "(ditemukan: 50,0 MB)" in text


def test_a_small_file_that_unpacks_to_far_more_is_refused(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(xlsx_package, "MAX_UNPACKED_BYTES", 8 * 1024 * 1024)
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", bytes(9 * 1024 * 1024))
    assert path.stat().st_size < 100 * 1024
    assert "isi berkas terlalu besar setelah dibuka (batas 8,0 MB)" in problems_of(path)


def test_a_sheet_used_to_its_far_corner_is_refused_before_it_is_read(edit_workbook):
    text = problems_of(edit_workbook(lambda book: book["Misi"].__setitem__("XFD1048576", "x")))
    assert "sheet 'Misi' terlalu luas" in text


def test_a_damaged_xml_part_is_explained(example_xlsx: Path, tmp_path: Path):
    path = tmp_path / "xml-rusak.xlsx"
    path.write_bytes(example_xlsx.read_bytes())
    rewrite_part(path, sheet_part(path, "Misi"), lambda xml: xml[: len(xml) // 2])
    text = problems_of(path)
    assert "tidak dapat dibaca" in text or "rusak" in text


def test_a_missing_file_is_explained(tmp_path: Path):
    assert "berkas tidak ditemukan" in problems_of(tmp_path / "tidak-ada.xlsx")


@pytest.mark.django_db
def test_loading_a_broken_workbook_exits_2_and_leaves_the_database_unchanged(edit_workbook):
    assert runner.invoke(app, ["load", str(EXAMPLE)]).exit_code == 0
    before = stored_rows()
    exported_before = runner.invoke(app, ["measure", "--agency", "kpu-kota-metro", "--json"])

    def change(book):
        book["Instansi"]["B3"] = "KPU Kota Metro (diubah)"
        book["PK Target"]["E2"] = "seratus persen"
        book["Realisasi"].append([2024, "IK10", 7, "3 laporan"])

    result = runner.invoke(app, ["load", str(edit_workbook(change))])
    assert result.exit_code == 2
    assert "sheet 'PK Target', baris 2, kolom E" in result.stderr
    assert "'seratus persen' tidak dikenali" in result.stderr
    assert "sheet 'Realisasi', baris 2, kolom C" in result.stderr
    assert "harus ≤ 4 (ditemukan: 7)" in result.stderr
    assert stored_rows() == before
    after = runner.invoke(app, ["measure", "--agency", "kpu-kota-metro", "--json"])
    assert after.stdout == exported_before.stdout


@pytest.mark.django_db
def test_a_workbook_loads_and_exports_back_as_a_workbook(example_xlsx: Path, tmp_path: Path):
    loaded = runner.invoke(app, ["load", str(example_xlsx)])
    assert loaded.exit_code == 0, loaded.output
    out = tmp_path / "cadangan.xlsx"
    exported = runner.invoke(app, ["export", "--agency", "kpu-kota-metro", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    assert read_xlsx(out) == read_xlsx(example_xlsx)


def test_every_problem_of_a_broken_workbook_is_indonesian(edit_workbook):
    def change(book):
        book["Tahun"]["A2"] = None
        book["Indikator"]["B2"] = "kode dengan spasi"
        book["Skala Predikat"].append(["x", "Skala", "satu"])
        book["Instansi"]["B5"] = "kota"

    text = problems_of(edit_workbook(change))
    assert text.count("\n- ") >= 4
    for english in ("must", "should", "invalid", "required", "Field", "Input", "Value error"):
        assert english not in text
