"""Django app configuration of the consolidation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsolidationConfig(AppConfig):
    """Each office's computed results, kept for the upper offices' consolidation."""

    name = "kinerja.consolidation"
    label = "consolidation"
    verbose_name = _("Konsolidasi")

    def ready(self) -> None:
        from kinerja.agencies.signals import office_changed
        from kinerja.consolidation.queue import on_office_changed

        office_changed.connect(on_office_changed, dispatch_uid="kinerja.consolidation.refresh")
