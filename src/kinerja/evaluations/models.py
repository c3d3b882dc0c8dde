"""The evaluation worksheet (LKE) answers and the recorded review of a reporting year, as the
dataset holds them (`Year.evaluation`, `Year.review`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.agencies.fields import (
    CODE_LENGTH,
    TimestampedModel,
    code_field,
    optional_text,
    position_field,
)
from kinerja.evaluations.choices import EvaluationMethod, LkeAnswer
from kinerja.results.models import ReportingYear


class Evaluation(TimestampedModel):
    """The LKE of one reporting year, under one regulation's worksheet.

    A draft until the auditor (APIP) finalises it ("LKE final", `kinerja.evaluations.finality`):
    then `finalized_at` is set and the score and predicate as computed at that moment are kept
    (`final_score`, `final_predicate`) with who finalised (`finalized_by`, and their name as
    printed, `finalizer_name`, which a dataset import keeps without an account). No answer
    changes while it is final; reopening clears the state, with its reason in the history.
    `version` grows with every finalisation and reopening.
    """

    reporting_year = models.OneToOneField(
        ReportingYear,
        verbose_name=_("tahun laporan"),
        on_delete=models.CASCADE,
        related_name="evaluation",
    )
    regulation = code_field(_("regulasi"))
    method = models.CharField(
        _("cara menjawab"),
        max_length=16,
        choices=EvaluationMethod.choices,
        default=EvaluationMethod.SUBCOMPONENT,
    )
    finalized_at = models.DateTimeField(_("difinalkan pada"), null=True, blank=True)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("difinalkan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    finalizer_name = models.CharField(_("nama yang memfinalkan"), max_length=200, blank=True)
    finalizer_position = models.CharField(_("jabatan yang memfinalkan"), max_length=200, blank=True)
    final_score = models.DecimalField(
        _("nilai final"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    final_predicate = models.CharField(_("predikat final"), max_length=2, blank=True)
    version = models.PositiveIntegerField(_("versi"), default=1)

    class Meta:
        verbose_name = _("evaluasi SAKIP")
        verbose_name_plural = _("evaluasi SAKIP")
        ordering = ("reporting_year_id",)
        constraints = (
            models.CheckConstraint(
                condition=models.Q(finalized_at__isnull=True)
                | (models.Q(final_score__isnull=False) & ~models.Q(final_predicate="")),
                name="evaluation_final_has_score",
                violation_error_message=_("LKE final harus menyimpan nilai dan predikatnya."),
            ),
        )

    def __str__(self) -> str:
        return f"{self.reporting_year} ({self.regulation})"

    @property
    def is_final(self) -> bool:
        return self.finalized_at is not None


class EvaluationAnswer(TimestampedModel):
    """The answer to one item of the worksheet (a sub-component; a criterion in the variant):
    the office's self-assessment, the evaluator's value (the one that counts), the criteria the
    office checked as met, a note and evidence links.

    `proposed` is true when the evaluator's value is the system's proposal, confirmed unchanged;
    `version` grows with every change, so that a stale write is refused (API, screen).
    """

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluasi"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    position = position_field()
    item = code_field(_("butir"))
    answer = models.CharField(
        _("nilai evaluator"), max_length=2, choices=LkeAnswer.choices, blank=True, default=""
    )
    self_assessment = models.CharField(
        _("penilaian mandiri"), max_length=2, choices=LkeAnswer.choices, blank=True, default=""
    )
    met = models.JSONField(_("kriteria terpenuhi"), default=list, blank=True)
    note = optional_text(_("catatan"))
    evidence = models.JSONField(_("bukti dukung"), default=list, blank=True)
    proposed = models.BooleanField(_("usulan sistem diterima"), default=False)
    version = models.PositiveIntegerField(_("versi"), default=1)

    class Meta:
        verbose_name = _("jawaban LKE")
        verbose_name_plural = _("jawaban LKE")
        ordering = ("evaluation_id", "position", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["evaluation", "item"],
                name="evaluation_answer_unique_item",
                violation_error_message=_("Butir ini sudah dijawab."),
            ),
            models.CheckConstraint(
                condition=models.Q(answer__in=[*LkeAnswer.values, ""])
                & models.Q(self_assessment__in=[*LkeAnswer.values, ""]),
                name="evaluation_answer_known_grades",
                violation_error_message=_(
                    "Jawaban harus salah satu dari AA, A, BB, B, CC, C, D, E."
                ),
            ),
        )

    def __str__(self) -> str:
        return f"{self.item}: {self.answer or '-'}"


class ReviewRecord(TimestampedModel):
    """The review of a year's LKj by the internal auditor (APIP): who, when, the statement printed
    on "Pernyataan Telah Direviu", and the findings recorded (a list of
    `{text, rule, location, settled}`). `recorded_by` is the account that recorded it."""

    reporting_year = models.OneToOneField(
        ReportingYear,
        verbose_name=_("tahun laporan"),
        on_delete=models.CASCADE,
        related_name="review_record",
    )
    reviewer_name = models.CharField(_("nama pereviu"), max_length=200)
    reviewer_position = models.CharField(
        _("jabatan pereviu"), max_length=200, null=True, blank=True
    )
    reviewer_nip = models.CharField(_("NIP pereviu"), max_length=24, null=True, blank=True)
    reviewer_work_unit = models.CharField(
        _("unit kerja pereviu"), max_length=CODE_LENGTH, null=True, blank=True
    )
    date = models.DateField(_("tanggal reviu"))
    place = models.CharField(_("tempat"), max_length=200, null=True, blank=True)
    statement = models.TextField(_("pernyataan"))
    findings = models.JSONField(_("temuan"), default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("versi"), default=1)

    class Meta:
        verbose_name = _("catatan reviu")
        verbose_name_plural = _("catatan reviu")
        ordering = ("reporting_year_id",)

    def __str__(self) -> str:
        return f"{self.reporting_year}: {self.reviewer_name}"
