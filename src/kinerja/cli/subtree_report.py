"""`kinerja report --subtree CODE --year Y -o DIR`: the LKj of every office of a subtree.

The batch is queued like one started in the web app; the command starts `--workers` worker
processes of its own (0: rely on `kinerja worker` processes already running), follows the batch
with a progress bar, then copies the archive and reports the documents that failed.
"""

from __future__ import annotations

import contextlib
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
    # The workers start first: they import Django and the document modules and load the fonts
    # while this process does the same and queues the batch, then begin on its word ("go").
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "kinerja", "worker", "--until-empty", "--interval", "0.2",
             "--after-go"],
            env=os.environ.copy(),
            stdin=subprocess.PIPE,
            text=True,
        )
        for _ in range(workers)
    ]  # fmt: skip
    try:
        batch = _queue(code, year, fmt)
        for process in processes:
            _tell(process, "go\n")
        _follow(batch, waiting_for_others=workers == 0)
    finally:
        for process in processes:
            _tell(process, "")  # a worker still waiting for its word stops
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=60)
    _deliver(batch, output)


def _tell(process: subprocess.Popen[str], word: str) -> None:
    """Send a waiting worker its word and close its input (a closed input alone means stop)."""
    if process.stdin is None or process.stdin.closed:
        return
    with contextlib.suppress(BrokenPipeError):  # the worker is gone already
        process.stdin.write(word)
        process.stdin.close()


def _queue(code: str, year: int, fmt: str) -> DocumentBatch:
    setup_django()
    from kinerja.agencies.datasets import AgencyNotFound, find_agency
    from kinerja.batches import actions
    from kinerja.batches.tasks import start_batch

    try:
        root = find_agency(code)
    except AgencyNotFound:
        raise fail(f"Instansi '{code}' tidak ada di basis data.") from None
    try:
        return start_batch(root, year, fmt=fmt)
    except actions.BatchRefused as exc:
        raise fail(str(exc)) from None


def _place(source: Path, target: Path) -> None:
    """`source` at `target`: a second name for the same file where the file system allows (no
    copying hundreds of MB for a nation), a copy elsewhere. A linked file is made read-only
    first: the stored copy whose checksum the batch records must not change with an edit of
    the delivered one."""
    target.unlink(missing_ok=True)
    try:
        source.chmod(0o444)
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _deliver(batch: DocumentBatch, output: Path) -> None:
    """Put the archive and every document made into `output`; report the failures."""
    from kinerja.batches import actions
    from kinerja.batches.models import DocumentState

    batch.refresh_from_db()
    state = actions.progress(batch)
    archive = actions.archive_path(batch)
    _place(archive, output / archive.name)
    folder = actions.batch_folder(batch)
    for name in batch.documents.filter(state=DocumentState.DONE).values_list(
        "file_name", flat=True
    ):
        _place(folder / name, output / name)
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
            time.sleep(0.25)
