"""The plan's catalogue, the item editor and the new year's page fit a laptop and a phone.

The machinery (the demo office, the browser settings, `shoot`) is in `screenshot_kit.py`.
To refresh docs/screenshots/:

    KINERJA_SCREENSHOTS=1 .venv/bin/pytest tests/web/test_screenshots_plan.py
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import screenshot_kit as shots
from playwright import sync_api

from kinerja.plans.models import Indicator
from kinerja.results.models import ReportingYear

demo_year = shots.demo_year


def test_plan_screens_fit_laptop_and_phone_without_sideways_scrolling(
    live_server: Any, demo_year: ReportingYear, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread
    out = shots.OUT if os.environ.get("KINERJA_SCREENSHOTS") == "1" else tmp_path / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    ik08 = Indicator.objects.get(objective__plan__agency=demo_year.agency, code="IK08")
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
            page.wait_for_url(lambda url: "/masuk/" not in url)  # the role's home
            page.goto(base + "renstra/katalog/")
            shots.shoot(page, out, f"plan-catalogue-{width}")
            page.evaluate("document.getElementById('sasaran').scrollIntoView()")
            shots.shoot(page, out, f"plan-objectives-{width}")
            page.goto(base + f"renstra/indikator/{ik08.pk}/")
            page.get_by_label("Target 2024").fill("sembilan puluh")
            page.get_by_label("Kode").fill("IK 08")
            page.get_by_role("button", name="Simpan").click()
            assert page.get_by_text("format tidak sesuai").count() == 1
            shots.shoot(page, out, f"plan-item-{width}")
            page.goto(base + "tahun-baru/")
            shots.shoot(page, out, f"rollover-{width}")
            page.close()
        browser.close()
