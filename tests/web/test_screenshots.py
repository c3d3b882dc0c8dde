"""The dashboard, the entry screen and every role's home fit a 1366x768 laptop and a 390x844
phone.

Every run renders the screens at both sizes, checks that nothing overflows sideways and saves
the screenshots in a temporary folder. To refresh the ones in docs/screenshots/:

    KINERJA_SCREENSHOTS=1 .venv/bin/pytest tests/web/test_screenshots.py
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright import sync_api
from screenshot_kit import ARGS, CHROMIUM, HOMES, OUT, PASSWORD, demo_year, shoot

from kinerja.results.models import ReportingYear

__all__ = ["demo_year"]  # the fixture, used by name


def test_screens_fit_laptop_and_phone_without_sideways_scrolling(
    live_server: Any, demo_year: ReportingYear, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread
    out = OUT if os.environ.get("KINERJA_SCREENSHOTS") == "1" else tmp_path / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, "--lang=id"])
        for width, height in ((1366, 768), (390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height}, locale="id-ID")
            page.goto(f"{live_server.url}/masuk/")
            page.get_by_label("Nama pengguna").fill("operator")
            page.get_by_label("Kata sandi").fill(PASSWORD)
            page.get_by_role("button", name="Masuk").click()
            page.wait_for_url(f"{live_server.url}/")
            page.goto(f"{live_server.url}/o/kpu-kota-metro/2024/")
            shoot(page, out, f"dashboard-{width}")
            page.goto(f"{live_server.url}/o/kpu-kota-metro/2024/isian/hukum-sdm/4/")
            shoot(page, out, f"entry-{width}")
            page.close()
        browser.close()


def test_every_role_home_fits_laptop_and_phone(
    live_server: Any, demo_year: ReportingYear, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread
    out = OUT if os.environ.get("KINERJA_SCREENSHOTS") == "1" else tmp_path / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, "--lang=id"])
        for name, role, _ in HOMES:
            for width, height in ((1366, 768), (390, 844)):
                page = browser.new_page(viewport={"width": width, "height": height}, locale="id-ID")
                page.goto(f"{live_server.url}/masuk/")
                page.get_by_label("Nama pengguna").fill(name)
                page.get_by_label("Kata sandi").fill(PASSWORD)
                page.get_by_role("button", name="Masuk").click()
                page.wait_for_url(f"{live_server.url}/")
                sync_api.expect(page.locator(f"section.home-{role}").first).to_be_visible()
                for details in page.locator("details").all()[:3]:
                    details.evaluate("d => d.open = true")  # drill-downs open fit too
                shoot(page, out, f"home-{role}-{width}")
                page.close()
        browser.close()
