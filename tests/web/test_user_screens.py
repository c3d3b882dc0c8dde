"""User management in a real browser (Playwright with Debian's chromium): the administrator
follows the header's *Pengguna* link, adds an operator, removes a role through htmx after the
confirmation dialog, and the page fits a 1366x768 laptop and a 390x844 phone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from playwright import sync_api

from kinerja.accounts.models import Membership
from kinerja.agencies.datasets import import_dataset
from kinerja.agencies.models import Agency
from kinerja.dataset.yamlio import read_yaml

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
PASSWORD = "kata-sandi-uji-7391"
NEW_PASSWORD = "Rahasia-Baru-2025!"


@pytest.fixture
def office(transactional_db: None, settings: Any, tmp_path: Path) -> Agency:
    settings.DATA_DIR = tmp_path
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    agency = import_dataset(read_yaml(ROOT / "examples" / "kpu-kota-metro-2024.yaml"))
    users = get_user_model()
    for name, role in (("admin", "admin"), ("perencana", "planner"), ("auditor", "auditor")):
        user = users.objects.create_user(name, password=PASSWORD, first_name=name.title())
        Membership.objects.create(user=user, agency=agency, role=role)
    return agency


def fits(page: Any, out: Path, name: str) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    page.screenshot(path=str(out / f"{name}.png"))
    assert (out / f"{name}.png").stat().st_size > 10_000, f"{name}: an empty page"


def test_the_admin_manages_users_in_the_browser(
    live_server: Any, office: Agency, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, "--lang=id"])
        page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="id-ID")
        page.goto(f"{live_server.url}/masuk/")
        page.get_by_label("Nama pengguna").fill("admin")
        page.get_by_label("Kata sandi").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_url(f"{live_server.url}/")  # the role's home

        page.get_by_role("link", name="Pengguna", exact=True).click()
        page.wait_for_url("**/o/kpu-kota-metro/pengguna/")
        fits(page, tmp_path, "users-1366")

        page.get_by_role("link", name="Tambah pengguna").click()
        form = page.locator("form", has_text="Pengguna baru")
        form.get_by_label("Nama pengguna").fill("siti")
        form.get_by_label("Nama lengkap").fill("Siti Rahma")
        form.get_by_label("Kata sandi awal").fill(NEW_PASSWORD)
        form.get_by_label("Ulangi kata sandi").fill(NEW_PASSWORD)
        form.get_by_label("Peran").select_option("operator")
        form.get_by_role("button", name="Buat pengguna").click()
        page.wait_for_url("**/o/kpu-kota-metro/pengguna/tambah/")
        assert "Operator harus punya unit kerja" in page.content()
        form = page.locator("form", has_text="Pengguna baru")
        form.get_by_label("Kata sandi awal").fill(NEW_PASSWORD)
        form.get_by_label("Ulangi kata sandi").fill(NEW_PASSWORD)
        form.get_by_label("Unit kerja").select_option("hukum-sdm")
        form.get_by_role("button", name="Buat pengguna").click()
        page.wait_for_url("**/o/kpu-kota-metro/pengguna/")
        assert page.get_by_text("Pengguna siti dibuat").is_visible()
        assert Membership.objects.get(user__username="siti").work_unit_code == "hukum-sdm"

        # Removing a role goes through htmx after the confirmation dialog.
        page.once("dialog", lambda dialog: dialog.accept())
        row = page.locator("tr", has_text="auditor").first
        row.get_by_role("button", name="Hapus peran").click()
        page.get_by_text("dihapus; akunnya tetap ada").wait_for()
        assert not Membership.objects.filter(user__username="auditor").exists()
        cookies = page.context.cookies()
        page.close()

        phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="id-ID")
        phone.context.add_cookies(cookies)
        phone.goto(f"{live_server.url}/o/kpu-kota-metro/pengguna/")
        fits(phone, tmp_path, "users-390")
        phone.goto(f"{live_server.url}/o/kpu-kota-metro/pengguna/tambah/")
        fits(phone, tmp_path, "user-add-390")
        browser.close()
