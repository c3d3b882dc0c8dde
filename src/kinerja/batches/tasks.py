"""The batch's tasks on Django's Tasks API: the queue backend is the `TASKS` setting
(`KINERJA_TASKS_BACKEND`), the queue's name `TASKS_QUEUE` (`KINERJA_TASKS_QUEUE`).

`start_batch` creates the batch and enqueues one task per office in the same transaction, so a
batch is never half queued. A task that fails is enqueued again until `MAX_ATTEMPTS`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django_tasks import task

from kinerja.agencies.models import Agency
from kinerja.batches import actions
from kinerja.batches.models import DocumentBatch


@task(queue_name=settings.TASKS_QUEUE)
def make_document(document_id: int) -> str:
    """Make one office's document of a batch (see `actions.make_document`)."""
    outcome = actions.make_document(document_id)
    if outcome == "retry":
        make_document.enqueue(document_id)
    return outcome


def start_batch(
    root: Agency, year: int, *, user: Any = None, kind: str = "lkj", fmt: str = "pdf"
) -> DocumentBatch:
    """Create a batch for `root`'s subtree and queue its documents; `BatchRefused` if empty."""
    with transaction.atomic():
        batch, document_ids = actions.create_batch(root, year, user=user, kind=kind, fmt=fmt)
        for document_id in document_ids:
            make_document.enqueue(document_id)
    return batch
