"""Two `kinerja worker` processes share one queue of documents: each document is made exactly
once, even though every task was queued twice, and the batch is archived once.

Runs on the engine of the suite (on PostgreSQL the workers take tasks with SKIP LOCKED), in a
database of its own, because the workers are separate processes; once on each queue backend: the
database's (django-tasks-db) and RQ's (django-tasks-rq, real RQ workers against the Redis at
127.0.0.1:6379 or KINERJA_TEST_REDIS_URL, on a queue of the test's own, removed afterwards)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pytest

HERE = Path(__file__).parent
DRILL = HERE / "worker_drill.py"
OFFICES = 6


def _drill(env: dict[str, str], *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, str(DRILL), *args], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["db", "rq"])
def test_two_workers_make_each_document_exactly_once(tmp_path, drill_database, backend):
    env = {
        **os.environ,
        "DATABASE_URL": drill_database,
        "KINERJA_DATA_DIR": str(tmp_path / "data"),
        "KINERJA_TASKS_BACKEND": backend,
        "KINERJA_TASKS_QUEUE": f"kinerja-drill-{uuid.uuid4().hex[:12]}",
        "KINERJA_REDIS_URL": os.environ.get("KINERJA_TEST_REDIS_URL", "redis://127.0.0.1:6379/0"),
        "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
    }
    try:
        _make_twice_and_check(env, tmp_path)
    finally:
        _drill(env, "drop")


def _make_twice_and_check(env: dict[str, str], tmp_path: Path) -> None:
    assert _drill(env, "setup", str(OFFICES)) == {"offices": OFFICES}
    assert _drill(env, "start") == {"queued": 2 * OFFICES}

    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "kinerja", "worker", "--until-empty", "--interval", "0.1"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for worker in workers:
        _, errors = worker.communicate(timeout=600)
        assert worker.returncode == 0, errors

    facts = _drill(env, "check")
    assert [(d["state"], d["attempts"]) for d in facts["documents"]] == [("done", 1)] * OFFICES
    assert facts["outcomes"] == {"done": OFFICES, "skipped": OFFICES}
    assert facts["statuses"] == {"SUCCESSFUL": 2 * OFFICES}
    assert facts["finished"] is True
    made = sorted(p.name for p in (tmp_path / "data" / "batches").rglob("*.pdf"))
    assert made == [f"kpu-kota-{n:02d}-lkj-2024.pdf" for n in range(OFFICES)]


@pytest.mark.slow
def test_kinerja_report_subtree_starts_its_own_workers_and_stops_them(tmp_path, drill_database):
    env = {
        **os.environ,
        "DATABASE_URL": drill_database,
        "KINERJA_DATA_DIR": str(tmp_path / "data"),
        "KINERJA_TASKS_BACKEND": "db",
        "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
    }
    assert _drill(env, "setup", "3") == {"offices": 3}
    command = [sys.executable, "-m", "kinerja", "report", "--subtree", "kpu-provinsi-contoh"]

    # Refused before anything is queued: the workers, already started, are told to stop.
    refused = subprocess.run(
        [*command, "--year", "2023", "-o", str(tmp_path / "none"), "--workers", "2"],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert refused.returncode != 0
    assert "Tidak ada instansi dengan data tahun 2023" in refused.stderr + refused.stdout

    done = subprocess.run(
        [*command, "--year", "2024", "-o", str(tmp_path / "lkj"), "--workers", "2"],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "3 dari 3 dokumen dibuat" in done.stdout
    names = [f"kpu-kota-{n:02d}-lkj-2024.pdf" for n in range(3)]
    assert sorted(p.name for p in (tmp_path / "lkj").iterdir()) == [
        *names,
        "lkj-2024-kpu-provinsi-contoh.zip",
    ]
    with zipfile.ZipFile(tmp_path / "lkj" / "lkj-2024-kpu-provinsi-contoh.zip") as archive:
        assert archive.namelist() == names
        for name in names:
            assert archive.read(name) == (tmp_path / "lkj" / name).read_bytes()
            assert archive.read(name).startswith(b"%PDF")
    facts = _drill(env, "check")
    assert [(d["state"], d["attempts"]) for d in facts["documents"]] == [("done", 1)] * 3
