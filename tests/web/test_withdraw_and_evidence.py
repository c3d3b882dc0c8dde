"""Operators take a submission back before it is verified, and delete a wrong evidence file
from a draft; neither once the value is verified, and each is in the value's history."""

from __future__ import annotations

import io
from typing import Any

from django.test import Client
from django.urls import reverse

from kinerja.results import actions
from kinerja.results.models import Evidence, Realization

World = Any  # tests/web/conftest.py
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_operator_withdraws_then_deletes_the_wrong_file(world: World) -> None:
    z = world.own.submitted
    client = Client()
    client.force_login(world.users["operator_a"])
    card = client.get(
        reverse("ui:entry", args=[world.own.agency.code, 2024, world.own.unit, 4])
    ).content.decode()
    assert "Tarik pengajuan" in card
    answer = client.post(
        reverse("ui:realization_withdraw", args=[z.pk]), {f"w{z.indicator_id}-version": z.version}
    )
    assert answer.status_code == 302
    z.refresh_from_db()
    assert z.status == "draft" and z.submitted_by is None
    evidence = world.own.evidence
    answer = client.post(
        reverse("ui:evidence_remove", args=[evidence.pk]), {f"e{evidence.pk}-version": z.version}
    )
    assert answer.status_code == 302
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    reasons = list(
        Realization.history.filter(id=z.pk).values_list("history_change_reason", flat=True)
    )
    assert "Pengajuan ditarik kembali" in reasons
    assert "Bukti dukung dihapus: laporan.pdf" in reasons


def test_a_stale_version_changes_nothing(world: World) -> None:
    z = world.own.submitted
    client = Client()
    client.force_login(world.users["operator_a"])
    client.post(
        reverse("ui:realization_withdraw", args=[z.pk]),
        {f"w{z.indicator_id}-version": z.version - 1},
    )
    z.refresh_from_db()
    assert z.status == "submitted"


def test_nothing_is_withdrawn_or_deleted_once_verified(world: World) -> None:
    z = world.own.submitted
    actions.verify_realization(world.users["planner"], z, z.version)
    z.refresh_from_db()
    client = Client()
    client.force_login(world.users["operator_a"])
    answer = client.post(
        reverse("ui:realization_withdraw", args=[z.pk]), {f"w{z.indicator_id}-version": z.version}
    )
    assert answer.status_code == 403
    answer = client.post(
        reverse("ui:evidence_remove", args=[world.own.evidence.pk]),
        {f"e{world.own.evidence.pk}-version": z.version},
    )
    assert answer.status_code == 403
    draft = world.own.draft
    extra = actions.add_evidence(
        world.users["operator_a"], draft, io.BytesIO(PDF), len(PDF), "salah.pdf"
    )
    draft.refresh_from_db()
    client.force_login(world.users["operator_b"])  # another unit's operator
    answer = client.post(
        reverse("ui:evidence_remove", args=[extra.pk]), {f"e{extra.pk}-version": draft.version}
    )
    assert answer.status_code == 403
