"""Each role's daily work in a real browser (Debian's chromium driven by Playwright).

- the provincial viewer lands on a home listing the offices below, opens the province's own
  page, and drills into the city;
- a planner returns a value; it reaches the operator's home (with the reason) and their email;
- the operator types a value and sees the achievement the core computes, and a warning when
  the unit does not match.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright import sync_api

from kinerja.accounts.models import Membership
from kinerja.agencies.datasets import import_dataset
from kinerja.agencies.models import Agency
from kinerja.consolidation.refresh import refresh_office
from kinerja.dataset.yamlio import read_yaml
from kinerja.plans.models import Indicator
from kinerja.results import actions
from kinerja.results.models import Realization, ReportingYear

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kpu-kota-metro-2024.yaml"
PASSWORD = "kata-sandi-uji-7391"

pytestmark = pytest.mark.slow
expect = sync_api.expect


@pytest.fixture(autouse=True)
def sync_orm_beside_playwright(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def office(transactional_db: None, settings: Any, tmp_path: Path) -> Agency:
    settings.DATA_DIR = tmp_path
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    agency = import_dataset(read_yaml(EXAMPLE))
    refresh_office(agency)  # what the worker does with the refresh the import queued
    users = get_user_model()
    for name, role, unit, where in (
        ("operator", "operator", "hukum-sdm", agency),
        ("perencana", "planner", None, agency),
        ("pemantau", "viewer", None, agency.parent),
    ):
        user = users.objects.create_user(name, password=PASSWORD, email=f"{name}@kpu.example")
        Membership.objects.create(user=user, agency=where, role=role, work_unit_code=unit)
    return agency


def log_in(browser: Any, base: str, name: str) -> Any:
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.set_default_timeout(20_000)
    page.goto(f"{base}/masuk/")
    page.get_by_label("Nama pengguna").fill(name)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base}/")
    return page


def test_the_provincial_viewer_sees_the_offices_below(
    live_server: Any, browser: Any, office: Agency
) -> None:
    page = log_in(browser, live_server.url, "pemantau")
    section = page.locator("section.home-viewer")
    expect(section).to_contain_text("Instansi di bawah")
    expect(section.locator("table.offices")).to_contain_text("KPU Kota Metro")
    expect(section.locator("table.offices")).to_contain_text("%")
    section.get_by_role("link", name="KPU Provinsi Lampung").click()
    page.wait_for_url("**/o/kpu-provinsi-lampung/")
    expect(page.get_by_role("heading", level=1)).to_have_text("KPU Provinsi Lampung")
    page.get_by_role("link", name="KPU Kota Metro").click()
    page.wait_for_url("**/o/kpu-kota-metro/2024/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dasbor Kinerja 2024")


def test_a_return_reaches_the_operators_home_and_email(
    live_server: Any, browser: Any, office: Agency
) -> None:
    base = live_server.url
    year = ReportingYear.objects.get(agency=office, year=2024)
    ik08 = Indicator.objects.get(objective__plan__agency=office, code="IK08")
    Realization.objects.filter(reporting_year=year, indicator=ik08, quarter=4).delete()
    operator = get_user_model().objects.get(username="operator")
    z = actions.save_realization(operator, year, ik08, 4, "95%", "Seleksi PAW selesai")
    actions.submit_realization(operator, z, z.version)

    page = log_in(browser, base, "perencana")
    page.goto(f"{base}/o/kpu-kota-metro/2024/verifikasi/")
    card = page.locator(f"#verify-{z.pk}")
    expect(card).to_contain_text("Seleksi PAW selesai")  # the operator's note
    expect(card).to_contain_text("Capaian tahun bila diverifikasi")
    card.get_by_label("Alasan dikembalikan").fill("Lampirkan berita acara seleksi")
    card.get_by_role("button", name="Kembalikan", exact=True).click()
    expect(page.locator("#messages")).to_contain_text("Dikembalikan")
    page.close()

    page = log_in(browser, base, "operator")
    expect(page.locator("#notif-count")).to_have_text("1")
    expect(page.locator("#operator-returned")).to_contain_text("Lampirkan berita acara seleksi")
    expect(page.locator("#home-notifications")).to_contain_text("dikembalikan")
    page.locator("#operator-returned").get_by_role("link", name="IK08 TW IV").click()
    expect(page.locator(f"#row-{ik08.pk} [data-status]")).to_have_attribute(
        "data-status", "returned"
    )
    sent = [m for m in mail.outbox if m.to == ["operator@kpu.example"]]
    assert len(sent) == 1 and "Lampirkan berita acara seleksi" in sent[0].body


def test_the_achievement_follows_the_typing_and_warns_of_a_wrong_unit(
    live_server: Any, browser: Any, office: Agency
) -> None:
    year = ReportingYear.objects.get(agency=office, year=2024)
    ik08 = Indicator.objects.get(objective__plan__agency=office, code="IK08")
    Realization.objects.filter(reporting_year=year, indicator=ik08, quarter=4).delete()
    page = log_in(browser, live_server.url, "operator")
    page.goto(f"{live_server.url}/o/kpu-kota-metro/2024/isian/hukum-sdm/4/")
    row = page.locator(f"#row-{ik08.pk}")
    expect(row.locator("[data-used-target]")).not_to_be_empty()
    row.get_by_label("Realisasi TW IV").fill("95%")
    live = row.locator(f"#preview-{ik08.pk}")
    expect(live.locator("[data-achievement]")).to_have_text("95,00%")
    expect(live.locator("[data-warning]")).to_have_count(0)
    row.get_by_label("Realisasi TW IV").fill("3 orang")
    expect(live.locator("[data-warning]")).to_contain_text("tidak cocok")
    assert not Realization.objects.filter(reporting_year=year, indicator=ik08, quarter=4).exists()


def test_browser_checks_speak_indonesian(live_server: Any, browser: Any, office: Agency) -> None:
    """Chromium runs in English here; a required field left empty still says it in Indonesian."""
    year = ReportingYear.objects.get(agency=office, year=2024)
    ik08 = Indicator.objects.get(objective__plan__agency=office, code="IK08")
    Realization.objects.filter(reporting_year=year, indicator=ik08, quarter=4).delete()
    page = log_in(browser, live_server.url, "operator")
    page.goto(f"{live_server.url}/o/kpu-kota-metro/2024/isian/hukum-sdm/4/")
    field = page.locator(f"#row-{ik08.pk}").get_by_label("Realisasi TW IV")
    field.evaluate("e => e.form.reportValidity()")
    assert field.evaluate("e => e.validationMessage") == "Isian ini wajib diisi."
    field.fill("95%")
    assert field.evaluate("e => e.validationMessage") == ""


def test_file_inputs_speak_indonesian(live_server: Any, browser: Any, office: Agency) -> None:
    """Chromium runs in English here; the evidence input still offers "Pilih berkas" and names
    the chosen file in Indonesian, and the file still travels with the form."""
    page = log_in(browser, live_server.url, "operator")
    page.goto(f"{live_server.url}/o/kpu-kota-metro/2024/isian/hukum-sdm/4/")
    box = page.locator(".file-id").first
    expect(box.get_by_role("button", name="Pilih berkas")).to_be_visible()
    expect(box.locator(".file-name")).to_have_text("Belum ada berkas dipilih")
    native = page.locator('input[type="file"]').first
    native.set_input_files(
        {"name": "laporan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}
    )
    expect(box.locator(".file-name")).to_have_text("laporan.pdf")
    assert native.evaluate("e => e.files.length") == 1
