"""Making and revoking personal API tokens: the only two changes a token goes through.

Every revocation is logged to `kinerja.accounts` (an account change): who revoked which token of
whom, and why when it follows a password change or a deactivation.
"""

from __future__ import annotations

import logging
import secrets

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone

from kinerja.api.models import TOKEN_PREFIX, ApiToken, token_digest

PREFIX_SHOWN = len(TOKEN_PREFIX) + 6

log = logging.getLogger("kinerja.accounts")


@transaction.atomic
def create_token(user: AbstractBaseUser, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`: the record, and the raw token (never stored, never shown again)."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], key_hash=token_digest(raw), prefix=raw[:PREFIX_SHOWN]
    )
    log.info("token created: %s (%s) of %s", token.pk, token.prefix, user)
    return token, raw


@transaction.atomic
def revoke_token(token: ApiToken, actor: AbstractBaseUser | AnonymousUser | None = None) -> None:
    """Revoke a token for good; it answers 401 from now on. Revoking twice changes nothing."""
    changed = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    token.refresh_from_db(fields=["revoked_at"])
    if changed:
        log.info(
            "token revoked: %s (%s) of %s by %s",
            token.pk,
            token.prefix,
            token.user,
            actor or token.user,
        )


def revoke_tokens_of(user: AbstractBaseUser, actor: AbstractBaseUser, reason: str) -> int:
    """Revoke every active token of `user` (in the caller's transaction); how many there were."""
    active = dict(
        ApiToken.objects.select_for_update()
        .filter(user=user, revoked_at__isnull=True)
        .values_list("pk", "prefix")
    )
    count = ApiToken.objects.filter(pk__in=active, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if count:
        log.info(
            "tokens revoked: %d of %s by %s (%s): %s",
            count,
            user,
            actor,
            reason,
            ", ".join(sorted(active.values())),
        )
    return count
