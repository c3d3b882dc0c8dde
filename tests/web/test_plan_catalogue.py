"""The plan's catalogue in the browser: the dataset's rules on each field, retire versus remove,
locked years' reasons, and the new year made from the last one.

Our office (tests/web/conftest.py) has 2024 open and 2023 locked, so every change to the plan
needs a reason.
"""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from kinerja.agencies.datasets import export_dataset
from kinerja.plans.models import Indicator, Objective, PerformanceAgreement, StrategicPlan
from kinerja.results.models import ReportingYear, Revision

REASON = "Penyesuaian Renstra"


def _client(world: Any, who: str = "planner") -> Client:
    client = Client()
    client.force_login(world.users[who])
    return client


def _url(world: Any, name: str, **kwargs: Any) -> str:
    return reverse(f"ui:{name}", kwargs={"agency": world.own.agency.code, "year": 2024, **kwargs})


def _form(client: Client, url: str) -> dict[str, Any]:
    """The form's fields as the page fills them (what a browser would send back)."""
    form = client.get(url).context["form"]
    data = {name: form.initial.get(name) for name in form.fields}
    return {k: ("" if v is None else v) for k, v in data.items() if v is not False}


def test_the_catalogue_lists_the_plan_and_marks_realised_indicators(world: Any) -> None:
    page = _client(world).get(_url(world, "plan_catalogue"))
    assert page.status_code == 200
    text = page.content.decode()
    for heading in (
        "Misi",
        "Tujuan dan indikatornya",
        "Sasaran strategis",
        "Program",
        "Unit kerja",
    ):
        assert heading in text
    assert "ada realisasi" in text and "Hentikan mulai" in text
    assert "Tahun 2023 sudah dikunci" in text


def test_an_indicator_is_edited_with_the_datasets_messages_on_its_fields(world: Any) -> None:
    client = _client(world)
    ik02 = Indicator.objects.get(objective__plan__agency=world.own.agency, code="IK02")
    url = _url(world, "plan_item_edit", kind="indikator", pk=ik02.pk)
    data = _form(client, url)
    bad = {**data, "code": "IK 02", "target_2024": "sembilan puluh", "reason": REASON}
    answer = client.post(url, bad)
    assert answer.status_code == 400
    errors = answer.context["form"].errors
    assert "format tidak sesuai" in errors["code"][0]
    assert errors["target_2024"][0].startswith("2024: ")
    assert Indicator.objects.get(pk=ik02.pk).code == "IK02"
    good = {**data, "unit": "%", "polarity": "lower", "target_2024": "90", "reason": REASON}
    assert client.post(url, good).status_code == 302
    stored = export_dataset(world.own.agency).indicator("IK02")
    assert stored is not None and stored.unit == "%" and stored.renstra_targets == {2024: "90"}
    assert Revision.objects.filter(subject="Indikator IK02", reason=REASON).exists()


def test_a_change_without_reason_under_a_locked_year_is_refused(world: Any) -> None:
    client = _client(world)
    ik02 = Indicator.objects.get(objective__plan__agency=world.own.agency, code="IK02")
    url = _url(world, "plan_item_edit", kind="indikator", pk=ik02.pk)
    answer = client.post(url, {**_form(client, url), "name": "Nama baru"})
    assert answer.status_code == 400
    assert "reason" in answer.context["form"].errors
    assert Indicator.objects.get(pk=ik02.pk).name != "Nama baru"


def test_an_objective_is_added_with_its_first_indicator(world: Any) -> None:
    client = _client(world)
    url = _url(world, "plan_item_add", kind="sasaran")
    data = {
        "code": "SS99",
        "name": "Sasaran baru",
        "ik-code": "IK99",
        "ik-name": "Indikator baru",
        "ik-polarity": "higher",
        "ik-combine": "last",
        "ik-target_2024": "80%",
        "reason": REASON,
    }
    assert client.post(url, data).status_code == 302
    added = export_dataset(world.own.agency).indicator("IK99")
    assert added is not None and added.renstra_targets == {2024: "80%"}
    assert Objective.objects.get(plan__agency=world.own.agency, code="SS99").indicators.count()


def test_a_realised_indicator_is_retired_not_removed(world: Any) -> None:
    client = _client(world)
    ik08 = world.own.indicator
    url = _url(world, "plan_item_remove", kind="indikator", pk=ik08.pk)
    answer = client.post(url, {"reason": REASON}, follow=True)
    assert "sudah punya realisasi" in answer.content.decode()
    assert Indicator.objects.filter(pk=ik08.pk).exists()
    retire = _url(world, "plan_item_retire", pk=ik08.pk)
    client.post(retire, {"tahun": "2025", "reason": REASON})
    assert Indicator.objects.get(pk=ik08.pk).retired_from == 2025


def test_the_next_year_is_made_once_and_inside_the_renstra(world: Any) -> None:
    client = _client(world)
    agency = world.own.agency
    refused = client.post(_url(world, "year_rollover"), follow=True)
    assert "Belum ada Renstra yang mencakup tahun 2025" in refused.content.decode()
    plan = StrategicPlan.objects.get(agency=agency)
    url = _url(world, "plan_item_edit", kind="renstra", pk=plan.pk)
    assert (
        client.post(url, {**_form(client, url), "end": "2025", "reason": REASON}).status_code == 302
    )
    made = client.post(_url(world, "year_rollover"))
    assert made.status_code == 302 and made["Location"].endswith("/2025/pk/")
    count = PerformanceAgreement.objects.filter(agency=agency, year=2025).count()
    assert count == PerformanceAgreement.objects.filter(agency=agency, year=2024).count()
    again = client.post(_url(world, "year_rollover"), follow=True)
    assert "Tahun 2025 sudah ada" in again.content.decode()
    assert PerformanceAgreement.objects.filter(agency=agency, year=2025).count() == count
    assert not ReportingYear.objects.get(agency=agency, year=2025).is_locked
    # The draft year is a year like any other: its dashboard and entry screens open.
    dashboard = reverse("ui:dashboard", args=[agency.code, 2025])
    assert client.get(dashboard).status_code == 200
    entry = reverse("ui:entry", args=[agency.code, 2025, world.own.unit, 1])
    assert world.own.indicator.code in client.get(entry).content.decode()


def test_a_form_sent_back_unchanged_changes_nothing(world: Any) -> None:
    """Exact weights and `{printed, value}` targets survive the form's text fields."""
    from kinerja.plans import catalogue

    ik02 = Indicator.objects.get(objective__plan__agency=world.own.agency, code="IK02")
    exact = {"weight": 1 / 3, "renstra_targets": {2024: {"printed": "B (baik)", "value": "B"}}}
    catalogue.update_item(
        world.users["planner"], ik02, {**catalogue.item_data(ik02), **exact}, REASON
    )
    before = catalogue.item_data(ik02)
    revisions = Revision.objects.count()
    client = _client(world)
    url = _url(world, "plan_item_edit", kind="indikator", pk=ik02.pk)
    answer = client.post(url, {**_form(client, url), "reason": REASON}, follow=True)
    assert "Tidak ada perubahan." in answer.content.decode()
    assert catalogue.item_data(Indicator.objects.get(pk=ik02.pk)) == before
    assert Revision.objects.count() == revisions
