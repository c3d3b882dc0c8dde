"""Personal tokens: made in the web app and shown once, kept only hashed, revoked for good."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from django.test import Client
from django.urls import reverse

from kinerja.api.actions import create_token, revoke_token
from kinerja.api.models import ApiToken

TOKEN = re.compile(r"knj_[A-Za-z0-9_-]{40,}")


def _logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _make_in_web_app(client: Client, name: str = "rekap triwulan") -> str:
    response = client.post(reverse("ui:tokens"), {"name": name})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    found = TOKEN.findall(response.content.decode())
    assert len(found) == 1, "the new token is shown exactly once on the page"
    return found[0]


def test_a_token_made_in_the_web_app_is_shown_once_and_kept_only_as_its_hash(world: Any) -> None:
    client = _logged_in(world.users["operator_a"])
    raw = _make_in_web_app(client)

    token = ApiToken.objects.get(user=world.users["operator_a"])
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    stored = [str(v) for v in ApiToken.objects.filter(pk=token.pk).values().get().values()]
    assert not any(raw in value for value in stored)
    assert raw.startswith(token.prefix) and len(token.prefix) < 12

    page = client.get(reverse("ui:tokens")).content.decode()
    assert raw not in page, "the list shows the prefix, never the token again"
    assert token.prefix in page and "rekap triwulan" in page


def test_the_new_token_works_and_records_its_last_use(world: Any) -> None:
    raw = _make_in_web_app(_logged_in(world.users["planner"]))
    response = Client().get("/api/v1/offices", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert ApiToken.objects.get(user=world.users["planner"]).last_used_at is not None


def test_a_token_revoked_in_the_web_app_gets_401(world: Any) -> None:
    client = _logged_in(world.users["planner"])
    raw = _make_in_web_app(client)
    token = ApiToken.objects.get(user=world.users["planner"])

    response = client.post(reverse("ui:token_revoke"), {"token": token.pk})

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    answer = Client().get("/api/v1/offices", headers={"Authorization": f"Bearer {raw}"})
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "unauthorized"
    assert answer["WWW-Authenticate"].startswith("Bearer")


def test_nobody_revokes_another_users_token(world: Any) -> None:
    token, _ = create_token(world.users["operator_a"], "milik operator A")
    client = _logged_in(world.users["operator_b"])

    response = client.post(reverse("ui:token_revoke"), {"token": token.pk})

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert "milik operator A" not in client.get(reverse("ui:tokens")).content.decode()


def test_revoking_twice_keeps_the_first_time(world: Any) -> None:
    token, _ = create_token(world.users["auditor"], "sekali")
    revoke_token(token)
    first = token.revoked_at
    revoke_token(token)
    assert token.revoked_at == first


def test_a_token_name_is_required(world: Any) -> None:
    client = _logged_in(world.users["auditor"])
    response = client.post(reverse("ui:tokens"), {"name": "   "})
    assert response.status_code == 200
    assert "Isi nama token." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_token_of_a_deactivated_user_gets_401(world: Any) -> None:
    user = world.users["operator_b"]
    _, raw = create_token(user, "lama")
    user.is_active = False
    user.save()
    response = Client().get("/api/v1/offices", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 401


def test_a_logged_in_browser_session_does_not_authenticate_the_api(world: Any) -> None:
    """No cookie authenticates an API call, so a forged cross-site request gets nothing."""
    client = _logged_in(world.users["planner"])
    assert client.get("/api/v1/offices").status_code == 401
    response = client.put(
        f"/api/v1/realizations/{world.own.draft.pk}",
        {"value": "1%", "version": world.own.draft.version},
        content_type="application/json",
    )
    assert response.status_code == 401
    world.own.draft.refresh_from_db()
    assert world.own.draft.value == "90%"


def test_unknown_or_malformed_tokens_get_401(world: Any) -> None:
    for header in (
        "Bearer knj_salah",
        "Bearer ",
        "Token abc",
        "Basic dXNlcjpwYXNz",
        "Bearer " + "x" * 500,
    ):
        response = Client().get("/api/v1/offices", headers={"Authorization": header})
        assert response.status_code == 401, header
