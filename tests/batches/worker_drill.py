"""Run by test_workers.py in its own processes, against a database of its own.

python worker_drill.py setup N   # N city offices below one province, each with 2024
python worker_drill.py start     # a batch for the province, every task queued twice
python worker_drill.py check     # JSON: each document's state, attempts and worker, and the
                                 # queue's own record of each task's outcome
python worker_drill.py drop      # remove the drill's queue and its records (RQ: from Redis)

The queue is the configured backend's (`KINERJA_TASKS_BACKEND`): the database's or RQ's.
"""

from __future__ import annotations

import json
import sys
from collections import Counter

from batch_offices import office_yaml


def main(phase: str, count: str = "0") -> None:
    from kinerja.cli.sources import setup_django

    setup_django()
    from django.conf import settings

    from kinerja.agencies.datasets import import_dataset
    from kinerja.agencies.models import Agency
    from kinerja.batches.models import BatchDocument
    from kinerja.batches.tasks import make_document, start_batch
    from kinerja.dataset.yamlio import parse_yaml

    # The documents' tasks only: the imports also queued each office's refresh of its stored
    # results (`kinerja.consolidation.queue`), which the workers run beside them.
    on_rq = settings.TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
    queue = Queue() if not on_rq else RedisQueue(settings.TASKS_QUEUE)
    if phase == "setup":
        for n in range(int(count)):
            code = f"kpu-kota-{n:02d}"
            import_dataset(parse_yaml(office_yaml(code), f"{code}.yaml"))
        print(json.dumps({"offices": Agency.objects.filter(has_dataset=True).count()}))
    elif phase == "start":
        batch = start_batch(Agency.objects.get(code="kpu-provinsi-contoh"), 2024)
        for document in batch.documents.all():
            make_document.enqueue(document.pk)  # a duplicated message for every document
        print(json.dumps({"queued": queue.queued()}))
    elif phase == "drop":
        queue.drop()
        print(json.dumps({"dropped": True}))
    else:
        documents = [
            {"office": d.agency.code, "state": d.state, "attempts": d.attempts, "worker": d.worker}
            for d in BatchDocument.objects.select_related("agency").order_by("agency__code")
        ]
        outcomes, statuses = queue.outcomes()
        finished = BatchDocument.objects.first().batch.finished_at is not None  # type: ignore[union-attr]
        print(
            json.dumps(
                {
                    "documents": documents,
                    "outcomes": outcomes,
                    "statuses": statuses,
                    "finished": finished,
                }
            )
        )


class Queue:
    """The database queue (django-tasks-db): one row per task."""

    def _documents(self):  # type: ignore[no-untyped-def]
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.filter(task_path__endswith=".make_document")

    def queued(self) -> int:
        return self._documents().count()

    def outcomes(self) -> tuple[dict[str, int], dict[str, int]]:
        tasks = list(self._documents())
        return (
            dict(Counter(str(t.return_value) for t in tasks)),
            dict(Counter(str(t.status) for t in tasks)),
        )

    def drop(self) -> None:
        pass  # the database is the drill's own and is dropped with it


class RedisQueue:
    """The RQ queue in Redis: jobs, and a registry of those that finished or failed."""

    def __init__(self, name: str) -> None:
        import django_rq

        self.queue = django_rq.get_queue(name)

    def _jobs(self) -> list:
        from django_tasks_rq import Job

        queue = self.queue
        ids = {
            *queue.get_job_ids(),
            *queue.finished_job_registry.get_job_ids(),
            *queue.failed_job_registry.get_job_ids(),
            *queue.started_job_registry.get_job_ids(),
        }
        return [j for j in Job.fetch_many(sorted(ids), connection=queue.connection) if j]

    def queued(self) -> int:
        return len([j for j in self._jobs() if j.func_name.endswith(".make_document")])

    def outcomes(self) -> tuple[dict[str, int], dict[str, int]]:
        jobs = [j for j in self._jobs() if j.func_name.endswith(".make_document")]
        return (
            dict(Counter(str(j.return_value()) for j in jobs)),
            dict(Counter(str(j.task_result.status) for j in jobs)),
        )

    def drop(self) -> None:
        from rq.results import Result

        for job in self._jobs():
            Result.delete_all(job)
            job.delete()
        self.queue.delete(delete_jobs=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
