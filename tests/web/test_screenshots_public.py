"""The office's public page of published documents fits a laptop and a phone, without a login.

The machinery is in `screenshot_kit.py`. To refresh docs/screenshots/:

    KINERJA_SCREENSHOTS=1 .venv/bin/pytest tests/web/test_screenshots_public.py
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import screenshot_kit as shots
from django.contrib.auth import get_user_model
from playwright import sync_api

from kinerja.agencies.publications import publish
from kinerja.results.models import ReportingYear

demo_year = shots.demo_year


def test_public_page_fits_laptop_and_phone_without_login(
    live_server: Any, demo_year: ReportingYear, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread
    out = shots.OUT if os.environ.get("KINERJA_SCREENSHOTS") == "1" else tmp_path / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    agency = demo_year.agency
    leader = get_user_model().objects.get(username="perencana")
    publish(agency, 2024, "pk", "pdf", shots.PDF + b"% PK 2024\n", user=leader)
    first = publish(agency, 2024, "lkj", "pdf", shots.PDF + b"% LKj 2024 v1\n", user=leader)
    second = publish(agency, 2024, "lkj", "pdf", shots.PDF + b"% LKj 2024 v2\n", user=leader)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shots.CHROMIUM, args=[*shots.ARGS, "--lang=id"]
        )
        for width, height in ((1366, 768), (390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height}, locale="id-ID")
            page.goto(f"{live_server.url}/publik/{agency.code}/")
            assert page.get_by_text(first.sha256).count() == 1
            assert page.get_by_text(second.sha256).count() == 1
            shots.shoot(page, out, f"public-office-{width}")
            page.close()
        browser.close()
