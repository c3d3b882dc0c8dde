"""Django app configuration of the offices."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    """The offices (instansi) of one deployment, KPU RI down to the regencies and cities."""

    name = "kinerja.agencies"
    label = "agencies"
    verbose_name = _("Instansi")
