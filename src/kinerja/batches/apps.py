"""Django app configuration of the document batches."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BatchesConfig(AppConfig):
    """Documents made in bulk for a subtree of offices by background workers."""

    name = "kinerja.batches"
    label = "batches"
    verbose_name = _("Dokumen Massal")
    default_auto_field = "django.db.models.BigAutoField"
