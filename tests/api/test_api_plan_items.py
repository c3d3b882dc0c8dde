"""Plan items and the rollover through the API: the catalogue's rules, answers and permissions.

Our office (tests/web/conftest.py) has 2024 open and 2023 locked, so a change needs a reason.
"""

from __future__ import annotations

from typing import Any

import pytest

from kinerja.plans.models import Indicator, PerformanceAgreement, StrategicPlan

IN_SCOPE = ("admin", "planner", "operator_a", "operator_b", "leader", "auditor", "viewer")
REASON = "Penyesuaian Renstra"


def _indicator(world: Any, code: str) -> Indicator:
    return Indicator.objects.get(objective__plan__agency=world.own.agency, code=code)


@pytest.mark.parametrize("persona", IN_SCOPE)
def test_everyone_in_scope_reads_the_plan_items(persona: str, world: Any, api_as: Any) -> None:
    client = api_as(persona)
    listed = client.get("/plan-items", office=world.own.agency.code, kind="indicator")
    assert listed.status_code == 200
    body = listed.json()
    ik08 = next(i for i in body["items"] if i["data"]["code"] == "IK08")
    assert ik08["data"]["unit"] is None and ik08["kind"] == "indicator" and ik08["parent"]
    one = client.get(f"/plan-items/indicator/{ik08['id']}")
    assert one.status_code == 200 and one.json()["data"] == ik08["data"]
    other = client.get("/plan-items", office=world.other.agency.code, kind="indicator")
    assert other.status_code == 404
    assert client.get(f"/plan-items/indicator/{world.other.indicator.pk}").status_code == 404


@pytest.mark.parametrize("persona", ("operator_a", "operator_b", "leader", "auditor", "viewer"))
def test_only_planners_write_plan_items_and_roll_over(
    persona: str, world: Any, api_as: Any
) -> None:
    client = api_as(persona)
    own = world.own
    ik02 = _indicator(world, "IK02")
    body = {"office": own.agency.code, "data": {"code": "M9", "text": "Misi"}, "reason": REASON}
    assert client.post("/plan-items/mission", body).status_code == 403
    update = {"data": {"code": "IK02", "name": "Baru"}, "reason": REASON}
    assert client.put(f"/plan-items/indicator/{ik02.pk}", update).status_code == 403
    step = {"offset": 1, "reason": REASON}
    assert client.post(f"/plan-items/indicator/{ik02.pk}/move", step).status_code == 403
    assert client.post(f"/plan-items/indicator/{ik02.pk}/remove", {}).status_code == 403
    retire = {"year": 2025, "reason": REASON}
    assert client.post(f"/plan-items/indicator/{ik02.pk}/retire", retire).status_code == 403
    made = {"office": own.agency.code, "from_year": 2024, "to_year": 2025}
    assert client.post("/rollover", made).status_code == 403
    assert _indicator(world, "IK02").name != "Baru"


def test_outsiders_get_not_found_for_every_write(world: Any, api_as: Any) -> None:
    client = api_as("outsider")
    ik02 = _indicator(world, "IK02")
    body = {"office": world.own.agency.code, "data": {"code": "M9", "text": "Misi"}}
    assert client.post("/plan-items/mission", body).status_code == 404
    assert client.put(f"/plan-items/indicator/{ik02.pk}", {"data": {}}).status_code == 404
    assert client.post(f"/plan-items/indicator/{ik02.pk}/remove", {}).status_code == 404
    made = {"office": world.own.agency.code, "from_year": 2024, "to_year": 2025}
    assert client.post("/rollover", made).status_code == 404


def test_a_planner_writes_items_with_the_datasets_rules(world: Any, api_as: Any) -> None:
    client = api_as("planner")
    ik02 = _indicator(world, "IK02")
    data = client.get(f"/plan-items/indicator/{ik02.pk}").json()["data"]
    bad = client.put(
        f"/plan-items/indicator/{ik02.pk}",
        {"data": {**data, "polarity": "naik", "renstra_targets": {"2024": "x%"}}, "reason": REASON},
    )
    assert bad.status_code == 422
    fields = bad.json()["error"]["details"]["fields"]
    assert "naik" in fields["polarity"][0] and fields["renstra_targets"][0].startswith("2024: ")
    without_reason = client.put(f"/plan-items/indicator/{ik02.pk}", {"data": {**data, "unit": "%"}})
    assert without_reason.status_code == 409
    assert "sudah dikunci" in without_reason.json()["error"]["message"]
    good = client.put(
        f"/plan-items/indicator/{ik02.pk}", {"data": {**data, "unit": "%"}, "reason": REASON}
    )
    assert good.status_code == 200 and good.json()["data"]["unit"] == "%"
    objective = client.post(
        "/plan-items/objective",
        {
            "office": world.own.agency.code,
            "data": {"code": "SS99", "name": "Baru", "indicators": [{"code": "IK99", "name": "X"}]},
            "reason": REASON,
        },
    )
    assert objective.status_code == 201, objective.json()
    added = client.post(
        "/plan-items/indicator",
        {
            "office": world.own.agency.code,
            "parent": objective.json()["id"],
            "data": {"code": "IK98", "name": "Y"},
            "reason": REASON,
        },
    )
    assert added.status_code == 201 and added.json()["parent"] == objective.json()["id"]
    moved = client.post(
        f"/plan-items/indicator/{added.json()['id']}/move", {"offset": -1, "reason": REASON}
    )
    assert moved.status_code == 200 and moved.json()["position"] == 0
    gone = client.post(f"/plan-items/indicator/{added.json()['id']}/remove", {"reason": REASON})
    assert gone.status_code == 204


def test_a_realised_indicator_is_retired_through_the_api(world: Any, api_as: Any) -> None:
    client = api_as("planner")
    pk = world.own.indicator.pk
    refused = client.post(f"/plan-items/indicator/{pk}/remove", {"reason": REASON})
    assert refused.status_code == 409 and "realisasi" in refused.json()["error"]["message"]
    retired = client.post(f"/plan-items/indicator/{pk}/retire", {"year": 2025, "reason": REASON})
    assert retired.status_code == 200 and retired.json()["data"]["retired_from"] == 2025


def test_rollover_through_the_api_never_overwrites_a_year(world: Any, api_as: Any) -> None:
    client = api_as("planner")
    agency = world.own.agency
    exists = client.post("/rollover", {"office": agency.code, "from_year": 2023, "to_year": 2024})
    assert exists.status_code == 409
    assert "Tahun 2024 sudah ada" in exists.json()["error"]["message"]
    plan = StrategicPlan.objects.get(agency=agency)
    header = client.get(f"/plan-items/plan/{plan.pk}").json()["data"]
    longer = client.put(f"/plan-items/plan/{plan.pk}", {"data": {**header, "end": 2025},
                                                        "reason": REASON})  # fmt: skip
    assert longer.status_code == 200
    made = client.post("/rollover", {"office": agency.code, "from_year": 2024, "to_year": 2025})
    assert made.status_code == 201, made.json()
    count = PerformanceAgreement.objects.filter(agency=agency, year=2025).count()
    assert made.json()["agreements"] == count > 0
