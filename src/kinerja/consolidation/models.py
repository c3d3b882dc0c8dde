"""Each office's computed results of a year: what the consolidation of upper offices reads.

A row is the outcome of `kinerja.dataset.measure` for one office and year, at one level: the
office itself, an objective or an indicator. It is derived data, rewritten for the office
whenever its values change (`kinerja.consolidation.refresh`), so that a national page reads
553 offices' stored rows instead of measuring every office's realisations per request.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.agencies.fields import code_field, position_field
from kinerja.agencies.models import Agency


class Kind(models.TextChoices):
    OFFICE = "office", _("Instansi")
    OBJECTIVE = "objective", _("Sasaran")
    INDICATOR = "indicator", _("Indikator")


class OfficeResult(models.Model):
    """One office's achievement of a year for itself, an objective or an indicator.

    `value` is what the item brings into the next roll-up (capped where the office's cap
    applies there); None when unmeasured. `expected` and `entered` count the quarterly
    realisations due under the office PK and those verified (the completeness).
    """

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("instansi"),
        on_delete=models.CASCADE,
        related_name="office_results",
    )
    year = models.IntegerField(_("tahun"))
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    code = code_field()
    objective = code_field(_("sasaran"))
    name = models.TextField(_("nama"))
    position = position_field()
    value = models.DecimalField(
        _("capaian"), max_digits=30, decimal_places=10, null=True, blank=True
    )
    expected = models.PositiveIntegerField(_("realisasi wajib"), default=0)
    entered = models.PositiveIntegerField(_("realisasi terverifikasi"), default=0)
    refreshed_at = models.DateTimeField(_("diperbarui pada"), auto_now=True)

    class Meta:
        verbose_name = _("hasil instansi")
        verbose_name_plural = _("hasil instansi")
        ordering = ("agency", "year", "position")
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "year", "kind", "code"], name="office_result_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values), name="office_result_kind_known"
            ),
        )
        indexes = (models.Index(fields=["year", "kind", "code"], name="office_result_year_kind"),)

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year} {self.kind} {self.code}"


class OfficeState(models.Model):
    """Where an office's stored results stand against its verified data.

    Every change of the office's verified data (`agencies.signals.office_changed`) moves
    `version` on and gives a new `stamp`, inside the writing transaction; the refresh task
    stores the results of the version it read and records it as `refreshed_version`. The rows
    are stale while `refreshed_version < version` (the pages say the figures are being
    updated). `queued_at` is set while a refresh task is waiting, so that many saves of one
    office queue one refresh (a refresh queued long ago and never run, after a restored backup
    or a lost worker, is queued again). `stamp` names the data's state for the per-process
    caches of measured offices (`kinerja.consolidation.measured`): random, so no two states
    share one, not even across a restored backup or a rolled-back test.
    """

    agency = models.OneToOneField(
        Agency,
        verbose_name=_("instansi"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="result_state",
    )
    version = models.PositiveBigIntegerField(_("versi data"), default=0)
    refreshed_version = models.PositiveBigIntegerField(_("versi hasil tersimpan"), default=0)
    stamp = models.CharField(_("cap data"), max_length=32)
    queued_at = models.DateTimeField(_("pembaruan diantrekan pada"), null=True, blank=True)
    changed_at = models.DateTimeField(_("data berubah pada"), null=True, blank=True)
    refreshed_at = models.DateTimeField(_("hasil diperbarui pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("status hasil instansi")
        verbose_name_plural = _("status hasil instansi")

    def __str__(self) -> str:
        return f"{self.agency_id} v{self.version} (hasil v{self.refreshed_version})"

    @property
    def stale(self) -> bool:
        return self.refreshed_version < self.version
