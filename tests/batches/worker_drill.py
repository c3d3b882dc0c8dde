"""Run by test_workers.py in its own processes, against a database of its own.

python worker_drill.py setup N   # N city offices below one province, each with 2024
python worker_drill.py start     # a batch for the province, every task queued twice
python worker_drill.py check     # JSON: each document's state, attempts and worker
"""

from __future__ import annotations

import json
import sys
from collections import Counter

from batch_offices import office_yaml


def main(phase: str, count: str = "0") -> None:
    from kinerja.cli.sources import setup_django

    setup_django()
    from django_tasks_db.models import DBTaskResult

    from kinerja.agencies.datasets import import_dataset
    from kinerja.agencies.models import Agency
    from kinerja.batches.models import BatchDocument
    from kinerja.batches.tasks import make_document, start_batch
    from kinerja.dataset.yamlio import parse_yaml

    # The documents' tasks only: the imports also queued each office's refresh of its stored
    # results (`kinerja.consolidation.queue`), which the workers run beside them.
    documents_tasks = DBTaskResult.objects.filter(task_path__endswith=".make_document")
    if phase == "setup":
        for n in range(int(count)):
            code = f"kpu-kota-{n:02d}"
            import_dataset(parse_yaml(office_yaml(code), f"{code}.yaml"))
        print(json.dumps({"offices": Agency.objects.filter(has_dataset=True).count()}))
    elif phase == "start":
        batch = start_batch(Agency.objects.get(code="kpu-provinsi-contoh"), 2024)
        for document in batch.documents.all():
            make_document.enqueue(document.pk)  # a duplicated message for every document
        print(json.dumps({"queued": documents_tasks.count()}))
    else:
        documents = [
            {"office": d.agency.code, "state": d.state, "attempts": d.attempts, "worker": d.worker}
            for d in BatchDocument.objects.select_related("agency").order_by("agency__code")
        ]
        outcomes = Counter(str(t.return_value) for t in documents_tasks)
        statuses = Counter(t.status for t in documents_tasks)
        finished = BatchDocument.objects.first().batch.finished_at is not None  # type: ignore[union-attr]
        print(
            json.dumps(
                {
                    "documents": documents,
                    "outcomes": dict(outcomes),
                    "statuses": dict(statuses),
                    "finished": finished,
                }
            )
        )


if __name__ == "__main__":
    main(*sys.argv[1:])
