"""Fault drills: `kinerja load` and `kinerja restore` killed (SIGKILL) while they write.

Each drill runs the command as its own process against a throwaway database of the suite's
engine, pauses it at a known point inside its work (a wrapped function writes a marker and
sleeps), kills it, and checks that nothing was written halfway and that running it again works.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from backup_drills import EXAMPLE, OFFICE, Deployment, DrillYear
from django.conf import settings

from kinerja.backups.archive import evidence_files, write_backup

pytestmark = pytest.mark.slow

ADDRESS = "JL. LETJEND. A.R. PRAWIRANEGARA No. 17 KOTA METRO"


def _staging(deployment: Deployment) -> list[Path]:
    return sorted(deployment.evidence_dir.glob(".restore-*"))


def _stored(deployment: Deployment) -> list[str]:
    return [path.name for path in evidence_files(deployment.evidence_dir)]


def test_load_killed_midway_leaves_the_database_as_it_was_and_the_retry_succeeds(
    same_engine_deployment: Deployment, tmp_path: Path
) -> None:
    deployment = same_engine_deployment
    deployment.run("load", str(EXAMPLE))
    before, after = tmp_path / "sebelum.yaml", tmp_path / "sesudah.yaml"
    deployment.run("export", "--agency", OFFICE, "-o", str(before))
    changed = tmp_path / "diubah.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    assert ADDRESS in text
    changed.write_text(text.replace(ADDRESS, "Jl. Baru No. 1 Kota Metro"), encoding="utf-8")

    # Killed after the old rows were deleted and the first new rows inserted, before the commit.
    deployment.killed_during(
        "django.db.models.query:QuerySet", "bulk_create", 2, "load", str(changed)
    )
    deployment.run("export", "--agency", OFFICE, "-o", str(after))
    assert after.read_bytes() == before.read_bytes()
    assert _stored(deployment) == []

    loaded = deployment.run("load", str(changed))
    assert "dimuat" in loaded.stdout
    deployment.run("export", "--agency", OFFICE, "-o", str(after))
    assert "Jl. Baru No. 1 Kota Metro" in after.read_text(encoding="utf-8")
    assert ADDRESS not in after.read_text(encoding="utf-8")


def test_restore_killed_while_writing_rows_leaves_no_row_and_no_file_and_the_retry_succeeds(
    drill_year: DrillYear, same_engine_deployment: Deployment, tmp_path: Path
) -> None:
    archive = tmp_path / "cadangan.zip"
    manifest = write_backup(archive, Path(settings.EVIDENCE_DIR), lambda what, done: None)
    deployment = same_engine_deployment
    assert deployment.stored_rows() == 0

    # Killed after five batches of rows were inserted (the files were staged before that).
    deployment.killed_during(
        "kinerja.backups.restoring", "_insert_rows", 5, "restore", str(archive)
    )
    assert deployment.stored_rows() == 0
    assert _stored(deployment) == []
    assert len(_staging(deployment)) == 1  # the staged copies, outside the stored files

    restored = deployment.run("restore", str(archive))
    assert "dipulihkan" in restored.stdout
    assert deployment.stored_rows() == manifest.total_rows
    assert sorted(_stored(deployment)) == sorted(drill_year.files)
    assert _staging(deployment) == []


def test_restore_killed_after_its_commit_is_finished_by_the_next_run(
    drill_year: DrillYear, same_engine_deployment: Deployment, tmp_path: Path
) -> None:
    archive = tmp_path / "cadangan.zip"
    manifest = write_backup(archive, Path(settings.EVIDENCE_DIR), lambda what, done: None)
    deployment = same_engine_deployment

    # Killed after the commit, with one of the two files moved into place.
    deployment.killed_during("kinerja.backups.restoring", "_move", 1, "restore", str(archive))
    assert deployment.stored_rows() == manifest.total_rows
    assert len(_stored(deployment)) == 1
    assert len(_staging(deployment)) == 1

    again = deployment.run("restore", str(archive), check=False)
    assert again.returncode == 2
    assert "Pemulihan sebelumnya yang terputus ternyata sudah tersimpan" in again.stderr
    assert "1 berkas bukti dukungnya kini dipindahkan" in again.stderr
    assert sorted(_stored(deployment)) == sorted(drill_year.files)
    assert _staging(deployment) == []
    assert deployment.stored_rows() == manifest.total_rows
