"""The first year's PK and the signing data through the API: planners only, the web app's rules.

Our office (tests/web/conftest.py) has PKs for 2024 and a locked 2023.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

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


def test_a_planner_drafts_the_units_pks_beside_the_office_pk(world: Any, api_as: Any) -> None:
    agency = world.own.agency
    plan = StrategicPlan.objects.get(agency=agency)
    plan.end = 2025
    plan.save()
    for code, target in (("IK08", "90%"), ("IK02", "B")):  # Hukum dan SDM, PDI
        indicator = Indicator.objects.get(objective__plan=plan, code=code)
        indicator.renstra_targets = [[2025, target]]
        indicator.save()
    year = ReportingYear.objects.create(agency=agency, year=2025, position=5)
    client = api_as("planner")
    office = {"office": agency.code, "year": 2025}
    first = client.post("/first-year/agreements", {**office, "work_units": ["pdi"]})
    assert first.status_code == 201, first.json()
    body = first.json()
    assert [(d["work_unit"], d["rows"]) for d in body["made"]] == [(None, 2), ("pdi", 1)]
    assert body["existing"] == [] and body["rows"] == 2
    more = client.post("/first-year/agreements", {**office, "work_units": ["pdi", "hukum-sdm"]})
    assert more.status_code == 201, more.json()
    assert [d["work_unit"] for d in more.json()["made"]] == ["hukum-sdm"]
    assert [d["work_unit"] for d in more.json()["existing"]] == [None, "pdi"]
    assert more.json()["agreement"] == body["agreement"] and more.json()["rows"] == 0
    unit = PerformanceAgreement.objects.get(pk=more.json()["made"][0]["agreement"])
    assert [r.indicator.code for r in unit.rows.select_related("indicator")] == ["IK08"]
    unknown = client.post("/first-year/agreements", {**office, "work_units": ["xx"]})
    assert unknown.status_code == 409 and "tidak dikenal" in unknown.json()["error"]["message"]
    year.locked_at = timezone.now()
    year.save()
    locked = client.post("/first-year/agreements", {**office, "work_units": ["teknis-hupmas"]})
    assert locked.status_code == 409 and "sudah dikunci" in locked.json()["error"]["message"]
    assert PerformanceAgreement.objects.filter(agency=agency, year=2025).count() == 3


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


def test_a_planner_reads_and_sets_a_pks_parties_at_the_state_read(world: Any, api_as: Any) -> None:
    client = api_as("planner")
    code = world.own.agency.code
    read = client.get("/first-year/parties", office=code, year=2024)
    assert read.status_code == 200
    pdi = next(p for p in read.json() if p["work_unit"] == "pdi")
    # Nothing of its own: the unit's head (not named in the example) to the Sekretaris.
    assert pdi["first_party"] == {
        "name": None,
        "position": "Kepala Sub Bagian Perencanaan, Data dan Informasi",
        "nip": None,
    }
    assert pdi["second_party"]["position"] == "Sekretaris KPU Kota Metro"
    head = {
        "name": "Andi Pratama",
        "position": "Kepala Sub Bagian PDI",
        "nip": "198501012010011002",
    }
    body = {"office": code, "year": 2024, "agreement": pdi["agreement"], "digest": pdi["digest"]}
    done = client.put("/first-year/parties", {**body, "first_party": head})
    assert done.status_code == 200, done.json()
    assert done.json()["first_party"] == head and done.json()["own_first_party"]
    assert not done.json()["own_second_party"]
    stored = PerformanceAgreement.objects.get(pk=pdi["agreement"])
    assert (stored.first_party, stored.second_party) == (head, None)
    stale = client.put("/first-year/parties", {**body, "first_party": None})
    assert stale.status_code == 409 and "diubah orang lain" in stale.json()["error"]["message"]
    assert (
        api_as("operator_b").get("/first-year/parties", office=code, year=2024).status_code == 403
    )
    missing = client.put("/first-year/parties", {**body, "agreement": 2_000_000_000})
    assert missing.status_code == 404
    year = ReportingYear.objects.get(agency=world.own.agency, year=2024)
    year.locked_at = timezone.now()
    year.save()
    fresh = {**body, "digest": done.json()["digest"]}
    locked = client.put("/first-year/parties", {**fresh, "first_party": None})
    assert locked.status_code == 409 and "sudah dikunci" in locked.json()["error"]["message"]
    stored.refresh_from_db()
    assert stored.first_party == head
