"""The narrative sections in the API: the web editor's sections, rules and versions as JSON.

Listed in the LKj's order with their state; one read with its draft and figures; written by
planners at a version (409 with the current section when stale), read by the leader and the
auditor, refused to operators (403) and outside the office (404); a locked year answers 409;
bad text 422; setting a section back to its draft deletes it; of two planners writing a new
section at the same moment one wins and the other gets 409 (SQLite and PostgreSQL).
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from api_helpers import ApiClient, personas
from django.utils import timezone
from test_api_concurrency import _both_at_once

from kinerja.agencies.datasets import import_dataset
from kinerja.api.actions import create_token
from kinerja.results import narrative
from kinerja.results.models import NarrativeSection

World = Any


def _path(key: str) -> str:
    return f"/narrative/{key}"


def _query(world: World, **more: Any) -> str:
    params = {"office": world.own.agency.code, "year": 2024, **more}
    return "?" + "&".join(f"{k}={v}" for k, v in params.items())


def test_the_list_follows_the_lkj_with_states_and_versions(world: World, api_as: Any) -> None:
    answer = api_as("planner").get("/narrative", office=world.own.agency.code, year=2024)
    assert answer.status_code == 200
    body = answer.json()
    assert body["locked"] is False
    items = body["items"]
    assert [i["key"] for i in items[:2]] == ["kata_pengantar", "ringkasan_eksekutif"]
    by_key = {(i["key"], i["objective"], i["work_unit"]): i for i in items}
    kata = by_key[("kata_pengantar", None, None)]
    assert kata["state"] == "written" and kata["version"] == 1 and kata["text"]
    ringkasan = by_key[("ringkasan_eksekutif", None, None)]
    assert ringkasan["state"] == "drafted" and ringkasan["version"] == 0
    assert ringkasan["text"] is None and ringkasan["draft_text"]
    assert by_key[("isu_strategis", None, None)]["state"] == "required"
    assert by_key[("capaian", "SS01", None)]["kept_apart"] == ["Tabel Capaian Sasaran Strategis 1"]
    assert "figures" not in items[0] or items[0]["figures"] is None


def test_one_section_has_its_draft_and_the_figures_it_uses(world: World, api_as: Any) -> None:
    client = api_as("auditor")
    answer = client.get(_path("capaian"), office=world.own.agency.code, year=2024, objective="SS01")
    assert answer.status_code == 200
    body = answer.json()
    assert body["place"].startswith("BAB III A. Sasaran Strategis 1 (SS01)")
    indicators = next(f for f in body["figures"] if f["title"].startswith("Indikator"))
    assert indicators["header"][:4] == ["Kode", "Indikator", "Target", "Realisasi"]
    first = indicators["rows"][0]
    assert first[0].startswith("IK") and first[3] in body["draft_text"]
    missing = client.get(_path("bukan_kunci"), office=world.own.agency.code, year=2024)
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_write_at_a_version_and_the_stale_writer_gets_409(world: World, api_as: Any) -> None:
    planner, admin = api_as("planner"), api_as("admin")
    url = _path("isu_strategis") + _query(world)
    first = planner.put(url, {"text": "Isu pertama.", "version": 0})
    assert first.status_code == 200
    assert first.json()["state"] == "written" and first.json()["version"] == 1
    late = admin.put(url, {"text": "Isu kedua.", "version": 0})
    assert late.status_code == 409
    error = late.json()["error"]
    assert error["code"] == "conflict" and "diubah orang lain" in error["message"]
    assert error["details"]["current"]["text"] == "Isu pertama."
    assert error["details"]["current"]["version"] == 1
    again = admin.put(url, {"text": "Isu kedua.", "title": "E. Isu Strategis", "version": 1})
    assert again.status_code == 200 and again.json()["version"] == 2
    stored = NarrativeSection.objects.get(reporting_year=world.own.year, key="isu_strategis")
    assert (stored.text, stored.title, stored.version) == ("Isu kedua.", "E. Isu Strategis", 2)
    reasons = [h.history_change_reason for h in stored.history.all()]  # type: ignore[attr-defined]
    assert reasons == ["Narasi diubah", "Narasi ditulis"]


def test_objective_sections_are_written_for_their_objective(world: World, api_as: Any) -> None:
    url = _path("analisis") + _query(world, objective="SS03")
    answer = api_as("planner").put(url, {"text": "Penyebab SS03.", "version": 0})
    assert answer.status_code == 200
    assert answer.json()["objective"] == "SS03"
    stored = NarrativeSection.objects.get(
        reporting_year=world.own.year, key="analisis", objective__code="SS03"
    )
    assert stored.text == "Penyebab SS03."


def test_who_may_read_and_write(world: World, api_as: Any) -> None:
    url = _path("isu_strategis") + _query(world)
    for persona in ("leader", "auditor"):
        client = api_as(persona)
        assert client.get("/narrative", office=world.own.agency.code, year=2024).status_code == 200
        assert client.put(url, {"text": "Tidak boleh.", "version": 0}).status_code == 403
    for persona in ("operator_a", "viewer"):
        client = api_as(persona)
        read = client.get("/narrative", office=world.own.agency.code, year=2024)
        assert read.status_code == 403, persona
    outsider = api_as("outsider")
    assert outsider.get("/narrative", office=world.own.agency.code, year=2024).status_code == 404
    assert outsider.put(url, {"text": "Asing.", "version": 0}).status_code == 404
    assert not NarrativeSection.objects.filter(key="isu_strategis").exists()


def test_bad_text_is_422_and_nothing_is_written(world: World, api_as: Any) -> None:
    client = api_as("planner")
    url = _path("isu_strategis") + _query(world)
    for text in ("   ", "a\x00b"):
        answer = client.put(url, {"text": text, "version": 0})
        assert answer.status_code == 422, text
        assert answer.json()["error"]["code"] == "validation_error"
    assert client.put(url, {"text": "Tanpa versi."}).status_code == 422
    assert not NarrativeSection.objects.filter(key="isu_strategis").exists()


def test_a_locked_year_answers_409(world: World, api_as: Any) -> None:
    year = world.own.year
    year.locked_at = timezone.now()
    year.save()
    client = api_as("planner")
    answer = client.put(_path("kata_pengantar") + _query(world), {"text": "Baru.", "version": 1})
    assert answer.status_code == 409
    assert "dikunci" in answer.json()["error"]["message"]
    removed = client.client.delete(
        "/api/v1" + _path("kata_pengantar") + _query(world, version=1), headers=client.headers
    )
    assert removed.status_code == 409
    listed = client.get("/narrative", office=world.own.agency.code, year=2024).json()
    assert listed["locked"] is True
    stored = NarrativeSection.objects.get(reporting_year=year, key="kata_pengantar")
    assert stored.text != "Baru." and stored.version == 1


def test_delete_sets_the_section_back_to_its_draft(world: World, api_as: Any) -> None:
    client = api_as("planner")
    url = "/api/v1" + _path("ringkasan_eksekutif")
    assert (
        client.put(
            _path("ringkasan_eksekutif") + _query(world),
            {"text": "Ringkasan sendiri.", "version": 0},
        ).status_code
        == 200
    )
    stale = client.client.delete(url + _query(world, version=0), headers=client.headers)
    assert stale.status_code == 409
    answer = client.client.delete(url + _query(world, version=1), headers=client.headers)
    assert answer.status_code == 200
    body = answer.json()
    assert body["state"] == "drafted" and body["text"] is None and body["version"] == 0
    assert not NarrativeSection.objects.filter(key="ringkasan_eksekutif").exists()


@pytest.fixture(params=["as_fast_as_they_come", "with_a_slow_save"])
def two_planners(
    request: pytest.FixtureRequest,
    transactional_db: None,
    evidence_dir: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[str, list[ApiClient]]:
    """A committed office and two planners with tokens; second round: each save waits inside
    its transaction, so the two surely overlap."""
    agency = import_dataset(personas.dataset(personas.MINIMAL))
    clients = []
    for name in ("perencana_1", "perencana_2"):
        user = personas.make_user(name, "planner", agency, None)
        clients.append(ApiClient(create_token(user, "uji")[1]))
    for client in clients:  # first use writes last_used_at; keep that out of the race
        assert client.get("/narrative", office=agency.code, year=2024).status_code == 200
    if request.param == "with_a_slow_save":
        saved = narrative._saved

        def slow(*args: Any, **kwargs: Any) -> None:
            time.sleep(0.3)
            saved(*args, **kwargs)

        monkeypatch.setattr(narrative, "_saved", slow)
    return agency.code, clients


def test_two_planners_writing_a_new_section_at_once_one_gets_409(
    two_planners: tuple[str, list[ApiClient]],
) -> None:
    office, clients = two_planners
    url = f"/narrative/isu_strategis?office={office}&year=2024"
    calls = [
        lambda c=client, t=text: c.put(url, {"text": t, "version": 0})
        for client, text in zip(clients, ("Isu satu.", "Isu dua."), strict=True)
    ]
    answers = _both_at_once(calls)
    assert not [a for a in answers if isinstance(a, Exception)], answers
    assert sorted(a.status_code for a in answers) == [200, 409], [a.json() for a in answers]
    winner = next(a for a in answers if a.status_code == 200).json()
    loser = next(a for a in answers if a.status_code == 409).json()["error"]
    stored = NarrativeSection.objects.get(key="isu_strategis")  # one row, never two
    assert stored.text == winner["text"] and stored.version == 1
    assert loser["details"]["current"]["text"] == stored.text
