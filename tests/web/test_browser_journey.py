"""The whole year in a real browser (Debian's chromium driven by Playwright).

An operator enters the Q4 realisation with an evidence file and submits it; the planner verifies
it; the dashboard shows the new achievement; the downloaded LKj contains it; the leader locks the
year, and the operator can no longer edit.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from playwright import sync_api

from kinerja.accounts.models import Membership
from kinerja.agencies.datasets import import_dataset
from kinerja.agencies.models import Agency
from kinerja.dataset.yamlio import read_yaml
from kinerja.plans.models import Indicator
from kinerja.results.models import Realization

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kpu-kota-metro-2024.yaml"
PASSWORD = "kata-sandi-uji-7391"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def sync_orm_beside_playwright(monkeypatch: pytest.MonkeyPatch) -> None:
    """Playwright's sync API runs an event loop in this thread; the ORM calls here are sync."""
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
    users = get_user_model()
    for name, role, unit in (
        ("operator", "operator", "hukum-sdm"),
        ("perencana", "planner", None),
        ("pimpinan", "leader", None),
    ):
        user = users.objects.create_user(name, password=PASSWORD)
        Membership.objects.create(user=user, agency=agency, role=role, work_unit_code=unit)
    return agency


def log_in(page: Any, base: str, name: str) -> None:
    page.goto(f"{base}/masuk/")
    page.get_by_label("Nama pengguna").fill(name)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    sync_api.expect(page.locator(".top")).to_contain_text(name)


def log_out(page: Any) -> None:
    page.get_by_role("button", name="Keluar").click()
    sync_api.expect(page.get_by_role("heading", name="Masuk ke Kinerja")).to_be_visible()


def docx_text(content: bytes) -> str:
    xml = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode("utf-8")
    return re.sub(r"<[^>]+>", "", xml)


def test_the_year_from_entry_to_locked(
    live_server: Any, browser: Any, office: Agency, tmp_path: Path, readiness_waived: None
) -> None:
    base = live_server.url
    year = f"{base}/o/kpu-kota-metro/2024"
    ik08 = Indicator.objects.get(objective__plan__agency=office, code="IK08")
    page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page.set_default_timeout(20_000)
    expect = sync_api.expect

    # The operator enters Q4 with an evidence file, then submits.
    log_in(page, base, "operator")
    page.goto(f"{year}/isian/hukum-sdm/4/")
    row = page.locator(f"#row-{ik08.pk}")
    row.get_by_label("Realisasi TW IV").fill("95%")
    row.get_by_label("Catatan").fill("Seleksi PAW selesai sebagian")
    row.locator("input[type=file]").set_input_files(
        {"name": "berita-acara.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    row.get_by_role("button", name="Simpan draf").click()
    expect(row.locator("[data-status]")).to_have_attribute("data-status", "draft")
    expect(row.get_by_role("link", name="berita-acara.pdf")).to_be_visible()
    row.get_by_role("button", name="Ajukan untuk verifikasi").click()
    row = page.locator(f"#row-{ik08.pk}")
    expect(row.locator("[data-status]")).to_have_attribute("data-status", "submitted")
    log_out(page)

    # The planner verifies it from the verification list.
    log_in(page, base, "perencana")
    page.goto(f"{year}/verifikasi/")
    page.get_by_role("button", name="Verifikasi", exact=True).click()
    expect(page.get_by_text("Tidak ada realisasi yang menunggu verifikasi.")).to_be_visible()
    assert Realization.objects.get(indicator=ik08, quarter=4).status == "verified"

    # The dashboard shows the new achievement.
    page.goto(f"{year}/")
    expect(page.locator("#ind-IK08")).to_contain_text("95,00%")
    expect(page.locator("#ind-IK08")).to_contain_text("Baik")

    # The downloaded LKj contains it.
    page.goto(f"{year}/unduh/")
    with page.expect_download() as download:
        page.get_by_role("link", name="LKj 2024 (DOCX)").click()
    saved = tmp_path / "lkj.docx"
    download.value.save_as(saved)
    assert "terealisasi 95%, sehingga capaiannya 95,00%" in docx_text(saved.read_bytes())
    log_out(page)

    # The leader approves and locks the year.
    log_in(page, base, "pimpinan")
    page.goto(f"{year}/kunci/")
    page.get_by_role("button", name="Setujui dan kunci tahun 2024").click()
    expect(page.locator(".pagehead")).to_contain_text("Disetujui & dikunci")
    log_out(page)

    # The operator can no longer edit.
    log_in(page, base, "operator")
    page.goto(f"{year}/isian/hukum-sdm/4/")
    expect(page.get_by_text("sudah disetujui dan dikunci")).to_be_visible()
    expect(page.get_by_role("button", name="Simpan draf")).to_have_count(0)
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    refused = page.request.post(
        f"{year}/isian/hukum-sdm/4/{ik08.pk}/",
        form={"csrfmiddlewaretoken": token or "", f"i{ik08.pk}-value": "100%"},
        headers={"Referer": f"{year}/isian/hukum-sdm/4/"},
    )
    assert refused.status == 403
    assert Realization.objects.get(indicator=ik08, quarter=4).value == "95%"
    page.close()
