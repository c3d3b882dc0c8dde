"""The office's profile in the API (`/offices/{code}/profile`): the web page's action as JSON.

Read by whoever sees the office; written by its planners at the version read (409 with the
current profile when stale), checked by the dataset's rules (422 with the messages by field),
refused to the leader and the auditor (403) and outside the office (404); of two planners writing
at the same moment from the same version one wins and the other gets 409 (SQLite and PostgreSQL).
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from api_helpers import ApiClient, personas
from test_api_concurrency import _both_at_once

from kinerja.agencies import profile
from kinerja.agencies.datasets import import_dataset
from kinerja.agencies.models import Agency
from kinerja.agencies.profile import CHANGED, profile_version
from kinerja.api.actions import create_token

World = Any


def _path(world: World, which: str = "own") -> str:
    return f"/offices/{getattr(world, which).agency.code}/profile"


def test_the_profile_is_read_with_its_version(world: World, api_as: Any) -> None:
    answer = api_as("viewer").get(_path(world))
    assert answer.status_code == 200
    body = answer.json()
    assert body["office"] == "kpu-kota-metro"
    assert body["version"] == profile_version(world.own.agency)
    assert body["data"]["head"] == {"name": "Erzal Syahreza Aswir", "position": "Ketua"}
    assert body["data"]["signing_place"] == "Metro" and body["data"]["people"] == []


def test_a_planner_changes_fields_and_the_others_stay(world: World, api_as: Any) -> None:
    client = api_as("planner")
    version = client.get(_path(world)).json()["version"]
    secretary = {"name": "Sri Lestari", "position": "Sekretaris", "nip": "197502032000032002"}
    answer = client.put(_path(world), {"version": version, "data": {"secretary": secretary}})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["data"]["secretary"] == secretary
    assert body["data"]["head"]["name"] == "Erzal Syahreza Aswir"
    assert body["version"] != version and body["kept_years"] == [2023]
    assert Agency.objects.get(code="kpu-kota-metro").secretary == secretary

    stale = client.put(_path(world), {"version": version, "data": {"city": "Kota Metro"}})
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["message"] == CHANGED
    assert error["details"]["current"]["data"]["secretary"] == secretary
    assert Agency.objects.get(code="kpu-kota-metro").city == "Metro"


def test_bad_fields_answer_422_by_field(world: World, api_as: Any) -> None:
    client = api_as("planner")
    version = client.get(_path(world)).json()["version"]
    body = {"version": version, "data": {"head": {"name": "A", "nip": "12x"}, "nama": "B"}}
    answer = client.put(_path(world), body)
    assert answer.status_code == 422
    assert answer.json()["error"]["details"]["fields"] == {"nama": ["kolom tidak dikenal"]}
    answer = client.put(_path(world), {"version": version, "data": {"head": {"nip": "12x"}}})
    assert answer.status_code == 422
    fields = answer.json()["error"]["details"]["fields"]
    assert fields["head"] == [
        "name: wajib diisi",
        "nip: NIP hanya angka (boleh dengan spasi), 8 sampai 24 karakter.",
    ]
    assert profile_version(Agency.objects.get(code="kpu-kota-metro")) == version


def test_only_the_offices_planners_write(world: World, api_as: Any) -> None:
    body = {"version": profile_version(world.own.agency), "data": {"city": "X"}}
    for persona in ("leader", "auditor", "operator_a", "viewer"):
        assert api_as(persona).put(_path(world), body).status_code == 403, persona
    assert api_as("admin").put(_path(world), body).status_code == 200
    assert api_as("outsider").put(_path(world), body).status_code == 404
    assert api_as("outsider").get(_path(world)).status_code == 404


@pytest.fixture(params=["as_fast_as_they_come", "with_a_slow_save"])
def two_planners(
    request: pytest.FixtureRequest,
    transactional_db: None,
    evidence_dir: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[str, list[ApiClient]]:
    """A committed office and two planners with tokens; second round: each write waits inside
    its transaction, so the two surely overlap."""
    agency = import_dataset(personas.dataset(personas.MINIMAL))
    clients = []
    for name in ("perencana_1", "perencana_2"):
        user = personas.make_user(name, "planner", agency, None)
        clients.append(ApiClient(create_token(user, "uji")[1]))
    for client in clients:  # first use writes last_used_at; keep that out of the race
        assert client.get(f"/offices/{agency.code}/profile").status_code == 200
    if request.param == "with_a_slow_save":
        keep = profile._keep_signatories

        def slow(*args: Any, **kwargs: Any) -> list[int]:
            time.sleep(0.3)
            return keep(*args, **kwargs)

        monkeypatch.setattr(profile, "_keep_signatories", slow)
    return agency.code, clients


def test_two_planners_writing_at_once_one_gets_409(
    two_planners: tuple[str, list[ApiClient]],
) -> None:
    office, clients = two_planners
    url = f"/offices/{office}/profile"
    version = clients[0].get(url).json()["version"]
    calls = [
        lambda c=client, n=name: c.put(
            url, {"version": version, "data": {"head": {"name": n, "position": "Ketua"}}}
        )
        for client, name in zip(clients, ("Ketua Satu", "Ketua Dua"), strict=True)
    ]
    answers = _both_at_once(calls)
    assert not [a for a in answers if isinstance(a, Exception)], answers
    assert sorted(a.status_code for a in answers) == [200, 409], [a.json() for a in answers]
    winner = next(a for a in answers if a.status_code == 200).json()
    loser = next(a for a in answers if a.status_code == 409).json()["error"]
    stored = Agency.objects.get(code=office)
    assert stored.head == winner["data"]["head"]
    assert loser["details"]["current"]["data"]["head"] == stored.head
    history = Agency.history.filter(id=stored.pk, history_type="~")  # type: ignore[attr-defined]
    assert history.count() == 1
