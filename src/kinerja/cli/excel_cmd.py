"""Excel commands: `kinerja template`, `kinerja load-realizations`, `kinerja results`.

`load` and `measure` read `.xlsx` datasets and `export` writes them (see `sources.read_dataset`
and `app.export`); these commands add the empty template, the realisations of many offices in one
workbook, and the formatted achievement workbook.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kinerja.cli.options import FileArg, UserOpt, YearOpt
from kinerja.cli.sources import SourceError, explain, fail, read_dataset, setup_django
from kinerja.dataset.errors import DatasetError

commands = typer.Typer()
"""This module's commands; `app` adds them to the `kinerja` command."""


def _require_xlsx(output: Path) -> None:
    if output.suffix.lower() != ".xlsx":
        raise fail(f"{output}: jenis berkas tidak didukung; gunakan .xlsx")


@commands.command()
def template(
    output: Annotated[Path, typer.Option("--output", "-o", help="Berkas tujuan (.xlsx).")],
    realizations: Annotated[
        bool,
        typer.Option(
            "--realizations",
            help="Templat realisasi banyak instansi (untuk load-realizations).",
        ),
    ] = False,
) -> None:
    """Tulis buku kerja Excel kosong dengan petunjuk pengisian."""
    from kinerja.dataset.excel.writer import write_realization_template, write_template

    _require_xlsx(output)
    if realizations:
        write_realization_template(output)
        typer.echo(f"Templat realisasi ditulis ke {output}.")
        return
    write_template(output)
    typer.echo(f"Templat dataset ditulis ke {output}; baca sheet 'Petunjuk' untuk mengisinya.")


@commands.command("load-realizations")
def load_realizations(
    file: Annotated[Path, typer.Argument(help="Buku kerja realisasi (.xlsx).")],
    user: UserOpt = None,
) -> None:
    """Muat realisasi triwulanan banyak instansi dari satu buku kerja, semua atau tidak sama sekali.

    Semua baris diperiksa dahulu; bila ada kesalahan, tidak ada yang dimuat. Nilai baru atau
    berubah tercatat diajukan dan menunggu verifikasi; nilai yang sama tidak diubah.
    """
    _require_xlsx(file)
    setup_django()
    from kinerja.cli.sources import importing_user
    from kinerja.results.realization_import import import_realizations

    try:
        summary = import_realizations(file, importing_user(user))
    except DatasetError as exc:
        raise explain(exc) from exc
    typer.echo(
        f"{summary.rows} realisasi dimuat untuk {summary.agencies} instansi "
        f"({summary.created} baru, {summary.updated} diganti)."
    )
    if summary.created or summary.updated:
        typer.echo("Nilai yang baru atau berubah tercatat diajukan dan menunggu verifikasi.")
    if summary.unchanged:
        typer.echo(f"{summary.unchanged} realisasi tidak berubah; status dan verifikasinya tetap.")
    if summary.new_years:
        years = ", ".join(f"{code} {year}" for code, year in summary.new_years)
        typer.echo(f"Tahun baru dicatat: {years}.")


@commands.command()
def results(
    output: Annotated[Path, typer.Option("--output", "-o", help="Berkas tujuan (.xlsx).")],
    file: FileArg = None,
    agencies: Annotated[
        list[str] | None,
        typer.Option(
            "--agency",
            "-a",
            help="Kode instansi di basis data; boleh diulang untuk beberapa instansi.",
            show_default=False,
        ),
    ] = None,
    year: YearOpt = None,
) -> None:
    """Tulis tabel capaian kinerja ke buku kerja Excel berformat (satu sheet per instansi)."""
    from kinerja.dataset.excel.results_workbook import write_results
    from kinerja.dataset.measure import measure

    _require_xlsx(output)
    if (file is None) == (not agencies):
        raise fail("Galat: sebutkan tepat satu sumber: BERKAS atau --agency KODE")
    try:
        if file is not None:
            datasets = [read_dataset(file)]
        else:
            from kinerja.cli.sources import dataset_from_database

            datasets = [dataset_from_database(code) for code in agencies or []]
    except (DatasetError, SourceError) as exc:
        raise explain(exc) from exc
    measured = []
    for dataset in datasets:
        try:
            measured.append(measure(dataset, year))
        except KeyError:
            available = ", ".join(str(y.year) for y in dataset.all_years())
            raise fail(
                f"Tahun {year} tidak ada di dataset {dataset.agency.code} (tersedia: {available})."
            ) from None
    write_results(measured, output)
    typer.echo(f"Capaian {len(measured)} instansi ditulis ke {output}.")


__all__ = ["load_realizations", "results", "setup_django", "template"]
