"""What a leader acknowledged when approving a year: the readiness warnings they were shown."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.agencies.fields import TimestampedModel
from kinerja.results.models.years import ReportingYear


class LockAcknowledgement(TimestampedModel):
    """The warnings of the readiness check that a leader acknowledged before locking the year.

    `warnings` lists the messages exactly as shown; `created_at` is when they were acknowledged.
    Not part of the dataset: like the lock itself, it records the approval.
    """

    reporting_year = models.ForeignKey(
        ReportingYear,
        verbose_name=_("tahun laporan"),
        on_delete=models.CASCADE,
        related_name="lock_acknowledgements",
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diakui oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    warnings = models.JSONField(_("peringatan"), default=list)

    class Meta:
        verbose_name = _("pengakuan peringatan kesiapan")
        verbose_name_plural = _("pengakuan peringatan kesiapan")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.reporting_year_id}: {len(self.warnings)} peringatan"
