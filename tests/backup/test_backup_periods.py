"""A backup carries every Renstra period of an office: restored into the other engine, the
office exports the same dataset, both periods with their years (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from backup_drills import EXAMPLE, OFFICE, Deployment
from django.conf import settings
from typer.testing import CliRunner

from kinerja.agencies.datasets import export_dataset, import_dataset
from kinerja.backups.archive import write_backup
from kinerja.cli import app
from kinerja.dataset.yamlio import read_yaml
from kinerja.plans.models import StrategicPlan
from kinerja.plans.periods import start_next_plan
from kinerja.plans.rollover import rollover

runner = CliRunner()


@pytest.mark.slow
def test_a_backup_brings_back_both_periods_and_their_years(
    db: None, other_engine_deployment: Deployment, tmp_path: Path
) -> None:
    office = import_dataset(read_yaml(EXAMPLE))
    old = StrategicPlan.objects.get(agency=office)
    new = start_next_plan(None, office, old, 2025, 2029)
    rollover(None, office, 2024, 2025)
    stored = export_dataset(office)
    assert stored.strategic_plan.period == "2025-2029"
    assert [y.year for y in stored.years] == [2025]
    assert [o.strategic_plan.period for o in stored.other_periods] == ["2020-2024"]
    assert sorted(y.year for y in stored.other_periods[0].years) == [2023, 2024]

    archive = tmp_path / "cadangan.zip"
    write_backup(archive, Path(settings.EVIDENCE_DIR), lambda what, done: None)
    source = tmp_path / "sumber.yaml"
    exported = runner.invoke(app, ["export", "--agency", OFFICE, "-o", str(source)])
    assert exported.exit_code == 0, exported.output

    target = other_engine_deployment
    target.run("restore", str(archive))
    again = tmp_path / "tujuan.yaml"
    target.run("export", "--agency", OFFICE, "-o", str(again))
    assert again.read_bytes() == source.read_bytes()
    data = yaml.safe_load(again.read_text())
    assert data["strategic_plan"]["start"] == new.start
    assert data["other_periods"][0]["strategic_plan"]["start"] == old.start
    # The restored office still knows which plan covers which year.
    covered = target.python(
        "from kinerja.plans.models import StrategicPlan\n"
        "print(StrategicPlan.objects.covering(StrategicPlan.objects.first().agency, 2024).start,"
        " StrategicPlan.objects.covering(StrategicPlan.objects.first().agency, 2025).start)\n"
    )
    assert covered.split() == ["2020", "2025"]
