"""The pohon kinerja of the nation fits a 1366x768 laptop and a 390x844 phone, and opening an
indicator's branch of offices below loads it in place (htmx), two levels down.

To refresh the screenshots in docs/screenshots/:

    KINERJA_SCREENSHOTS=1 .venv/bin/pytest tests/web/test_screenshots_cascade.py
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from playwright import sync_api
from screenshot_kit import ARGS, CHROMIUM, OUT, PASSWORD, shoot

from kinerja.accounts.models import Membership
from kinerja.agencies.models import Agency
from kinerja.dataset.yamlio import read_yaml
from kinerja.synth.loading import load
from kinerja.synth.plans import office_dataset
from kinerja.synth.tree import shape

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kpu-kota-metro-2024.yaml"


def test_the_national_tree_opens_branch_by_branch_on_laptop_and_phone(
    live_server: Any, transactional_db: None, monkeypatch: Any, tmp_path: Path
) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread
    base = read_yaml(EXAMPLE)
    tree = shape(16)
    by_code = {spec.code: spec for spec in tree}
    load((office_dataset(base, spec, by_code, 2, 11) for spec in tree), lambda code: None)
    user = get_user_model().objects.create_user("pemantau", password=PASSWORD)
    Membership.objects.create(user=user, agency=Agency.objects.get(code="kpu-ri"), role="viewer")
    province = Agency.objects.get(code="kpu-provinsi-lampung")
    city = Agency.objects.filter(parent=province).order_by("code").first()
    assert city is not None
    out = OUT if os.environ.get("KINERJA_SCREENSHOTS") == "1" else tmp_path / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, "--lang=id"])
        for width, height in ((1366, 768), (390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height}, locale="id-ID")
            page.goto(f"{live_server.url}/masuk/")
            page.get_by_label("Nama pengguna").fill("pemantau")
            page.get_by_label("Kata sandi").fill(PASSWORD)
            page.get_by_role("button", name="Masuk").click()
            page.wait_for_url(f"{live_server.url}/")
            page.goto(f"{live_server.url}/o/kpu-ri/2024/pohon-kinerja/")
            indicator = page.locator("#ind-IK01")
            indicator.locator("summary").first.click()
            below = indicator.locator("li.below-node > details")
            below.locator("summary").first.click()
            branch = below.locator(".kids li.office-node").filter(has_text=province.name)
            branch.locator("summary").first.wait_for()
            assert below.locator(".kids").get_by_text("Lihat instansi di bawah").count() == 0
            # One level further: the province's regencies serving its IK01.
            branch.locator("summary").first.click()
            branch.locator(".kids").get_by_text(city.name).first.wait_for()
            page.evaluate("window.scrollTo(0, 0)")
            shoot(page, out, f"cascade-{width}")
            page.close()
        browser.close()
