"""Excel in the browser: the template and the year's workbook download; an uploaded workbook
shows every problem at once with its sheet, row and column, or a preview of what changes, and
only "apply" writes, by the same readers and rules as `kinerja load` and `load-realizations`."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kinerja.dataset.excel.tree import read_xlsx
from kinerja.results.models import Realization, Spending

HEADER = ["Kode Instansi", "Tahun", "Kode Indikator", "Triwulan", "Nilai", "Catatan"]


def _client(world: Any, persona: str = "planner") -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


def _url(world: Any, name: str) -> str:
    return reverse(f"ui:{name}", args=[world.own.agency.code, 2024])


def _realization_book(rows: list[list[Any]]) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Realisasi"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("realisasi.xlsx", buffer.getvalue())


def test_the_templates_and_the_years_workbook_download(world: Any, tmp_path: Path) -> None:
    client = _client(world, "leader")
    template = client.get(_url(world, "excel_template"))
    assert template.status_code == 200
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    names = openpyxl.load_workbook(io.BytesIO(template.content)).sheetnames
    assert names[0] == "Petunjuk" and "Realisasi Anggaran" in names
    realizations = client.get(_url(world, "excel_template") + "?isi=realisasi")
    assert "Realisasi" in openpyxl.load_workbook(io.BytesIO(realizations.content)).sheetnames

    data = client.get(_url(world, "excel_dataset"))
    assert data.status_code == 200
    assert 'filename="dataset-kpu-kota-metro.xlsx"' in data["Content-Disposition"]
    path = tmp_path / "dataset.xlsx"
    path.write_bytes(data.content)
    dataset = read_xlsx(path)  # what `kinerja load` reads
    assert dataset.agency.code == world.own.agency.code
    assert [s.spent for s in dataset.year(2024).spending] == [1_000_000, 2_000_000]


def test_every_problem_of_a_realisation_workbook_is_shown_with_sheet_row_and_column(
    world: Any,
) -> None:
    own, other = world.own, world.other
    upload = _realization_book(
        [
            [own.agency.code, 2024, own.indicator.code, 1, "30%", None],
            [own.agency.code, 2024, "IK99", 2, "40%", None],
            [other.agency.code, 2024, other.indicator.code, 1, "10%", None],
            [own.agency.code, 2024, own.indicator.code, 7, "50%", None],
            [own.agency.code, 2023, own.indicator.code, 1, "60%", None],
        ]
    )
    before = Realization.objects.count()
    page = _client(world).post(_url(world, "excel_upload"), {"kind": "realisasi", "file": upload})
    text = page.content.decode()
    assert page.status_code == 400
    assert "4 masalah ditemukan; tidak ada yang dimuat" in text
    assert text.count("data-problem") == 4
    assert "sheet &#x27;Realisasi&#x27;, baris 3, kolom C" in text  # IK99
    assert "indikator tidak dikenal" in text
    assert "sheet &#x27;Realisasi&#x27;, baris 4, kolom A" in text  # the other office
    assert "hanya untuk instansi" in text
    assert "baris 5, kolom D" in text  # quarter 7
    assert "baris 6, kolom B" in text and "dikunci" in text  # 2023 is locked
    assert Realization.objects.count() == before


def test_a_realisation_workbook_is_previewed_then_applied_as_submitted(world: Any) -> None:
    own = world.own
    upload = _realization_book(
        [
            [own.agency.code, 2024, own.indicator.code, 1, "30%", "awal"],
            [own.agency.code, 2024, own.indicator.code, 3, "90%", "triwulan tiga"],  # unchanged
        ]
    )
    client = _client(world)
    page = client.post(_url(world, "excel_upload"), {"kind": "realisasi", "file": upload})
    text = page.content.decode()
    assert page.status_code == 200, text
    assert "2 realisasi akan dimuat: 1 baru, 0 diganti, 1 tidak berubah." in text
    assert f"2024 {own.indicator.code} triwulan 1" in text
    assert not Realization.objects.filter(reporting_year=own.year, quarter=1).exists()

    token = page.context["preview"].token
    applied = client.post(_url(world, "excel_apply"), {"kind": "realisasi", "token": token})
    assert applied.status_code == 302
    new = Realization.objects.get(reporting_year=own.year, indicator=own.indicator, quarter=1)
    assert (new.value, new.status, new.submitted_by) == ("30%", "submitted", world.users["planner"])
    again = client.post(_url(world, "excel_apply"), {"kind": "realisasi", "token": token})
    assert again.status_code == 302  # the preview is used up
    assert Realization.objects.filter(reporting_year=own.year, quarter=1).count() == 1


def test_a_dataset_workbook_goes_the_way_of_a_dataset_import(world: Any) -> None:
    """The other office has no locked year in its way once its old year is unlocked."""
    other = world.other
    client = Client()
    client.force_login(world.users["outsider"])  # the other office's planner
    other.year.agency.reporting_years.update(locked_at=None)
    data = client.get(reverse("ui:excel_dataset", args=[other.agency.code, 2024])).content
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Realisasi Anggaran"]
    for row in sheet.iter_rows(min_row=2):
        if row[4].value == 1_000_000:
            row[4].value = 1_500_000
    buffer = io.BytesIO()
    book.save(buffer)
    url = reverse("ui:excel_upload", args=[other.agency.code, 2024])
    upload = SimpleUploadedFile("dataset.xlsx", buffer.getvalue())
    page = client.post(url, {"kind": "dataset", "file": upload})
    text = page.content.decode()
    assert page.status_code == 200, text
    assert "years[1].spending[1].spent" in text and "1500000" in text

    token = page.context["preview"].token
    apply = reverse("ui:excel_apply", args=[other.agency.code, 2024])
    assert client.post(apply, {"kind": "dataset", "token": token}).status_code == 302
    changed = Spending.objects.get(reporting_year__agency=other.agency, quarter=1)
    assert (changed.spent, changed.status, changed.submitted_by) == (
        1_500_000,
        "submitted",
        world.users["outsider"],
    )


def test_a_broken_dataset_workbook_lists_its_problems(world: Any) -> None:
    client = _client(world)
    data = client.get(_url(world, "excel_dataset")).content
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Realisasi Anggaran"]
    sheet.append([2024, "tidak-ada", None, 9, "banyak"])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("dataset.xlsx", buffer.getvalue())
    page = client.post(_url(world, "excel_upload"), {"kind": "dataset", "file": upload})
    text = page.content.decode()
    assert page.status_code == 400
    assert "sheet &#x27;Realisasi Anggaran&#x27;, baris" in text
    assert "kolom D" in text and "kolom E" in text
