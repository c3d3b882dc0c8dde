"""The signing page fits a laptop and a phone. To refresh docs/screenshots/:

    KINERJA_SCREENSHOTS=1 .venv/bin/pytest tests/web/test_screenshots_first_year.py

The machinery (the demo office, the browser settings, `shoot`) is in `screenshot_kit.py`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import screenshot_kit as shots
from playwright import sync_api

from kinerja.results.models import ReportingYear

demo_year = shots.demo_year


def test_the_signing_page_fits_laptop_and_phone(
    live_server: Any, demo_year: ReportingYear, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread
    out = shots.OUT if os.environ.get("KINERJA_SCREENSHOTS") == "1" else tmp_path / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    base = f"{live_server.url}/o/kpu-kota-metro/2024/"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shots.CHROMIUM, args=[*shots.ARGS, "--lang=id"]
        )
        for width, height in ((1366, 768), (390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height}, locale="id-ID")
            page.goto(f"{live_server.url}/masuk/")
            page.get_by_label("Nama pengguna").fill("perencana")
            page.get_by_label("Kata sandi").fill(shots.PASSWORD)
            page.get_by_role("button", name="Masuk").click()
            page.wait_for_url(lambda url: "/masuk/" not in url)
            page.goto(base + "pk/")
            page.get_by_role("link", name="Penandatanganan LKj & PK").click()
            sync_api.expect(page.get_by_label("Tempat penandatanganan")).not_to_be_empty()
            shots.shoot(page, out, f"signing-{width}")
            page.close()
        browser.close()
