"""Measurement tables, quarterly realisations with evidence, and budget spending.

Values (targets, realisations, achievements) are JSON in the dataset's form: the printed text,
or `{"printed", "value"}` when the printed form cannot be read as it stands.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.agencies.fields import TimestampedModel, exactly_one, optional_text, position_field
from kinerja.agencies.models import WorkUnit
from kinerja.plans.models import Activity, Indicator, Program
from kinerja.results.choices import Quarter, RealizationStatus
from kinerja.results.models.years import ReportingYear


def quarter_known(field: str, name: str, *, nullable: bool) -> models.CheckConstraint:
    condition = Q(**{f"{field}__gte": 1, f"{field}__lte": 4})
    if nullable:
        condition |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(
        condition=condition,
        name=name,
        violation_error_message=_("Triwulan harus 1 sampai 4."),
    )


class MeasurementTable(TimestampedModel):
    """A work unit's measurement table (pengukuran kinerja) for the year."""

    reporting_year = models.ForeignKey(
        ReportingYear,
        verbose_name=_("tahun laporan"),
        on_delete=models.CASCADE,
        related_name="measurement_tables",
    )
    position = position_field()
    work_unit = models.ForeignKey(
        WorkUnit,
        verbose_name=_("unit kerja"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="measurement_tables",
    )
    table = optional_text(_("nomor tabel"))
    title = optional_text(_("judul"))

    class Meta:
        verbose_name = _("tabel pengukuran kinerja")
        verbose_name_plural = _("tabel pengukuran kinerja")
        ordering = ("position", "id")

    def __str__(self) -> str:
        return self.title or self.table or f"Pengukuran #{self.position + 1}"


class MeasurementRow(TimestampedModel):
    """A row of a measurement table: targets, the year's realisation, the printed achievement.

    A row the source prints once for several indicators links them all, in order.
    """

    table = models.ForeignKey(
        MeasurementTable,
        verbose_name=_("tabel pengukuran"),
        on_delete=models.CASCADE,
        related_name="rows",
    )
    position = position_field()
    indicators = models.ManyToManyField(
        Indicator,
        verbose_name=_("indikator kinerja"),
        through="MeasurementRowIndicator",
        related_name="measurement_rows",
    )
    target = models.JSONField(_("target"), null=True, blank=True)
    activity_target = models.JSONField(_("target kegiatan"), null=True, blank=True)
    realization = models.JSONField(_("realisasi"), null=True, blank=True)
    reported_achievement = models.JSONField(_("capaian tercetak"), null=True, blank=True)
    printed_objective = optional_text(_("sasaran tercetak"))
    printed_indicator = optional_text(_("indikator tercetak"))

    class Meta:
        verbose_name = _("baris pengukuran kinerja")
        verbose_name_plural = _("baris pengukuran kinerja")
        ordering = ("position", "id")

    def __str__(self) -> str:
        return f"{self.table_id} #{self.position + 1}"


class MeasurementRowIndicator(TimestampedModel):
    """An indicator measured by a row, in the order the dataset lists them."""

    row = models.ForeignKey(
        MeasurementRow,
        verbose_name=_("baris pengukuran"),
        on_delete=models.CASCADE,
        related_name="indicator_links",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator kinerja"),
        on_delete=models.RESTRICT,
        related_name="measurement_links",
    )
    position = position_field()

    class Meta:
        verbose_name = _("indikator baris pengukuran")
        verbose_name_plural = _("indikator baris pengukuran")
        ordering = ("position", "id")

    def __str__(self) -> str:
        return f"{self.row_id} -> {self.indicator_id}"


def _user_field(verbose_name: str, related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
    )


class Realization(TimestampedModel):
    """A quarterly realisation (realisasi) of an indicator, with a note and evidence.

    The workflow fields (status, who submitted and verified, the reason it was returned) are not
    part of the dataset; `version` grows with every change, so that verifying a value that
    changed since it was shown can be refused.
    """

    reporting_year = models.ForeignKey(
        ReportingYear,
        verbose_name=_("tahun laporan"),
        on_delete=models.CASCADE,
        related_name="realizations",
    )
    position = position_field()
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator kinerja"),
        on_delete=models.RESTRICT,
        related_name="realizations",
    )
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=Quarter.choices)
    value = models.JSONField(_("nilai"))
    note = optional_text(_("catatan"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RealizationStatus.choices,
        default=RealizationStatus.VERIFIED,
    )
    version = models.PositiveIntegerField(_("versi"), default=1)
    entered_by = _user_field(_("diisi oleh"), "+")
    submitted_by = _user_field(_("diajukan oleh"), "+")
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    verified_by = _user_field(_("diverifikasi oleh"), "+")
    verified_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    returned_reason = optional_text(_("alasan dikembalikan"))

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ("position", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["indicator", "reporting_year", "quarter"],
                name="realization_once_per_quarter",
                violation_error_message=_(
                    "Realisasi indikator ini untuk triwulan tersebut sudah tercatat."
                ),
            ),
            quarter_known("quarter", "realization_quarter_known", nullable=False),
            models.CheckConstraint(
                condition=Q(status__in=RealizationStatus.values),
                name="realization_status_known",
                violation_error_message=_("Status realisasi tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=~Q(status=RealizationStatus.RETURNED) | Q(returned_reason__isnull=False),
                name="realization_returned_has_reason",
                violation_error_message=_("Realisasi yang dikembalikan harus punya alasan."),
            ),
        )

    def __str__(self) -> str:
        return f"{self.indicator_id} TW {self.quarter}"


class Evidence(TimestampedModel):
    """Evidence (bukti dukung): a stored file or a link, of a realisation or a measurement row."""

    realization = models.ForeignKey(
        Realization,
        verbose_name=_("realisasi"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
    )
    measurement_row = models.ForeignKey(
        MeasurementRow,
        verbose_name=_("baris pengukuran"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
    )
    position = position_field()
    title = models.TextField(_("judul"))
    file = optional_text(_("nama berkas"))
    url = optional_text(_("tautan"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, null=True, blank=True)
    # An uploaded file is kept under settings.EVIDENCE_DIR by its SHA-256 (see
    # `kinerja.results.evidence_files`); these describe it and are not part of the dataset.
    content_type = models.CharField(_("jenis berkas"), max_length=100, null=True, blank=True)
    size = models.PositiveIntegerField(_("ukuran (bita)"), null=True, blank=True)
    uploaded_by = _user_field(_("diunggah oleh"), "+")

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ("position", "id")
        constraints = (
            models.CheckConstraint(
                condition=exactly_one("realization", "measurement_row"),
                name="evidence_of_realization_xor_row",
                violation_error_message=_(
                    "Bukti dukung harus milik tepat satu: realisasi atau baris pengukuran."
                ),
            ),
            models.CheckConstraint(
                condition=Q(sha256__isnull=True) | Q(sha256__regex=r"^[0-9a-f]{64}$"),
                name="evidence_sha256_hex",
                violation_error_message=_("SHA-256 harus 64 digit heksadesimal huruf kecil."),
            ),
        )

    def __str__(self) -> str:
        return self.title


class Spending(TimestampedModel):
    """Budget spent (realisasi anggaran) on a program or an activity, for the year or to the end
    of a quarter (cumulative).

    The workflow fields follow the realisation's (`Realization`): entered as a draft by the
    finance unit's operator or a planner, submitted, then verified or returned by a planner who
    did not submit it; `version` grows with every change. They are not part of the dataset.
    """

    reporting_year = models.ForeignKey(
        ReportingYear,
        verbose_name=_("tahun laporan"),
        on_delete=models.CASCADE,
        related_name="spending",
    )
    position = position_field()
    program = models.ForeignKey(
        Program,
        verbose_name=_("program"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="spending",
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("kegiatan"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="spending",
    )
    quarter = models.PositiveSmallIntegerField(
        _("triwulan"), choices=Quarter.choices, null=True, blank=True
    )
    spent = models.PositiveBigIntegerField(_("realisasi (Rp)"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RealizationStatus.choices,
        default=RealizationStatus.VERIFIED,
    )
    version = models.PositiveIntegerField(_("versi"), default=1)
    entered_by = _user_field(_("diisi oleh"), "+")
    submitted_by = _user_field(_("diajukan oleh"), "+")
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    verified_by = _user_field(_("diverifikasi oleh"), "+")
    verified_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    returned_reason = optional_text(_("alasan dikembalikan"))

    class Meta:
        verbose_name = _("realisasi anggaran")
        verbose_name_plural = _("realisasi anggaran")
        ordering = ("position", "id")
        constraints = (
            models.CheckConstraint(
                condition=exactly_one("program", "activity"),
                name="spending_program_xor_activity",
                violation_error_message=_("Isi tepat satu: program atau kegiatan."),
            ),
            quarter_known("quarter", "spending_quarter_known", nullable=True),
            models.CheckConstraint(
                condition=Q(status__in=RealizationStatus.values),
                name="spending_status_known",
                violation_error_message=_("Status realisasi anggaran tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=~Q(status=RealizationStatus.RETURNED) | Q(returned_reason__isnull=False),
                name="spending_returned_has_reason",
                violation_error_message=_(
                    "Realisasi anggaran yang dikembalikan harus punya alasan."
                ),
            ),
        )

    def __str__(self) -> str:
        return f"{self.spent}"
