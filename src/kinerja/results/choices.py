"""Kinds used by the result models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Quarter(models.IntegerChoices):
    """A quarter of the budget year (triwulan)."""

    Q1 = 1, _("Triwulan I")
    Q2 = 2, _("Triwulan II")
    Q3 = 3, _("Triwulan III")
    Q4 = 4, _("Triwulan IV")


class RealizationStatus(models.TextChoices):
    """Where a realisation stands in the workflow (`docs/web.md`).

    A dataset carries no workflow state: realisations imported from a dataset file are the
    office's own records and come in as verified.
    """

    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    RETURNED = "returned", _("Dikembalikan")
    VERIFIED = "verified", _("Terverifikasi")
