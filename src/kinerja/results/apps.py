"""Django app configuration of the results."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    """Measurement tables, realisations, evidence, spending and report texts of each year."""

    name = "kinerja.results"
    label = "results"
    verbose_name = _("Hasil Kinerja")
