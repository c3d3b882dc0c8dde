"""`kinerja renstra-baru`: the next Renstra period from the previous one, or an office's first,
with refusals in Indonesian and nothing written on a refusal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kinerja.agencies.datasets import export_dataset, import_dataset
from kinerja.agencies.models import Agency
from kinerja.cli import app
from kinerja.dataset.yamlio import read_yaml
from kinerja.plans.models import StrategicPlan

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kpu-kota-metro-2024.yaml"
runner = CliRunner()


@pytest.fixture
def metro(db: None, settings: Any, tmp_path: Path) -> Agency:
    settings.DATA_DIR = tmp_path / "data"
    settings.EVIDENCE_DIR = tmp_path / "data" / "evidence"
    return import_dataset(read_yaml(EXAMPLE))


def test_the_next_period_is_started_from_the_previous_one(metro: Agency) -> None:
    args = ["renstra-baru", "--agency", metro.code, "--from", "2020", "--start", "2025"]
    made = runner.invoke(app, args)
    assert made.exit_code == 0, made.output
    assert "Renstra 2025-2029 KPU Kota Metro dimulai dari Renstra 2020-2024" in made.stdout
    plans = StrategicPlan.objects.filter(agency=metro).order_by("start")
    assert [(p.start, p.end) for p in plans] == [(2020, 2024), (2025, 2029)]
    again = runner.invoke(app, args)
    assert again.exit_code == 2
    assert "bertumpang tindih dengan Renstra 2025-2029" in again.stderr
    assert "Tidak ada data yang ditulis" in again.stderr
    assert StrategicPlan.objects.filter(agency=metro).count() == 2
    rolled = runner.invoke(app, ["rollover", "-a", metro.code, "--from", "2024", "--to", "2025"])
    assert rolled.exit_code == 0, rolled.output
    assert export_dataset(metro).strategic_plan.period == "2025-2029"


def test_a_rollover_without_a_covering_renstra_says_what_to_do(metro: Agency) -> None:
    answer = runner.invoke(app, ["rollover", "-a", metro.code, "--from", "2024", "--to", "2025"])
    assert answer.exit_code == 2
    assert "Belum ada Renstra yang mencakup tahun 2025; mulai Renstra baru dahulu." in (
        answer.stderr
    )


def test_a_missing_source_plan_is_named(metro: Agency) -> None:
    answer = runner.invoke(
        app, ["renstra-baru", "-a", metro.code, "--from", "2015", "--start", "2025"]
    )
    assert answer.exit_code == 2
    assert "tidak punya Renstra yang mulai tahun 2015" in answer.stderr


def test_the_first_renstra_of_an_office_without_one(db: None) -> None:
    bare = Agency.objects.create(code="kpu-baru", name="KPU Kota Baru", level="regency_city")
    without = runner.invoke(app, ["renstra-baru", "-a", bare.code, "--start", "2025"])
    assert without.exit_code == 2
    assert "Renstra pertama perlu visinya" in without.stderr
    made = runner.invoke(
        app, ["renstra-baru", "-a", bare.code, "--start", "2025", "--vision", "Visi pertama"]
    )
    assert made.exit_code == 0, made.output
    assert "Renstra 2025-2029 KPU Kota Baru dimulai, dengan tahun pelaporan 2025" in made.stdout
    bare.refresh_from_db()
    assert bare.has_dataset
    assert export_dataset(bare).strategic_plan.vision == "Visi pertama"
