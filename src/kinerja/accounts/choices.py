"""Kinds used by the account models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a member of an office does in the SAKIP cycle (`docs/web.md`)."""

    ADMIN = "admin", _("Administrator")
    PLANNER = "planner", _("Perencana")
    OPERATOR = "operator", _("Operator unit kerja")
    LEADER = "leader", _("Pimpinan")
    AUDITOR = "auditor", _("Auditor")
    VIEWER = "viewer", _("Pemantau instansi induk")
