"""The verification card holds what a planner decides on, and several are decided at once."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from kinerja.results import actions
from kinerja.results.models import Realization

World = Any  # tests/web/conftest.py


def test_the_card_shows_target_achievement_previous_quarter_note_and_evidence(
    world: World,
) -> None:
    o = world.own
    operator = world.users["operator_a"]
    draft = o.draft  # Q3, "triwulan tiga": submitted, so Q4 has a previous quarter
    actions.submit_realization(operator, draft, draft.version)
    client = Client()
    client.force_login(world.users["planner"])
    page = client.get(reverse("ui:verification", args=[o.agency.code, 2024])).content.decode()
    card = page.split(f'id="verify-{o.submitted.pk}"')[1].split("</article>")[0]
    assert "Target yang dipakai perhitungan" in card
    assert "Capaian tahun bila diverifikasi" in card and "%" in card.split("data-achievement")[1]
    assert "90%" in card.split("Triwulan sebelumnya")[1]  # Q3's value, waiting too
    assert "laporan.pdf" in card
    q3 = page.split(f'id="verify-{draft.pk}"')[1].split("</article>")[0]
    assert "triwulan tiga" in q3.split("data-note")[1]
    assert 'form="batch"' in page


def test_several_are_verified_at_once_each_at_its_version(world: World) -> None:
    o = world.own
    operator = world.users["operator_a"]
    draft = o.draft
    actions.submit_realization(operator, draft, draft.version)
    draft.refresh_from_db()
    z = o.submitted
    client = Client()
    client.force_login(world.users["planner"])
    url = reverse("ui:verification_batch", args=[o.agency.code, 2024])
    answer = client.post(
        url,
        {
            "step": "verify",
            "pick": [z.pk, draft.pk],
            f"version-{z.pk}": z.version,
            f"version-{draft.pk}": draft.version - 1,  # shown before a change: refused
        },
    )
    assert answer.status_code == 302
    statuses = dict(Realization.objects.filter(pk__in=[z.pk, draft.pk]).values_list("pk", "status"))
    assert statuses == {z.pk: "verified", draft.pk: "submitted"}


def test_returning_several_needs_a_reason(world: World) -> None:
    o = world.own
    z = o.submitted
    client = Client()
    client.force_login(world.users["planner"])
    url = reverse("ui:verification_batch", args=[o.agency.code, 2024])
    client.post(url, {"step": "return", "pick": [z.pk], f"version-{z.pk}": z.version})
    z.refresh_from_db()
    assert z.status == "submitted"
    client.post(
        url,
        {"step": "return", "pick": [z.pk], f"version-{z.pk}": z.version, "reason": "Bukti kurang"},
    )
    z.refresh_from_db()
    assert (z.status, z.returned_reason) == ("returned", "Bukti kurang")
    client.force_login(world.users["operator_a"])
    assert client.post(url, {"step": "verify", "pick": [z.pk]}).status_code == 403
