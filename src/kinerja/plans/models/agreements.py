"""The Perjanjian Kinerja of a year: targets per indicator and the budget per program."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.agencies.fields import TimestampedModel, exactly_one, optional_text, position_field
from kinerja.agencies.models import Agency, WorkUnit
from kinerja.plans.models.strategy import Activity, Indicator, Objective, Program


class PerformanceAgreement(TimestampedModel):
    """A Perjanjian Kinerja (PK): of the office (no work unit) or of one work unit, for a year.

    The two parties are kept as JSON in the dataset's `Person` form.
    """

    agency = models.ForeignKey(
        Agency, verbose_name=_("instansi"), on_delete=models.CASCADE, related_name="agreements"
    )
    year = models.IntegerField(_("tahun"))
    position = position_field()
    work_unit = models.ForeignKey(
        WorkUnit,
        verbose_name=_("unit kerja"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="agreements",
    )
    table = optional_text(_("nomor tabel"))
    title = optional_text(_("judul"))
    place = optional_text(_("tempat"))
    signed_on = models.DateField(_("ditandatangani pada"), null=True, blank=True)
    first_party = models.JSONField(_("pihak pertama"), null=True, blank=True)
    second_party = models.JSONField(_("pihak kedua"), null=True, blank=True)
    printed_total = models.PositiveBigIntegerField(_("jumlah tercetak"), null=True, blank=True)

    class Meta:
        verbose_name = _("perjanjian kinerja")
        verbose_name_plural = _("perjanjian kinerja")
        ordering = ("year", "position", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "year"],
                condition=Q(work_unit__isnull=True),
                name="agreement_one_office_pk_per_year",
                violation_error_message=_("Instansi ini sudah punya PK kantor untuk tahun ini."),
            ),
            models.UniqueConstraint(
                fields=["agency", "year", "work_unit"],
                condition=Q(work_unit__isnull=False),
                name="agreement_one_unit_pk_per_year",
                violation_error_message=_("Unit kerja ini sudah punya PK untuk tahun ini."),
            ),
        )

    def __str__(self) -> str:
        return f"PK {self.year}"


class AgreementRow(TimestampedModel):
    """One indicator's target in a PK, with the action plan's quarterly targets.

    `quarterly_targets` is a JSON list of `[quarter, value]` pairs in the dataset's order.
    """

    agreement = models.ForeignKey(
        PerformanceAgreement,
        verbose_name=_("perjanjian kinerja"),
        on_delete=models.CASCADE,
        related_name="rows",
    )
    position = position_field()
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("sasaran strategis"),
        on_delete=models.RESTRICT,
        related_name="agreement_rows",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator kinerja"),
        on_delete=models.RESTRICT,
        related_name="agreement_rows",
    )
    target = models.JSONField(_("target"), null=True, blank=True)
    quarterly_targets = models.JSONField(_("target triwulan"), default=list, blank=True)
    printed_objective = optional_text(_("sasaran tercetak"))
    printed_indicator = optional_text(_("indikator tercetak"))

    class Meta:
        verbose_name = _("baris perjanjian kinerja")
        verbose_name_plural = _("baris perjanjian kinerja")
        ordering = ("position", "id")

    def __str__(self) -> str:
        return f"PK {self.agreement_id} #{self.position}"


class BudgetLine(TimestampedModel):
    """A budget amount (anggaran) of a program or of an activity, never both."""

    agreement = models.ForeignKey(
        PerformanceAgreement,
        verbose_name=_("perjanjian kinerja"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    position = position_field()
    program = models.ForeignKey(
        Program,
        verbose_name=_("program"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="budget_lines",
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("kegiatan"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="budget_lines",
    )
    amount = models.PositiveBigIntegerField(_("jumlah (Rp)"))
    printed = optional_text(_("jumlah tercetak"))

    class Meta:
        verbose_name = _("anggaran")
        verbose_name_plural = _("anggaran")
        ordering = ("position", "id")
        constraints = (
            models.CheckConstraint(
                condition=exactly_one("program", "activity"),
                name="budget_line_program_xor_activity",
                violation_error_message=_("Isi tepat satu: program atau kegiatan."),
            ),
        )

    def __str__(self) -> str:
        return f"{self.amount}"
