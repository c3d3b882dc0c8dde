"""Lists: pages of at most 200, filters by office, year and quarter, a fixed number of queries."""

from __future__ import annotations

from typing import Any

from kinerja.dataset.measure import measure, to_json
from kinerja.results.actions import save_realization
from kinerja.results.models import Evidence, Realization
from kinerja.results.verified import verified_dataset


def test_pages_split_a_list_without_overlap(world: Any, api_as: Any) -> None:
    client = api_as("planner")
    office = world.own.agency.code
    whole = client.get("/indicators", office=office, page_size=200).json()
    first = client.get("/indicators", office=office, page_size=3).json()
    second = client.get("/indicators", office=office, page_size=3, page=2).json()
    assert first["count"] == second["count"] == whole["count"] > 6
    assert (first["page"], first["page_size"], len(first["items"])) == (1, 3, 3)
    ids = [item["id"] for item in first["items"] + second["items"]]
    assert ids == [item["id"] for item in whole["items"][:6]]
    beyond = client.get("/indicators", office=office, page=1000).json()
    assert beyond["items"] == [] and beyond["count"] == whole["count"]


def test_a_page_larger_than_200_is_refused(world: Any, api_as: Any) -> None:
    response = api_as("planner").get("/realizations", page_size=201)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["loc"][-1] == "page_size"


def test_realisations_filter_by_office_year_quarter_and_status(world: Any, api_as: Any) -> None:
    client = api_as("admin")
    own = world.own
    q4 = client.get("/realizations", office=own.agency.code, year=2024, quarter=4).json()["items"]
    assert q4 and {(z["office"], z["year"], z["quarter"]) for z in q4} == {
        (own.agency.code, 2024, 4)
    }
    expected = Realization.objects.filter(reporting_year=own.year, quarter=4).count()
    assert len(q4) == min(expected, 50)
    waiting = client.get("/realizations", office=own.agency.code, status="submitted").json()
    assert [z["id"] for z in waiting["items"]] == [own.submitted.pk]
    unit = client.get("/realizations", office=own.agency.code, work_unit=own.unit, year=2024)
    assert {z["work_unit"] for z in unit.json()["items"]} == {own.unit}
    old = client.get("/realizations", office=own.agency.code, year=2023).json()["items"]
    assert [z["id"] for z in old] == [own.locked.pk]


def test_targets_filter_by_quarter(world: Any, api_as: Any) -> None:
    client = api_as("planner")
    rows = client.get("/targets", office=world.own.agency.code, year=2024, page_size=200).json()
    assert rows["count"] > 0
    for quarter in (1, 4):
        some = client.get(
            "/targets", office=world.own.agency.code, year=2024, quarter=quarter, page_size=200
        ).json()["items"]
        assert all(str(quarter) in row["quarterly_targets"] for row in some)
        assert len(some) == sum(str(quarter) in r["quarterly_targets"] for r in rows["items"])


def test_evidence_lists_the_uploaded_file_of_a_quarter(world: Any, api_as: Any) -> None:
    client = api_as("auditor")
    items = client.get("/evidence", office=world.own.agency.code, year=2024, quarter=4).json()
    found = {e["id"]: e for e in items["items"]}
    evidence = found[world.own.evidence.pk]
    assert (evidence["content_type"], evidence["realization"]) == (
        "application/pdf",
        world.own.submitted.pk,
    )
    assert evidence["sha256"] == Evidence.objects.get(pk=world.own.evidence.pk).sha256
    assert all(e["quarter"] == 4 for e in items["items"])


def test_achievements_are_measured_from_verified_data_only(world: Any, api_as: Any) -> None:
    own = world.own
    body = api_as("leader").get("/achievements", office=own.agency.code, year=2024).json()
    assert body == to_json(measure(verified_dataset(own.agency), 2024))
    indicator = next(
        i for o in body["objectives"] for i in o["indicators"] if i["code"] == own.indicator.code
    )
    assert indicator["realization"] != "95%", "the submitted, unverified Q4 value is not counted"


def test_the_realisations_list_takes_a_fixed_number_of_queries(
    world: Any, api_as: Any, django_assert_max_num_queries: Any
) -> None:
    own = world.own
    for quarter in (1, 2):
        save_realization(world.users["operator_a"], own.year, own.indicator, quarter, "20%")
    client = api_as("planner")
    client.get("/offices")  # the token's first use writes last_used_at
    with django_assert_max_num_queries(6):
        response = client.get("/realizations", page_size=200)
    assert len(response.json()["items"]) == 5
