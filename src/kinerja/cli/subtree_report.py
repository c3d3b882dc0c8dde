"""`kinerja report --subtree CODE --year Y -o DIR`: the LKj of every office of a subtree.

The batch is queued like one started in the web app; the command starts `--workers` worker
processes of its own (0: rely on `kinerja worker` processes already running), follows the batch
with a progress bar, then copies the archive and reports the documents that failed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from kinerja.cli.sources import fail, setup_django

if TYPE_CHECKING:
    from kinerja.batches.models import DocumentBatch


def run(code: str, year: int | None, output: Path, fmt: str, workers: int) -> None:
    if year is None:
        raise fail("--subtree perlu --year: tahun laporan yang dibuat.")
    if output.suffix.lower() in (".pdf", ".docx", ".zip"):
        raise fail(f"{output}: dengan --subtree, --output adalah folder tujuan.")
    if workers < 0:
        raise fail("--workers tidak boleh negatif.")
    output.mkdir(parents=True, exist_ok=True)
    setup_django()
    from kinerja.agencies.datasets import AgencyNotFound, find_agency
    from kinerja.batches import actions
    from kinerja.batches.models import DocumentState
    from kinerja.batches.tasks import start_batch

    try:
        root = find_agency(code)
    except AgencyNotFound:
        raise fail(f"Instansi '{code}' tidak ada di basis data.") from None
    try:
        batch = start_batch(root, year, fmt=fmt)
    except actions.BatchRefused as exc:
        raise fail(str(exc)) from None

    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "kinerja", "worker", "--until-empty", "--interval", "0.2"],
            env=os.environ.copy(),
        )
        for _ in range(workers)
    ]
    try:
        _follow(batch, waiting_for_others=workers == 0)
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=60)

    batch.refresh_from_db()
    state = actions.progress(batch)
    archive = actions.archive_path(batch)
    shutil.copyfile(archive, output / archive.name)
    folder = actions.batch_folder(batch)
    for document in batch.documents.filter(state=DocumentState.DONE).order_by("file_name"):
        shutil.copyfile(folder / document.file_name, output / document.file_name)
    typer.echo(
        f"{state.done} dari {state.total} dokumen dibuat di {output} (arsip {archive.name})."
    )
    if state.failed:
        for document in batch.documents.filter(state=DocumentState.FAILED).select_related("agency"):
            typer.echo(
                f"Gagal: {document.agency.code} setelah {document.attempts} kali percobaan: "
                f"{document.error}",
                err=True,
            )
        raise typer.Exit(1)


def _follow(batch: DocumentBatch, *, waiting_for_others: bool) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from kinerja.batches import actions as batch_actions

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal,
    ) as bar:
        state = batch_actions.progress(batch)
        title = f"LKj {batch.year} {batch.root.code}"
        if waiting_for_others:
            title += " (dikerjakan oleh 'kinerja worker' yang berjalan)"
        task = bar.add_task(title, total=state.total)
        while True:
            batch.refresh_from_db(fields=["finished_at"])
            state = batch_actions.progress(batch)
            bar.update(task, completed=state.finished)
            if batch.finished_at is not None:
                return
            time.sleep(0.5)
