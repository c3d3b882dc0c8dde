"""Bearer-token authentication of the API: personal tokens only, never the session cookie.

Only `Authorization: Bearer <token>` is accepted. A browser's session cookie does not
authenticate an API call, so no API call can be forged from another site (CSRF) and none needs
a CSRF token. A missing, unknown or revoked token, or a token of an inactive user, gets 401.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from kinerja.api.models import ApiToken, token_digest

# last_used_at is written at most this often per token, so that reads stay reads.
TOUCH_EVERY = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer knj_…`: the token's user, as the request's user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if not token or len(token) > 200:
            return None
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=token_digest(token), revoked_at__isnull=True)
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > TOUCH_EVERY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user
