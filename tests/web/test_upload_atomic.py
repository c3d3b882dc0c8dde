"""Atomic uploads: a realisation and its evidence file are saved together or not at all, no
temporary file outlives an upload, and the user gets an Indonesian message, never a 500."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kinerja.results import evidence_files
from kinerja.results.models import Evidence, Realization

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DRILL = Path(__file__).with_name("upload_drill.py")


def _post(world, quarter: int, value: str):
    client = Client(raise_request_exception=False)
    client.force_login(world.users["operator_a"])
    indicator = world.own.indicator
    url = reverse(
        "ui:entry_save", args=[world.own.agency.code, 2024, world.own.unit, quarter, indicator.pk]
    )
    data = {
        f"i{indicator.pk}-value": value,
        f"i{indicator.pk}-evidence": SimpleUploadedFile("bukti.pdf", PDF),
    }
    # The version the card showed: the draft's for quarter 3, 0 (empty card) otherwise.
    data[f"i{indicator.pk}-version"] = str(world.own.draft.version if quarter == 3 else 0)
    return client.post(url, data)


def _temporary_files(folder: Path) -> list[Path]:
    return list(folder.glob(".upload-*")) if folder.exists() else []


def test_an_unwritable_evidence_folder_saves_neither_value_nor_file(world, settings, tmp_path):
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("berkas biasa")
    settings.EVIDENCE_DIR = blocker / "evidence"  # mkdir fails as it would on a read-only disk
    evidence_before = Evidence.objects.count()

    new = _post(world, 1, "77%")
    changed = _post(world, 3, "55%")

    for response in (new, changed):
        assert response.status_code == 200
        assert "Berkas bukti dukung tidak dapat disimpan di server" in response.content.decode()
    assert not Realization.objects.filter(indicator=world.own.indicator, quarter=1).exists()
    assert Realization.objects.get(pk=world.own.draft.pk).value == "90%"
    assert Evidence.objects.count() == evidence_before


def test_a_write_failing_midway_leaves_no_temporary_file(world, settings, monkeypatch):
    def disk_full(stream, out, digest):
        out.write(b"%PDF-1.4 separuh")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(evidence_files, "_copy", disk_full)
    evidence_before = Evidence.objects.count()

    response = _post(world, 1, "77%")

    assert response.status_code == 200
    assert "tidak dapat disimpan" in response.content.decode()
    assert _temporary_files(Path(settings.EVIDENCE_DIR)) == []
    assert not Realization.objects.filter(indicator=world.own.indicator, quarter=1).exists()
    assert Evidence.objects.count() == evidence_before


def test_the_saved_file_is_complete_and_named_by_its_content(world, settings):
    response = _post(world, 1, "77%")
    assert response.status_code == 302
    evidence = Evidence.objects.get(
        realization__quarter=1, realization__indicator=world.own.indicator
    )
    path = evidence_files.evidence_path(evidence.sha256)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == evidence.sha256
    assert _temporary_files(Path(settings.EVIDENCE_DIR)) == []


def test_abandoned_temporary_files_are_removed_but_not_live_ones(settings, tmp_path):
    settings.EVIDENCE_DIR = tmp_path
    host = __import__("socket").gethostname()
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(gone.stdout)
    dead = tmp_path / f".upload-{host}-{dead_pid}-abc123"
    live = tmp_path / f".upload-{host}-{os.getpid()}-def456"
    other_host = tmp_path / f".upload-server-lain-{dead_pid}-ghi789"
    for path in (dead, live, other_host):
        path.write_bytes(b"sebagian")

    assert evidence_files.remove_abandoned_uploads() == 1
    assert not dead.exists() and live.exists() and other_host.exists()

    a_day_later = os.stat(other_host).st_mtime + evidence_files.ABANDONED_AFTER_SECONDS + 1
    assert evidence_files.remove_abandoned_uploads(now=a_day_later) == 2
    assert not live.exists() and not other_host.exists()


def _drill(env: dict[str, str], *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, str(DRILL), *args], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize("where", ["write", "link"])
def test_an_upload_killed_midway_leaves_nothing_half_done_and_a_retry_succeeds(
    tmp_path, where, drill_database
):
    env = {
        **os.environ,
        "DATABASE_URL": drill_database,
        "KINERJA_DATA_DIR": str(tmp_path / "data"),
        "DJANGO_SETTINGS_MODULE": "kinerja.web.settings",
    }
    assert _drill(env, "setup") == {"ready": True}

    upload = subprocess.Popen(
        [sys.executable, str(DRILL), "upload", where],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert upload.stdout is not None
    line = upload.stdout.readline()
    assert json.loads(line) == {"stopped": where}, upload.stderr.read() if upload.stderr else ""
    os.kill(upload.pid, signal.SIGKILL)
    upload.wait(timeout=30)
    assert upload.returncode == -signal.SIGKILL

    after_kill = _drill(env, "check")
    assert after_kill["values"] == []
    assert after_kill["evidence"] == []

    assert _drill(env, "upload") == {"status": 302}
    after_retry = _drill(env, "check")
    assert after_retry["values"] == ["50%"]
    [evidence] = after_retry["evidence"]
    assert evidence["exists"]
    assert after_retry["files"] == [f"{evidence['sha256'][:2]}/{evidence['sha256']}"]
