"""Django app configuration of the JSON API."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """Personal API tokens and the JSON API at `/api/v1/` (docs/api.md)."""

    name = "kinerja.api"
    label = "api"
    verbose_name = _("API")
