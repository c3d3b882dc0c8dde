"""Deployments for the backup drills: throwaway databases, and `kinerja` run as its own process.

A drill restores into a database the test suite does not use: a temporary SQLite file, or a
PostgreSQL database made for the test and dropped after it (on the server named by
`KINERJA_TEST_POSTGRES`, by default the local one). PostgreSQL must be reachable: a drill that
cannot reach it fails.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

SERVER = os.environ.get("KINERJA_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
KINERJA = [sys.executable, "-c", "from kinerja.entry import main; main()"]

# Runs `kinerja` with one function wrapped: once it has been called `after` times, it writes the
# marker file and sleeps, so that the test can kill the process at that exact point.
PAUSING_DRIVER = """
import importlib, pathlib, sys, time
owner_path, name, after, marker, *args = sys.argv[1:]
module_name, _, class_name = owner_path.partition(":")
owner = importlib.import_module(module_name)
if class_name:
    owner = getattr(owner, class_name)
original = getattr(owner, name)
calls = []
def paused(*a, **k):
    result = original(*a, **k)
    calls.append(1)
    if len(calls) >= int(after):
        pathlib.Path(marker).write_text("bereit")
        time.sleep(600)
    return result
setattr(owner, name, paused)
sys.argv = ["kinerja", *args]
from kinerja.entry import main
main()
"""


@dataclass
class Deployment:
    """A database and a data folder, used only through `kinerja` processes."""

    url: str
    data_dir: Path

    @property
    def evidence_dir(self) -> Path:
        return self.data_dir / "evidence"

    def env(self) -> dict[str, str]:
        return {**os.environ, "DATABASE_URL": self.url, "KINERJA_DATA_DIR": str(self.data_dir)}

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [*KINERJA, *args], env=self.env(), capture_output=True, text=True, timeout=600
        )
        if check:
            assert done.returncode == 0, done.stdout + done.stderr
        return done

    def python(self, code: str, *args: str) -> str:
        """Run Python with Django set up for this deployment; returns what it printed."""
        prelude = "from kinerja.cli.sources import setup_django\nsetup_django()\n"
        done = subprocess.run(
            [sys.executable, "-c", prelude + code, *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def stored_rows(self) -> int:
        """How many rows the tables a backup holds have (0 in an empty deployment)."""
        return int(
            self.python(
                "from kinerja.backups.tables import backed_up_models\n"
                "print(sum(m._base_manager.count() for m in backed_up_models()))\n"
            )
        )

    def killed_during(self, owner: str, name: str, after: int, *args: str) -> None:
        """Run `kinerja ARGS` and SIGKILL it once `owner.name` has been called `after` times."""
        marker = self.data_dir / f"marker-{uuid.uuid4().hex}"
        process = subprocess.Popen(
            [sys.executable, "-c", PAUSING_DRIVER, owner, name, str(after), str(marker), *args],
            env=self.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 300
            while not marker.exists():
                if process.poll() is not None:
                    out, err = process.communicate()
                    pytest.fail(f"the process ended before the pause point: {out}{err}")
                if time.monotonic() > deadline:
                    pytest.fail("the process never reached the pause point")
                time.sleep(0.05)
            os.kill(process.pid, signal.SIGKILL)
        finally:
            process.wait(timeout=60)
        assert process.returncode == -signal.SIGKILL
        marker.unlink()


def _postgres_database() -> Iterator[str]:
    import psycopg

    name = f"kinerja_drill_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield SERVER.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(SERVER, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _deployment(engine: str, folder: Path) -> Iterator[Deployment]:
    folder.mkdir(parents=True)
    if engine == "sqlite":
        yield Deployment(f"sqlite:///{folder / 'kinerja.sqlite3'}", folder)
    else:
        for url in _postgres_database():
            yield Deployment(url, folder)


@pytest.fixture
def suite_engine(db: None) -> str:
    from django.db import connection

    return connection.vendor


@pytest.fixture
def other_engine_deployment(suite_engine: str, tmp_path: Path) -> Iterator[Deployment]:
    """An empty deployment on the engine the suite does not run on."""
    other = "postgresql" if suite_engine == "sqlite" else "sqlite"
    yield from _deployment(other, tmp_path / "other")


@pytest.fixture
def same_engine_deployment(suite_engine: str, tmp_path: Path) -> Iterator[Deployment]:
    """An empty deployment on the engine the suite runs on (but not the suite's database)."""
    yield from _deployment(suite_engine, tmp_path / "same")


# --- a year that has been through every step of the workflow --------------------------------------

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kpu-kota-metro-2024.yaml"
OFFICE = "kpu-kota-metro"
PASSWORD = "kata-sandi-pemulihan-4821"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(64))


@dataclass
class DrillYear:
    """What the drill built, and what it must find again after a restore."""

    token: str
    revoked_token: str
    token_pks: list[int]
    files: dict[str, str]  # SHA-256 -> content type


@pytest.fixture
def drill_year(db: None, settings: Any, tmp_path: Path, readiness_waived: None) -> DrillYear:
    """KPU Kota Metro with drafts, submissions, a return, verifications, a locked year with a
    revision, evidence files, an active and a revoked API token, and the history of all of it."""
    import hashlib
    import io

    from django.contrib.auth import get_user_model

    from kinerja.accounts.models import Membership
    from kinerja.agencies.datasets import import_dataset
    from kinerja.api.actions import create_token, revoke_token
    from kinerja.dataset.yamlio import read_yaml
    from kinerja.plans.models import Indicator
    from kinerja.results import actions
    from kinerja.results.models import ReportingYear

    settings.DATA_DIR = tmp_path / "source"
    settings.EVIDENCE_DIR = tmp_path / "source" / "evidence"
    agency = import_dataset(read_yaml(EXAMPLE))
    users = get_user_model().objects
    planner = users.create_user("perencana", password=PASSWORD, first_name="Perencana")
    operator = users.create_user("operator", password=None, first_name="Operator")
    leader = users.create_user("pimpinan", password=None, first_name="Pimpinan")
    for user, role, unit in (
        (planner, "planner", None),
        (operator, "operator", "hukum-sdm"),
        (leader, "leader", None),
    ):
        Membership.objects.create(user=user, agency=agency, role=role, work_unit_code=unit)
    indicator = Indicator.objects.get(objective__plan__agency=agency, code="IK08")
    year = ReportingYear.objects.get(agency=agency, year=2024)

    def entered(quarter: int, value: str, evidence: bytes | None = None) -> Any:
        saved = actions.save_realization(operator, year, indicator, quarter, value, "catatan")
        if evidence is not None:
            actions.add_evidence(operator, saved, io.BytesIO(evidence), len(evidence), "bukti")
            saved.refresh_from_db()
        return saved

    entered(1, "25%")  # stays a draft
    verified = entered(2, "50%", PDF)
    actions.submit_realization(operator, verified, verified.version)
    verified.refresh_from_db()
    actions.verify_realization(planner, verified, verified.version)
    returned = entered(3, "70%", PNG)
    actions.submit_realization(operator, returned, returned.version)
    returned.refresh_from_db()
    actions.return_realization(planner, returned, returned.version, "Bukti belum lengkap")
    submitted = entered(4, "90%", PDF)
    actions.submit_realization(operator, submitted, submitted.version)

    old = ReportingYear.objects.get(agency=agency, year=2023)
    value = actions.save_realization(operator, old, indicator, 4, "88%")
    actions.submit_realization(operator, value, value.version)
    value.refresh_from_db()
    actions.verify_realization(planner, value, value.version)
    actions.lock_year(leader, old, actions.year_fingerprint(old))
    value.refresh_from_db()
    actions.revise_locked_value(planner, value, "89%", "Salah ketik pada laporan triwulan")

    # A permission and an admin log entry: rows that point at content types and permissions.
    from django.contrib.admin.models import ADDITION, LogEntry
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    planner.user_permissions.add(Permission.objects.get(codename="view_agency"))
    LogEntry.objects.create(
        user=planner,
        content_type=ContentType.objects.get_for_model(agency),
        object_id=str(agency.pk),
        object_repr=agency.name,
        action_flag=ADDITION,
        change_message="[]",
    )

    token, raw = create_token(planner, "integrasi")
    old_token, revoked_raw = create_token(operator, "lama")
    revoke_token(old_token)
    return DrillYear(
        token=raw,
        revoked_token=revoked_raw,
        token_pks=[token.pk, old_token.pk],
        files={
            hashlib.sha256(PDF).hexdigest(): "application/pdf",
            hashlib.sha256(PNG).hexdigest(): "image/png",
        },
    )
