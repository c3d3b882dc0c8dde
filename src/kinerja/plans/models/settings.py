"""The achievement settings of an office (`domain.md` section 4)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.agencies.fields import TimestampedModel
from kinerja.agencies.models import Agency
from kinerja.plans.choices import CapScope, DualTargetReading, GradeMethod, LowerIsBetterFormula


class AgencySettings(TimestampedModel):
    """Where SAKIP practice varies: the cap, the formulas, the rating and grade scales.

    The rating scale and the grade scales are kept as JSON in the dataset's form: they are read
    whole by the calculation core, never queried piece by piece.
    """

    agency = models.OneToOneField(
        Agency,
        verbose_name=_("instansi"),
        on_delete=models.CASCADE,
        related_name="achievement_settings",
    )
    cap = models.FloatField(_("batas capaian"), null=True, blank=True)
    cap_to = models.FloatField(_("nilai di atas batas menjadi"), null=True, blank=True)
    cap_applies = models.CharField(
        _("batas capaian berlaku pada"),
        max_length=16,
        choices=CapScope.choices,
        default=CapScope.ROLLUP,
    )
    lower_is_better = models.CharField(
        _("rumus indikator makin rendah makin baik"),
        max_length=16,
        choices=LowerIsBetterFormula.choices,
        default=LowerIsBetterFormula.MIRROR,
    )
    grade_method = models.CharField(
        _("cara menilai predikat"),
        max_length=32,
        choices=GradeMethod.choices,
        default=GradeMethod.REACHED_OR_RANK_RATIO,
    )
    dual_target = models.CharField(
        _("cara membaca dua target"),
        max_length=16,
        choices=DualTargetReading.choices,
        default=DualTargetReading.ACTIVITY,
    )
    rating_scale = models.JSONField(_("skala kategori capaian"), null=True, blank=True)
    grade_scales = models.JSONField(_("skala predikat"), default=list, blank=True)

    class Meta:
        verbose_name = _("pengaturan capaian")
        verbose_name_plural = _("pengaturan capaian")
        ordering = ("agency_id",)
        constraints = (
            models.CheckConstraint(
                condition=Q(cap__isnull=True) | Q(cap__gt=0),
                name="agency_settings_cap_positive",
                violation_error_message=_("Batas capaian harus lebih dari 0."),
            ),
            models.CheckConstraint(
                condition=Q(cap_to__isnull=True) | Q(cap_to__gt=0),
                name="agency_settings_cap_to_positive",
                violation_error_message=_("Nilai pengganti di atas batas harus lebih dari 0."),
            ),
            models.CheckConstraint(
                condition=Q(lower_is_better__in=LowerIsBetterFormula.values),
                name="agency_settings_lower_is_better_known",
                violation_error_message=_("Rumus indikator makin rendah makin baik tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=Q(cap_applies__in=CapScope.values),
                name="agency_settings_cap_applies_known",
                violation_error_message=_("Tempat berlakunya batas capaian tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=Q(grade_method__in=GradeMethod.values),
                name="agency_settings_grade_method_known",
                violation_error_message=_("Cara menilai predikat tidak dikenal."),
            ),
            models.CheckConstraint(
                condition=Q(dual_target__in=DualTargetReading.values),
                name="agency_settings_dual_target_known",
                violation_error_message=_("Cara membaca dua target tidak dikenal."),
            ),
        )

    def __str__(self) -> str:
        return f"Pengaturan capaian {self.agency_id}"
