"""A reporting year of an office, with its supporting tables and narrative sections."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.agencies.fields import TimestampedModel, code_field, optional_text, position_field
from kinerja.agencies.models import Agency, WorkUnit
from kinerja.plans.models import Indicator, Objective


class ReportingYear(TimestampedModel):
    """One budget year of an office, with the title and signature of its LKj.

    `has_report` keeps an empty report (`report: {}`) apart from none at all; the signatory is
    JSON in the dataset's `Person` form.
    """

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("instansi"),
        on_delete=models.CASCADE,
        related_name="reporting_years",
    )
    year = models.IntegerField(_("tahun"))
    position = position_field()
    has_report = models.BooleanField(_("ada data LKj"), default=False)
    report_title = optional_text(_("judul LKj"))
    report_place = optional_text(_("tempat penandatanganan LKj"))
    report_date = models.DateField(_("tanggal LKj"), null=True, blank=True)
    report_signatory = models.JSONField(_("penanda tangan LKj"), null=True, blank=True)
    # Set when the leader approves the year; not part of the dataset.
    locked_at = models.DateTimeField(_("dikunci pada"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dikunci oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tahun laporan")
        verbose_name_plural = _("tahun laporan")
        ordering = ("position", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "year"],
                name="reporting_year_unique_per_agency",
                violation_error_message=_("Tahun ini sudah tercatat untuk instansi ini."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="reporting_year_in_range",
                violation_error_message=_("Tahun harus antara 2000 dan 2100."),
            ),
            models.CheckConstraint(
                condition=Q(has_report=True)
                | Q(
                    report_title__isnull=True,
                    report_place__isnull=True,
                    report_date__isnull=True,
                    report_signatory__isnull=True,
                ),
                name="reporting_year_report_fields_need_report",
                violation_error_message=_("Data LKj hanya boleh diisi jika ada LKj."),
            ),
        )

    def __str__(self) -> str:
        return str(self.year)

    @property
    def is_locked(self) -> bool:
        """True once the leader has approved the year: changes then need a revision."""
        return self.locked_at is not None


class SupportingTable(TimestampedModel):
    """A supporting table printed in the report (ad hoc bodies, legal documents, vehicles...).

    Columns and rows are JSON: cells are text, whole numbers, decimals or empty, as printed.
    """

    reporting_year = models.ForeignKey(
        ReportingYear,
        verbose_name=_("tahun laporan"),
        on_delete=models.CASCADE,
        related_name="supporting_tables",
    )
    position = position_field()
    key = code_field(_("kunci"))
    table = optional_text(_("nomor tabel"))
    title = models.TextField(_("judul"))
    columns = models.JSONField(_("kolom"), default=list)
    rows = models.JSONField(_("baris"), default=list, blank=True)
    work_unit = models.ForeignKey(
        WorkUnit,
        verbose_name=_("unit kerja"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="supporting_tables",
    )
    note = optional_text(_("catatan"))

    class Meta:
        verbose_name = _("tabel pendukung")
        verbose_name_plural = _("tabel pendukung")
        ordering = ("position", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["reporting_year", "key"],
                name="supporting_table_key_unique_per_year",
                violation_error_message=_("Kunci tabel pendukung sudah dipakai di tahun ini."),
            ),
        )

    def __str__(self) -> str:
        return self.title


class NarrativeSection(TimestampedModel):
    """A narrative section written by the planner; it replaces the drafted text of its key.

    `version` grows with every change made in the web app or the API
    (`kinerja.results.narrative`), so that a text saved over another one written since it was
    read is refused; it is not part of the dataset (an import starts again at 1).
    """

    reporting_year = models.ForeignKey(
        ReportingYear,
        verbose_name=_("tahun laporan"),
        on_delete=models.CASCADE,
        related_name="narrative_sections",
    )
    position = position_field()
    key = code_field(_("kunci"))
    title = optional_text(_("judul"))
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("sasaran strategis"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="narrative_sections",
    )
    indicators = models.ManyToManyField(
        Indicator,
        verbose_name=_("indikator kinerja"),
        through="NarrativeIndicator",
        related_name="narrative_sections",
        blank=True,
    )
    work_unit = models.ForeignKey(
        WorkUnit,
        verbose_name=_("unit kerja"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="narrative_sections",
    )
    text = models.TextField(_("teks"))
    version = models.PositiveIntegerField(_("versi"), default=1)

    class Meta:
        verbose_name = _("bagian narasi")
        verbose_name_plural = _("bagian narasi")
        ordering = ("position", "id")

    def __str__(self) -> str:
        return self.title or self.key


class NarrativeIndicator(TimestampedModel):
    """An indicator a narrative section is about, in the order the dataset lists them."""

    section = models.ForeignKey(
        NarrativeSection,
        verbose_name=_("bagian narasi"),
        on_delete=models.CASCADE,
        related_name="indicator_links",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator kinerja"),
        on_delete=models.RESTRICT,
        related_name="narrative_links",
    )
    position = position_field()

    class Meta:
        verbose_name = _("indikator bagian narasi")
        verbose_name_plural = _("indikator bagian narasi")
        ordering = ("position", "id")

    def __str__(self) -> str:
        return f"{self.section_id} -> {self.indicator_id}"
