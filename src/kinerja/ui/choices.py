"""States the screens show; kept apart so that none is ever shown as another."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorState(models.TextChoices):
    """Where an indicator's achievement of the year stands on the dashboard.

    Only MEASURED carries an achievement; the others are never counted as achieved or as 0.
    """

    MEASURED = "measured", _("Terukur")
    NOT_APPLICABLE = "not_applicable", _("Tidak berlaku")
    NOT_FILLED = "not_filled", _("Belum diisi")
    OVERDUE = "overdue", _("Terlambat")
    NOT_COMPUTABLE = "not_computable", _("Tidak dapat dihitung")


class QuarterState(models.TextChoices):
    """How far a work unit has entered a quarter (submitted or verified values count)."""

    COMPLETE = "complete", _("Lengkap")
    PARTIAL = "partial", _("Sebagian")
    NOT_DUE = "not_due", _("Belum diisi")
    OVERDUE = "overdue", _("Terlambat")
    NOT_APPLICABLE = "not_applicable", _("Tidak berlaku")
