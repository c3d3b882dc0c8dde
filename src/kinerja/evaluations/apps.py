"""Django app configuration of the evaluations."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    """The evaluation worksheet (LKE) answers of each reporting year."""

    name = "kinerja.evaluations"
    label = "evaluations"
    verbose_name = _("Evaluasi SAKIP")
