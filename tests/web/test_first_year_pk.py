"""A first year's office PK drafted from the Renstra, and the signing data of the year.

Our office (tests/web/conftest.py) has PKs for 2024 and a locked 2023; a 2025 without any PK
is made here as an office that starts in the web app would have it.
"""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from kinerja.plans.models import Indicator, PerformanceAgreement, Program, StrategicPlan
from kinerja.results.models import ReportingYear


def _client(world: Any, who: str) -> Client:
    client = Client()
    client.force_login(world.users[who])
    return client


def _url(world: Any, name: str, year: int) -> str:
    return reverse(f"ui:{name}", args=[world.own.agency.code, year])


def _new_year(world: Any) -> ReportingYear:
    agency = world.own.agency
    plan = StrategicPlan.objects.get(agency=agency)
    plan.end = 2025
    plan.save()
    ik08 = Indicator.objects.get(objective__plan=plan, code="IK08")
    ik08.renstra_targets = [[2025, "90%"]]
    ik08.save()
    return ReportingYear.objects.create(agency=agency, year=2025, position=5)


def test_the_office_pk_is_drafted_once_from_the_renstras_targets(world: Any) -> None:
    year = _new_year(world)
    client = _client(world, "planner")
    page = client.get(_url(world, "agreements", 2025))
    assert "Buat PK dari Renstra" in page.content.decode()
    made = client.post(_url(world, "agreements_draft", 2025))
    agreement = PerformanceAgreement.objects.get(agency=year.agency, year=2025)
    assert made["Location"] == reverse(
        "ui:agreement_edit", args=[year.agency.code, 2025, agreement.pk]
    )
    rows = list(agreement.rows.select_related("indicator"))
    assert [(r.indicator.code, r.target) for r in rows] == [("IK08", "90%")]
    programs = Program.objects.filter(plan__agency=year.agency).count()
    assert agreement.budget_lines.count() == programs
    assert {line.amount for line in agreement.budget_lines.all()} == {0}
    again = client.post(_url(world, "agreements_draft", 2025), follow=True)
    assert "sudah punya PK" in again.content.decode()
    assert PerformanceAgreement.objects.filter(agency=year.agency, year=2025).count() == 1


def test_without_a_target_for_the_year_nothing_is_drafted(world: Any) -> None:
    agency = world.own.agency
    ReportingYear.objects.create(agency=agency, year=2025, position=5)
    answer = _client(world, "planner").post(_url(world, "agreements_draft", 2025), follow=True)
    assert "belum memuat target tahun 2025" in answer.content.decode()
    assert not PerformanceAgreement.objects.filter(agency=agency, year=2025).exists()


def test_the_signing_data_reach_the_lkj_and_every_pk_of_the_year(world: Any) -> None:
    client = _client(world, "planner")
    url = _url(world, "signing", 2024)
    form = {
        "report_date": "2025-01-20",
        "place": "Metro",
        "name": "Ahmad Ketua",
        "position": "Ketua",
        "nip": "",
        "signed_on": "2024-01-08",
    }
    bad = client.post(url, {**form, "nip": "bukan nip", "report_date": "kemarin"})
    assert bad.status_code == 400
    assert "NIP hanya angka" in bad.content.decode()
    assert client.post(url, form).status_code == 302
    year = ReportingYear.objects.get(agency=world.own.agency, year=2024)
    assert (year.report_place, year.report_signatory) == (
        "Metro",
        {"name": "Ahmad Ketua", "position": "Ketua"},
    )
    assert str(year.report_date) == "2025-01-20"
    dates = {
        str(a.signed_on) for a in PerformanceAgreement.objects.filter(agency=year.agency, year=2024)
    }
    assert dates == {"2024-01-08"}
    locked = client.post(_url(world, "signing", 2023), form)
    assert locked.status_code == 400 and "sudah dikunci" in locked.content.decode()
    assert _client(world, "operator_a").get(url).status_code == 403
