"""Memberships: a user's role in an office, and for an operator the work unit they enter for."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kinerja.accounts.choices import Role
from kinerja.agencies.fields import CODE_LENGTH, TimestampedModel
from kinerja.agencies.models import Agency, WorkUnit


class Membership(TimestampedModel):
    """A user's role in an office (and below it, for administrators and viewers).

    An operator belongs to one work unit of the office; the other roles to none. The work unit is
    kept by its dataset code: importing a dataset again rewrites the office's work units, and
    the operator keeps their unit through it.

    Every change, deletions included, is recorded with its author (`history`, in this app:
    memberships are no dataset rows, see `kinerja.audit`).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("instansi"), on_delete=models.CASCADE, related_name="memberships"
    )
    work_unit_code = models.CharField(
        _("kode unit kerja"), max_length=CODE_LENGTH, null=True, blank=True
    )
    role = models.CharField(_("peran"), max_length=16, choices=Role.choices)
    history = HistoricalRecords(verbose_name=_("riwayat keanggotaan"))

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        ordering = ("user_id", "agency_id", "role")
        constraints = (
            models.CheckConstraint(
                condition=Q(role__in=Role.values),
                name="membership_role_known",
                violation_error_message=_("Peran tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=Q(role=Role.OPERATOR, work_unit_code__isnull=False)
                | (~Q(role=Role.OPERATOR) & Q(work_unit_code__isnull=True)),
                name="membership_unit_only_for_operator",
                violation_error_message=_(
                    "Operator harus punya unit kerja; peran lain tidak memakai unit kerja."
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "agency", "role"],
                name="membership_unique_role_per_agency",
                violation_error_message=_("Pengguna sudah punya peran ini di instansi ini."),
            ),
        )

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} {self.agency.code}"

    @property
    def work_unit(self) -> WorkUnit | None:
        """The operator's work unit as stored now, or None."""
        if self.work_unit_code is None:
            return None
        return WorkUnit.objects.filter(agency=self.agency, code=self.work_unit_code).first()
