"""Django app configuration of the history."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """Historical records of plan and result values."""

    name = "kinerja.audit"
    label = "audit"
    verbose_name = _("Riwayat")
