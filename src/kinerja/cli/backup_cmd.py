"""`kinerja backup` and `kinerja restore`: the whole deployment in one archive, and back."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kinerja.cli.sources import fail, setup_django
from kinerja.formats import format_number

commands = typer.Typer()

if TYPE_CHECKING:
    from kinerja.backups.archive import Manifest, Progress


@contextmanager
def _progress(total: int | None) -> Iterator[tuple[Progress, object]]:
    """A Rich progress bar on standard error (only on a terminal), and its callback."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("Mulai", total=total)

        def advance(what: str, done: int) -> None:
            bar.update(task, description=what, advance=done)

        yield advance, (bar, task)


def _size(path: Path) -> str:
    size = Decimal(path.stat().st_size)
    if size >= 1024 * 1024:
        return f"{format_number(size / (1024 * 1024), 1)} MB"
    return f"{format_number(size / 1024, 1)} KB"


def _seconds(started: float) -> str:
    return f"{format_number(Decimal(time.monotonic() - started), 1)} detik"


@commands.command()
def backup(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Berkas cadangan yang ditulis (.zip).")
    ],
) -> None:
    """Cadangkan seluruh basis data dan berkas bukti dukung ke satu arsip."""
    setup_django()
    from django.conf import settings

    from kinerja.backups.archive import BackupError, write_backup

    started = time.monotonic()
    try:
        with _progress(None) as (advance, _):
            manifest = write_backup(output, Path(settings.EVIDENCE_DIR), advance)
    except BackupError as exc:
        raise fail(str(exc)) from exc
    evidence = len(manifest.evidence)
    if manifest.evidence_missing:
        missing = manifest.evidence_missing
        typer.echo(
            f"Peringatan: {len(missing)} berkas bukti dukung yang dirujuk basis data tidak ada di "
            f"{settings.EVIDENCE_DIR} (SHA-256 {', '.join(m[:12] for m in missing[:3])}"
            f"{', …' if len(missing) > 3 else ''}); cadangan ditulis tanpa berkas itu.",
            err=True,
        )
    typer.echo(
        f"Cadangan ditulis ke {output} ({_size(output)}): "
        f"{format_number(manifest.total_rows)} baris dari {len(manifest.tables)} tabel, "
        f"{format_number(evidence)} berkas bukti dukung, "
        f"{_seconds(started)}."
    )


@commands.command()
def restore(
    file: Annotated[Path, typer.Argument(help="Berkas cadangan dari 'kinerja backup'.")],
    replace: Annotated[
        bool,
        typer.Option(
            "--ganti",
            help="Hapus seluruh isi basis data tujuan lebih dahulu (bawaan: tolak bila tidak "
            "kosong).",
        ),
    ] = False,
) -> None:
    """Pulihkan cadangan ke basis data ini (semua atau tidak sama sekali)."""
    setup_django()
    from django.conf import settings

    from kinerja.backups.archive import BackupError
    from kinerja.backups.restoring import restore_backup

    started = time.monotonic()
    try:
        with _progress(None) as (advance, handle):
            bar, task = handle  # type: ignore[misc]

            def on_manifest(manifest: Manifest) -> None:
                work = len(manifest.files) + manifest.total_rows + len(manifest.evidence)
                bar.update(task, total=work)

            result = restore_backup(
                file,
                Path(settings.EVIDENCE_DIR),
                replace=replace,
                progress=advance,
                on_manifest=on_manifest,
            )
    except BackupError as exc:
        raise fail(str(exc)) from exc
    if result.recovered:
        typer.echo(
            f"Pemulihan sebelumnya yang terputus diselesaikan: "
            f"{format_number(result.recovered)} berkas bukti dukung dipindahkan."
        )
    source = result.manifest.data
    typer.echo(
        f"Cadangan {file} ({source.get('source_engine')}, dibuat {source.get('created_at')}) "
        f"dipulihkan: {format_number(result.rows)} baris, "
        f"{format_number(len(result.manifest.evidence))} berkas bukti dukung, "
        f"{_seconds(started)}."
    )
