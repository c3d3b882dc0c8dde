"""`kinerja worker`: run the queued background tasks (documents in bulk).

The worker is django-tasks-db's `db_worker`: it takes tasks from the database queue with
`SELECT ... FOR UPDATE SKIP LOCKED`, so any number of workers, on this machine or on others
against the same PostgreSQL, share one queue without taking a task twice.
"""

from __future__ import annotations

from typing import Annotated

import typer

from kinerja.cli.sources import fail, setup_django

commands = typer.Typer()
"""This module's commands; `app` adds them to the `kinerja` command."""

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


@commands.command()
def worker(
    until_empty: Annotated[
        bool,
        typer.Option(
            "--until-empty", help="Berhenti setelah antrean kosong (bawaan: terus menunggu)."
        ),
    ] = False,
    interval: Annotated[
        float, typer.Option("--interval", help="Detik menunggu antara dua pemeriksaan antrean.")
    ] = 1.0,
) -> None:
    """Jalankan pekerja latar yang mengerjakan antrean tugas (mis. LKj seluruh instansi)."""
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    backend = settings.TASKS["default"]["BACKEND"]
    if backend != DATABASE_BACKEND:
        raise fail(
            f"Antrean tugas memakai {backend}, bukan antrean basis data; "
            "jalankan pekerja milik antrean itu (lihat docs/deployment.md)."
        )
    options: dict[str, object] = {"interval": interval, "verbosity": 0}
    if until_empty:
        options["batch"] = True
    call_command("db_worker", **options)
