"""Out-of-range numbers and NUL characters through the web: the import and the PK form answer
with a message on the field, never a 500, and nothing is written."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kinerja.plans.models import BudgetLine

EXAMPLE_TEXT = (
    __import__("pathlib").Path(__file__).parents[2] / "examples" / "kpu-kota-metro-2024.yaml"
).read_text(encoding="utf-8")


def _import(client: Client, world, text: str):
    url = reverse("ui:import", args=[world.own.agency.code, 2024])
    upload = SimpleUploadedFile("bahaya.yaml", text.encode("utf-8"), "application/x-yaml")
    return client.post(url, {"file": upload})


def test_an_import_with_an_amount_past_storage_is_refused_on_the_field(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.users["planner"])
    text = EXAMPLE_TEXT.replace("amount: 12692171000", f"amount: {2**63}", 1)
    response = _import(client, world, text)
    assert response.status_code == 200
    body = response.content.decode()
    assert "amount: harus ≤ 9223372036854775807" in body
    assert response.context["preview"] is None


def test_an_import_with_a_nul_in_a_text_is_refused_on_the_field(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.users["planner"])
    text = EXAMPLE_TEXT.replace("  name: KPU Kota Metro\n", '  name: "KPU\\0 Metro"\n', 1)
    response = _import(client, world, text)
    assert response.status_code == 200
    assert "agency.name: tidak boleh berisi karakter NUL" in response.content.decode()
    assert response.context["preview"] is None


def _pk_post(world, amount: str) -> dict[str, str]:
    agreement = world.own.agreement
    data = {"reason": ""}
    for row in agreement.rows.all():
        data[f"t-{row.pk}"] = ""
        for q in (1, 2, 3, 4):
            data[f"q{q}-{row.pk}"] = ""
    for line in agreement.budget_lines.all():
        data[f"b-{line.pk}"] = amount
    return data


def test_the_pk_form_refuses_an_amount_past_storage(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.users["planner"])
    agreement = world.own.agreement
    before = list(BudgetLine.objects.filter(agreement=agreement).values_list("amount", flat=True))
    assert before
    url = reverse("ui:agreement_edit", args=[world.own.agency.code, 2024, agreement.pk])
    response = client.post(url, _pk_post(world, str(10**20)))
    assert response.status_code == 200
    errors = response.context["form"].errors.as_text()
    assert "9223372036854775807" in errors.replace(".", "")
    after = list(BudgetLine.objects.filter(agreement=agreement).values_list("amount", flat=True))
    assert after == before
