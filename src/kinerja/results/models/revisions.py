"""Revisions: the only way a value of a locked year changes, with its reason and author."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.agencies.fields import TimestampedModel
from kinerja.results.models.years import ReportingYear


class Revision(TimestampedModel):
    """A recorded change to a locked year: what, from what to what, why, by whom and when.

    `subject` names the value as users see it ("Realisasi IK08 Triwulan IV", "Target PK IK08");
    the old and new values are JSON in the dataset's form.
    """

    reporting_year = models.ForeignKey(
        ReportingYear,
        verbose_name=_("tahun laporan"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    subject = models.TextField(_("yang direvisi"))
    old_value = models.JSONField(_("nilai lama"), null=True, blank=True)
    new_value = models.JSONField(_("nilai baru"), null=True, blank=True)
    reason = models.TextField(_("alasan"))
    revised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("direvisi oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("revisi")
        verbose_name_plural = _("revisi")
        ordering = ("-created_at", "-id")
        constraints = (
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="revision_has_reason",
                violation_error_message=_("Revisi harus punya alasan."),
            ),
        )

    def __str__(self) -> str:
        return f"{self.subject} ({self.created_at:%Y-%m-%d})"
