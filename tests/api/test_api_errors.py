"""Every error has one shape: {"error": {"code", "message" (Indonesian), "details"}}."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client


def _error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


def test_401(world: Any) -> None:
    error = _error(Client().get("/api/v1/realizations"), 401, "unauthorized")
    assert "Token" in error["message"]


def test_403_and_404(world: Any, api_as: Any) -> None:
    client = api_as("auditor")
    draft = world.own.draft
    error = _error(
        client.put(f"/realizations/{draft.pk}", {"value": "1%", "version": 1}), 403, "forbidden"
    )
    assert error["message"] == "Anda tidak berwenang melakukan ini."
    _error(client.get("/realizations/999999999"), 404, "not_found")
    _error(client.get("/offices/tidak-ada"), 404, "not_found")


def test_422_lists_each_problem_without_echoing_the_input(world: Any, api_as: Any) -> None:
    client = api_as("operator_a")
    response = client.put(f"/realizations/{world.own.draft.pk}", {"value": ""})
    error = _error(response, 422, "validation_error")
    assert error["message"] == "Isian tidak valid."
    places = {tuple(item["loc"][-1:]) for item in error["details"]}
    assert ("version",) in places and ("value",) in places


@pytest.mark.parametrize(
    "body",
    [
        {"value": "9\x000%", "version": 1},
        {"value": "90%", "note": "catatan\x00", "version": 1},
        {"value": "90%", "version": -1},
        {"value": "90%", "version": 2**40},
        {"value": "x" * 201, "version": 1},
    ],
)
def test_unstorable_input_is_refused_with_422(
    body: dict[str, Any], world: Any, api_as: Any
) -> None:
    response = api_as("operator_a").put(f"/realizations/{world.own.draft.pk}", body)
    _error(response, 422, "validation_error")


def test_an_unreadable_value_is_refused_with_422(world: Any, api_as: Any) -> None:
    draft = world.own.draft
    response = api_as("operator_a").put(
        f"/realizations/{draft.pk}", {"value": "%%", "version": draft.version}
    )
    error = _error(response, 422, "validation_error")
    assert error["message"].startswith("Nilai tidak terbaca")


def test_409_carries_the_current_value(world: Any, api_as: Any) -> None:
    draft = world.own.draft
    error = _error(
        api_as("operator_a").put(f"/realizations/{draft.pk}", {"value": "1%", "version": 99}),
        409,
        "conflict",
    )
    assert error["details"]["current"]["value"] == "90%"
    assert error["details"]["current"]["version"] == draft.version


def test_bad_query_numbers_and_codes_get_422(world: Any, api_as: Any) -> None:
    client = api_as("planner")
    _error(client.get("/realizations", year=1999), 422, "validation_error")
    _error(client.get("/realizations", quarter=5), 422, "validation_error")
    _error(client.get("/realizations", office="a b"), 422, "validation_error")
    _error(client.get("/realizations/0"), 422, "validation_error")
    _error(client.get(f"/realizations/{2**64}"), 422, "validation_error")
    _error(client.get("/achievements", office=world.own.agency.code), 422, "validation_error")


def test_broken_json_gets_the_same_shape(world: Any, api_as: Any) -> None:
    client = api_as("operator_a")
    response = client.client.put(
        f"/api/v1/realizations/{world.own.draft.pk}",
        "{not json",
        content_type="application/json",
        headers=client.headers,
    )
    assert response.status_code in (400, 422)
    assert set(response.json()["error"]) == {"code", "message", "details"}
