"""The first year's PK and the signing data through the API: planners only, the web app's rules.

Our office (tests/web/conftest.py) has PKs for 2024 and a locked 2023.
"""

from __future__ import annotations

from typing import Any

import pytest

from kinerja.plans.models import Indicator, PerformanceAgreement, StrategicPlan
from kinerja.results.models import ReportingYear

SIGNING = {
    "report_date": "2025-01-20",
    "place": "Metro",
    "signatory": {"name": "Ahmad Ketua", "position": "Ketua", "nip": "198001012005011001"},
    "signed_on": "2024-01-08",
}


@pytest.mark.parametrize("persona", ("operator_a", "leader", "auditor", "viewer"))
def test_only_planners_draft_a_pk_or_record_the_signing(
    persona: str, world: Any, api_as: Any
) -> None:
    client = api_as(persona)
    office = {"office": world.own.agency.code, "year": 2024}
    assert client.post("/first-year/agreements", office).status_code == 403
    assert client.put("/first-year/signing", {**office, **SIGNING}).status_code == 403
    assert api_as("outsider").post("/first-year/agreements", office).status_code == 404


def test_a_planner_drafts_the_first_pk_once(world: Any, api_as: Any) -> None:
    agency = world.own.agency
    plan = StrategicPlan.objects.get(agency=agency)
    plan.end = 2025
    plan.save()
    ik08 = Indicator.objects.get(objective__plan=plan, code="IK08")
    ik08.renstra_targets = [[2025, "90%"]]
    ik08.save()
    ReportingYear.objects.create(agency=agency, year=2025, position=5)
    client = api_as("planner")
    made = client.post("/first-year/agreements", {"office": agency.code, "year": 2025})
    assert made.status_code == 201 and made.json()["rows"] == 1
    agreement = PerformanceAgreement.objects.get(pk=made.json()["agreement"])
    assert (agreement.year, agreement.work_unit_id) == (2025, None)
    again = client.post("/first-year/agreements", {"office": agency.code, "year": 2025})
    assert again.status_code == 409 and "sudah punya PK" in again.json()["error"]["message"]


def test_a_planner_records_the_signing_and_a_locked_year_refuses_it(
    world: Any, api_as: Any
) -> None:
    client = api_as("planner")
    code = world.own.agency.code
    done = client.put("/first-year/signing", {"office": code, "year": 2024, **SIGNING})
    assert done.status_code == 200, done.json()
    year = ReportingYear.objects.get(agency=world.own.agency, year=2024)
    assert year.report_signatory == SIGNING["signatory"]
    assert str(year.report_date) == "2025-01-20" and year.report_place == "Metro"
    bad = client.put(
        "/first-year/signing",
        {"office": code, "year": 2024, **SIGNING, "signatory": {"name": "X", "position": ""}},
    )
    assert bad.status_code == 422
    locked = client.put("/first-year/signing", {"office": code, "year": 2023, **SIGNING})
    assert locked.status_code == 409 and "sudah dikunci" in locked.json()["error"]["message"]
