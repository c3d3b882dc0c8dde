"""The backup archive and the checks `kinerja restore` makes before it writes anything."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from backup_drills import DrillYear
from django.conf import settings
from typer.testing import CliRunner

from kinerja.api.models import ApiToken
from kinerja.backups.archive import FORMAT_VERSION, evidence_files
from kinerja.backups.tables import backed_up_models
from kinerja.cli import app

runner = CliRunner()


def _counts() -> dict[str, int]:
    return {m._meta.label_lower: m._base_manager.count() for m in backed_up_models()}


def _backup(path: Path) -> dict[str, bytes]:
    result = runner.invoke(app, ["backup", "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert f"Cadangan ditulis ke {path}" in result.stdout
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rewrite(source: Path, target: Path, change: dict[str, bytes]) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            new.writestr(name, change.get(name, old.read(name)))


def _nothing_staged() -> bool:
    return not list(Path(settings.EVIDENCE_DIR).glob(".restore-*"))


def test_the_manifest_lists_every_member_with_its_checksum_and_every_table_with_its_rows(
    drill_year: DrillYear, tmp_path: Path
) -> None:
    members = _backup(tmp_path / "cadangan.zip")
    manifest = json.loads(members.pop("manifest.json"))
    assert manifest["format"] == "kinerja-backup"
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["kinerja_version"]
    assert manifest["created_at"].endswith("+00:00")
    assert manifest["source_engine"] in ("sqlite", "postgresql")
    assert set(manifest["files"]) == set(members)
    for name, content in members.items():
        assert manifest["files"][name] == {
            "sha256": hashlib.sha256(content).hexdigest(),
            "size": len(content),
        }
    counts = _counts()
    assert {t["model"]: t["rows"] for t in manifest["tables"]} == counts
    for table in manifest["tables"]:
        assert members[table["file"]].count(b"\n") == table["rows"]
    stored = {f"evidence/{sha[:2]}/{sha}" for sha in drill_year.files}
    assert {name for name in members if name.startswith("evidence/")} == stored
    # Rebuilt by migrate or transient: never in a backup.
    assert not {"contenttypes.contenttype", "auth.permission", "sessions.session"} & set(counts)
    assert "axes.accessattempt" not in counts


def test_restore_refuses_a_database_that_is_not_empty_and_changes_nothing(
    drill_year: DrillYear, tmp_path: Path
) -> None:
    archive = tmp_path / "cadangan.zip"
    _backup(archive)
    before = _counts()
    result = runner.invoke(app, ["restore", str(archive)])
    assert result.exit_code == 2
    assert "Basis data tujuan tidak kosong" in result.stderr
    assert "--ganti" in result.stderr
    assert _counts() == before
    assert _nothing_staged()


def test_restore_with_ganti_replaces_the_database_with_the_backup(
    drill_year: DrillYear, tmp_path: Path
) -> None:
    archive = tmp_path / "cadangan.zip"
    original = _backup(archive)
    ApiToken.objects.all().delete()
    result = runner.invoke(app, ["restore", "--ganti", str(archive)])
    assert result.exit_code == 0, result.output
    again = _backup(tmp_path / "lagi.zip")
    data = sorted(name for name in original if name.startswith("data/"))
    assert [again[name] for name in data] == [original[name] for name in data]
    assert _nothing_staged()


@pytest.mark.parametrize("damaged", ["data/api.apitoken.jsonl", "evidence"])
def test_a_damaged_archive_is_refused_before_anything_is_written_even_with_ganti(
    drill_year: DrillYear, tmp_path: Path, damaged: str
) -> None:
    archive, broken = tmp_path / "cadangan.zip", tmp_path / "rusak.zip"
    members = _backup(archive)
    name = damaged if damaged in members else next(n for n in members if n.startswith(damaged))
    _rewrite(archive, broken, {name: members[name] + b"x"})
    files_before = evidence_files(Path(settings.EVIDENCE_DIR))
    before = _counts()
    result = runner.invoke(app, ["restore", "--ganti", str(broken)])
    assert result.exit_code == 2
    assert f"checksum {name} tidak cocok dengan manifest" in result.stderr
    assert "Tidak ada data yang ditulis" in result.stderr
    assert _counts() == before
    assert evidence_files(Path(settings.EVIDENCE_DIR)) == files_before
    assert _nothing_staged()


def test_an_archive_of_another_schema_is_refused(drill_year: DrillYear, tmp_path: Path) -> None:
    archive, newer = tmp_path / "cadangan.zip", tmp_path / "baru.zip"
    members = _backup(archive)
    manifest = json.loads(members["manifest.json"])
    manifest["migrations"].append(["results", "9999_from_the_future"])
    _rewrite(archive, newer, {"manifest.json": json.dumps(manifest).encode()})
    before = _counts()
    result = runner.invoke(app, ["restore", "--ganti", str(newer)])
    assert result.exit_code == 2
    assert "lebih baru (migrasi results.9999_from_the_future belum dikenal)" in result.stderr
    assert _counts() == before


@pytest.mark.django_db
def test_restore_names_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    junk = tmp_path / "bukan.zip"
    junk.write_bytes(b"bukan arsip")
    result = runner.invoke(app, ["restore", str(junk)])
    assert result.exit_code == 2
    assert f"{junk}: bukan berkas cadangan Kinerja (bukan arsip ZIP)." in result.stderr
    missing = runner.invoke(app, ["restore", str(tmp_path / "tidak-ada.zip")])
    assert missing.exit_code == 2
    assert "berkas cadangan tidak ditemukan" in missing.stderr


def test_a_backup_names_the_evidence_files_that_are_missing_from_the_folder(
    drill_year: DrillYear, tmp_path: Path
) -> None:
    gone = sorted(drill_year.files)[0]
    (Path(settings.EVIDENCE_DIR) / gone[:2] / gone).unlink()
    result = runner.invoke(app, ["backup", "-o", str(tmp_path / "cadangan.zip")])
    assert result.exit_code == 0, result.output
    assert "Peringatan: 1 berkas bukti dukung yang dirujuk basis data tidak ada" in result.stderr
    assert gone[:12] in result.stderr
    with zipfile.ZipFile(tmp_path / "cadangan.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["evidence_missing"] == [gone]
    assert f"evidence/{gone[:2]}/{gone}" not in manifest["files"]


def test_a_row_that_cannot_be_read_is_named_and_nothing_is_written(
    drill_year: DrillYear, tmp_path: Path
) -> None:
    archive, edited = tmp_path / "cadangan.zip", tmp_path / "diedit.zip"
    members = _backup(archive)
    name = "data/api.apitoken.jsonl"
    broken = members[name].replace(b"\n", b"\n{bukan json\n", 1)
    manifest = json.loads(members["manifest.json"])
    manifest["files"][name] = {"sha256": hashlib.sha256(broken).hexdigest(), "size": len(broken)}
    table = next(t for t in manifest["tables"] if t["file"] == name)
    table["rows"] += 1
    _rewrite(archive, edited, {name: broken, "manifest.json": json.dumps(manifest).encode()})
    before = _counts()
    result = runner.invoke(app, ["restore", "--ganti", str(edited)])
    assert result.exit_code == 2
    assert f"{name} baris 2 tidak dapat dibaca" in result.stderr
    assert "Tidak ada data yang ditulis" in result.stderr
    assert _counts() == before
    assert _nothing_staged()
