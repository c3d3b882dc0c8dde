"""Django app configuration of the web application."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UiConfig(AppConfig):
    """Screens: dashboard, plan editor, realisation entry, workflow, history, downloads."""

    name = "kinerja.ui"
    label = "ui"
    verbose_name = _("Aplikasi Web")
