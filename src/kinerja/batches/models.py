"""A batch of documents for a subtree of offices, and each office's document in it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.agencies.models import Agency


class DocumentState(models.TextChoices):
    WAITING = "waiting", _("menunggu")
    WORKING = "working", _("sedang dibuat")
    DONE = "done", _("selesai")
    FAILED = "failed", _("gagal")


class DocumentBatch(models.Model):
    """One request: the LKj of `year` for `root` and every office below it that has a plan."""

    root = models.ForeignKey(
        Agency, verbose_name=_("instansi"), on_delete=models.CASCADE, related_name="batches"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    kind = models.CharField(_("jenis dokumen"), max_length=10, default="lkj")
    fmt = models.CharField(_("format"), max_length=10, default="pdf")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diminta oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    archive_sha256 = models.CharField(_("SHA-256 arsip"), max_length=64, blank=True)
    archive_size = models.PositiveBigIntegerField(_("ukuran arsip"), null=True, blank=True)

    class Meta:
        verbose_name = _("dokumen massal")
        verbose_name_plural = _("dokumen massal")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.kind.upper()} {self.year} {self.root.code} #{self.pk}"


class BatchDocument(models.Model):
    """The document of one office in a batch; made exactly once, retried when it fails."""

    batch = models.ForeignKey(
        DocumentBatch,
        verbose_name=_("permintaan"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("instansi"), on_delete=models.CASCADE, related_name="+"
    )
    state = models.CharField(
        _("status"), max_length=10, choices=DocumentState.choices, default=DocumentState.WAITING
    )
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    error = models.TextField(_("galat"), blank=True)
    file_name = models.CharField(_("nama berkas"), max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("ukuran"), null=True, blank=True)
    worker = models.CharField(_("pekerja"), max_length=100, blank=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        ordering = ("batch", "agency__code")
        constraints = (
            models.UniqueConstraint(fields=("batch", "agency"), name="one_document_per_office"),
        )

    def __str__(self) -> str:
        return f"{self.batch} {self.agency.code}"
