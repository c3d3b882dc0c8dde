"""What a batch does, whoever runs it (a `kinerja worker`, the `report --subtree` command, a test).

Each office's document is claimed under a row lock before it is made, so when several workers
receive the same task (a retry, a duplicated message) the document is still made exactly once.
A document that fails is put back to wait, up to `MAX_ATTEMPTS` tries, then marked failed with its
error; the batch finishes with an archive of every document made and a list of the failures.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from kinerja.agencies.models import Agency
from kinerja.batches.models import BatchDocument, DocumentBatch, DocumentState
from kinerja.results.models import ReportingYear

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
"""Tries per document before it is reported as failed."""

KIND_TITLES = {"lkj": "Laporan Kinerja"}
FORMATS = ("pdf", "docx")


class BatchRefused(Exception):
    """A batch that cannot be started; the message is Indonesian."""


@dataclass(frozen=True)
class Progress:
    total: int
    done: int
    failed: int
    waiting: int
    working: int

    @property
    def finished(self) -> int:
        return self.done + self.failed

    @property
    def percent(self) -> int:
        return round(100 * self.finished / self.total) if self.total else 100


def offices_of(root: Agency, year: int) -> list[Agency]:
    """The root and every office below it that has a plan and the year (by code)."""
    ids = {root.pk, *root.descendants().values_list("pk", flat=True)}
    with_year = ReportingYear.objects.filter(year=year, agency_id__in=ids).values("agency_id")
    offices = Agency.objects.filter(pk__in=with_year, has_dataset=True)
    return list(offices.order_by("code").only("pk", "code"))


def create_batch(
    root: Agency, year: int, *, user: Any = None, kind: str = "lkj", fmt: str = "pdf"
) -> tuple[DocumentBatch, list[int]]:
    """A new batch with one waiting document per office; the caller enqueues the documents."""
    if kind not in KIND_TITLES:
        raise BatchRefused(f"Jenis dokumen '{kind}' tidak dapat dibuat massal; gunakan lkj.")
    if fmt not in FORMATS:
        raise BatchRefused(f"Format '{fmt}' tidak dikenal; gunakan pdf atau docx.")
    offices = offices_of(root, year)
    if not offices:
        raise BatchRefused(
            f"Tidak ada instansi dengan data tahun {year} pada {root.name} "
            "dan instansi di bawahnya."
        )
    batch = DocumentBatch.objects.create(
        root=root, year=year, kind=kind, fmt=fmt, requested_by=user if user else None
    )
    documents = BatchDocument.objects.bulk_create(
        [BatchDocument(batch=batch, agency=office) for office in offices]
    )
    return batch, [d.pk for d in documents]


def progress(batch: DocumentBatch) -> Progress:
    """How far the batch is, in one query."""
    counts = batch.documents.aggregate(
        total=Count("pk"),
        **{state: Count("pk", filter=Q(state=state)) for state in DocumentState.values},
    )
    return Progress(
        total=counts["total"],
        done=counts[DocumentState.DONE],
        failed=counts[DocumentState.FAILED],
        waiting=counts[DocumentState.WAITING],
        working=counts[DocumentState.WORKING],
    )


def batch_folder(batch: DocumentBatch) -> Path:
    return Path(settings.DATA_DIR) / "batches" / str(batch.pk)


def archive_name(batch: DocumentBatch) -> str:
    return f"{batch.kind}-{batch.year}-{batch.root.code}.zip"


def archive_path(batch: DocumentBatch) -> Path:
    return batch_folder(batch) / archive_name(batch)


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _claim(document_id: int) -> BatchDocument | None:
    """Take a waiting document for this process; None when another took it or it is finished."""
    with transaction.atomic():
        document = (
            BatchDocument.objects.select_for_update()
            .select_related("batch", "agency")
            .filter(pk=document_id)
            .first()
        )
        if document is None or document.state != DocumentState.WAITING:
            return None
        document.state = DocumentState.WORKING
        document.attempts += 1
        document.worker = _worker_name()
        document.started_at = timezone.now()
        document.error = ""
        document.save(update_fields=["state", "attempts", "worker", "started_at", "error"])
    return document


def render_office(agency: Agency, year: int, kind: str, fmt: str) -> bytes:
    """One office's document from the database, as `kinerja report --agency` makes it."""
    from kinerja.agencies.datasets import export_dataset, parent_indicator_names
    from kinerja.agencies.logo import logo_of
    from kinerja.documents.render import render

    return render(
        export_dataset(agency),
        fmt,  # type: ignore[arg-type]
        year=year,
        kind=kind,  # type: ignore[arg-type]
        logo=logo_of(agency),
        parent_indicators=parent_indicator_names(agency, year),
    )


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def make_document(document_id: int) -> str:
    """Make one office's document; answer `done`, `retry`, `failed` or `skipped`."""
    document = _claim(document_id)
    if document is None:
        return "skipped"
    batch = document.batch
    name = f"{document.agency.code}-{batch.kind}-{batch.year}.{batch.fmt}"
    try:
        content = render_office(document.agency, batch.year, batch.kind, batch.fmt)
        _write(batch_folder(batch) / name, content)
    except Exception as exc:  # any failure of one office must not stop the others
        logger.exception("batch %s: %s failed (attempt %s)", batch.pk, name, document.attempts)
        again = document.attempts < MAX_ATTEMPTS
        document.state = DocumentState.WAITING if again else DocumentState.FAILED
        document.error = f"{type(exc).__name__}: {exc}"[:2000]
        document.finished_at = None if again else timezone.now()
        document.save(update_fields=["state", "error", "finished_at"])
        if again:
            return "retry"
        finish_if_complete(batch.pk)
        return "failed"
    document.state = DocumentState.DONE
    document.file_name = name
    document.sha256 = hashlib.sha256(content).hexdigest()
    document.size = len(content)
    document.finished_at = timezone.now()
    document.save(update_fields=["state", "file_name", "sha256", "size", "finished_at"])
    finish_if_complete(batch.pk)
    return "done"


def finish_if_complete(batch_id: int) -> bool:
    """Build the batch's archive once every document is made or failed; True when this call did.

    The batch row is locked while deciding, so of two workers finishing at once only one builds.
    """
    with transaction.atomic():
        batch = DocumentBatch.objects.select_for_update().select_related("root").get(pk=batch_id)
        if batch.finished_at is not None:
            return False
        unfinished = batch.documents.filter(
            state__in=(DocumentState.WAITING, DocumentState.WORKING)
        )
        if unfinished.exists():
            return False
        folder = batch_folder(batch)
        folder.mkdir(parents=True, exist_ok=True)
        target = archive_path(batch)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
        os.close(handle)
        try:
            with zipfile.ZipFile(temporary, "w", zipfile.ZIP_STORED) as archive:
                failures = []
                for document in batch.documents.select_related("agency").order_by("agency__code"):
                    if document.state == DocumentState.DONE:
                        archive.write(folder / document.file_name, document.file_name)
                    else:
                        failures.append(f"{document.agency.code}: {document.error}")
                if failures:
                    archive.writestr(
                        "GAGAL.txt",
                        "Dokumen yang gagal dibuat setelah "
                        f"{MAX_ATTEMPTS} kali percobaan:\n" + "\n".join(failures) + "\n",
                    )
            with open(temporary, "rb") as stream:  # hundreds of MB for a nation: in chunks
                digest = hashlib.file_digest(stream, "sha256").hexdigest()
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        batch.archive_sha256 = digest
        batch.archive_size = target.stat().st_size
        batch.finished_at = timezone.now()
        batch.save(update_fields=["archive_sha256", "archive_size", "finished_at"])
    return True
