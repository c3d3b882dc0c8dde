"""Middleware of operations: a request id on every request and log line, a log line for every
refused request and every server error, and no caching of a logged-in user's pages.

- `RequestIdMiddleware` (first): binds the request id (`kinerja.web.request_id`), sends it back in
  `X-Request-ID`, and logs every answer 401, 403 or 429 to `kinerja.security` (WARNING) and every
  answer 500 or above to `kinerja.requests` (ERROR), with method, path, user and client address.
  Django's own `django.request` record of a 500 carries the traceback and the same request id.
- `PrivatePagesMiddleware` (after authentication): every answer to a logged-in user, or to an API
  call with a token, gets `Cache-Control: private, no-store`, so that no shared cache or browser
  history keeps office data. Static files are answered by WhiteNoise before it and keep their
  caching.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from kinerja.web.client_address import client_address, trusted_proxies
from kinerja.web.request_id import HEADER, bind, new_request_id, unbind

security_log = logging.getLogger("kinerja.security")
request_log = logging.getLogger("kinerja.requests")

REFUSED = frozenset({401, 403, 429})
NO_STORE = "private, no-store"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

Handler = Callable[[HttpRequest], HttpResponseBase]


def printable(text: object, limit: int = 200) -> str:
    """Text from a request, safe for one log line: control characters replaced, length capped."""
    return _CONTROL.sub("?", str(text))[:limit]


def user_name(request: HttpRequest) -> str:
    """The user name of the request's user, "-" when anonymous (never fails: used on errors)."""
    try:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return printable(user.get_username())
    except Exception:  # the database may be what failed
        return "?"
    return "-"


class RequestIdMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request_id = new_request_id(request.headers.get(HEADER), trusted_proxies() > 0)
        request.request_id = request_id  # type: ignore[attr-defined]
        token = bind(request_id)
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            self._log(request, response)
            return response
        finally:
            unbind(token)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, PermissionDenied):
            request._kinerja_refusal = str(exception)  # type: ignore[attr-defined]

    def _log(self, request: HttpRequest, response: HttpResponseBase) -> None:
        status = response.status_code
        if status not in REFUSED and status < 500:
            return
        what: tuple[Any, ...] = (
            status,
            request.method,
            printable(request.path),
            user_name(request),
            client_address(request) or "-",
        )
        if status in REFUSED:
            reason = getattr(request, "_kinerja_refusal", "")
            security_log.warning(
                "refused %d %s %s user=%s ip=%s%s",
                *what,
                f": {printable(reason)}" if reason else "",
            )
        else:
            request_log.error("server error %d %s %s user=%s ip=%s", *what)


class PrivatePagesMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if user_name(request) != "-":
            response["Cache-Control"] = NO_STORE
        return response
