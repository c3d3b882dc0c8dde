"""`GET /api/v1/consolidation`: the web app's rules, and the same JSON as the command."""

from __future__ import annotations

from typing import Any

import pytest

from kinerja.agencies.models import Agency
from kinerja.consolidation.refresh import refresh_office
from kinerja.consolidation.summary import consolidate, to_json

IN_SCOPE = ("admin", "planner", "operator_a", "operator_b", "leader", "auditor", "viewer")


@pytest.fixture(autouse=True)
def results(world: Any) -> None:
    """The stored results, as the commit of the world's imports would have refreshed them."""
    for agency in Agency.objects.all():
        refresh_office(agency)


@pytest.mark.parametrize("persona", IN_SCOPE)
def test_everyone_in_scope_reads_their_offices_consolidation(
    persona: str, world: Any, api_as: Any
) -> None:
    client = api_as(persona)
    own = world.own.agency
    response = client.get("/consolidation", office=own.code, year=2024)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body == to_json(consolidate(own, 2024))
    assert (body["agency"], body["year"], body["offices"]) == (own.code, 2024, 1)
    assert body["indicators"] and body["overall"]["measured"] == 1
    other = client.get("/consolidation", office=world.other.agency.code, year=2024)
    assert other.status_code == 404


def test_the_viewer_of_the_province_reads_the_province_and_others_do_not(
    world: Any, api_as: Any
) -> None:
    province = Agency.objects.get(code="kpu-provinsi-lampung")
    assert not province.has_dataset  # a bare node of the tree: its page is about the offices below
    body = api_as("viewer").get("/consolidation", office=province.code, year=2024).json()
    assert body["offices"] == 2 and [c["code"] for c in body["children"]] == [world.own.agency.code]
    for persona in ("planner", "operator_a", "leader", "auditor", "outsider"):
        answer = api_as(persona).get("/consolidation", office=province.code, year=2024)
        assert answer.status_code == 404, persona
    assert api_as("viewer").get("/consolidation", office="kpu-ri", year=2024).status_code == 404


def test_an_unknown_level_is_refused_with_the_field_named(world: Any, api_as: Any) -> None:
    response = api_as("admin").get(
        "/consolidation", office=world.own.agency.code, year=2024, level="desa"
    )
    assert response.status_code == 422
    assert "level" in str(response.json()["error"])
