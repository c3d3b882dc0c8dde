"""The office's profile page fits a laptop and a phone, with a field's message in sight.

The machinery (the demo office, the browser settings, `shoot`) is in `screenshot_kit.py`.
To refresh docs/screenshots/:

    KINERJA_SCREENSHOTS=1 .venv/bin/pytest tests/web/test_screenshots_profile.py
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import screenshot_kit as shots
from playwright import sync_api

from kinerja.agencies.models import Agency
from kinerja.results.models import ReportingYear

demo_year = shots.demo_year


def test_the_profile_page_fits_laptop_and_phone_without_sideways_scrolling(
    live_server: Any, demo_year: ReportingYear, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread
    out = shots.OUT if os.environ.get("KINERJA_SCREENSHOTS") == "1" else tmp_path / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shots.CHROMIUM, args=[*shots.ARGS, "--lang=id"]
        )
        for width, height in ((1366, 768), (390, 844)):
            Agency.objects.filter(code="kpu-kota-metro").update(secretary=None, people=[])
            page = browser.new_page(viewport={"width": width, "height": height}, locale="id-ID")
            page.goto(f"{live_server.url}/masuk/")
            page.get_by_label("Nama pengguna").fill("perencana")
            page.get_by_label("Kata sandi").fill(shots.PASSWORD)
            page.get_by_role("button", name="Masuk").click()
            page.wait_for_url(lambda url: "/masuk/" not in url)  # the role's home
            page.get_by_role("link", name="Profil instansi").first.click()
            page.wait_for_url(lambda url: url.endswith("/o/kpu-kota-metro/profil/"))
            shots.shoot(page, out, f"profile-{width}")
            page.get_by_role("button", name="Tambah baris pejabat").click()
            page.get_by_label("Nama pejabat 1").fill("Andi Saputra")
            page.get_by_label("Nama pejabat 2").fill("Budi Santoso")
            page.get_by_label("NIP sekretaris").fill("1975-02-03")
            page.get_by_label("Nama sekretaris").fill("Sri Lestari")
            page.get_by_role("button", name="Simpan").click()
            message = page.get_by_text(
                "NIP hanya angka (boleh dengan spasi), 8 sampai 24 karakter."
            )
            assert message.count() == 1
            message.scroll_into_view_if_needed()
            shots.shoot(page, out, f"profile-error-{width}")
            page.get_by_label("NIP sekretaris").fill("19750203 200003 2 002")
            page.get_by_role("button", name="Simpan").click()
            page.get_by_text("Profil instansi disimpan.").wait_for()
            agency = Agency.objects.get(code="kpu-kota-metro")
            assert agency.secretary == {
                "name": "Sri Lestari",
                "nip": "19750203 200003 2 002",
            }
            assert [p["name"] for p in agency.people] == ["Andi Saputra", "Budi Santoso"]
            page.close()
        browser.close()
