"""Optimistic concurrency: a write carries the version it read; a stale write gets 409 with the
current value, and of two simultaneous writers exactly one wins, on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from api_helpers import ApiClient, personas
from django.db import connection

from kinerja.agencies.datasets import import_dataset
from kinerja.api.actions import create_token
from kinerja.plans.models import Indicator
from kinerja.results import actions
from kinerja.results.actions import save_realization
from kinerja.results.models import Realization, ReportingYear


def test_a_stale_version_gets_409_with_the_current_value(world: Any, api_as: Any) -> None:
    draft = world.own.draft
    first, second = api_as("operator_a"), api_as("planner")
    assert (
        first.put(
            f"/realizations/{draft.pk}", {"value": "91%", "version": draft.version}
        ).status_code
        == 200
    )

    stale = second.put(f"/realizations/{draft.pk}", {"value": "92%", "version": draft.version})

    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["code"] == "conflict"
    assert "diubah orang lain" in error["message"]
    assert error["details"]["current"]["value"] == "91%"
    assert error["details"]["current"]["version"] == draft.version + 1
    draft.refresh_from_db()
    assert (draft.value, draft.version) == ("91%", error["details"]["current"]["version"])


def test_a_stale_submit_gets_409(world: Any, api_as: Any) -> None:
    draft = world.own.draft
    client = api_as("operator_a")
    client.put(f"/realizations/{draft.pk}", {"value": "91%", "version": draft.version})
    response = client.post(f"/realizations/{draft.pk}/submit", {"version": draft.version})
    assert response.status_code == 409
    assert response.json()["error"]["details"]["current"]["status"] == "draft"


def test_entering_a_quarter_that_exists_gets_409_with_its_value(world: Any, api_as: Any) -> None:
    own = world.own
    response = api_as("operator_a").post(
        "/realizations",
        {"office": own.agency.code, "year": 2024, "indicator": own.indicator.code,
         "quarter": 3, "value": "10%"},
    )  # fmt: skip
    assert response.status_code == 409
    assert response.json()["error"]["details"]["current"]["id"] == own.draft.pk
    own.draft.refresh_from_db()
    assert own.draft.value == "90%"


# --- two writers at the same moment ---------------------------------------------------------


def _both_at_once(calls: list[Any]) -> list[Any]:
    """Run the calls in threads (each with its own database connection), released together."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[i] = calls[i]()
        except Exception as exc:  # reported below, with the thread's own error
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


@pytest.fixture
def shared_draft(transactional_db: None, evidence_dir: Any) -> tuple[Realization, list[ApiClient]]:
    """A committed draft and two operators of its unit, each with a token (warmed up)."""
    agency = import_dataset(personas.dataset(personas.MINIMAL))
    year = ReportingYear.objects.get(agency=agency, year=2024)
    indicator = Indicator.objects.get(objective__plan__agency=agency, code="IK01")
    clients = []
    for name in ("operator_1", "operator_2"):
        user = personas.make_user(name, "operator", agency, "pdi")
        clients.append(ApiClient(create_token(user, "uji")[1]))
    draft = save_realization(user, year, indicator, 2, "50%")
    for client in clients:  # first use writes last_used_at; keep that out of the race
        assert client.get(f"/realizations/{draft.pk}").status_code == 200
    return draft, clients


@pytest.fixture(params=["as_fast_as_they_come", "with_a_slow_save"])
def pace(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Second round: each save waits inside its transaction, so the two surely overlap."""
    if request.param == "with_a_slow_save":
        saved = actions._saved

        def slow(*args: Any, **kwargs: Any) -> None:
            time.sleep(0.3)
            saved(*args, **kwargs)

        monkeypatch.setattr(actions, "_saved", slow)
    return request.param


def test_two_operators_writing_at_once_one_wins_one_gets_409(
    pace: str, shared_draft: tuple[Realization, list[ApiClient]]
) -> None:
    draft, clients = shared_draft
    values = ("61%", "62%")
    calls = [
        lambda c=client, v=value: c.put(
            f"/realizations/{draft.pk}", {"value": v, "version": draft.version, "note": v}
        )
        for client, value in zip(clients, values, strict=True)
    ]

    answers = _both_at_once(calls)

    assert not [a for a in answers if isinstance(a, Exception)], answers
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200, 409], [a.json() for a in answers]
    winner = next(a for a in answers if a.status_code == 200).json()
    loser = next(a for a in answers if a.status_code == 409).json()["error"]
    stored = Realization.objects.get(pk=draft.pk)
    # Never a mix of the two writes, never a loss: the value and note are the winner's.
    assert stored.value in values and stored.value == winner["value"]
    assert stored.note == stored.value
    assert stored.version == draft.version + 1 == winner["version"]
    assert loser["details"]["current"]["value"] == stored.value
    assert loser["details"]["current"]["version"] == stored.version
    assert stored.history.count() == 2, "one history record for the draft, one for the winner"


def test_two_operators_entering_the_same_quarter_at_once_one_gets_409(
    pace: str, shared_draft: tuple[Realization, list[ApiClient]]
) -> None:
    draft, clients = shared_draft
    office = draft.reporting_year.agency.code
    body = {"office": office, "year": 2024, "indicator": "IK01", "quarter": 1}
    calls = [
        lambda c=client, v=value: c.post("/realizations", {**body, "value": v})
        for client, value in zip(clients, ("11%", "12%"), strict=True)
    ]

    answers = _both_at_once(calls)

    assert not [a for a in answers if isinstance(a, Exception)], answers
    assert sorted(a.status_code for a in answers) == [201, 409], [a.json() for a in answers]
    stored = Realization.objects.filter(
        indicator__code="IK01", quarter=1, reporting_year__year=2024
    )
    assert stored.count() == 1
    assert stored.get().value == next(a for a in answers if a.status_code == 201).json()["value"]
