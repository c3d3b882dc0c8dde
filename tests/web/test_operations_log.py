"""Operations: the log (standard error, level from the environment, a request id on every line),
what is logged (refused actions, lockouts, account changes, server errors), the Indonesian error
pages, and `Cache-Control: private, no-store` on every page of a logged-in user.

Log records are asserted with `caplog`; every record made while a request runs carries that
request's id (`record.request_id`), the one sent back in `X-Request-ID`.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.api.actions import create_token

PASSWORD = "kata-sandi-uji-7391"  # the personas' password (tests/web/conftest.py)
NEW_PASSWORD = "Rahasia-Baru-2025!"
OWN = "kpu-kota-metro"
HEX_ID = re.compile(r"^[0-9a-f]{32}$")


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def records(caplog: pytest.LogCaptureFixture, logger: str, level: int = logging.INFO) -> list[Any]:
    return [r for r in caplog.records if r.name.startswith(logger) and r.levelno >= level]


# --- request ids ---------------------------------------------------------------------------------


def test_a_refused_action_is_logged_with_the_request_id_of_its_answer(world, caplog) -> None:
    client = logged_in(world.users["planner"])
    caplog.set_level(logging.INFO)
    caplog.clear()
    response = client.get(reverse("ui:users", args=[OWN]))

    assert response.status_code == 403
    request_id = response["X-Request-ID"]
    assert HEX_ID.match(request_id)
    refused = records(caplog, "kinerja.security", logging.WARNING)
    assert len(refused) == 1
    line = refused[0].getMessage()
    assert "403" in line and f"/o/{OWN}/pengguna/" in line and "planner" in line
    assert "Anda tidak berwenang" in line, "the reason of the refusal"
    assert refused[0].request_id == request_id
    assert all(r.request_id == request_id for r in caplog.records), "every line of the request"


def test_the_api_refusal_is_logged_too(world, caplog) -> None:
    caplog.set_level(logging.INFO)
    response = Client().get("/api/v1/offices", headers={"Authorization": "Bearer knj_salah"})

    assert response.status_code == 401
    (refused,) = records(caplog, "kinerja.security", logging.WARNING)
    assert "401" in refused.getMessage() and refused.request_id == response["X-Request-ID"]


def test_a_request_id_is_taken_from_a_trusted_proxy_only(world, settings) -> None:
    home = reverse("ui:login")
    settings.TRUSTED_PROXIES = 1
    assert Client().get(home, headers={"X-Request-ID": "ab12-cd34"})["X-Request-ID"] == "ab12-cd34"
    for bad in ("dua kata", "x" * 201, "a\x00b"):
        kept = Client().get(home, headers={"X-Request-ID": bad})["X-Request-ID"]
        assert HEX_ID.match(kept), bad

    settings.TRUSTED_PROXIES = 0
    direct = Client().get(home, headers={"X-Request-ID": "ab12-cd34"})["X-Request-ID"]
    assert HEX_ID.match(direct)
    assert direct != Client().get(home)["X-Request-ID"], "one id per request"


# --- what is logged ------------------------------------------------------------------------------


def test_failed_logins_and_the_lockout_are_logged(world, caplog) -> None:
    caplog.set_level(logging.INFO)
    client = Client(REMOTE_ADDR="203.0.113.66")
    for _ in range(5):
        client.post(reverse("ui:login"), {"username": "planner", "password": "salah"})
    locked = client.post(reverse("ui:login"), {"username": "planner", "password": PASSWORD})

    assert locked.status_code == 429
    lines = [r.getMessage() for r in records(caplog, "kinerja.security", logging.WARNING)]
    assert sum("login failed" in line for line in lines) == 6, "five wrong, one while locked"
    assert any("locked out" in line and "203.0.113.66" in line for line in lines)
    assert any("429" in line and "/masuk/" in line for line in lines)


def test_every_account_change_is_logged_with_its_author(world, caplog) -> None:
    caplog.set_level(logging.INFO)
    admin = logged_in(world.users["admin"])
    token, _ = create_token(world.users["auditor"], "skrip auditor")
    admin.post(
        reverse("ui:user_add", args=[OWN]),
        {
            "kind": "baru",
            "baru-username": "budi",
            "baru-full_name": "Budi Santoso",
            "baru-email": "",
            "baru-password1": NEW_PASSWORD,
            "baru-password2": NEW_PASSWORD,
            "baru-role": "planner",
            "baru-work_unit": "",
        },
    )
    from kinerja.accounts.models import Membership

    membership = Membership.objects.get(user__username="budi")
    budi = membership.user
    admin.post(reverse("ui:membership_edit", args=[membership.pk]), {"role": "auditor"})
    admin.post(reverse("ui:user_password", args=[OWN, budi.pk]), {
        "password1": PASSWORD + "x", "password2": PASSWORD + "x"})  # fmt: skip
    admin.post(reverse("ui:user_active", args=[OWN, budi.pk]), {"active": "0"})
    admin.post(reverse("ui:user_active", args=[OWN, budi.pk]), {"active": "1"})
    admin.post(reverse("ui:office_token_revoke", args=[OWN]), {"token": token.pk})
    admin.post(reverse("ui:membership_remove", args=[membership.pk]), {"confirm": "1"})

    lines = [r.getMessage() for r in records(caplog, "kinerja.accounts")]
    for expected in (
        "account budi created by admin",
        "role granted: budi planner in kpu-kota-metro",
        "role changed: budi in kpu-kota-metro from planner",
        "password of budi set by admin",
        "account budi deactivated by admin",
        "account budi activated by admin",
        f"token revoked: {token.pk} ({token.prefix}) of auditor by admin",
        "role removed: budi auditor in kpu-kota-metro by admin",
    ):
        assert any(expected in line for line in lines), f"{expected!r} not in {lines}"


def test_a_server_error_shows_its_request_id_and_is_logged_with_it(
    world, caplog, monkeypatch
) -> None:
    def broken(*args: Any) -> Any:
        raise RuntimeError("papan rusak")

    monkeypatch.setattr("kinerja.ui.views.build_dashboard", broken)
    caplog.set_level(logging.INFO)
    client = Client(raise_request_exception=False)
    client.force_login(world.users["planner"])

    response = client.get(reverse("ui:dashboard", args=[OWN, 2024]))

    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    page = response.content.decode()
    assert "Terjadi kesalahan" in page and request_id in page
    assert 'lang="id"' in page and "ui/app.css" in page, "the app's look"
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and all(r.request_id == request_id for r in errors)
    assert any(r.exc_info and "papan rusak" in str(r.exc_info[1]) for r in errors)
    assert any("500" in r.getMessage() and "planner" in r.getMessage() for r in errors)


def test_the_500_page_survives_a_broken_template(monkeypatch) -> None:
    from django.test import RequestFactory

    from kinerja.ui import auth
    from kinerja.web.request_id import bind, unbind

    def broken(name: str) -> Any:
        raise RuntimeError("templat rusak")

    monkeypatch.setattr(auth.loader, "get_template", broken)
    token = bind("abc123")
    try:
        response = auth.server_error(RequestFactory().get("/"))
    finally:
        unbind(token)

    assert response.status_code == 500
    page = response.content.decode()
    assert "Terjadi kesalahan" in page and "abc123" in page


# --- error pages ---------------------------------------------------------------------------------


def test_the_error_pages_are_indonesian_in_the_apps_look(world) -> None:
    planner = logged_in(world.users["planner"])
    missing = planner.get("/tidak-ada/")
    forbidden = planner.get(reverse("ui:users", args=[OWN]))
    strict = Client(enforce_csrf_checks=True)
    csrf = strict.post(reverse("ui:login"), {"username": "planner", "password": PASSWORD})
    locked = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(6):
        too_many = locked.post(reverse("ui:login"), {"username": "auditor", "password": "x"})

    for response, status, words in (
        (missing, 404, "Halaman tidak ditemukan"),
        (forbidden, 403, "Tidak diizinkan"),
        (csrf, 403, "Formulir kedaluwarsa"),
        (too_many, 429, "Terlalu banyak percobaan"),
    ):
        assert response.status_code == status
        page = response.content.decode()
        assert words in page, status
        assert 'lang="id"' in page and "ui/app.css" in page, status
        assert response["X-Request-ID"] in page, f"{status}: the request id to quote"


# --- caching -------------------------------------------------------------------------------------


def test_pages_of_a_logged_in_user_are_not_stored(world) -> None:
    planner = logged_in(world.users["planner"])
    _, raw = create_token(world.users["planner"], "uji")
    pages = [
        planner.get(reverse("ui:dashboard", args=[OWN, 2024])),
        planner.get(reverse("ui:entry", args=[OWN, 2024, "hukum-sdm", 4])),
        planner.get(reverse("ui:tokens")),
        planner.get(reverse("ui:password_change")),
        planner.get(reverse("ui:evidence_file", args=[world.own.evidence.pk])),
        planner.get(reverse("ui:users", args=[OWN])),  # a refusal too
        logged_in(world.users["admin"]).get(reverse("ui:users", args=[OWN])),
        Client().get("/api/v1/offices", headers={"Authorization": f"Bearer {raw}"}),
    ]
    for response in pages:
        assert response.status_code in (200, 403), response
        assert response["Cache-Control"] == "private, no-store", response.wsgi_request.path

    static = planner.get("/static/ui/app.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", ""), "static files keep their caching"


# --- configuration -------------------------------------------------------------------------------


def _run_with(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    clean.update(env, DJANGO_SETTINGS_MODULE="kinerja.web.settings", XDG_DATA_HOME=str(tmp_path),
                 KINERJA_DATA_DIR=str(tmp_path))  # fmt: skip
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('kinerja.accounts').info('catatan info'); "
        "logging.getLogger('kinerja.security').warning('catatan peringatan')"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=False
    )


def test_the_log_goes_to_standard_error_at_the_level_of_the_environment(tmp_path: Path) -> None:
    default = _run_with(tmp_path)
    assert default.returncode == 0, default.stderr
    assert "catatan info" in default.stderr and "catatan peringatan" in default.stderr
    assert re.search(r"INFO kinerja\.accounts \[-\] catatan info", default.stderr)
    assert default.stdout == ""

    quiet = _run_with(tmp_path, KINERJA_LOG_LEVEL="warning")
    assert "catatan info" not in quiet.stderr and "catatan peringatan" in quiet.stderr

    wrong = _run_with(tmp_path, KINERJA_LOG_LEVEL="berisik")
    assert wrong.returncode != 0 and "KINERJA_LOG_LEVEL" in wrong.stderr
