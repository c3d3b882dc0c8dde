"""A notification to one user, and whether that user wants email copies."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.notifications.choices import Kind


class Notification(models.Model):
    """One thing a user should know, shown in the app and (unless turned off) sent by email.

    `key` makes a notification idempotent: a second one with the same key for the same user is
    never made. Reminders use it (`remind:<year id>:<quarter>:<days>`): `kinerja remind` run
    twice on a day sends each reminder once.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    key = models.CharField(_("kunci"), max_length=120, null=True, blank=True)
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"), blank=True, default="")
    url = models.CharField(_("tautan"), max_length=300, blank=True, default="")
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    read_at = models.DateTimeField(_("dibaca pada"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("dikirim surel pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ("-created_at", "-id")
        constraints = (
            models.UniqueConstraint(
                fields=["user", "key"],
                name="notification_once_per_key",
                violation_error_message=_("Notifikasi ini sudah dikirim."),
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values),
                name="notification_kind_known",
                violation_error_message=_("Jenis notifikasi tidak dikenal."),
            ),
        )
        indexes = (models.Index(fields=["user", "read_at"], name="notification_unread"),)

    def __str__(self) -> str:
        return self.title


class EmailSetting(models.Model):
    """A user's choice about email copies; without a row, email is on (given an address)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="notification_email",
    )
    enabled = models.BooleanField(_("kirim surel"), default=True)

    class Meta:
        verbose_name = _("pengaturan surel")
        verbose_name_plural = _("pengaturan surel")

    def __str__(self) -> str:
        return f"{self.user}: {'surel' if self.enabled else 'tanpa surel'}"
