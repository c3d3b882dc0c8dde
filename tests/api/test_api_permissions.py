"""The API answers with the web app's rules: 404 outside one's offices, 403 inside without the
right, and every endpoint refuses a call without a token (401)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kinerja.api.api import api
from kinerja.results.models import Realization

IN_SCOPE = ("admin", "planner", "operator_a", "operator_b", "leader", "auditor", "viewer")
PLACEHOLDERS = {"pk": "1", "code": "kpu-kota-metro", "kind": "lkj"}


def _operations() -> list[tuple[str, str]]:
    found = []
    for path, methods in api.get_openapi_schema()["paths"].items():
        for method in methods:
            url = path
            for name, value in PLACEHOLDERS.items():
                url = url.replace("{" + name + "}", value)
            found.append((method, url))
    return found


def test_every_endpoint_answers_401_without_a_token(world: Any) -> None:
    operations = _operations()
    assert len(operations) >= 14
    for method, url in operations:
        response = getattr(Client(), method)(url, {}, content_type="application/json")
        assert response.status_code == 401, (method, url)
        assert response.json()["error"]["code"] == "unauthorized", (method, url)


def test_the_openapi_schema_is_public_and_names_the_bearer_scheme(world: Any) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "API Kinerja"
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


@pytest.mark.parametrize("persona", IN_SCOPE)
def test_everyone_in_scope_reads_their_office(persona: str, world: Any, api_as: Any) -> None:
    client = api_as(persona)
    own = world.own
    assert client.get(f"/offices/{own.agency.code}").status_code == 200
    assert client.get(f"/realizations/{own.draft.pk}").status_code == 200
    listed = client.get("/realizations", office=own.agency.code, year=2024).json()
    assert own.draft.pk in {item["id"] for item in listed["items"]}
    assert client.get("/achievements", office=own.agency.code, year=2024).status_code == 200


@pytest.mark.parametrize("persona", IN_SCOPE)
def test_another_offices_data_is_not_found(persona: str, world: Any, api_as: Any) -> None:
    client = api_as(persona)
    other = world.other
    assert client.get(f"/offices/{other.agency.code}").status_code == 404
    assert client.get(f"/realizations/{other.draft.pk}").status_code == 404
    assert client.get("/realizations", office=other.agency.code).status_code == 404
    assert client.get("/achievements", office=other.agency.code, year=2024).status_code == 404
    put = client.put(f"/realizations/{other.draft.pk}", {"value": "1%", "version": 1})
    assert put.status_code == 404
    assert client.get(f"/documents/lkj?office={other.agency.code}&year=2024").status_code == 404


def test_lists_without_an_office_hold_only_visible_offices(world: Any, api_as: Any) -> None:
    client = api_as("outsider")
    offices = {item["code"] for item in client.get("/offices").json()["items"]}
    assert offices == {world.other.agency.code}
    for path in ("/realizations", "/indicators", "/targets", "/plans", "/evidence"):
        items = client.get(path, page_size=200).json()["items"]
        assert items and {item["office"] for item in items} == {world.other.agency.code}, path


def test_the_viewer_of_the_parent_office_sees_the_office_below(world: Any, api_as: Any) -> None:
    offices = {item["code"] for item in api_as("viewer").get("/offices").json()["items"]}
    assert world.own.agency.code in offices


def _edit(client: Any, z: Realization, value: str = "91%") -> Any:
    return client.put(f"/realizations/{z.pk}", {"value": value, "version": z.version})


@pytest.mark.parametrize("persona", ("admin", "planner", "operator_a"))
def test_the_units_operator_and_the_planners_correct_a_draft(
    persona: str, world: Any, api_as: Any
) -> None:
    response = _edit(api_as(persona), world.own.draft)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["value"], body["status"]) == ("91%", "draft")
    assert body["version"] == world.own.draft.version + 1


@pytest.mark.parametrize("persona", ("operator_b", "leader", "auditor", "viewer"))
def test_others_in_scope_may_not_write(persona: str, world: Any, api_as: Any) -> None:
    client = api_as(persona)
    own = world.own
    assert _edit(client, own.draft).status_code == 403
    assert (
        client.post(
            f"/realizations/{own.draft.pk}/submit", {"version": own.draft.version}
        ).status_code
        == 403
    )
    created = client.post(
        "/realizations",
        {"office": own.agency.code, "year": 2024, "indicator": own.indicator.code,
         "quarter": 1, "value": "10%"},
    )  # fmt: skip
    assert created.status_code == 403
    own.draft.refresh_from_db()
    assert own.draft.value == "90%"
    assert not Realization.objects.filter(
        reporting_year=own.year, quarter=1, indicator=own.indicator
    ).exists()


def test_the_operator_of_unit_b_cannot_write_unit_as_realisation(world: Any, api_as: Any) -> None:
    response = _edit(api_as("operator_b"), world.own.draft)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_a_locked_year_is_refused_as_in_the_web_app(world: Any, api_as: Any) -> None:
    """The web app answers 403 for entering in a locked year; changes go through a revision."""
    client = api_as("planner")
    locked = world.own.locked
    assert _edit(client, locked).status_code == 403
    created = client.post(
        "/realizations",
        {"office": world.own.agency.code, "year": 2023, "indicator": world.own.indicator.code,
         "quarter": 1, "value": "10%"},
    )  # fmt: skip
    assert created.status_code == 403
    locked.refresh_from_db()
    assert locked.value == "80%"


def test_the_workflow_runs_through_the_api(world: Any, api_as: Any) -> None:
    own = world.own
    operator, planner = api_as("operator_a"), api_as("planner")
    created = operator.post(
        "/realizations",
        {"office": own.agency.code, "year": 2024, "indicator": own.indicator.code,
         "quarter": 1, "value": "25%", "note": "triwulan satu"},
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    z = created.json()
    assert (z["status"], z["version"], z["work_unit"]) == ("draft", 1, own.unit)

    submitted = operator.post(f"/realizations/{z['id']}/submit", {"version": z["version"]})
    assert submitted.json()["status"] == "submitted"
    assert operator.post(f"/realizations/{z['id']}/verify", {"version": 2}).status_code == 403
    returned = planner.post(
        f"/realizations/{z['id']}/return", {"version": 2, "reason": "Lampirkan bukti."}
    )
    assert returned.json()["status"] == "returned"
    corrected = operator.put(f"/realizations/{z['id']}", {"value": "26%", "version": 3})
    assert corrected.json()["status"] == "draft"
    operator.post(f"/realizations/{z['id']}/submit", {"version": 4})
    verified = planner.post(f"/realizations/{z['id']}/verify", {"version": 5})
    assert verified.status_code == 200
    assert (verified.json()["status"], verified.json()["value"]) == ("verified", "26%")


def test_nobody_verifies_their_own_submission(world: Any, api_as: Any) -> None:
    planner = api_as("planner")
    draft = world.own.draft
    planner.post(f"/realizations/{draft.pk}/submit", {"version": draft.version})
    response = planner.post(f"/realizations/{draft.pk}/verify", {"version": draft.version + 1})
    assert response.status_code == 403
