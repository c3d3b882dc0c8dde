"""The review page and the LKE screen fit a 1366x768 laptop and a 390x844 phone (the machinery of
test_screenshots.py); on the LKE screen, saving an answer updates the scores in place (htmx).

To refresh docs/screenshots/review-*.png and lke-*.png:

    KINERJA_SCREENSHOTS=1 .venv/bin/pytest tests/web/test_screenshots_review_lke.py
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright import sync_api
from screenshot_kit import ARGS, CHROMIUM, OUT, PASSWORD, demo_year, shoot

from kinerja.accounts.models import Membership
from kinerja.evaluations.models import EvaluationAnswer
from kinerja.results.models import ReportingYear

__all__ = ["demo_year"]  # the fixture, shared


def login(page: Any, url: str, name: str) -> None:
    page.goto(f"{url}/masuk/")
    page.get_by_label("Nama pengguna").fill(name)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{url}/")  # the role's home


def test_review_and_lke_fit_laptop_and_phone_and_scores_follow_answers(
    live_server: Any, demo_year: ReportingYear, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread
    # demo_year's users: the office's auditor ("auditor") and planner ("perencana").
    assert Membership.objects.filter(
        user__username="auditor", agency=demo_year.agency, role="auditor"
    ).exists()
    out = OUT if os.environ.get("KINERJA_SCREENSHOTS") == "1" else tmp_path / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    base = f"{live_server.url}/o/kpu-kota-metro/2024"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, "--lang=id"])
        for width, height in ((1366, 768), (390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height}, locale="id-ID")
            login(page, live_server.url, "auditor")
            page.goto(f"{base}/reviu/?severity=error")
            shoot(page, out, f"review-{width}")
            page.goto(f"{base}/lke/")
            shoot(page, out, f"lke-{width}")
            page.close()
        # The office checks every criterion of 1.b and answers it; the scores follow in place.
        page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="id-ID")
        login(page, live_server.url, "perencana")
        page.goto(f"{base}/lke/")
        card = page.locator("#sub-1b")
        for box in card.locator("input[name=met]").all():
            box.check()
        # Every change previews the proposal and the scores, before anything is saved.
        proposal = page.locator("#proposal-1b")
        proposal.get_by_text("11 dari 11 kriteria terpenuhi", exact=False).wait_for()
        assert "Usulan sistem: BB" in proposal.inner_text()
        card.get_by_label("Penilaian mandiri").select_option("A")
        # The self-assessment: 76,55 + 1,80 (1.b from B, 70%, to A, 90%, of 9).
        scores = page.locator("#lke-scores")
        scores.get_by_text("78,35").wait_for()
        assert "pratinjau" in scores.inner_text()
        assert "71,55" in scores.inner_text()  # the evaluator's value is not the planner's
        assert (
            EvaluationAnswer.objects.get(evaluation__reporting_year=demo_year, item="1.b").version
            == 1
        )  # a preview writes nothing
        page.evaluate("document.getElementById('lke-scores').scrollIntoView()")
        shoot(page, out, "lke-preview-1366")
        card.get_by_role("button", name="Simpan 1.b").click()
        page.locator("#messages").get_by_text("Jawaban 1.b disimpan.").wait_for()
        assert "pratinjau" not in scores.inner_text() and "78,35" in scores.inner_text()
        page.evaluate("document.getElementById('sub-1b').scrollIntoView()")
        shoot(page, out, "lke-answered-1366")
        browser.close()
    saved = EvaluationAnswer.objects.get(evaluation__reporting_year=demo_year, item="1.b")
    assert (saved.self_assessment, len(saved.met), saved.version) == ("A", 11, 2)
