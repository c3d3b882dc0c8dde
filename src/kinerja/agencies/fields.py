"""Building blocks shared by the models of every app: timestamps, codes, list positions."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

CODE_LENGTH = 64


class TimestampedModel(models.Model):
    """Abstract base: when a row was created and last changed."""

    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui pada"), auto_now=True)

    class Meta:
        abstract = True


def code_field(verbose_name: str | None = None) -> models.CharField:
    """A dataset code: letters, digits, `.`, `_`, `-`, at most 64 characters."""
    return models.CharField(verbose_name or _("kode"), max_length=CODE_LENGTH)


def position_field() -> models.PositiveIntegerField:
    """The place of a row in its dataset list, which the round trip keeps."""
    return models.PositiveIntegerField(_("urutan"), default=0)


def optional_text(verbose_name: str) -> models.TextField:
    """A text the dataset may leave out; NULL keeps 'absent' apart from an empty text."""
    return models.TextField(verbose_name, null=True, blank=True)


def exactly_one(first: str, second: str) -> Q:
    """A condition true when exactly one of two nullable foreign keys is set."""
    return Q(**{f"{first}__isnull": False, f"{second}__isnull": True}) | Q(
        **{f"{first}__isnull": True, f"{second}__isnull": False}
    )
