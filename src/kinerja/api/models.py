"""Personal API tokens: a user's key to the JSON API, kept only as its SHA-256."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.agencies.fields import TimestampedModel

TOKEN_PREFIX = "knj_"


def token_digest(raw: str) -> str:
    """The SHA-256 (hex) of a raw token: what is stored and looked up, never the token itself."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


class ApiToken(TimestampedModel):
    """A personal token that acts as its user on the API, with the same permissions.

    The raw token is shown once when it is made; only its SHA-256 and its first characters (to
    tell tokens apart in the list) are kept. A revoked token is refused with 401 and stays in
    the list, with when it was revoked.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("nama"), max_length=100)
    key_hash = models.CharField(_("SHA-256 token"), max_length=64)
    prefix = models.CharField(_("awalan"), max_length=16)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ("-created_at", "-id")
        constraints = (
            models.UniqueConstraint(
                fields=["key_hash"],
                name="api_token_key_hash_unique",
                violation_error_message=_("Token ini sudah ada."),
            ),
            models.CheckConstraint(
                condition=Q(key_hash__regex=r"^[0-9a-f]{64}$"),
                name="api_token_key_hash_hex",
                violation_error_message=_("SHA-256 harus 64 digit heksadesimal huruf kecil."),
            ),
        )

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
