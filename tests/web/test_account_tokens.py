"""Passwords and API tokens: a reset or a deactivation revokes the user's tokens, administrators
list and revoke the tokens of their offices' users, and every user changes their own password.

Personas as in `conftest.py`; our office is KPU Kota Metro, the other office KPU Kota Contoh.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from kinerja.accounts import actions
from kinerja.api.actions import create_token
from kinerja.api.models import ApiToken

PASSWORD = "kata-sandi-uji-7391"  # the personas' password (tests/web/conftest.py)
NEW_PASSWORD = "Rahasia-Baru-2025!"
OWN = "kpu-kota-metro"
OTHER = "kpu-contoh"


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_status(raw: str) -> int:
    response = Client().get("/api/v1/offices", headers={"Authorization": f"Bearer {raw}"})
    return response.status_code


def test_a_password_set_by_the_admin_revokes_the_users_tokens(world) -> None:
    planner = world.users["planner"]
    _, raw = create_token(planner, "skrip rekap")
    _, other_raw = create_token(world.users["auditor"], "milik auditor")
    assert api_status(raw) == 200
    admin = logged_in(world.users["admin"])
    url = reverse("ui:user_password", args=[OWN, planner.pk])
    page = admin.get(url).content.decode()
    assert 'name="old_password"' not in page, "the admin never needs the old password"

    response = admin.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert api_status(raw) == 401
    assert api_status(other_raw) == 200, "only the user's own tokens go"
    assert ApiToken.objects.filter(user=planner, revoked_at__isnull=True).count() == 0


def test_a_deactivated_account_stays_without_tokens_when_reactivated(world) -> None:
    planner = world.users["planner"]
    _, raw = create_token(planner, "skrip rekap")
    admin = logged_in(world.users["admin"])
    url = reverse("ui:user_active", args=[OWN, planner.pk])

    assert admin.post(url, {"active": "0"}).status_code == 302
    assert admin.post(url, {"active": "1"}).status_code == 302

    assert api_status(raw) == 401
    assert ApiToken.objects.get(user=planner).revoked_at is not None


def test_every_user_changes_their_own_password(world, caplog) -> None:
    caplog.set_level(logging.INFO)
    operator = world.users["operator_a"]
    _, raw = create_token(operator, "skrip unit")
    elsewhere = logged_in(operator)  # another browser of the same user
    client = Client()
    assert (
        client.post(
            reverse("ui:login"), {"username": "operator_a", "password": PASSWORD}
        ).status_code
        == 302
    )
    url = reverse("ui:password_change")
    page = client.get(url)
    assert page.status_code == 200
    assert "Kata sandi lama" in page.content.decode()
    assert not re.search(r"<[^>]+\sstyle=", page.content.decode()), "no inline style (CSP)"

    wrong = client.post(
        url,
        {"old_password": "salah", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 200 and "Kata sandi lama salah" in wrong.content.decode()
    weak = client.post(
        url, {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    )
    assert weak.status_code == 200 and "terlalu umum" in weak.content.decode()
    assert api_status(raw) == 200, "a refused change keeps everything"

    response = client.post(
        url,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    operator.refresh_from_db()
    assert operator.check_password(NEW_PASSWORD)
    dashboard = reverse("ui:dashboard", args=[OWN, 2024])
    assert client.get(dashboard).status_code == 200, "this session stays logged in"
    assert elsewhere.get(dashboard).status_code == 302, "other sessions end"
    assert api_status(raw) == 401, "the user's tokens are revoked"
    lines = [r.getMessage() for r in caplog.records if r.name == "kinerja.accounts"]
    assert "password of operator_a changed by its user" in lines
    assert any(line.startswith("tokens revoked: 1 of operator_a by operator_a") for line in lines)


def test_the_admin_lists_and_revokes_the_tokens_of_the_offices_users(world) -> None:
    planner_token, planner_raw = create_token(world.users["planner"], "skrip perencana")
    outsider_token, outsider_raw = create_token(world.users["outsider"], "skrip kantor lain")
    admin = logged_in(world.users["admin"])
    url = reverse("ui:office_tokens", args=[OWN])

    page = admin.get(url).content.decode()
    assert "skrip perencana" in page and planner_token.prefix in page
    assert "planner" in page
    assert "skrip kantor lain" not in page, "another office's tokens are not listed"
    assert planner_raw not in page

    revoke = reverse("ui:office_token_revoke", args=[OWN])
    response = admin.post(revoke, {"token": planner_token.pk})

    assert response.status_code == 302
    assert api_status(planner_raw) == 401
    assert admin.post(revoke, {"token": outsider_token.pk}).status_code == 404
    assert api_status(outsider_raw) == 200
    assert "Dicabut" in admin.get(url).content.decode()


def test_only_administrators_see_the_offices_tokens(world) -> None:
    token, raw = create_token(world.users["auditor"], "skrip auditor")
    planner = logged_in(world.users["planner"])

    assert planner.get(reverse("ui:office_tokens", args=[OWN])).status_code == 403
    response = planner.post(reverse("ui:office_token_revoke", args=[OWN]), {"token": token.pk})
    assert response.status_code == 403
    assert api_status(raw) == 200
    other_admin = logged_in(world.users["admin"])
    assert other_admin.get(reverse("ui:office_tokens", args=[OTHER])).status_code == 404


def test_the_revoke_action_checks_the_rule_itself(world) -> None:
    own, _ = create_token(world.users["planner"], "milik perencana")
    other, _ = create_token(world.users["outsider"], "milik kantor lain")
    staff = world.users["auditor"]
    staff.is_staff = True
    staff.save()
    server, _ = create_token(staff, "milik staf server")

    for actor, token in (
        (world.users["planner"], own),  # not an administrator
        (world.users["admin"], other),  # a user of an office out of reach
        (world.users["admin"], server),  # a server staff account
    ):
        with pytest.raises(PermissionDenied):
            actions.revoke_user_token(actor, token)
        token.refresh_from_db()
        assert token.revoked_at is None
    actions.revoke_user_token(world.users["admin"], own)
    own.refresh_from_db()
    assert own.revoked_at is not None


def test_an_inactive_account_cannot_change_its_password(world) -> None:
    planner = world.users["planner"]
    planner.is_active = False
    planner.save()
    with pytest.raises(PermissionDenied):
        actions.change_own_password(planner, NEW_PASSWORD)
    planner.refresh_from_db()
    assert planner.check_password(PASSWORD)
