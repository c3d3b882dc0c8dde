"""Finalising the LKE while someone saves an answer loses neither: the two serialise.

Every save takes the evaluation's row first (`select_for_update`; on SQLite the whole database,
`BEGIN IMMEDIATE`) and reads the state from it; the finalisation takes the same row and refuses
when the answers changed since the evaluator's page was shown (the fingerprint). So either the
save comes first (and the finalisation is refused as stale: the change is kept, not finalised
unseen), or the finalisation comes first (and the save is refused as final). Tried with real
threads, each with its own connection, on both engines (as tests/web/test_year_lock_race.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, transaction
from django.utils import timezone

from kinerja.evaluations import finality
from kinerja.evaluations.actions import AnswerInput, save_answer
from kinerja.evaluations.models import Evaluation, EvaluationAnswer
from kinerja.results.actions import StaleVersion
from kinerja.results.models import ReportingYear

TRIES = 25
World = Any


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


def _draft_again(evaluation: Evaluation) -> None:
    Evaluation.objects.filter(pk=evaluation.pk).update(
        finalized_at=None,
        finalized_by=None,
        finalizer_name="",
        final_score=None,
        final_predicate="",
    )


@pytest.mark.django_db(transaction=True)
def test_saving_while_the_auditor_finalises_loses_neither(world: World) -> None:
    year = ReportingYear.objects.get(agency=world.own.agency, year=2024)
    evaluation = Evaluation.objects.get(reporting_year=year)
    admin, auditor = world.users["admin"], world.users["auditor"]
    outcomes = {"saved first": 0, "finalised first": 0, "both": 0, "error": 0}
    errors: list[Exception] = []
    for attempt in range(TRIES):
        _draft_again(evaluation)
        grade = "A" if attempt % 2 else "CC"  # a change of the score each time
        shown = finality.fingerprint(year)
        version = EvaluationAnswer.objects.get(evaluation=evaluation, item="1.a").version

        def save(grade: str = grade, version: int = version) -> Any:
            read = ReportingYear.objects.get(pk=year.pk)  # as a request reads it
            return save_answer(admin, read, "1.a", AnswerInput(answer=grade), version)

        def finalize(shown: str = shown) -> Any:
            read = ReportingYear.objects.get(pk=year.pk)
            return finality.finalize_lke(auditor, read, shown)

        saved, finalised = _at_once([save, finalize])

        failed = [
            a for a in (saved, finalised)
            if isinstance(a, Exception)
            and not isinstance(a, finality.LkeFinal | StaleVersion)
        ]  # fmt: skip
        errors += failed
        stored = Evaluation.objects.get(pk=evaluation.pk)
        answer = EvaluationAnswer.objects.get(evaluation=evaluation, item="1.a")
        if failed:
            outcomes["error"] += 1
        elif isinstance(saved, finality.LkeFinal):
            outcomes["finalised first"] += 1
            assert answer.version == version  # nothing written after the finalisation
        elif isinstance(finalised, StaleVersion):
            outcomes["saved first"] += 1
            assert (answer.answer, stored.is_final) == (grade, False)  # the save is kept
        else:
            outcomes["both"] += 1
        if stored.is_final:  # the stored score is the score of the stored answers
            assert stored.final_score == finality.computed_score(stored).total
    assert (outcomes["both"], errors) == (0, []), (outcomes, errors)
    assert outcomes["saved first"] + outcomes["finalised first"] == TRIES


def _wait_until_blocked(blocked: threading.Event) -> None:
    """Until the other connection waits for a lock (PostgreSQL shows it; SQLite cannot)."""
    if connection.vendor != "postgresql":
        blocked.wait(timeout=0.5)  # SQLite: the save's BEGIN IMMEDIATE waits or tries again
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
    raise AssertionError("the save never waited for the finalisation's lock")


@pytest.mark.django_db(transaction=True)
def test_a_save_waits_for_the_open_finalisation_then_sees_it_final(world: World) -> None:
    """The auditor's transaction holds the evaluation's row and has made it final, not yet
    committed; a save starts now, having read the LKE as a draft. It must wait for the row,
    then read the committed state and refuse."""
    year = ReportingYear.objects.get(agency=world.own.agency, year=2024)
    evaluation = Evaluation.objects.get(reporting_year=year)
    version = EvaluationAnswer.objects.get(evaluation=evaluation, item="1.a").version
    holding, release, done = threading.Event(), threading.Event(), threading.Event()
    outcome: list[Any] = []

    def auditor() -> None:
        try:
            with transaction.atomic():
                locked = finality.locked_evaluation(year)
                locked.finalized_at = timezone.now()
                locked.finalizer_name = "Auditor"
                locked.final_score = finality.computed_score(locked).total
                locked.final_predicate = "BB"
                locked.save()
                holding.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    def planner() -> None:
        try:
            change = AnswerInput(self_assessment="AA")
            outcome.append(save_answer(world.users["planner"], year, "1.a", change, version))
        except Exception as exc:  # judged below
            outcome.append(exc)
        finally:
            done.set()
            connection.close()

    first = threading.Thread(target=auditor)
    first.start()
    assert holding.wait(timeout=30)
    second = threading.Thread(target=planner)
    second.start()
    _wait_until_blocked(done)
    assert not done.is_set(), "the save did not wait for the evaluation's row"
    release.set()
    first.join(timeout=30)
    second.join(timeout=60)

    assert len(outcome) == 1 and isinstance(outcome[0], finality.LkeFinal), outcome
    answer = EvaluationAnswer.objects.get(evaluation=evaluation, item="1.a")
    assert (answer.version, answer.self_assessment) == (version, "BB")
