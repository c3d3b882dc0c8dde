"""Login throttling behind a reverse proxy: failures count against the client, not the proxy.

`TRUSTED_PROXIES` (`KINERJA_TRUSTED_PROXIES`) is the number of proxies in front of Kinerja that
append the client's address to `X-Forwarded-For`; 0 means direct connections, where the header is
ignored because anyone can send it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from kinerja.web.client_address import client_address

PASSWORD = "kata-sandi-uji-7391"  # the personas' password (tests/web/conftest.py)
PROXY = "10.0.0.1"
ATTACKER = "203.0.113.66"
COLLEAGUE = "198.51.100.7"


def login(client: Client, password: str, forwarded: str | None = None) -> Any:
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return client.post(
        reverse("ui:login"), {"username": "planner", "password": password}, headers=headers
    )


def test_behind_one_proxy_only_the_attackers_address_is_locked(world, settings) -> None:
    settings.TRUSTED_PROXIES = 1
    through_proxy = Client(REMOTE_ADDR=PROXY)
    for _ in range(5):
        login(through_proxy, "salah", ATTACKER)

    assert login(through_proxy, PASSWORD, ATTACKER).status_code == 429
    # A forged left part of the header does not help: the proxy appends the real address.
    assert login(Client(REMOTE_ADDR=PROXY), PASSWORD, f"{COLLEAGUE}, {ATTACKER}").status_code == 429
    colleague = login(Client(REMOTE_ADDR=PROXY), PASSWORD, COLLEAGUE)
    assert colleague.status_code == 302, "the colleague behind the same proxy still logs in"


def test_without_a_trusted_proxy_a_forged_header_does_not_escape_the_lockout(
    world, settings
) -> None:
    settings.TRUSTED_PROXIES = 0
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for n in range(5):
        login(attacker, "salah", f"192.0.2.{n + 1}")

    assert login(attacker, PASSWORD, COLLEAGUE).status_code == 429
    assert login(attacker, PASSWORD).status_code == 429
    assert login(Client(REMOTE_ADDR=COLLEAGUE), PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("hops", "forwarded", "remote", "expected"),
    [
        (0, "198.51.100.7", "203.0.113.66", "203.0.113.66"),  # header ignored
        (1, "198.51.100.7", PROXY, "198.51.100.7"),
        (1, "192.0.2.9, 198.51.100.7", PROXY, "198.51.100.7"),  # forged left part ignored
        (1, "bukan-alamat, 198.51.100.7", PROXY, "198.51.100.7"),
        (1, None, "198.51.100.8", "198.51.100.8"),  # reached directly: its own address
        (2, "192.0.2.9, 198.51.100.7, 10.0.0.2", PROXY, "198.51.100.7"),
        (2, "198.51.100.7", PROXY, PROXY),  # fewer hops than configured: nothing trusted
        (1, "10.20.30.40", "203.0.113.1", "10.20.30.40"),  # an office client behind a public proxy
    ],
)
def test_the_client_address_is_the_nth_address_from_the_right(
    settings, hops: int, forwarded: str | None, remote: str, expected: str
) -> None:
    settings.TRUSTED_PROXIES = hops
    meta: dict[str, str] = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/", **meta)

    assert client_address(request) == expected


def test_the_hop_count_from_the_environment_must_be_a_whole_number(monkeypatch) -> None:
    from django.core.exceptions import ImproperlyConfigured

    from kinerja.web.settings import _count

    monkeypatch.setenv("KINERJA_TRUSTED_PROXIES", "2")
    assert _count("KINERJA_TRUSTED_PROXIES", 0) == 2
    monkeypatch.setenv("KINERJA_TRUSTED_PROXIES", "")
    assert _count("KINERJA_TRUSTED_PROXIES", 1) == 1
    monkeypatch.setenv("KINERJA_TRUSTED_PROXIES", "satu")
    with pytest.raises(ImproperlyConfigured, match="KINERJA_TRUSTED_PROXIES"):
        _count("KINERJA_TRUSTED_PROXIES", 0)
