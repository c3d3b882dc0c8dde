"""Django app configuration of the accounts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Memberships of users in offices and work units, and the permission rules."""

    name = "kinerja.accounts"
    label = "accounts"
    verbose_name = _("Akun dan Peran")

    def ready(self) -> None:
        from kinerja.accounts import security_log

        security_log.connect()
