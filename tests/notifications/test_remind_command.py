"""`kinerja remind`: H-7, H-3 and H-1 before a quarter's deadline, each reminder exactly once.

KPU Kota Metro 2024's first-quarter deadline is 10 April 2024. The operator of Hukum dan SDM has
every card of the quarter unfilled (the example's values removed); a second operator of the unit
turned email off.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from typer.testing import CliRunner

from kinerja.accounts.models import Membership
from kinerja.agencies.datasets import import_dataset
from kinerja.agencies.models import WorkUnit
from kinerja.cli import app
from kinerja.dataset.yamlio import read_yaml
from kinerja.notifications.models import EmailSetting, Notification
from kinerja.results.duties import owed
from kinerja.results.models import Realization, ReportingYear

EXAMPLE = Path(__file__).parents[2] / "examples" / "kpu-kota-metro-2024.yaml"
runner = CliRunner()
pytestmark = pytest.mark.django_db


@pytest.fixture
def office() -> ReportingYear:
    agency = import_dataset(read_yaml(EXAMPLE))
    users = get_user_model()
    operator = users.objects.create_user("operator", email="operator@kpu.example")
    quiet = users.objects.create_user("operator2", email="op2@kpu.example")
    EmailSetting.objects.create(user=quiet, enabled=False)
    for user in (operator, quiet):
        Membership.objects.create(
            user=user, agency=agency, role="operator", work_unit_code="hukum-sdm"
        )
    year = ReportingYear.objects.get(agency=agency, year=2024)
    Realization.objects.filter(
        reporting_year=year, quarter=1, indicator__work_unit__code="hukum-sdm"
    ).delete()
    return year


@pytest.fixture
def remind(django_capture_on_commit_callbacks: Any) -> Callable[..., dict]:
    """`kinerja remind --today DAY --json`, with the emails that leave after the commit."""

    def run(day: str, *extra: str) -> dict:
        with django_capture_on_commit_callbacks(execute=True):
            result = runner.invoke(app, ["remind", "--today", day, "--json", *extra])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    return run


def fresh(answer: dict) -> list[tuple[str, int, int]]:
    return sorted(
        (r["user"], r["quarter"], r["days_before"]) for r in answer["reminders"] if r["new"]
    )


def test_each_reminder_is_sent_exactly_once(
    office: ReportingYear, remind: Callable[..., dict]
) -> None:
    unit = WorkUnit.objects.get(agency=office.agency, code="hukum-sdm")
    hukum = [o for o in owed(office, {unit.pk}) if o.quarter == 1]
    assert len(hukum) == 1 and len(hukum[0].unfilled) == hukum[0].total > 0
    assert remind("2024-04-02")["reminders"] == []  # H-8: nothing
    assert Notification.objects.count() == 0

    h7 = remind("2024-04-03")
    assert fresh(h7) == [("operator", 1, 7), ("operator2", 1, 7)]
    assert h7["reminders"][0]["due"] == "2024-04-10"
    assert h7["reminders"][0]["unfilled"] == hukum[0].total
    assert len(mail.outbox) == 1  # operator2 turned email off; the app still has theirs
    assert mail.outbox[0].to == ["operator@kpu.example"]
    assert "H-7" in mail.outbox[0].subject and "10 April 2024" in mail.outbox[0].body

    again = remind("2024-04-03")  # the same day, twice: nothing new
    assert fresh(again) == [] and len(again["reminders"]) == 2
    assert len(mail.outbox) == 1

    assert fresh(remind("2024-04-07")) == [("operator", 1, 3), ("operator2", 1, 3)]
    assert remind("2024-04-08")["reminders"] == []  # H-2: no reminder
    assert fresh(remind("2024-04-09")) == [("operator", 1, 1), ("operator2", 1, 1)]
    assert fresh(remind("2024-04-09")) == []
    keys = list(
        Notification.objects.filter(user__username="operator").values_list("key", flat=True)
    )
    assert len(keys) == len(set(keys)) == 3
    assert len(mail.outbox) == 3


def test_dry_run_sends_nothing_and_says_what_it_would(
    office: ReportingYear, remind: Callable[..., dict]
) -> None:
    answer = remind("2024-04-03", "--dry-run")
    assert answer["dry_run"] is True
    assert fresh(answer) == [("operator", 1, 7), ("operator2", 1, 7)]
    assert Notification.objects.count() == 0 and mail.outbox == []
    assert fresh(remind("2024-04-03")) == [("operator", 1, 7), ("operator2", 1, 7)]


def test_a_filled_quarter_or_a_locked_year_gets_no_reminder(
    office: ReportingYear, remind: Callable[..., dict]
) -> None:
    from django.utils import timezone

    office.locked_at = timezone.now()
    office.save()
    assert remind("2024-04-03")["reminders"] == []


def test_the_text_output_counts_what_was_sent(
    office: ReportingYear, remind: Callable[..., dict]
) -> None:
    result = runner.invoke(app, ["remind", "--today", "2024-04-03"])
    assert result.exit_code == 0, result.output
    assert "Pengingat 3 April 2024: 2 dikirim." in result.stdout
    assert "tenggat 10 April 2024" in result.stdout


def test_a_bad_date_is_named(office: ReportingYear, remind: Callable[..., dict]) -> None:
    result = runner.invoke(app, ["remind", "--today", "3-4-2024"])
    assert result.exit_code == 2
    assert "--today" in result.stderr
