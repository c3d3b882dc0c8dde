"""Kinds and states of the evaluation app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LkeAnswer(models.TextChoices):
    """An answer to an LKE criterion (PermenPAN-RB 88/2021), best first."""

    AA = "AA", "AA"
    A = "A", "A"
    BB = "BB", "BB"
    B = "B", "B"
    CC = "CC", "CC"
    C = "C", "C"
    D = "D", "D"
    E = "E", _("E (tidak ada)")


class EvaluationMethod(models.TextChoices):
    """How the worksheet is answered: one answer per sub-component (88/2021), or the documented
    variant, one per criterion."""

    SUBCOMPONENT = "subcomponent", _("per subkomponen")
    CRITERION = "criterion", _("per kriteria")
