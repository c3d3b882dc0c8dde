"""Log lines of logging in: every failed login, every lockout (django-axes), every login and
logout, to `kinerja.security` with the user name tried and the client's address
(`kinerja.web.client_address`). Connected in `AccountsConfig.ready`.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from kinerja.web.client_address import client_address
from kinerja.web.middleware import printable

log = logging.getLogger("kinerja.security")


def _address(request: Any) -> str:
    return (client_address(request) if request is not None else None) or "-"


def login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **_: Any) -> None:
    log.warning(
        "login failed: username=%s ip=%s",
        printable(credentials.get("username", "")),
        _address(request),
    )


def locked_out(sender: Any, request: Any, username: Any, ip_address: Any, **_: Any) -> None:
    log.warning("login locked out: username=%s ip=%s", printable(username or ""), ip_address)


def logged_in(sender: Any, request: Any, user: Any, **_: Any) -> None:
    log.info("login: %s ip=%s", user, _address(request))


def logged_out(sender: Any, request: Any, user: Any, **_: Any) -> None:
    log.info("logout: %s ip=%s", user or "-", _address(request))


def connect() -> None:
    from axes.signals import user_locked_out

    user_login_failed.connect(login_failed, dispatch_uid="kinerja.login_failed")
    user_locked_out.connect(locked_out, dispatch_uid="kinerja.locked_out")
    user_logged_in.connect(logged_in, dispatch_uid="kinerja.logged_in")
    user_logged_out.connect(logged_out, dispatch_uid="kinerja.logged_out")
