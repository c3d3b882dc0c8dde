"""`kinerja rollover`: the same action from the command line, with its refusal in Indonesian."""

from __future__ import annotations

from typing import Any

from typer.testing import CliRunner

from kinerja.agencies.models import Agency
from kinerja.cli import app
from kinerja.plans.models import PerformanceAgreement

runner = CliRunner()


def test_rollover_command_makes_the_year_then_refuses_to_make_it_again(
    office: Agency, planner: Any
) -> None:
    args = ["rollover", "--agency", office.code, "--from", "2024", "--to", "2025"]
    made = runner.invoke(app, [*args, "--user", "perencana"])
    assert made.exit_code == 0, made.output
    assert "Tahun 2025 dibuat sebagai draf" in made.stdout
    count = PerformanceAgreement.objects.filter(agency=office, year=2025).count()
    assert count == PerformanceAgreement.objects.filter(agency=office, year=2024).count()
    again = runner.invoke(app, args)
    assert again.exit_code == 2
    assert "Tahun 2025 sudah ada" in again.stderr and "Tidak ada data yang ditulis" in again.stderr
    assert PerformanceAgreement.objects.filter(agency=office, year=2025).count() == count


def test_rollover_command_names_an_unknown_office(office: Agency) -> None:
    answer = runner.invoke(app, ["rollover", "-a", "tidak-ada", "--from", "2024", "--to", "2025"])
    assert answer.exit_code == 2 and "Instansi 'tidak-ada' tidak ada" in answer.stderr
