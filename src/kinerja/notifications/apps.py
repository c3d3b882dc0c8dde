"""Django app configuration of the notifications."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """What happened to a user's work (returned, verified, submitted, locked, deadline near)."""

    name = "kinerja.notifications"
    label = "notifications"
    verbose_name = _("Notifikasi")
    default_auto_field = "django.db.models.BigAutoField"
