"""`kinerja manage remove_stale_files`: delete import previews never applied within a day and
temporary upload files left by killed processes. Safe to run at any time (e.g. daily from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kinerja.results.evidence_files import remove_abandoned_uploads
from kinerja.ui.importing import remove_stale_previews


class Command(BaseCommand):
    help = "Hapus pratinjau impor yang kedaluwarsa dan berkas unggahan yang terbengkalai."

    def handle(self, *args: Any, **options: Any) -> None:
        previews = remove_stale_previews()
        uploads = remove_abandoned_uploads()
        self.stdout.write(
            f"Dihapus: {previews} pratinjau impor kedaluwarsa, "
            f"{uploads} berkas unggahan terbengkalai."
        )
