"""A locked year never holds an unverified value: the lock and every write to the year serialise.

Every write path takes the year's row (`select_for_update`) first and reads the year's state
from that locked row. The leader's approval takes the same row, so an operator's save and the
approval run one after the other: either the save comes first (and the approval is refused,
the year having changed), or the approval comes first (and the save is refused, the year being
locked). Tried here with real threads, each with its own database connection.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, transaction
from django.utils import timezone

from kinerja.results import actions
from kinerja.results.models import Realization, ReportingYear

TRIES = 40
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _at_once(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls in threads with their own connections, released together."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[i] = calls[i]()
        except Exception as exc:  # kept and judged by the test
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def _violations(year: ReportingYear) -> int:
    """1 when the year is locked while holding a value that is not verified."""
    year.refresh_from_db()
    pending = Realization.objects.filter(reporting_year=year).exclude(status="verified").count()
    return int(year.is_locked and pending > 0)


@pytest.mark.django_db(transaction=True)
def test_saving_while_the_leader_locks_never_leaves_a_draft_in_a_locked_year(
    world: Any, readiness_waived: None
) -> None:
    year, indicator, users = world.own.year, world.own.indicator, world.users
    outcomes: dict[str, int] = {"saved first": 0, "locked first": 0, "both": 0, "error": 0}
    violations, errors = 0, []
    for _ in range(TRIES):
        ReportingYear.objects.filter(pk=year.pk).update(locked_at=None, locked_by=None)
        Realization.objects.filter(reporting_year=year).delete()
        fingerprint = actions.year_fingerprint(year)

        def save() -> Any:
            shown = ReportingYear.objects.get(pk=year.pk)  # as a request reads it
            return actions.save_realization(users["operator_a"], shown, indicator, 1, "50%")

        def lock(fingerprint: str = fingerprint) -> Any:
            shown = ReportingYear.objects.get(pk=year.pk)
            return actions.lock_year(users["leader"], shown, fingerprint)

        saved, locked = _at_once([save, lock])

        failed = [
            a for a in (saved, locked)
            if isinstance(a, Exception) and not isinstance(a, actions.WorkflowError)
        ]  # fmt: skip
        errors += failed
        if failed:
            outcomes["error"] += 1
        elif isinstance(saved, actions.YearLocked):
            outcomes["locked first"] += 1
        elif isinstance(locked, actions.WorkflowError):
            outcomes["saved first"] += 1
        else:
            outcomes["both"] += 1
        violations += _violations(year)
    assert (violations, outcomes["both"], errors) == (0, 0, []), (violations, outcomes, errors)
    assert outcomes["saved first"] + outcomes["locked first"] == TRIES


def test_the_year_state_is_read_after_the_year_row_is_locked(world: Any, monkeypatch) -> None:
    """The leader's lock commits while the save waits for the year's row: the save must see it.

    The wrapper stands for that moment: when the save asks for the row lock, the year gets
    locked first. A save that had read the state before asking would write a draft.
    """
    own = world.own
    take = actions.locked_year

    def leader_commits_first(pk: int) -> ReportingYear:
        ReportingYear.objects.filter(pk=pk).update(locked_at=timezone.now())
        return take(pk)

    monkeypatch.setattr(actions, "locked_year", leader_commits_first)
    shown = ReportingYear.objects.get(pk=own.year.pk)
    assert not shown.is_locked

    with pytest.raises(actions.YearLocked):
        actions.save_realization(world.users["operator_a"], shown, own.indicator, 1, "50%")
    assert not Realization.objects.filter(reporting_year=own.year, quarter=1).exists()


@pytest.mark.parametrize("step", ["submit", "verify", "return", "evidence"])
def test_every_step_of_the_year_reads_the_lock_from_the_database(world: Any, step: str) -> None:
    """A step handed a year object read before the leader locked it is refused all the same."""
    own = world.own
    z = Realization.objects.get(
        pk=(own.draft if step in ("submit", "evidence") else own.submitted).pk
    )
    z.reporting_year  # read now, as the page was  # noqa: B018
    ReportingYear.objects.filter(pk=own.year.pk).update(locked_at=timezone.now())
    before = (z.status, z.version)

    with pytest.raises((actions.YearLocked, actions.PermissionDenied)):
        if step == "submit":
            actions.submit_realization(world.users["operator_a"], z, z.version)
        elif step == "verify":
            actions.verify_realization(world.users["planner"], z, z.version)
        elif step == "return":
            actions.return_realization(world.users["planner"], z, z.version, "Kurang")
        else:
            upload = io.BytesIO(PDF)
            actions.add_evidence(world.users["operator_a"], z, upload, len(PDF), "bukti.pdf")
    z.refresh_from_db()
    assert (z.status, z.version) == before


def _wait_until_blocked(blocked: threading.Event) -> None:
    """Until the other connection waits for a lock (PostgreSQL shows it; SQLite cannot)."""
    if connection.vendor != "postgresql":
        blocked.wait(timeout=0.5)  # SQLite: the save's BEGIN IMMEDIATE waits in its busy handler
        return
    with connection.cursor() as cursor:
        for _ in range(2000):
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return
            blocked.wait(timeout=0.01)
    raise AssertionError("the save never waited for the leader's lock on the year")


@pytest.mark.django_db(transaction=True)
def test_a_save_waits_for_the_leaders_open_transaction_then_sees_the_lock(world: Any) -> None:
    """The leader's transaction holds the year's row and has locked the year, not yet
    committed; the operator's save starts now, with the year read as open. The save must wait
    for the row, then read the committed lock and refuse. (A save that checked the state
    before taking the row would have read "open" and written a draft into the locked year.)"""
    own, users = world.own, world.users
    Realization.objects.filter(reporting_year=own.year).delete()
    shown = ReportingYear.objects.get(pk=own.year.pk)
    holding, release, done = threading.Event(), threading.Event(), threading.Event()
    outcome: list[Any] = []

    def leader() -> None:
        try:
            with transaction.atomic():
                year = actions.locked_year(own.year.pk)
                year.locked_at = timezone.now()
                year.save()
                holding.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    def operator() -> None:
        try:
            outcome.append(
                actions.save_realization(users["operator_a"], shown, own.indicator, 1, "50%")
            )
        except Exception as exc:  # judged below
            outcome.append(exc)
        finally:
            done.set()
            connection.close()

    first = threading.Thread(target=leader)
    first.start()
    assert holding.wait(timeout=30)
    second = threading.Thread(target=operator)
    second.start()
    _wait_until_blocked(done)
    assert not done.is_set(), "the save did not wait for the year's row"
    release.set()
    first.join(timeout=30)
    second.join(timeout=30)

    assert len(outcome) == 1 and isinstance(outcome[0], actions.YearLocked), outcome
    assert not Realization.objects.filter(reporting_year=own.year).exists()
