"""A backup carries a final LKE: restored into the other engine, the evaluation is final with the
same score, predicate, finaliser and moment, its history (who finalised, why it was reopened)
is there, and the office exports the same dataset."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from backup_drills import EXAMPLE, OFFICE, Deployment
from django.conf import settings
from django.contrib.auth import get_user_model
from typer.testing import CliRunner

from kinerja.accounts.models import Membership
from kinerja.agencies.datasets import import_dataset
from kinerja.backups.archive import write_backup
from kinerja.cli import app
from kinerja.dataset.yamlio import read_yaml
from kinerja.evaluations import finality
from kinerja.evaluations.models import Evaluation
from kinerja.results.models import ReportingYear

runner = CliRunner()

FACTS = """
import json
from kinerja.evaluations.models import Evaluation
e = Evaluation.objects.get(reporting_year__agency__code="{office}", reporting_year__year=2024)
print(json.dumps({{
    "at": e.finalized_at.isoformat(),
    "by": e.finalized_by.username,
    "score": str(e.final_score),
    "predicate": e.final_predicate,
    "version": e.version,
    "reasons": [h.history_change_reason for h in e.history.order_by("history_date")],
}}))
"""


@pytest.mark.slow
def test_a_backup_brings_back_a_final_lke(
    db: None, other_engine_deployment: Deployment, tmp_path: Path
) -> None:
    office = import_dataset(read_yaml(EXAMPLE))
    auditor = get_user_model().objects.create_user("auditor", first_name="Auditor")
    Membership.objects.create(user=auditor, agency=office, role="auditor")
    year = ReportingYear.objects.get(agency=office, year=2024)
    finality.finalize_lke(auditor, year, finality.fingerprint(year))
    finality.reopen_lke(auditor, year, finality.fingerprint(year), "Koreksi 1.a")
    stored = finality.finalize_lke(auditor, year, finality.fingerprint(year))

    archive = tmp_path / "cadangan.zip"
    write_backup(archive, Path(settings.EVIDENCE_DIR), lambda what, done: None)
    source = tmp_path / "sumber.yaml"
    assert runner.invoke(app, ["export", "--agency", OFFICE, "-o", str(source)]).exit_code == 0
    assert "final:" in source.read_text(encoding="utf-8")

    target = other_engine_deployment
    target.run("restore", str(archive))
    facts = json.loads(target.python(FACTS.format(office=OFFICE)))
    assert facts["at"] == stored.finalized_at.isoformat()  # type: ignore[union-attr]
    assert (facts["by"], facts["score"], facts["predicate"], facts["version"]) == (
        "auditor",
        "71.55",
        "BB",
        4,
    )
    reasons = facts["reasons"]
    assert [r.split(":")[0].split(" (")[0] for r in reasons] == [
        "LKE difinalkan",
        "LKE dibuka kembali",
        "LKE difinalkan",
    ]
    assert reasons[1].endswith(": Koreksi 1.a")
    again = tmp_path / "tujuan.yaml"
    target.run("export", "--agency", OFFICE, "-o", str(again))
    assert again.read_bytes() == source.read_bytes()
    assert Evaluation.objects.get(pk=stored.pk).is_final
