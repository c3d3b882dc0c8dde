"""Making and revoking personal API tokens: the only two changes a token goes through."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from kinerja.api.models import TOKEN_PREFIX, ApiToken, token_digest

PREFIX_SHOWN = len(TOKEN_PREFIX) + 6


@transaction.atomic
def create_token(user: AbstractBaseUser, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`: the record, and the raw token (never stored, never shown again)."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], key_hash=token_digest(raw), prefix=raw[:PREFIX_SHOWN]
    )
    return token, raw


@transaction.atomic
def revoke_token(token: ApiToken) -> None:
    """Revoke a token for good; it answers 401 from now on. Revoking twice changes nothing."""
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db(fields=["revoked_at"])
