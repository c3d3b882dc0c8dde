"""`kinerja load` and a locked year: refused, unless unlocked with a reason that is recorded.

Loading a dataset replaces an office's years. A year the leader approved is not replaced
silently: `load` refuses it, and `--unlock-reason` (with `--user`, who signs it) unlocks it,
recording a revision. The year's earlier revisions survive the load.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from typer.testing import CliRunner

from kinerja.cli import app
from kinerja.results.models import ReportingYear, Revision

EXAMPLE = Path(__file__).parents[2] / "examples" / "kpu-kota-metro-2024.yaml"
AGENCY = "kpu-kota-metro"
runner = CliRunner()
pytestmark = pytest.mark.django_db


@pytest.fixture
def locked() -> ReportingYear:
    """The example loaded, its 2024 locked by the leader, with one revision already."""
    assert runner.invoke(app, ["load", str(EXAMPLE)]).exit_code == 0
    users = get_user_model().objects
    leader = users.create_user("pimpinan")
    users.create_user("admin")
    year = ReportingYear.objects.get(agency__code=AGENCY, year=2024)
    year.locked_at, year.locked_by = timezone.now(), leader
    year.save()
    Revision.objects.create(
        reporting_year=year,
        subject="Target PK IK08",
        old_value="90%",
        new_value="95%",
        reason="Revisi PK triwulan III",
        revised_by=leader,
    )
    return year


def test_load_refuses_a_locked_year_and_writes_nothing(locked: ReportingYear) -> None:
    result = runner.invoke(app, ["load", str(EXAMPLE)])

    assert result.exit_code == 2
    assert "tahun 2024 sudah disetujui dan dikunci" in result.stderr
    assert "--unlock-reason" in result.stderr
    assert "Tidak ada data yang ditulis" in result.stderr
    year = ReportingYear.objects.get(agency__code=AGENCY, year=2024)
    assert (year.pk, year.locked_at) == (locked.pk, locked.locked_at)
    assert Revision.objects.filter(reporting_year=year).count() == 1


def test_an_unlock_reason_needs_the_user_who_gives_it(locked: ReportingYear) -> None:
    result = runner.invoke(app, ["load", str(EXAMPLE), "--unlock-reason", "Koreksi"])

    assert result.exit_code == 2
    assert "--unlock-reason perlu --user" in result.stderr
    assert ReportingYear.objects.get(pk=locked.pk).is_locked


def test_unlocking_with_a_reason_is_recorded_and_keeps_the_revisions(
    locked: ReportingYear,
) -> None:
    earlier = Revision.objects.get(reporting_year=locked)

    result = runner.invoke(
        app,
        ["load", str(EXAMPLE), "--user", "admin", "--unlock-reason", "Koreksi data BPS"],
    )

    assert result.exit_code == 0, result.output
    year = ReportingYear.objects.get(agency__code=AGENCY, year=2024)
    assert not year.is_locked
    revisions = list(Revision.objects.filter(reporting_year=year).order_by("created_at", "id"))
    assert [(r.subject, r.reason, r.revised_by.username) for r in revisions] == [
        ("Target PK IK08", "Revisi PK triwulan III", "pimpinan"),
        ("Kunci tahun dibuka untuk memuat dataset (kinerja load)", "Koreksi data BPS", "admin"),
    ]
    assert revisions[0].created_at == earlier.created_at
    assert str(revisions[1].old_value).startswith("dikunci ")


def test_an_unknown_user_is_refused(locked: ReportingYear) -> None:
    result = runner.invoke(
        app, ["load", str(EXAMPLE), "--user", "siapa", "--unlock-reason", "Koreksi"]
    )

    assert result.exit_code == 2
    assert "Pengguna 'siapa' tidak ditemukan" in result.stderr
    assert ReportingYear.objects.get(pk=locked.pk).is_locked
