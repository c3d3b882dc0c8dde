"""Each role's home says what to do, and notifications reach the people whose work it is.

The world (tests/web/conftest.py): KPU Kota Metro 2024 with operator A's IK08 draft (Q3) and
submitted value (Q4), a locked 2023, and a viewer of KPU Provinsi Lampung above it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from kinerja.notifications.models import EmailSetting, Notification
from kinerja.results import actions
from kinerja.results.models import Realization
from kinerja.ui.dashboard import build_dashboard
from kinerja.ui.homes import GREEN, RED, YELLOW, leader_home

World = Any  # tests/web/conftest.py


def home(world: World, who: str) -> str:
    client = Client()
    client.force_login(world.users[who])
    response = client.get(reverse("ui:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_operator_home_lists_the_quarters_drafts_and_what_came_back(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    operator = world.users["operator_a"]
    operator.email = "operator@kpu.example"
    operator.save()
    page = home(world, "operator_a")
    assert 'id="operator-quarters"' in page and "10 April 2024" in page
    assert "Terlambat:" in page  # 2024's deadlines are past, and some cards are unfilled
    assert "IK08 TW III" in page.split('id="operator-drafts"')[1]

    z = world.own.submitted
    with django_capture_on_commit_callbacks(execute=True):
        actions.return_realization(world.users["planner"], z, z.version, "Lampirkan berita acara")
    page = home(world, "operator_a")
    returned = page.split('id="operator-returned"')[1]
    assert "IK08 TW IV" in returned and "Lampirkan berita acara" in returned
    assert 'id="home-notifications"' in page and "dikembalikan" in page
    assert [m.to for m in mail.outbox] == [["operator@kpu.example"]]
    assert "Lampirkan berita acara" in mail.outbox[0].body
    assert "/o/kpu-kota-metro/2024/isian/hukum-sdm/4/" in mail.outbox[0].body
    # The other unit's operator hears nothing of it.
    assert not Notification.objects.filter(user=world.users["operator_b"]).exists()


def test_planner_home_has_the_queue_late_units_and_review_errors(world: World) -> None:
    page = home(world, "planner")
    assert "Menunggu verifikasi: 1" in page
    assert "IK08 TW IV" in page.split('id="planner-queue"')[1]
    assert 'id="planner-late"' in page  # 2024's deadlines are past
    assert "Galat reviu terbuka:" in page
    # The submission notified the planner and the administrator, not the submitter.
    ours = Notification.objects.filter(kind="submitted", url__contains="/o/kpu-kota-metro/")
    told = set(ours.values_list("user__username", flat=True))
    assert told == {"planner", "admin"}


def test_leader_home_never_shows_incomplete_data_green(world: World) -> None:
    year = world.own.year
    board = build_dashboard(year, dt.date(2026, 12, 4))
    home_ = leader_home(year, board)
    assert home_.objectives and home_.units
    for light in [*home_.objectives, *home_.units]:
        assert light.light in (GREEN, YELLOW, RED, "grey")
        if light.note:
            assert light.light != GREEN, light
    # IK08 waits for verification: its objective is incomplete, and it drills down to the card.
    ik08 = next(o for o in home_.objectives if any(d.code == "IK08" for d in o.indicators))
    assert ik08.light != GREEN and ik08.note == "data belum lengkap"
    drill = next(d for d in ik08.indicators if d.code == "IK08")
    assert drill.url.endswith(f"/isian/hukum-sdm/4/#row-{world.own.indicator.pk}")
    assert not home_.ready and home_.pending >= 2
    page = home(world, "leader")
    assert 'id="leader-objectives"' in page and "Belum siap disetujui" in page


def test_auditor_home_lists_the_approved_years(world: World) -> None:
    page = home(world, "auditor")
    ready = page.split('id="auditor-ready"')[1]
    assert "Tahun 2023 disetujui" in ready and "/o/kpu-kota-metro/2023/unduh/" in ready


def test_the_provincial_viewer_sees_the_offices_below_and_its_own_page(world: World) -> None:
    page = home(world, "viewer")
    assert "KPU Kota Metro" in page and "Kelengkapan isian" in page
    assert "/o/kpu-kota-metro/2024/" in page
    client = Client()
    client.force_login(world.users["viewer"])
    office = client.get(reverse("ui:office", args=["kpu-provinsi-lampung"]))
    assert office.status_code == 200
    assert "KPU Kota Metro" in office.content.decode()
    for who in ("planner", "outsider"):  # below it, or elsewhere: the province is not theirs
        client.force_login(world.users[who])
        assert client.get(reverse("ui:office", args=["kpu-provinsi-lampung"])).status_code == 404


def test_each_user_turns_email_off_for_themselves(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    operator = world.users["operator_a"]
    operator.email = "operator@kpu.example"
    operator.save()
    client = Client()
    client.force_login(operator)
    assert client.post(reverse("ui:notifications_email"), {}).status_code == 302
    assert EmailSetting.objects.get(user=operator).enabled is False
    z = world.own.submitted
    with django_capture_on_commit_callbacks(execute=True):
        actions.return_realization(world.users["planner"], z, z.version, "Tanggal salah")
    assert mail.outbox == []
    page = client.get(reverse("ui:notifications")).content.decode()
    assert "Tanggal salah" in page
    assert client.post(reverse("ui:notifications_read")).status_code == 302
    assert not Notification.objects.filter(user=operator, read_at__isnull=True).exists()


@pytest.mark.parametrize("step", ["verify", "lock"])
def test_verification_and_the_lock_are_told(
    world: World, step: str, readiness_waived: None
) -> None:
    z = world.own.submitted
    actions.verify_realization(world.users["planner"], z, z.version)
    assert Notification.objects.filter(user=world.users["operator_a"], kind="verified").exists()
    if step == "lock":
        year = world.own.year
        for other in Realization.objects.filter(reporting_year=year).exclude(status="verified"):
            other.status = "verified"
            other.save()
        actions.lock_year(world.users["leader"], year, actions.year_fingerprint(year))
        told = Notification.objects.filter(kind="locked").values_list("user__username", flat=True)
        assert "planner" in told and "leader" not in told
