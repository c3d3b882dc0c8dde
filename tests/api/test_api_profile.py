"""The office's profile in the API (`/offices/{code}/profile`): the web page's action as JSON.

Read by whoever sees the office; written by its planners at the version read (409 with the
current profile when stale), checked by the dataset's rules (422 with the messages by field),
refused to the leader and the auditor (403) and outside the office (404).
"""

from __future__ import annotations

from typing import Any

from kinerja.agencies.models import Agency
from kinerja.agencies.profile import CHANGED, profile_version

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
