"""The entry form loses no update: it carries the version it showed, like the API.

Two people who open the same card and both save: the second is told the value changed (409,
in Indonesian, with the stored value) and nothing of theirs is written over the first. Many
sessions saving at once get a saved answer or that conflict, never a 500; every accepted save
is in the history, in version order. And when the database fails during a save, nothing is
half-written, the user reads why, and saving again works.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from kinerja.results.models import Realization

THREADS, ROUNDS = 12, 10


def _client(user: Any) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _save(client: Client, world: Any, quarter: int, value: str, version: int) -> Any:
    own = world.own
    url = reverse(
        "ui:entry_save",
        args=[own.agency.code, 2024, own.unit, quarter, own.indicator.pk],
    )
    prefix = f"i{own.indicator.pk}"
    return client.post(
        url, {f"{prefix}-value": value, f"{prefix}-note": value, f"{prefix}-version": version}
    )


def _shown_version(client: Client, world: Any, quarter: int) -> int:
    """The version the entry page puts in the card's form (0 for an empty card)."""
    own = world.own
    page = client.get(reverse("ui:entry", args=[own.agency.code, 2024, own.unit, quarter]))
    assert page.status_code == 200
    item = next(i for i in page.context["items"] if i.indicator.pk == own.indicator.pk)
    return int(item.form["version"].value())


def _stored(world: Any, quarter: int) -> Realization | None:
    return Realization.objects.filter(
        reporting_year=world.own.year, indicator=world.own.indicator, quarter=quarter
    ).first()


def test_the_second_save_of_an_empty_card_is_refused_not_lost(world: Any) -> None:
    first, second = (_client(world.users[p]) for p in ("operator_a", "planner"))
    shown = [_shown_version(c, world, 1) for c in (first, second)]
    assert shown == [0, 0]

    assert _save(first, world, 1, "41%", shown[0]).status_code == 302
    answer = _save(second, world, 1, "42%", shown[1])

    assert answer.status_code == 409
    text = answer.content.decode()
    assert "telah diubah orang lain" in text and "Nilai tersimpan sekarang: 41%" in text
    stored = _stored(world, 1)
    assert stored is not None and (stored.value, stored.version) == ("41%", 1)


def test_a_save_from_a_stale_card_is_refused(world: Any) -> None:
    first, second = (_client(world.users[p]) for p in ("operator_a", "planner"))
    version = _shown_version(second, world, 3)
    assert _save(first, world, 3, "93%", version).status_code == 302

    answer = _save(second, world, 3, "94%", version)

    assert answer.status_code == 409
    stored = _stored(world, 3)
    assert stored is not None and stored.value == "93%"


def test_a_form_without_its_version_is_refused(world: Any) -> None:
    own = world.own
    url = reverse("ui:entry_save", args=[own.agency.code, 2024, own.unit, 1, own.indicator.pk])
    answer = _client(world.users["operator_a"]).post(url, {f"i{own.indicator.pk}-value": "40%"})
    assert answer.status_code == 200
    assert "Versi nilai tidak terkirim" in answer.content.decode()
    assert _stored(world, 1) is None


@pytest.mark.django_db(transaction=True)
def test_many_sessions_saving_at_once_get_no_500_and_lose_no_update(world: Any) -> None:
    """12 sessions, 15 saves each, on one card that starts empty; each save sends the version
    it last read. An accepted save must have been made on the latest value: the final version
    is the number of accepted saves and the history holds each of them, in order."""
    operator = world.users["operator_a"]
    barrier = threading.Barrier(THREADS)
    answers: list[list[tuple[int, str]]] = [[] for _ in range(THREADS)]

    def session(t: int) -> None:
        try:
            client = _client(operator)
            barrier.wait(timeout=30)
            for r in range(ROUNDS):
                stored = _stored(world, 1)
                version = 0 if stored is None else stored.version
                value = f"{t * ROUNDS + r}%"
                answers[t].append((_save(client, world, 1, value, version).status_code, value))
        finally:
            connection.close()

    threads = [threading.Thread(target=session, args=(t,)) for t in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    every = [a for per in answers for a in per]
    assert len(every) == THREADS * ROUNDS
    statuses = {code: sum(1 for c, _ in every if c == code) for code, _ in every}
    assert set(statuses) <= {302, 409}, statuses
    accepted = [value for code, value in every if code == 302]
    stored = _stored(world, 1)
    assert stored is not None and stored.version == len(accepted)
    history = list(stored.history.order_by("history_id").values_list("version", "value"))
    assert [v for v, _ in history] == list(range(1, len(accepted) + 1))
    assert sorted(value for _, value in history) == sorted(accepted)


@pytest.mark.django_db(transaction=True)
def test_database_failure_during_a_save_writes_nothing_and_the_retry_succeeds(
    world: Any,
) -> None:
    """The fault drill: the database goes away after the value's row was written but before
    its history was. The transaction rolls back whole; the user reads an Indonesian message,
    not a trace; saving the same form again works."""
    client = _client(world.users["operator_a"])
    before = _stored(world, 3)
    assert before is not None
    history = before.history.count()
    failed: list[str] = []

    def database_goes_away(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if not failed and sql.lstrip().upper().startswith("INSERT") and "historical" in sql:
            failed.append(sql)
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(database_goes_away):
        answer = _save(client, world, 3, "97%", before.version)

    assert failed, "the save never reached its history"
    assert answer.status_code == 503
    text = answer.content.decode()
    assert "basis data tidak dapat dihubungi; tidak ada yang tersimpan" in text
    assert "Traceback" not in text
    after = _stored(world, 3)
    assert after is not None
    assert (after.value, after.version, after.history.count()) == (
        before.value, before.version, history
    )  # fmt: skip

    retried = _save(client, world, 3, "97%", before.version)

    assert retried.status_code == 302
    saved = _stored(world, 3)
    assert saved is not None
    assert (saved.value, saved.version, saved.history.count()) == (
        "97%", before.version + 1, history + 1
    )  # fmt: skip


def test_a_first_save_that_loses_the_race_to_another_gets_the_conflict_not_a_500(
    world: Any,
) -> None:
    """Another first save of the same empty card lands just before ours (here: the same row
    inserted once more, right before our insert). The unique constraint refuses ours; the
    user reads the conflict, as from the API, not a 500."""
    client = _client(world.users["operator_a"])
    raced: list[str] = []

    def another_first_save(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if not raced and sql.lstrip().upper().startswith('INSERT INTO "RESULTS_REALIZATION"'):
            raced.append(sql)
            execute(sql, params, many, context)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(another_first_save):
        answer = _save(client, world, 1, "41%", 0)

    assert raced, "the save never inserted"
    assert answer.status_code == 409
    assert "telah diubah orang lain" in answer.content.decode()
