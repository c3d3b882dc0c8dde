"""The client's address of a request, for login throttling (django-axes) and the request log.

`settings.TRUSTED_PROXIES` (`KINERJA_TRUSTED_PROXIES`) is the number of reverse proxies in front
of Kinerja, each of which appends the address it received the request from to
`X-Forwarded-For` (nginx: `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`).

- 0 (the default): direct connections. `REMOTE_ADDR` is the client; `X-Forwarded-For` is ignored,
  because anyone can send it.
- N > 0: the last proxy is `REMOTE_ADDR` and the client is the N-th address from the right of
  `X-Forwarded-For`. Whatever the client put further left is its own invention and is ignored.
  A request with fewer addresses than that (one that reached Kinerja past the proxies) is
  counted against its `REMOTE_ADDR`.

The header is parsed by django-ipware. Its `proxy_count` counts the proxies *listed* in the
header, which is one less than the hops (the last proxy is `REMOTE_ADDR`, not in the header);
`strict=False` lets a forged or malformed left part pass instead of discarding the whole header
(which would count every client against the proxy again). Only `X-Forwarded-For` is read: ipware
would otherwise rank a public `REMOTE_ADDR` above a private office address in the header.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ipware.ip import get_client_ip

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"


def trusted_proxies() -> int:
    return int(getattr(settings, "TRUSTED_PROXIES", 0))


def client_address(request: HttpRequest) -> str | None:
    """The address the request came from, as far as the trusted proxies vouch for it."""
    remote: str | None = request.META.get("REMOTE_ADDR")
    hops = trusted_proxies()
    if hops <= 0 or not request.META.get(FORWARDED_FOR):
        return remote
    address, _ = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=hops - 1,
        request_header_order=(FORWARDED_FOR,),
        strict=False,
    )
    return address or remote
