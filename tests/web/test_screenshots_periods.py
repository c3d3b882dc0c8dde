"""The Renstra periods' pages fit a laptop and a phone: the Renstra page with its periods, the
next period's form, the new period in the catalogue, and the first Renstra of an office.

The machinery (the demo office, the browser settings, `shoot`) is in `screenshot_kit.py`.
To refresh docs/screenshots/:

    KINERJA_SCREENSHOTS=1 .venv/bin/pytest tests/web/test_screenshots_periods.py
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import screenshot_kit as shots
from django.contrib.auth import get_user_model
from playwright import sync_api

from kinerja.accounts.models import Membership
from kinerja.agencies.models import Agency
from kinerja.plans.models import StrategicPlan
from kinerja.results.models import ReportingYear

demo_year = shots.demo_year


def test_period_screens_fit_laptop_and_phone_without_sideways_scrolling(
    live_server: Any, demo_year: ReportingYear, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread
    out = shots.OUT if os.environ.get("KINERJA_SCREENSHOTS") == "1" else tmp_path / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    office = demo_year.agency
    planner = get_user_model().objects.get(username="perencana")
    base = f"{live_server.url}/o/{office.code}/2024/"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shots.CHROMIUM, args=[*shots.ARGS, "--lang=id"]
        )
        for width, height in ((1366, 768), (390, 844)):
            StrategicPlan.objects.filter(agency=office, start=2025).delete()
            bare = Agency.objects.create(
                code=f"kpu-kota-baru-{width}", name="KPU Kota Baru", level="regency_city"
            )
            Membership.objects.create(user=planner, agency=bare, role="planner")
            page = browser.new_page(viewport={"width": width, "height": height}, locale="id-ID")
            page.goto(f"{live_server.url}/masuk/")
            page.get_by_label("Nama pengguna").fill("perencana")
            page.get_by_label("Kata sandi").fill(shots.PASSWORD)
            page.get_by_role("button", name="Masuk").click()
            page.wait_for_url(lambda url: "/masuk/" not in url)  # the role's home
            page.goto(base + "renstra/")
            page.evaluate("document.getElementById('periode').scrollIntoView()")
            shots.shoot(page, out, f"renstra-periods-{width}")
            page.get_by_role("link", name="Mulai Renstra baru").click()
            assert page.get_by_label("Tahun mulai").input_value() == "2025"
            assert page.get_by_label("Tahun selesai").input_value() == "2029"
            shots.shoot(page, out, f"plan-next-{width}")
            page.get_by_role("button", name="Simpan").click()
            page.wait_for_url(lambda url: "renstra=2025" in url)
            assert page.get_by_text("Renstra 2025–2029 tidak mencakup tahun 2024").count() == 1
            shots.shoot(page, out, f"plan-catalogue-next-{width}")
            # An office with no Renstra: its page links to the first one.
            page.goto(f"{live_server.url}/o/{bare.code}/")
            page.get_by_role("link", name="Mulai Renstra").click()
            shots.shoot(page, out, f"plan-start-{width}")
            page.get_by_label("Tahun mulai").fill("2025")
            page.get_by_label("Tahun selesai").fill("2029")
            page.get_by_label("Visi").fill("Menjadi penyelenggara pemilu yang terpercaya")
            page.get_by_role("button", name="Simpan").click()
            catalogue = f"/o/{bare.code}/2025/renstra/katalog/"
            page.wait_for_url(lambda url, at=catalogue: url.endswith(at))
            assert page.get_by_text("Belum ada misi.").count() == 1
            shots.shoot(page, out, f"plan-catalogue-empty-{width}")
            page.close()
        browser.close()
    assert StrategicPlan.objects.filter(agency__code__startswith="kpu-kota-baru-").count() == 2
