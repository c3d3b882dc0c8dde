"""The evaluation worksheet (LKE) answers of a reporting year, as the dataset holds them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.agencies.fields import TimestampedModel, code_field, optional_text, position_field
from kinerja.evaluations.choices import LkeAnswer
from kinerja.results.models import ReportingYear


class Evaluation(TimestampedModel):
    """The LKE of one reporting year, under one regulation's worksheet."""

    reporting_year = models.OneToOneField(
        ReportingYear,
        verbose_name=_("tahun laporan"),
        on_delete=models.CASCADE,
        related_name="evaluation",
    )
    regulation = code_field(_("regulasi"))

    class Meta:
        verbose_name = _("evaluasi SAKIP")
        verbose_name_plural = _("evaluasi SAKIP")
        ordering = ("reporting_year_id",)

    def __str__(self) -> str:
        return f"{self.reporting_year} ({self.regulation})"


class EvaluationAnswer(TimestampedModel):
    """The office's answer to one criterion, with its note and evidence links.

    `proposed` is true when a person confirmed the system's proposal unchanged.
    """

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluasi"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    position = position_field()
    criterion = code_field(_("kriteria"))
    answer = models.CharField(_("jawaban"), max_length=2, choices=LkeAnswer.choices)
    note = optional_text(_("catatan"))
    evidence = models.JSONField(_("bukti dukung"), default=list, blank=True)
    proposed = models.BooleanField(_("usulan sistem diterima"), default=False)

    class Meta:
        verbose_name = _("jawaban LKE")
        verbose_name_plural = _("jawaban LKE")
        ordering = ("evaluation_id", "position", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["evaluation", "criterion"],
                name="evaluation_answer_unique_criterion",
                violation_error_message=_("Kriteria ini sudah dijawab."),
            ),
            models.CheckConstraint(
                condition=models.Q(answer__in=LkeAnswer.values),
                name="evaluation_answer_known_grade",
                violation_error_message=_(
                    "Jawaban harus salah satu dari AA, A, BB, B, CC, C, D, E."
                ),
            ),
        )

    def __str__(self) -> str:
        return f"{self.criterion}: {self.answer}"
