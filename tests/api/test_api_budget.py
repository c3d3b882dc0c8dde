"""Budget realisation and readiness through the API: the web's rules, versions and errors.

The personas are the web tests' (tests/web/conftest.py): operator_a's unit is the office's
finance unit; Q1 of the office's first programme is a draft, Q2 submitted.
"""

from __future__ import annotations

from typing import Any

import pytest

from kinerja.results.models import Spending

IN_SCOPE = ("admin", "planner", "operator_a", "operator_b", "leader", "auditor", "viewer")


def _program(world: Any) -> str:
    return world.own.spending_draft.program.code


def _new(world: Any, quarter: int = 3, spent: int = 5_000_000) -> dict[str, Any]:
    return {
        "office": world.own.agency.code,
        "year": 2024,
        "program": _program(world),
        "quarter": quarter,
        "spent": spent,
    }


def test_the_workflow_runs_through_the_api(world: Any, api_as: Any) -> None:
    operator, planner = api_as("operator_a"), api_as("planner")
    created = operator.post("/budget-realizations", _new(world))
    assert created.status_code == 201, created.json()
    s = created.json()
    assert (s["status"], s["version"], s["quarter"], s["spent"]) == ("draft", 1, 3, 5_000_000)
    assert s["ceiling"] == 12_692_171_000  # the office PK's line, taken once

    corrected = operator.put(f"/budget-realizations/{s['id']}", {"spent": 6_000_000, "version": 1})
    assert (corrected.json()["spent"], corrected.json()["version"]) == (6_000_000, 2)
    submitted = operator.post(f"/budget-realizations/{s['id']}/submit", {"version": 2})
    assert submitted.json()["status"] == "submitted"
    assert (
        operator.post(f"/budget-realizations/{s['id']}/verify", {"version": 3}).status_code == 403
    )
    returned = planner.post(
        f"/budget-realizations/{s['id']}/return", {"version": 3, "reason": "Lampirkan SP2D."}
    )
    assert (returned.json()["status"], returned.json()["returned_reason"]) == (
        "returned",
        "Lampirkan SP2D.",
    )
    operator.post(f"/budget-realizations/{s['id']}/submit", {"version": 4})
    verified = planner.post(f"/budget-realizations/{s['id']}/verify", {"version": 5})
    assert verified.status_code == 200
    assert (verified.json()["status"], verified.json()["spent"]) == ("verified", 6_000_000)


def test_a_stale_version_is_409_with_the_current_value(world: Any, api_as: Any) -> None:
    client = api_as("operator_a")
    draft = world.own.spending_draft
    first = client.put(f"/budget-realizations/{draft.pk}", {"spent": 7, "version": draft.version})
    assert first.status_code == 200
    second = client.put(f"/budget-realizations/{draft.pk}", {"spent": 8, "version": draft.version})
    assert second.status_code == 409
    error = second.json()["error"]
    assert error["code"] == "conflict"
    assert (error["details"]["current"]["spent"], error["details"]["current"]["version"]) == (
        7,
        draft.version + 1,
    )
    again = client.post("/budget-realizations", _new(world, quarter=1))
    assert again.status_code == 409
    assert again.json()["error"]["details"]["current"]["id"] == draft.pk


@pytest.mark.parametrize("persona", ("operator_b", "leader", "auditor", "viewer"))
def test_others_in_scope_may_read_but_not_write(persona: str, world: Any, api_as: Any) -> None:
    client = api_as(persona)
    own = world.own
    assert client.get(f"/budget-realizations/{own.spending_draft.pk}").status_code == 200
    listed = client.get("/budget-realizations", office=own.agency.code, year=2024).json()
    assert {i["id"] for i in listed["items"]} >= {own.spending_draft.pk}
    assert client.post("/budget-realizations", _new(world)).status_code == 403
    put = client.put(f"/budget-realizations/{own.spending_draft.pk}", {"spent": 1, "version": 1})
    assert put.status_code == 403
    step = client.post(
        f"/budget-realizations/{own.spending_submitted.pk}/verify",
        {"version": own.spending_submitted.version},
    )
    assert step.status_code == 403
    assert Spending.objects.get(pk=own.spending_draft.pk).spent == 1_000_000


@pytest.mark.parametrize("persona", IN_SCOPE)
def test_another_offices_budget_is_not_found(persona: str, world: Any, api_as: Any) -> None:
    client = api_as(persona)
    other = world.other
    assert client.get(f"/budget-realizations/{other.spending_draft.pk}").status_code == 404
    assert client.get("/budget-realizations", office=other.agency.code).status_code == 404
    put = client.put(f"/budget-realizations/{other.spending_draft.pk}", {"spent": 1, "version": 1})
    assert put.status_code == 404
    created = client.post(
        "/budget-realizations",
        {"office": other.agency.code, "year": 2024, "program": "DM", "spent": 1},
    )
    assert created.status_code == 404
    assert client.get("/readiness", office=other.agency.code, year=2024).status_code == 404


def test_a_body_naming_both_or_neither_target_is_422(world: Any, api_as: Any) -> None:
    client = api_as("planner")
    both = client.post("/budget-realizations", {**_new(world), "activity": "masa-kampanye"})
    assert both.status_code == 422
    neither = {k: v for k, v in _new(world).items() if k != "program"}
    assert client.post("/budget-realizations", neither).status_code == 422
    unknown = client.post("/budget-realizations", {**_new(world), "program": "tidak-ada"})
    assert unknown.status_code == 404


@pytest.mark.parametrize("persona", IN_SCOPE)
def test_everyone_in_scope_reads_the_readiness(persona: str, world: Any, api_as: Any) -> None:
    answer = api_as(persona).get("/readiness", office=world.own.agency.code, year=2024)
    assert answer.status_code == 200
    body = answer.json()
    assert (body["locked"], body["ready"]) == (False, False)
    sections = {e["section"] for e in body["errors"]}
    assert {"values", "budget", "review"} <= sections
    assert any("belum diverifikasi" in e["message"] for e in body["errors"])
    assert body["warnings_digest"]


def test_a_locked_year_reads_as_locked(world: Any, api_as: Any) -> None:
    body = api_as("leader").get("/readiness", office=world.own.agency.code, year=2023).json()
    assert (body["locked"], body["errors"], body["acknowledgement"]) == (True, [], None)
