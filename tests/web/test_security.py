"""Security defaults: CSP without inline scripts, CSRF, throttled login, `check --deploy`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

PAGES = ("dashboard", "entry_index", "verification", "agreements", "downloads", "year_history")


def test_pages_carry_a_strict_csp_and_no_inline_script_or_style(world) -> None:
    client = Client()
    client.force_login(world.users["planner"])
    urls = [reverse(f"ui:{name}", args=["kpu-kota-metro", 2024]) for name in PAGES]
    urls += [
        reverse("ui:entry", args=["kpu-kota-metro", 2024, "hukum-sdm", 4]),
        reverse("ui:renstra", args=["kpu-kota-metro", 2024]),
        reverse("ui:login"),
    ]
    for url in urls:
        response = (Client() if url == reverse("ui:login") else client).get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        assert "frame-ancestors 'none'" in policy
        html = response.content.decode()
        for script in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in script, f"inline script in {url}: {script}"
        assert not re.search(r"<[^>]+\sstyle=", html), f"inline style in {url}"
        assert not re.search(r"\son[a-z]+=", html), f"inline event handler in {url}"
        assert not re.search(r"(src|href)=\"(https?:)?//", html), f"external asset in {url}"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"


def test_a_post_without_csrf_token_is_refused(world) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["planner"])

    response = client.post(reverse("ui:realization_verify", args=[world.own.submitted.pk]))

    assert response.status_code == 403


def test_login_is_throttled_after_repeated_failures(world) -> None:
    client = Client(REMOTE_ADDR="10.0.0.7")
    for _ in range(5):
        client.post(reverse("ui:login"), {"username": "planner", "password": "salah"})

    response = client.post(
        reverse("ui:login"), {"username": "planner", "password": "kata-sandi-uji-7391"}
    )

    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()


def test_the_right_password_logs_in(world) -> None:
    client = Client(REMOTE_ADDR="10.0.0.8")
    response = client.post(
        reverse("ui:login"), {"username": "planner", "password": "kata-sandi-uji-7391"}
    )
    assert response.status_code == 302


PRODUCTION = {
    "KINERJA_SECRET_KEY": "p" * 30 + "Q!r" * 10 + "z9" * 10,
    "KINERJA_ALLOWED_HOSTS": "kinerja.kpu-metro.go.id",
    "KINERJA_HTTPS": "1",
    "KINERJA_BEHIND_PROXY": "1",
}


def test_check_deploy_is_clean_under_the_production_settings(tmp_path: Path) -> None:
    """`call_command("check", deploy=True)` in a fresh interpreter with the production env."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("KINERJA_")
        and k not in {"PYTEST_VERSION", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(PRODUCTION, DJANGO_SETTINGS_MODULE="kinerja.web.settings",
               XDG_DATA_HOME=str(tmp_path), KINERJA_DATA_DIR=str(tmp_path))  # fmt: skip
    code = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr + completed.stdout
    assert "no issues" in completed.stdout


def test_production_refuses_to_start_without_a_secret(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_")}
    env.pop("PYTEST_VERSION", None)
    env.update(DJANGO_SETTINGS_MODULE="kinerja.web.settings", XDG_DATA_HOME=str(tmp_path))
    completed = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert completed.returncode != 0
    assert "KINERJA_SECRET_KEY" in completed.stderr


@pytest.mark.parametrize("name", ["dashboard", "downloads"])
def test_anonymous_users_are_sent_to_log_in(name: str, world) -> None:
    response = Client().get(reverse(f"ui:{name}", args=["kpu-kota-metro", 2024]))
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")
