"""A backup carries the office logo (a column of the office) and every published document's
archived bytes (named by SHA-256 like evidence files); a restore brings both back unchanged."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from backup_drills import DrillYear
from django.conf import settings
from typer.testing import CliRunner

from kinerja.agencies.logo import logo_of, set_logo
from kinerja.agencies.models import Agency, Publication
from kinerja.agencies.publications import archived_bytes, publish
from kinerja.cli import app

runner = CliRunner()
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_backup_carries_the_logo_and_the_archived_publications(
    drill_year: DrillYear, tmp_path: Path
) -> None:
    agency = Agency.objects.filter(has_dataset=True).first()
    assert agency is not None
    set_logo(agency, PNG)
    content = b"%PDF-1.7 LKj terbit\n"
    item = publish(agency, 2024, "lkj", "pdf", content)
    archive = tmp_path / "cadangan.zip"
    result = runner.invoke(app, ["backup", "-o", str(archive)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(archive) as opened:
        assert f"evidence/{item.sha256[:2]}/{item.sha256}" in opened.namelist()
    Agency.objects.filter(pk=agency.pk).update(logo=None)
    Publication.objects.all().delete()
    shutil.rmtree(Path(settings.EVIDENCE_DIR))
    result = runner.invoke(app, ["restore", "--ganti", str(archive)])
    assert result.exit_code == 0, result.output
    restored = Publication.objects.get(pk=item.pk)
    assert archived_bytes(restored) == content and restored.sha256 == item.sha256
    assert logo_of(Agency.objects.get(pk=agency.pk)) == PNG
