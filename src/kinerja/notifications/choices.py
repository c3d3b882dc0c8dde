"""Kinds of notification."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a notification is about."""

    RETURNED = "returned", _("Dikembalikan")
    VERIFIED = "verified", _("Terverifikasi")
    SUBMITTED = "submitted", _("Diajukan")
    LOCKED = "locked", _("Tahun dikunci")
    DEADLINE = "deadline", _("Tenggat dekat")
