"""The restore drill: back up a year that went through the whole workflow, restore it into an
empty database of the other engine, and find everything again (issue 10, case 15)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from backup_drills import OFFICE, PASSWORD, Deployment, DrillYear
from django.conf import settings
from typer.testing import CliRunner

from kinerja.backups.archive import write_backup
from kinerja.cli import app

runner = CliRunner()

# Run in the restored deployment: tokens, passwords, evidence downloads, workflow state, and a
# new row after the restore (PostgreSQL's sequences must have moved past the restored keys).
FACTS = """
import hashlib, json, sys
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.utils import setup_test_environment
from django.urls import reverse
from kinerja.api.actions import create_token
from kinerja.results.models import Evidence, Realization, ReportingYear, Revision

setup_test_environment()
given = json.loads(sys.argv[1])
users = get_user_model().objects
planner = users.get(username="perencana")
client = Client()
offices = "/api/v1/offices"
facts = {
    "token": client.get(offices, HTTP_AUTHORIZATION="Bearer " + given["token"]).status_code,
    "revoked": client.get(offices, HTTP_AUTHORIZATION="Bearer " + given["revoked"]).status_code,
    "password": planner.check_password(given["password"]),
}
client.force_login(planner)
downloads = []
for evidence in Evidence.objects.exclude(sha256=None).order_by("pk"):
    answer = client.get(reverse("ui:evidence_file", args=[evidence.pk]))
    body = b"".join(answer.streaming_content)
    downloads.append([answer.status_code, answer["Content-Type"], hashlib.sha256(body).hexdigest()])
facts["downloads"] = downloads
facts["statuses"] = sorted(Realization.objects.values_list("status", flat=True))
facts["locked"] = sorted(
    ReportingYear.objects.exclude(locked_at=None).values_list("year", flat=True)
)
facts["revisions"] = list(Revision.objects.values_list("reason", flat=True))
facts["new_key"] = create_token(planner, "setelah pemulihan")[0].pk > max(given["token_pks"])
print(json.dumps(facts))
"""


RENUMBER = """
from django.contrib.auth.management import create_permissions
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
ContentType.objects.filter(app_label="agencies", model="agency").delete()
ContentType.objects.clear_cache()
create_permissions(apps.get_app_config("agencies"), verbosity=0)
"""


def _data_members(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as opened:
        return {n: opened.read(n) for n in opened.namelist() if n.startswith("data/")}


def _docx_text(path: Path) -> str:
    from docx import Document

    word = Document(io.BytesIO(path.read_bytes()))
    lines = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


@pytest.mark.slow
def test_a_backup_restored_into_the_other_engine_brings_everything_back(
    drill_year: DrillYear,
    other_engine_deployment: Deployment,
    suite_engine: str,
    tmp_path: Path,
) -> None:
    archive = tmp_path / "cadangan.zip"
    manifest = write_backup(archive, Path(settings.EVIDENCE_DIR), lambda what, done: None)
    rows = {t["model"]: t["rows"] for t in manifest.tables}
    assert manifest.data["source_engine"] == suite_engine
    assert sorted(n.rsplit("/", 1)[1] for n in manifest.evidence) == sorted(drill_year.files)
    # The year really went through the workflow: history, a revision, tokens, users.
    assert rows["audit.historicalrealization"] >= 15
    assert rows["audit.historicalevidence"] == 3
    assert rows["results.revision"] == 1
    assert rows["api.apitoken"] == 2
    assert rows["auth.user"] == 3
    assert rows["auth.user_user_permissions"] == 1
    assert rows["admin.logentry"] == 1
    source_yaml, source_lkj = tmp_path / "sumber.yaml", tmp_path / "sumber.docx"
    exported = runner.invoke(app, ["export", "--agency", OFFICE, "-o", str(source_yaml)])
    assert exported.exit_code == 0, exported.output
    reported = runner.invoke(app, ["report", "-a", OFFICE, "-y", "2024", "-o", str(source_lkj)])
    assert reported.exit_code == 0, reported.output

    target = other_engine_deployment
    # The target numbers its content types and permissions differently from the source: the
    # rows that point at them must follow their natural keys, not their ids.
    target.python(RENUMBER)
    restored = target.run("restore", str(archive))
    assert f"dipulihkan: {manifest.total_rows} baris, 2 berkas bukti dukung" in restored.stdout

    # Every row of every table comes back exactly: users with their password hashes, memberships,
    # workflow states, revisions, tokens, LKE answers and the history tables.
    again = tmp_path / "kembali.zip"
    target.run("backup", "-o", str(again))
    assert _data_members(again) == _data_members(archive)

    target_yaml, target_lkj = tmp_path / "tujuan.yaml", tmp_path / "tujuan.docx"
    target.run("export", "--agency", OFFICE, "-o", str(target_yaml))
    assert target_yaml.read_bytes() == source_yaml.read_bytes()
    target.run("report", "-a", OFFICE, "-y", "2024", "-o", str(target_lkj))
    assert _docx_text(target_lkj) == _docx_text(source_lkj)

    given = {
        "token": drill_year.token,
        "revoked": drill_year.revoked_token,
        "password": PASSWORD,
        "token_pks": drill_year.token_pks,
    }
    facts = json.loads(target.python(FACTS, json.dumps(given)))
    assert facts["token"] == 200
    assert facts["revoked"] == 401
    assert facts["password"] is True
    assert facts["statuses"] == ["draft", "returned", "submitted", "verified", "verified"]
    assert facts["locked"] == [2023]
    assert facts["revisions"] == ["Salah ketik pada laporan triwulan"]
    assert facts["new_key"] is True
    assert len(facts["downloads"]) == 3
    for status, content_type, sha in facts["downloads"]:
        assert (status, content_type) == (200, drill_year.files[sha])
