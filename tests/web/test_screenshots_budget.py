"""The budget, readiness and Excel screens fit a 1366x768 laptop and a 390x844 phone.

Like `test_screenshots.py` (whose machinery this uses): every run renders each screen at both
sizes and checks that nothing overflows sideways; `KINERJA_SCREENSHOTS=1` refreshes the files in
docs/screenshots/.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from playwright import sync_api
from screenshot_kit import ARGS, CHROMIUM, OUT, PASSWORD, ROOT, shoot

from kinerja.accounts.models import Membership
from kinerja.agencies.datasets import import_dataset
from kinerja.dataset.yamlio import read_yaml
from kinerja.plans.models import Activity, Program
from kinerja.results import spending as budget
from kinerja.results.models import ReportingYear

YEAR = "/o/kpu-kota-metro/2024"


@pytest.fixture
def budget_year(transactional_db: None, settings: Any, tmp_path: Path) -> ReportingYear:
    """The example office with its finance unit's budget realisation in every state."""
    settings.DATA_DIR = tmp_path
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    agency = import_dataset(read_yaml(ROOT / "examples" / "kpu-kota-metro-2024.yaml"))
    users = get_user_model().objects
    made = {}
    for name, role, unit in (
        ("keuangan", "operator", "keuangan-umum-logistik"),
        ("perencana", "planner", None),
        ("pimpinan", "leader", None),
    ):
        made[name] = users.create_user(name, password=PASSWORD, first_name=name.title())
        Membership.objects.create(user=made[name], agency=agency, role=role, work_unit_code=unit)
    year = ReportingYear.objects.get(agency=agency, year=2024)
    operator, planner = made["keuangan"], made["perencana"]
    budget.set_finance_unit(planner, agency, "keuangan-umum-logistik")
    election = Program.objects.get(plan__agency=agency, code="penyelenggaraan-pemilu")
    management = Program.objects.get(plan__agency=agency, code="dukungan-manajemen")
    for quarter, spent in ((1, 2_950_000_000), (2, 6_410_000_000), (3, 9_870_500_000)):
        row = budget.save_spending(operator, year, election, quarter, spent)
        budget.submit_spending(operator, row, row.version)
        budget.verify_spending(planner, row, row.version)
    row = budget.save_spending(operator, year, management, 1, 655_000_000)
    budget.submit_spending(operator, row, row.version)
    budget.return_spending(planner, row, row.version, "Angka belum sesuai SP2D triwulan I")
    row = budget.save_spending(operator, year, election, 4, 12_480_000_000)
    budget.submit_spending(operator, row, row.version)
    adhoc = Activity.objects.get(program__plan__agency=agency, code="pembentukan-badan-adhoc")
    budget.save_spending(operator, year, adhoc, 4, 8_012_300_000)
    return year


def _log_in(page: Any, base: str, name: str) -> None:
    page.goto(f"{base}/masuk/")
    page.get_by_label("Nama pengguna").fill(name)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(lambda url: "/masuk/" not in url)  # the role's home


def _broken_workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Realisasi"
    sheet.append(["Kode Instansi", "Tahun", "Kode Indikator", "Triwulan", "Nilai", "Catatan"])
    sheet.append(["kpu-kota-metro", 2024, "IK08", 1, "25%", None])
    sheet.append(["kpu-kota-metro", 2024, "IK99", 2, "40%", None])
    sheet.append(["kpu-kota-metro", 2024, "IK08", 5, "50%", None])
    sheet.append(["kpu-kota-lain", 2024, "IK01", 1, "10%", None])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_budget_readiness_and_excel_screens_fit_laptop_and_phone(
    live_server: Any, budget_year: ReportingYear, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread
    out = OUT if os.environ.get("KINERJA_SCREENSHOTS") == "1" else tmp_path / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, "--lang=id"])
        for width, height in ((1366, 768), (390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height}, locale="id-ID")
            _log_in(page, base, "keuangan")
            page.goto(f"{base}{YEAR}/anggaran/4/")
            shoot(page, out, f"budget-quarter-{width}")
            page.context.clear_cookies()

            _log_in(page, base, "perencana")
            page.goto(f"{base}{YEAR}/anggaran/")
            shoot(page, out, f"budget-{width}")
            page.goto(f"{base}{YEAR}/excel/")
            page.get_by_label("Realisasi triwulan").check()
            page.locator("input[type=file]").set_input_files(
                {"name": "realisasi.xlsx", "mimeType": "application/octet-stream",
                 "buffer": _broken_workbook()}
            )  # fmt: skip
            page.get_by_role("button", name="Periksa dan tampilkan pratinjau").click()
            sync_api.expect(page.locator("[data-problem]")).to_have_count(3)
            page.evaluate("document.getElementById('x-problems').scrollIntoView()")
            shoot(page, out, f"excel-problems-{width}")
            page.context.clear_cookies()

            _log_in(page, base, "pimpinan")
            page.goto(f"{base}{YEAR}/kunci/")
            shoot(page, out, f"readiness-{width}")
            page.close()
        browser.close()


def test_the_leader_acknowledging_warnings_fits_laptop_and_phone(
    live_server: Any,
    transactional_db: None,
    consistent_dataset: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The consistent office made ready (tests/web/test_readiness.py): only warnings are left."""
    from test_readiness import Office, make_ready

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    agency = import_dataset(consistent_dataset)
    users = {}
    for name, role, unit in (
        ("perencana", "planner", None),
        ("operator", "operator", "pdi"),
        ("pimpinan", "leader", None),
    ):
        users[name] = get_user_model().objects.create_user(
            name, password=PASSWORD, first_name=name.title()
        )
        Membership.objects.create(user=users[name], agency=agency, role=role, work_unit_code=unit)
    year = ReportingYear.objects.select_related("agency").get(agency=agency, year=2024)
    from kinerja.results import actions
    from kinerja.results.models import Realization

    for z in Realization.objects.filter(reporting_year=year):
        actions.verify_realization(users["perencana"], z, z.version)
    make_ready(Office(agency, year, users))
    out = OUT if os.environ.get("KINERJA_SCREENSHOTS") == "1" else tmp_path / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, "--lang=id"])
        for width, height in ((1366, 768), (390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height}, locale="id-ID")
            page.goto(f"{base}/masuk/")
            page.get_by_label("Nama pengguna").fill("pimpinan")
            page.get_by_label("Kata sandi").fill(PASSWORD)
            page.get_by_role("button", name="Masuk").click()
            page.wait_for_url(lambda url: "/masuk/" not in url)
            page.goto(f"{base}/o/{agency.code}/2024/kunci/")
            page.evaluate("document.getElementById('approve').scrollIntoView()")
            shoot(page, out, f"readiness-acknowledge-{width}")
            page.close()
        browser.close()
