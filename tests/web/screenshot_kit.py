"""The machinery of the screenshot tests: the demo office, the browser settings and `shoot`,
which checks a screen fits (no sideways overflow, every tab in sight) and saves it."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from kinerja.accounts.models import Membership
from kinerja.agencies.datasets import import_dataset
from kinerja.dataset.yamlio import read_yaml
from kinerja.plans.models import Indicator
from kinerja.results import actions
from kinerja.results.models import ReportingYear

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
PASSWORD = "kata-sandi-uji-7391"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _enter(user: Any, year: ReportingYear, code: str, quarter: int, value: str) -> Any:
    indicator = Indicator.objects.get(objective__plan__agency=year.agency, code=code)
    return actions.save_realization(user, year, indicator, quarter, value, "")


@pytest.fixture
def demo_year(transactional_db: None, settings: Any, tmp_path: Path) -> ReportingYear:
    settings.DATA_DIR = tmp_path
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    agency = import_dataset(read_yaml(ROOT / "examples" / "kpu-kota-metro-2024.yaml"))
    users = get_user_model()
    operator = users.objects.create_user("operator", password=PASSWORD, first_name="Operator")
    planner = users.objects.create_user("perencana", password=PASSWORD, first_name="Perencana")
    Membership.objects.create(
        user=operator, agency=agency, role="operator", work_unit_code="hukum-sdm"
    )
    Membership.objects.create(user=planner, agency=agency, role="planner")
    for name, role, office in HOMES[2:]:
        user = users.objects.create_user(name, password=PASSWORD, first_name=name.title())
        where = agency if office == "own" else agency.parent
        Membership.objects.create(user=user, agency=where, role=role)
    year = ReportingYear.objects.get(agency=agency, year=2024)
    for quarter, value in ((1, "25%"), (2, "50%"), (3, "75%")):
        z = _enter(operator, year, "IK08", quarter, value)
        actions.add_evidence(operator, z, io.BytesIO(PDF), len(PDF), f"bukti-tw{quarter}.pdf")
        actions.submit_realization(operator, z, z.version)
        actions.verify_realization(planner, z, z.version)
    z = _enter(operator, year, "IK17", 4, "1 laporan")
    actions.submit_realization(operator, z, z.version)
    _enter(operator, year, "IK08", 4, "95%")
    return year


# (user name, role, office): one home per role; the viewer watches the province above.
HOMES = (
    ("operator", "operator", "own"),
    ("perencana", "planner", "own"),
    ("admin", "admin", "own"),
    ("pimpinan", "leader", "own"),
    ("auditor", "auditor", "own"),
    ("pemantau", "viewer", "parent"),
)


# The menu's tabs (and the year picker) lying outside the window, which a strip that scrolls
# sideways would hide from a user who does not think of scrolling it.
TABS_OUT_OF_SIGHT = """
Array.from(document.querySelectorAll("nav.tabs > *"))
  .filter(e => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth; })
  .map(e => e.textContent.trim())
"""


def shoot(page: Any, out: Path, name: str) -> None:
    """The first screen for the docs; the whole page too when KINERJA_SCREENSHOTS_FULL names a
    folder, for checking the layout further down."""
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    hidden = page.evaluate(TABS_OUT_OF_SIGHT)
    assert not hidden, f"{name}: tabs out of sight: {hidden}"
    page.screenshot(path=str(out / f"{name}.png"))
    assert (out / f"{name}.png").stat().st_size > 10_000, f"{name}: an empty page"
    full = os.environ.get("KINERJA_SCREENSHOTS_FULL")
    if full:
        page.screenshot(path=str(Path(full) / f"{name}.png"), full_page=True)
