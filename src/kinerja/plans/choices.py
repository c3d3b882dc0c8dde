"""Kinds used by the plan models; the values are those of `kinerja.core.settings`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Polarity(models.TextChoices):
    """Which direction of the realisation is better."""

    HIGHER_IS_BETTER = "higher", _("Makin tinggi makin baik")
    LOWER_IS_BETTER = "lower", _("Makin rendah makin baik")
    BAND = "band", _("Dalam rentang")


class Combine(models.TextChoices):
    """How quarterly realisations make the year's."""

    SUM = "sum", _("Dijumlahkan")
    LAST = "last", _("Nilai terakhir")
    MEAN = "mean", _("Dirata-ratakan")


class LowerIsBetterFormula(models.TextChoices):
    """The achievement formula of a lower-is-better indicator."""

    MIRROR = "mirror", _("(2T − R) / T × 100")
    INVERSE = "inverse", _("T / R × 100")
    RATIO = "ratio", _("T / R × 100 (nama lama, pakai 'inverse')")


class CapScope(models.TextChoices):
    """Where the cap applies: the indicator's own figure, the roll-up, both, or nowhere."""

    ROLLUP = "rollup", _("Hanya saat dirata-ratakan")
    INDICATOR = "indicator", _("Capaian indikator")
    BOTH = "both", _("Capaian indikator dan rata-rata")
    NONE = "none", _("Tidak dibatasi")


class GradeMethod(models.TextChoices):
    """How a realised grade is set against a target grade."""

    REACHED_OR_RANK_RATIO = (
        "reached_or_rank_ratio",
        _("100 jika tercapai, selain itu rasio peringkat"),
    )
    REACHED = "reached", _("Tercapai (100) atau tidak (0)")
    RANK_RATIO = "rank_ratio", _("Rasio peringkat")


class DualTargetReading(models.TextChoices):
    """How a row with a percentage target and an activity target is read."""

    ACTIVITY = "activity", _("Terhadap target kegiatan")
    SHARE = "share", _("Persentase target kegiatan terhadap target persentase")
