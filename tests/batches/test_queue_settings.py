"""The queue backend is a setting: `KINERJA_TASKS_BACKEND` names it, and the settings derive what
the RQ backend needs; `kinerja worker` starts the backend's worker or says why it cannot."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import json
import kinerja.web.settings as s
print(json.dumps({
    "backend": s.TASKS["default"]["BACKEND"],
    "queues": s.TASKS["default"]["QUEUES"],
    "rq_app": "django_rq" in s.INSTALLED_APPS,
    "rq_queues": getattr(s, "RQ_QUEUES", None),
}))
"""


def _settings(**environment: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_TASKS")}
    env.pop("KINERJA_REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={**env, **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_database_queue_is_the_default():
    assert _settings() == {
        "backend": "django_tasks_db.DatabaseBackend",
        "queues": ["default"],
        "rq_app": False,
        "rq_queues": None,
    }


def test_rq_names_the_rq_backend_its_app_and_its_redis():
    assert _settings(
        KINERJA_TASKS_BACKEND="rq",
        KINERJA_REDIS_URL="redis://10.0.0.5:6380/2",
        KINERJA_TASKS_QUEUE="kinerja-metro",
    ) == {
        "backend": "django_tasks_rq.RQBackend",
        "queues": ["kinerja-metro"],
        "rq_app": True,
        "rq_queues": {"kinerja-metro": {"URL": "redis://10.0.0.5:6380/2", "DEFAULT_TIMEOUT": 1800}},
    }


def test_a_dotted_path_is_still_accepted():
    assert _settings(KINERJA_TASKS_BACKEND="django_tasks_db.DatabaseBackend")["backend"] == (
        "django_tasks_db.DatabaseBackend"
    )


def test_kinerja_worker_refuses_a_backend_without_workers_in_indonesian(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "kinerja", "worker", "--until-empty"],
        env={
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'k.sqlite3'}",
            "KINERJA_DATA_DIR": str(tmp_path),
            "KINERJA_TASKS_BACKEND": "immediate",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "tidak punya pekerja terpisah" in done.stderr + done.stdout
