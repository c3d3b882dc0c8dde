"""Django app configuration of the plans."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    """Strategic plans, achievement settings and performance agreements of the offices."""

    name = "kinerja.plans"
    label = "plans"
    verbose_name = _("Perencanaan")
