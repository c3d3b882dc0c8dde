"""`kinerja worker`: run the queued background tasks (documents in bulk).

The worker belongs to the configured queue backend (`KINERJA_TASKS_BACKEND`):

- `db` (default): django-tasks-db's `db_worker`, which takes tasks from the database queue with
  `SELECT ... FOR UPDATE SKIP LOCKED`, so any number of workers, on this machine or on others
  against the same PostgreSQL, share one queue without taking a task twice;
- `rq`: django-rq's `rqworker` on the Redis queue, with django-tasks-rq's job class.

Either way the worker first imports what a document needs and loads the fonts (`warm_up`), so
the first task does not pay for it; when started by `kinerja report --subtree` it does that while
the command is still queueing the batch (`--after-go`).
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from kinerja.cli.sources import fail, setup_django

commands = typer.Typer()
"""This module's commands; `app` adds them to the `kinerja` command."""

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
RQ_BACKEND = "django_tasks_rq.RQBackend"


def limit_threads(threads: int) -> None:
    """Let Typst lay out on `threads` threads in this process (0: its own choice, every core).

    Typst runs parts of a compilation on Rayon's pool, sized from `RAYON_NUM_THREADS` when the
    pool is first used, so this must run before the first document. One thread by default: a
    worker is one core's worth of work, and the number of workers decides how many cores the
    documents take (two workers on a two-core server, or one beside the web server, leaving it
    a core); docs/decisions.md has the figures.
    """
    if threads > 0:
        os.environ["RAYON_NUM_THREADS"] = str(threads)
    else:
        os.environ.pop("RAYON_NUM_THREADS", None)


def warm_up() -> None:
    """Import the modules that make a document and load the bundled fonts, once per process."""
    import kinerja.agencies.datasets
    import kinerja.batches.tasks
    import kinerja.documents.chart_drawing
    import kinerja.documents.context
    import kinerja.documents.lkj
    import kinerja.documents.typst_writer  # noqa: F401
    from kinerja.documents.bundled_fonts import font_book

    font_book()


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
    after_go: Annotated[
        bool,
        typer.Option(
            "--after-go",
            hidden=True,
            help="Bersiap, lalu tunggu satu baris di masukan standar sebelum mulai "
            "(dipakai oleh 'kinerja report --subtree'); tanpa baris itu berhenti.",
        ),
    ] = False,
) -> None:
    """Jalankan pekerja latar yang mengerjakan antrean tugas (mis. LKj seluruh instansi)."""
    # Started by `kinerja report --subtree`, whose own start brings the schema up to date while
    # this worker gets ready: two processes must not migrate at once.
    setup_django(migrate=not after_go)
    from django.conf import settings
    from django.core.management import call_command

    backend = settings.TASKS["default"]["BACKEND"]
    if backend not in (DATABASE_BACKEND, RQ_BACKEND):
        raise fail(
            f"Antrean tugas memakai {backend}, yang tidak punya pekerja terpisah; "
            "pakai KINERJA_TASKS_BACKEND=db atau rq (lihat docs/deployment.md)."
        )
    limit_threads(settings.WORKER_THREADS)
    warm_up()
    if after_go and not sys.stdin.readline().strip():
        return  # the command that started this worker gave up before queueing anything
    if backend == RQ_BACKEND:
        call_command(
            "rqworker",
            settings.TASKS_QUEUE,
            job_class="django_tasks_rq.Job",
            burst=until_empty,
            verbosity=0,
        )
        return
    options: dict[str, object] = {
        "queue_name": settings.TASKS_QUEUE,
        "interval": interval,
        "verbosity": 0,
        "reload": False,
        # The random pause against a thundering herd of workers is pointless for the workers a
        # command starts itself, after they are ready.
        "startup_delay": not after_go,
    }
    if until_empty:
        options["batch"] = True
    call_command("db_worker", **options)
