"""`kinerja report`: the LKj, a Perjanjian Kinerja, the Rencana Aksi or the quarterly report as
DOCX or PDF.

Only typer is imported at start-up; the documents package (and with it matplotlib, python-docx
and Typst) is imported when the command runs, so other commands start as fast as before.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from kinerja.cli.options import AgencyOpt, FileArg, YearOpt
from kinerja.cli.sources import SourceError, explain, fail, resolve
from kinerja.dataset.errors import DatasetError

commands = typer.Typer()
"""This module's commands; `app` adds them to the `kinerja` command."""

KINDS = {
    "lkj": "Laporan Kinerja",
    "pk": "Perjanjian Kinerja",
    "rencana-aksi": "Rencana Aksi",
    "triwulan": "Laporan Kinerja Triwulanan",
}
FORMATS = {".docx": "docx", ".pdf": "pdf"}


def _write_atomically(path: Path, content: bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, then a rename."""
    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@commands.command()
def report(
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="Berkas tujuan: .docx atau .pdf (dengan --subtree: folder)."
        ),
    ],
    file: FileArg = None,
    agency: AgencyOpt = None,
    year: YearOpt = None,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            "-k",
            help="Jenis dokumen: lkj (Laporan Kinerja), pk, rencana-aksi, atau triwulan "
            "(Laporan Kinerja Triwulanan).",
        ),
    ] = "lkj",
    quarter: Annotated[
        int | None,
        typer.Option(
            "--quarter",
            "-q",
            help="Dengan --kind triwulan: triwulan 1-4 (bawaan: 4).",
            show_default=False,
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            "-u",
            help="Kode unit kerja, untuk PK atau Rencana Aksi unit kerja.",
            show_default=False,
        ),
    ] = None,
    quarters: Annotated[
        bool | None,
        typer.Option(
            "--triwulan/--tanpa-triwulan",
            help="Tampilkan target triwulan pada lampiran PK (bawaan: bila ada).",
            show_default=False,
        ),
    ] = None,
    subtree: Annotated[
        str | None,
        typer.Option(
            "--subtree",
            help="Kode instansi: LKj instansi itu dan setiap instansi di bawahnya, "
            "dibuat oleh pekerja latar, ke folder --output.",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            help="Dengan --subtree: jumlah pekerja yang dijalankan perintah ini "
            "(0: pakai 'kinerja worker' yang sudah berjalan).",
        ),
    ] = 1,
    subtree_format: Annotated[
        str, typer.Option("--format", help="Dengan --subtree: pdf atau docx.")
    ] = "pdf",
    final: Annotated[
        bool,
        typer.Option(
            "--final",
            help="Dokumen final untuk ditandatangani: ditolak, dengan daftar kekurangannya, "
            "selama ada yang belum lengkap. Tanpa opsi ini: draf bertanda DRAFT dengan daftar "
            "kekurangan di lampiran.",
        ),
    ] = False,
    logo: Annotated[
        Path | None,
        typer.Option(
            "--logo",
            help="Gambar PNG/JPEG untuk sampul (paling besar 1 MB). Bawaan: logo instansi yang "
            "tersimpan (dengan --agency), atau tanpa logo.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Tulis LKj, Perjanjian Kinerja, Rencana Aksi atau Laporan Kinerja Triwulanan sebagai DOCX
    atau PDF."""
    if subtree is not None:
        from kinerja.cli.subtree_report import run

        if file is not None or agency is not None or kind.lower() != "lkj" or unit is not None:
            raise fail(
                "--subtree hanya untuk LKj dari basis data (tanpa BERKAS, --agency, --unit)."
            )
        run(subtree, year, output, subtree_format.lower(), workers)
        return
    kind = kind.lower()
    if kind not in KINDS:
        raise fail(
            f"Jenis dokumen '{kind}' tidak dikenal; gunakan lkj, pk, rencana-aksi atau triwulan."
        )
    fmt = FORMATS.get(output.suffix.lower())
    if fmt is None:
        raise fail(f"{output}: jenis berkas tidak didukung; gunakan .docx atau .pdf")
    if unit is not None and kind not in ("pk", "rencana-aksi"):
        raise fail("--unit hanya berlaku untuk --kind pk dan --kind rencana-aksi.")
    if quarter is not None and kind != "triwulan":
        raise fail("--quarter hanya berlaku untuk --kind triwulan.")
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise fail(f"Triwulan harus 1, 2, 3 atau 4, bukan {quarter}.")
    if not output.parent.exists():
        raise fail(f"Folder {output.parent} tidak ada.")
    emblem = _logo(logo, agency)

    # Charts are drawn by a process that imports matplotlib while the data is read.
    from kinerja.documents.chart_processes import start_worker
    from kinerja.documents.render import without_cycle_collection

    worker = start_worker()
    try:
        with without_cycle_collection():
            _report(
                output,
                file,
                agency,
                year,
                kind,
                unit,
                quarters,
                fmt,
                worker,
                final,
                emblem,
                quarter,
            )
    finally:
        if worker is not None:
            worker.close()


def _logo(path: Path | None, agency: str | None) -> bytes | None:
    """The logo for the cover: the file given (checked like an upload), else the office's
    stored logo when the data comes from the database, else none."""
    from kinerja.documents.images import MAX_LOGO_BYTES, ImageRejected, inspect_image

    if path is None:
        if agency is None:
            return None
        from kinerja.cli.sources import setup_django

        setup_django()
        from kinerja.agencies.logo import logo_of
        from kinerja.agencies.models import Agency

        found = Agency.objects.filter(code=agency).first()
        return logo_of(found) if found is not None else None
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_LOGO_BYTES + 1)
    except OSError as exc:
        raise fail(f"{path}: berkas logo tidak dapat dibaca ({exc.strerror}).") from None
    try:
        inspect_image(data)
    except ImageRejected as exc:
        raise fail(f"{path}: {exc}") from None
    return data


def _report(
    output: Path,
    file: Path | None,
    agency: str | None,
    year: int | None,
    kind: str,
    unit: str | None,
    quarters: bool | None,
    fmt: str,
    worker: object,
    final: bool = False,
    logo: bytes | None = None,
    quarter: int | None = None,
) -> None:
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("Membaca data", total=None)

        def step(name: str) -> None:
            bar.update(task, description=name)

        try:
            dataset = resolve(file, agency)
        except (DatasetError, SourceError) as exc:
            raise explain(exc) from exc
        # A dataset from the database: the parent office's plan is there too, and the LKj's
        # pohon kinerja names the indicators it serves (a file holds only their codes).
        parents = None
        if agency is not None and kind == "lkj":
            from kinerja.agencies.datasets import find_agency, parent_indicator_names

            chosen = year if year is not None else dataset.latest_year().year
            parents = parent_indicator_names(find_agency(agency), chosen)
        from kinerja.documents.gaps import DocumentIncomplete
        from kinerja.documents.pk import AgreementNotFound
        from kinerja.documents.render import build_document, write

        try:
            document = build_document(
                dataset,
                year=year,
                kind=kind,  # type: ignore[arg-type]
                unit=unit,
                quarterly=quarters,
                progress=step,
                mode="final" if final else "draft",
                logo=logo,
                quarter=quarter,
                parent_indicators=parents,
            )
        except KeyError:
            years = ", ".join(str(y.year) for y in dataset.all_years())
            raise fail(f"Tahun {year} tidak ada di dataset (tersedia: {years}).") from None
        except AgreementNotFound as exc:
            raise fail(f"Galat: {exc}.") from None
        except DocumentIncomplete as exc:
            raise fail(exc.message()) from None
        content = write(document, fmt, step, worker)  # type: ignore[arg-type]
        _write_atomically(output, content)
    state = "final" if final else "draf"
    typer.echo(f"{KINDS[kind]} ({document.title}, {state}) ditulis ke {output}.")
