"""`kinerja demo` (what `python3 dev.py start` runs): a database that holds data is kept.

The example is loaded only into an empty database; a second start keeps the entries, the
evidence and the passwords, and says how to start again (`--reset`), which erases everything.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from typer.testing import CliRunner

from kinerja.cli import app
from kinerja.plans.models import Indicator
from kinerja.results import actions
from kinerja.results.models import Evidence, Realization, ReportingYear

runner = CliRunner()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def evidence_dir(settings: Any, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path
    settings.EVIDENCE_DIR = tmp_path / "evidence"


def demo(*extra: str, password: str = "sandi-demo-4821") -> str:
    result = runner.invoke(
        app, ["demo", *extra], env={"KINERJA_DEMO_PASSWORD": password, "KINERJA_PORT": ""}
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_second_start_keeps_entries_evidence_and_passwords() -> None:
    first = demo("--port", "8123")
    assert "dimuat" in first and "sandi-demo-4821" in first
    assert "http://127.0.0.1:8123/masuk/" in first
    users = get_user_model()
    operator = users.objects.get(username="operator")
    operator.set_password("diganti-sendiri-9911")
    operator.save()
    year = ReportingYear.objects.get(agency__code="kpu-kota-metro", year=2024)
    indicator = Indicator.objects.get(objective__plan__agency=year.agency, code="IK08")
    Realization.objects.filter(reporting_year=year, indicator=indicator, quarter=4).delete()
    z = actions.save_realization(operator, year, indicator, 4, "95%", "isian sendiri")
    actions.add_evidence(operator, z, io.BytesIO(PDF), len(PDF), "bukti.pdf")

    second = demo(password="tidak-dipakai-1234")
    assert "dipertahankan" in second and "--reset" in second
    assert "tidak-dipakai-1234" not in second
    assert users.objects.get(username="operator").check_password("diganti-sendiri-9911")
    kept = Realization.objects.get(pk=z.pk)
    assert (kept.value, kept.note) == ("95%", "isian sendiri")
    assert Evidence.objects.filter(realization=kept).count() == 1


@pytest.mark.django_db(transaction=True)  # --reset empties the tables as its own process would
def test_reset_starts_again_from_the_example() -> None:
    demo()
    operator = get_user_model().objects.get(username="operator")
    year = ReportingYear.objects.get(agency__code="kpu-kota-metro", year=2024)
    indicator = Indicator.objects.get(objective__plan__agency=year.agency, code="IK08")
    Realization.objects.filter(reporting_year=year, indicator=indicator, quarter=4).delete()
    z = actions.save_realization(operator, year, indicator, 4, "95%", "isian sendiri")

    again = demo("--reset", password="sandi-baru-5512")
    assert "Semua data dihapus" in again and "sandi-baru-5512" in again
    assert not Realization.objects.filter(pk=z.pk, note="isian sendiri").exists()
    assert get_user_model().objects.get(username="operator").check_password("sandi-baru-5512")
