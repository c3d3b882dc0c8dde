"""The planner writes a narrative section in a real browser (Debian's chromium, Playwright), and
the narrative screens fit a 1366x768 laptop and a 390x844 phone.

The planner opens the narrative list from the menu, opens the strategic issues (a section the
data cannot draft), types a text and watches the preview print it as the LKj will (paragraphs
and a numbered list), saves it with "Simpan", and finds the section written; the leader then
reads it without a form. Screenshots: `KINERJA_SCREENSHOTS=1` refreshes docs/screenshots/.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from playwright import sync_api
from screenshot_kit import ARGS, CHROMIUM, OUT, PASSWORD, ROOT, shoot

from kinerja.accounts.models import Membership
from kinerja.agencies.datasets import import_dataset
from kinerja.agencies.models import Agency
from kinerja.dataset.yamlio import read_yaml
from kinerja.results.models import NarrativeSection

pytestmark = pytest.mark.slow
expect = sync_api.expect
YEAR = "/o/kpu-kota-metro/2024"


@pytest.fixture
def office(transactional_db: None, settings: Any, tmp_path: Path) -> Agency:
    settings.DATA_DIR = tmp_path
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    agency = import_dataset(read_yaml(ROOT / "examples" / "kpu-kota-metro-2024.yaml"))
    for name, role in (("perencana", "planner"), ("pimpinan", "leader")):
        user = get_user_model().objects.create_user(
            name, password=PASSWORD, first_name=name.title()
        )
        Membership.objects.create(user=user, agency=agency, role=role)
    return agency


def _log_in(page: Any, base: str, name: str) -> None:
    page.goto(f"{base}/masuk/")
    page.get_by_label("Nama pengguna").fill(name)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(lambda url: "/masuk/" not in url)


def test_the_planner_writes_a_section_with_its_preview(
    live_server: Any, office: Agency, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread
    base = live_server.url
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, "--lang=id"])
        page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="id-ID")
        page.set_default_timeout(30_000)
        _log_in(page, base, "perencana")
        page.goto(f"{base}{YEAR}/")
        page.get_by_role("link", name="Narasi", exact=True).click()
        row = page.locator('tr[data-key="isu_strategis"]')
        expect(row).to_have_attribute("data-state", "required")
        row.get_by_role("link", name="Tulis").click()
        expect(page.get_by_role("heading", name="BAB I E. Isu Strategis")).to_be_visible()
        preview = page.locator("#pratinjau")
        expect(preview).to_contain_text("tidak dicetak")
        text = page.locator('textarea[name="text"]')
        text.fill(
            "Isu strategis yang dihadapi pada tahun ini:\n\n"
            "- 1. Partisipasi pemilih muda.\n- 2. Pemutakhiran data pemilih."
        )
        # The preview follows the typing, printed as the LKj reads the text.
        expect(preview.locator("p")).to_have_text("Isu strategis yang dihadapi pada tahun ini:")
        expect(preview.locator("li")).to_have_count(2)
        expect(preview.locator("li .doc-label").first).to_have_text("1.")
        assert not NarrativeSection.objects.filter(key="isu_strategis").exists()
        page.get_by_role("button", name="Simpan").click()
        expect(page.locator(".messages")).to_contain_text("disimpan")
        expect(page.locator(".pagehead .badge")).to_have_text("Ditulis perencana")
        expect(text).to_have_value(
            "Isu strategis yang dihadapi pada tahun ini:\n\n"
            "- 1. Partisipasi pemilih muda.\n- 2. Pemutakhiran data pemilih."
        )
        stored = NarrativeSection.objects.get(key="isu_strategis", reporting_year__year=2024)
        assert stored.version == 1 and stored.text.endswith("Pemutakhiran data pemilih.")
        page.context.clear_cookies()

        _log_in(page, base, "pimpinan")
        page.goto(f"{base}{YEAR}/narasi/")
        expect(page.locator('tr[data-key="isu_strategis"]')).to_have_attribute(
            "data-state", "written"
        )
        page.locator('tr[data-key="isu_strategis"]').get_by_role("link", name="Lihat").click()
        expect(page.locator("#pratinjau li")).to_have_count(2)
        expect(page.locator('textarea[name="text"]')).to_have_count(0)
        browser.close()


def test_narrative_screens_fit_laptop_and_phone(
    live_server: Any, office: Agency, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    out = OUT if os.environ.get("KINERJA_SCREENSHOTS") == "1" else tmp_path / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, "--lang=id"])
        for width, height in ((1366, 768), (390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height}, locale="id-ID")
            page.set_default_timeout(30_000)
            _log_in(page, base, "perencana")
            page.goto(f"{base}{YEAR}/narasi/")
            shoot(page, out, f"narrative-{width}")
            page.goto(f"{base}{YEAR}/narasi/capaian/?sasaran=SS02")
            expect(page.locator("#pratinjau table")).to_have_count(1)
            shoot(page, out, f"narrative-edit-{width}")
            page.close()
        browser.close()
