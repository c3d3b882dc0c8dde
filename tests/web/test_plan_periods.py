"""Renstra periods in the browser: a planner starts the next period from the Renstra page and
edits it in the catalogue; an office with no Renstra starts its first one (`ui:plan_start`).

Our office (tests/web/conftest.py) has the Renstra 2020-2024, 2024 open and 2023 locked.
"""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from kinerja.accounts.models import Membership
from kinerja.agencies.datasets import export_dataset
from kinerja.agencies.models import Agency
from kinerja.plans.models import Objective, StrategicPlan
from kinerja.results.models import ReportingYear, Revision


def _client(world: Any, who: str = "planner") -> Client:
    client = Client()
    client.force_login(world.users[who])
    return client


def _url(world: Any, name: str, **kwargs: Any) -> str:
    return reverse(f"ui:{name}", kwargs={"agency": world.own.agency.code, "year": 2024, **kwargs})


def test_the_renstra_page_lists_the_periods_and_offers_the_next(world: Any) -> None:
    page = _client(world).get(_url(world, "renstra")).content.decode()
    assert "Renstra 2020–2024" in page
    assert "Mulai Renstra baru" in page
    assert _url(world, "plan_next") in page


def test_a_planner_starts_the_next_period_and_edits_it_in_the_catalogue(world: Any) -> None:
    client = _client(world)
    agency = world.own.agency
    form = client.get(_url(world, "plan_next"))
    assert form.status_code == 200
    assert (form.context["form"].initial["start"], form.context["form"].initial["end"]) == (
        2025,
        2029,
    )
    answer = client.post(_url(world, "plan_next"), {"start": "2025", "end": "2029", "vision": ""})
    assert answer.status_code == 302
    assert answer["Location"] == _url(world, "plan_catalogue") + "?renstra=2025"
    new = StrategicPlan.objects.get(agency=agency, start=2025)
    assert new.vision == StrategicPlan.objects.get(agency=agency, start=2020).vision
    page = client.get(answer["Location"]).content.decode()
    assert "Renstra 2025–2029 tidak mencakup tahun 2024" in page
    assert "?renstra=2025" in page  # the add links keep to the new plan
    # An objective added from there goes to the new plan, without a reason: 2023 is locked,
    # but it prints the Renstra 2020-2024.
    add = _url(world, "plan_item_add", kind="sasaran") + "?renstra=2025"
    fields = {"code": "SS99", "name": "Sasaran baru periode 2025-2029"}
    first = {"ik-code": "IK99", "ik-name": "Indikator baru", "ik-polarity": "higher"}
    first |= {"ik-combine": "last", "ik-unit": "%", "ik-target_2025": "80%"}
    done = client.post(add, {**fields, **first})
    assert done.status_code == 302, done.content.decode()[:2000]
    assert done["Location"].endswith("?renstra=2025")
    assert Objective.objects.get(code="SS99").plan == new
    assert not Revision.objects.filter(reporting_year__agency=agency).exists()
    stored = export_dataset(agency)
    assert stored.strategic_plan.period == "2020-2024"
    assert "SS99" not in [o.code for o in stored.strategic_plan.objectives]
    later = stored.other_periods[0].strategic_plan
    assert later.objectives[-1].indicators[0].renstra_targets == {2025: "80%"}


def test_an_overlapping_period_is_refused_with_its_reason(world: Any) -> None:
    answer = _client(world).post(_url(world, "plan_next"), {"start": "2024", "end": "2028"})
    assert answer.status_code == 400
    assert "Periode 2024-2028 bertumpang tindih dengan Renstra 2020-2024" in (
        answer.content.decode()
    )
    assert StrategicPlan.objects.filter(agency=world.own.agency).count() == 1


def test_the_rollover_page_asks_for_a_renstra_covering_the_new_year(world: Any) -> None:
    client = _client(world)
    page = client.get(_url(world, "year_rollover")).content.decode()
    assert "Belum ada Renstra yang mencakup tahun 2025; mulai Renstra baru dahulu." in page
    client.post(_url(world, "plan_next"), {"start": "2025", "end": "2029"})
    page = client.get(_url(world, "year_rollover")).content.decode()
    assert "Tahun 2025 memakai Renstra 2025–2029" in page
    made = client.post(_url(world, "year_rollover"))
    assert made.status_code == 302
    year = ReportingYear.objects.get(agency=world.own.agency, year=2025)
    assert export_dataset(world.own.agency).strategic_plan.period == "2025-2029"
    assert year.year == 2025


def _bare_office(world: Any) -> tuple[Agency, Client]:
    """An office with no Renstra, its planner logged in (an empty deployment's first office)."""
    bare = Agency.objects.create(code="kpu-kota-baru", name="KPU Kota Baru", level="regency_city")
    planner = world.users["planner"]
    Membership.objects.create(user=planner, agency=bare, role="planner")
    client = Client()
    client.force_login(planner)
    return bare, client


def test_an_office_without_a_renstra_starts_its_first_one(world: Any) -> None:
    bare, client = _bare_office(world)
    start = reverse("ui:plan_start", args=[bare.code])
    assert start in client.get(reverse("ui:office", args=[bare.code])).content.decode()
    assert start in client.get(reverse("ui:home")).content.decode()
    page = client.get(start)
    assert page.status_code == 200
    assert {"start", "end", "vision"} <= set(page.context["form"].fields)
    assert "Simpan" in page.content.decode()
    refused = client.post(start, {"start": "2025", "end": "2029", "vision": ""})
    assert refused.status_code == 400
    assert not StrategicPlan.objects.filter(agency=bare).exists()
    answer = client.post(
        start, {"start": "2025", "end": "2029", "vision": "Menjadi penyelenggara pemilu terpercaya"}
    )
    assert answer.status_code == 302
    assert answer["Location"] == reverse("ui:plan_catalogue", args=[bare.code, 2025])
    catalogue = client.get(answer["Location"])
    assert catalogue.status_code == 200
    assert "Periode 2025–2029" in catalogue.content.decode()
    bare.refresh_from_db()
    assert bare.has_dataset
    assert export_dataset(bare).strategic_plan.vision == "Menjadi penyelenggara pemilu terpercaya"
    # Started once: the page now says so, and a second start is refused.
    again = client.get(start).content.decode()
    assert "sudah punya Renstra: 2025–2029" in again
    second = client.post(start, {"start": "2030", "end": "2034", "vision": "Lagi"})
    assert second.status_code == 400
    assert StrategicPlan.objects.filter(agency=bare).count() == 1
    assert start not in client.get(reverse("ui:office", args=[bare.code])).content.decode()


def test_only_the_office_planners_start_a_first_renstra(world: Any) -> None:
    bare, _ = _bare_office(world)
    start = reverse("ui:plan_start", args=[bare.code])
    operator = world.users["operator_a"]
    Membership.objects.create(user=operator, agency=bare, role="operator", work_unit_code="x")
    client = Client()
    client.force_login(operator)
    assert client.get(start).status_code == 403
    assert client.post(start, {"start": "2025", "end": "2029", "vision": "V"}).status_code == 403
    stranger = Client()
    stranger.force_login(world.users["outsider"])
    assert stranger.get(start).status_code == 404
    assert not StrategicPlan.objects.filter(agency=bare).exists()
