"""The id of the request being answered, on every log record made while it runs.

`RequestIdMiddleware` (`kinerja.web.middleware`) sets it for each request: the proxy's
`X-Request-ID` when the request came through trusted proxies (`settings.TRUSTED_PROXIES`) and
the value is a plain token, otherwise a new random one. It is sent back in `X-Request-ID`, shown
on the error pages, and put on every `logging.LogRecord` as `request_id` ("-" outside a request)
by the record factory installed when this module is imported (the settings' `LOGGING` imports it
through `RequestIdFilter`), so that records reaching any handler, `caplog`'s too, carry it.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest

NONE = "-"
HEADER = "X-Request-ID"
# What a proxy's id may look like (nginx's $request_id is 32 hex digits): no spaces, no control
# characters, nothing that could forge a log line.
PROXY_ID = re.compile(r"[A-Za-z0-9._:@+=/-]{1,200}")

_current: ContextVar[str] = ContextVar("kinerja_request_id", default=NONE)


def current_request_id() -> str:
    """The id of the request being answered in this thread or task, or "-"."""
    return _current.get()


def new_request_id(proxy_value: str | None, trusted: bool) -> str:
    """The proxy's id when trusted and well-formed, else a new random one."""
    if trusted and proxy_value and PROXY_ID.fullmatch(proxy_value):
        return proxy_value
    return uuid.uuid4().hex


def bind(request_id: str) -> Any:
    """Make `request_id` current; returns the token for `unbind`."""
    return _current.set(request_id)


def unbind(token: Any) -> None:
    _current.reset(token)


_base_factory = logging.getLogRecordFactory()


def _record_with_request_id(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record = _base_factory(*args, **kwargs)
    record.request_id = _current.get()
    return record


if getattr(logging.getLogRecordFactory(), "__name__", "") != _record_with_request_id.__name__:
    logging.setLogRecordFactory(_record_with_request_id)


class RequestIdFilter(logging.Filter):
    """For formatters: `%(request_id)s` on every record, also one made by another factory."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = _current.get()
        return True


def request_id_context(request: HttpRequest) -> dict[str, str]:
    """Template context processor: `request_id`, for the error pages."""
    return {"request_id": current_request_id()}
