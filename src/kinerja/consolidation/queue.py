"""The refresh of an office's stored results as a task on the queue (Django's Tasks API).

A change of an office's verified data (`agencies.signals.office_changed`, sent by the workflow,
the plan actions and the imports inside their transaction) costs the request one locked row
(`refresh.mark_changed`); the refresh itself (the office's verified dataset exported and
measured, 0.3-0.8 s) runs in a worker (`kinerja worker`) once the transaction commits. One
refresh is queued per office until it starts, however many changes come before: they are all
in what it reads. With the immediate backend (`KINERJA_TASKS_BACKEND`) it runs at the commit.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django_tasks import task

from kinerja.consolidation import refresh


@task(queue_name=settings.TASKS_QUEUE)
def refresh_results(agency_id: int) -> str:
    """Rewrite one office's stored results (`refresh.run_refresh`)."""
    return refresh.run_refresh(agency_id)


def refresh_on_commit(agency_id: int) -> None:
    """Queue the office's refresh once the current transaction commits."""

    def enqueue() -> None:
        refresh_results.enqueue(agency_id)

    # Robust: the change is committed; a queue that fails is logged, not shown as a failed
    # save, and the next change of the office queues the refresh again.
    transaction.on_commit(enqueue, robust=True)


def on_office_changed(sender: object, agency_id: int, **kwargs: object) -> None:
    """The receiver of `kinerja.agencies.signals.office_changed`."""
    if refresh.mark_changed(agency_id, queue=not refresh.paused()):
        refresh_on_commit(agency_id)
