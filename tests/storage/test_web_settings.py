"""The settings module reads the deployment from the environment, and refuses to run unsafely."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SHOW = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps({'db': s.DATABASES['default'], 'hosts': s.ALLOWED_HOSTS, "
    "'debug': s.DEBUG, 'secure': s.SESSION_COOKIE_SECURE, 'key': s.SECRET_KEY}, default=str))"
)


def run_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Load the settings in a fresh interpreter with only the given Kinerja variables set."""
    clean = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("KINERJA_") and name not in {"PYTEST_VERSION", "DATABASE_URL"}
    }
    clean.update(DJANGO_SETTINGS_MODULE="kinerja.web.settings", XDG_DATA_HOME=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "-c", SHOW], env=clean, capture_output=True, text=True, check=False
    )


def loaded(tmp_path: Path, **env: str) -> dict[str, object]:
    completed = run_settings(tmp_path, **env)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def test_production_without_a_secret_key_refuses_to_start(tmp_path: Path) -> None:
    completed = run_settings(tmp_path)

    assert completed.returncode != 0
    assert "ImproperlyConfigured" in completed.stderr
    assert "KINERJA_SECRET_KEY belum diisi" in completed.stderr


def test_production_reads_key_hosts_and_database_from_the_environment(tmp_path: Path) -> None:
    settings = loaded(
        tmp_path,
        KINERJA_SECRET_KEY="k" * 50,
        KINERJA_ALLOWED_HOSTS="kinerja.kpu.go.id, www.kinerja.kpu.go.id",
        DATABASE_URL="postgres://kinerja@db.internal:5432/kinerja",
    )

    assert settings["key"] == "k" * 50
    assert settings["debug"] is False
    assert settings["secure"] is True
    assert settings["hosts"] == ["kinerja.kpu.go.id", "www.kinerja.kpu.go.id"]
    db = settings["db"]
    assert isinstance(db, dict)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["NAME"]) == ("db.internal", "kinerja")


def test_debug_runs_with_a_development_key_on_sqlite_in_the_data_folder(tmp_path: Path) -> None:
    settings = loaded(tmp_path, KINERJA_DEBUG="1")

    assert settings["debug"] is True
    assert str(settings["key"]).startswith("django-insecure-")
    assert settings["secure"] is False
    db = settings["db"]
    assert isinstance(db, dict)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "kinerja" / "kinerja.sqlite3")
    assert (tmp_path / "kinerja").is_dir()


@pytest.mark.parametrize(("value", "secure"), [("0", False), ("1", True)])
def test_secure_cookies_can_be_switched(tmp_path: Path, value: str, secure: bool) -> None:
    settings = loaded(tmp_path, KINERJA_SECRET_KEY="k" * 50, KINERJA_SECURE_COOKIES=value)

    assert settings["secure"] is secure
