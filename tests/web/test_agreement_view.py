"""The read-only PK page: every role of the office sees the parties, targets with the action
plan's quarters and the budget; the PK form takes rupiah as offices write them."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from kinerja.plans.models import BudgetLine, PerformanceAgreement


def test_every_role_sees_the_pk_with_targets_quarters_and_budget(world):
    agreement = PerformanceAgreement.objects.filter(
        agency=world.own.agency, year=2024, work_unit__isnull=True
    ).first()
    assert agreement is not None
    row = agreement.rows.select_related("indicator").first()
    assert row is not None
    client = Client()
    client.force_login(world.users["operator_b"])
    page = client.get(
        reverse("ui:agreement_view", args=[world.own.agency.code, 2024, agreement.pk])
    ).content.decode()

    assert (row.printed_indicator or row.indicator.name) in page
    total = sum(line.amount for line in agreement.budget_lines.all())
    assert f"Rp {total:,}".replace(",", ".") in page  # e.g. Rp 15.534.394.000
    assert "Ubah target" not in page  # an operator only reads


def test_the_pk_form_takes_rupiah_with_separators_and_refuses_words(world):
    agreement = (
        PerformanceAgreement.objects.filter(agency=world.own.agency, year=2024)
        .exclude(budget_lines=None)
        .first()
    )
    assert agreement is not None
    line = agreement.budget_lines.first()
    assert line is not None
    url = reverse("ui:agreement_edit", args=[world.own.agency.code, 2024, agreement.pk])
    client = Client()
    client.force_login(world.users["planner"])
    form = client.get(url).content.decode()
    shown = f"{line.amount:,}".replace(",", ".")
    assert f'value="{shown}"' in form  # shown with thousand separators

    fields = client.get(url).context["form"]
    data = {name: fields[name].value() or "" for name in fields.fields}
    data[f"b-{line.pk}"] = "Rp 1.250.000.000"
    client.post(url, data)
    assert BudgetLine.objects.get(pk=line.pk).amount == 1_250_000_000

    data[f"b-{line.pk}"] = "satu miliar"
    answer = client.post(url, data).content.decode()
    assert "tidak terbaca" in answer
    assert BudgetLine.objects.get(pk=line.pk).amount == 1_250_000_000
