"""Kinds used by the office models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """The level of an office in the KPU hierarchy; the values are the dataset's `level`."""

    NATIONAL = "national", _("Nasional")
    PROVINCE = "province", _("Provinsi")
    REGENCY_CITY = "regency_city", _("Kabupaten/Kota")
