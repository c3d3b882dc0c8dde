"""The `kinerja` application and its core commands: measure, load, export.

Other commands live in their own modules (`excel_cmd`, `report_cmd`, `review_cmd`, `web_cmd`), each
on its own `commands` group, which `app` takes in after its own commands.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from kinerja.cli import (
    backup_cmd,
    consolidate_cmd,
    excel_cmd,
    logo_cmd,
    period_cmd,
    remind_cmd,
    report_cmd,
    review_cmd,
    rollover_cmd,
    synth_cmd,
    web_cmd,
    worker_cmd,
)
from kinerja.cli.options import AgencyOpt, FileArg, JsonOpt, UserOpt, YearOpt
from kinerja.cli.sources import SourceError, explain, fail, resolve, setup_django
from kinerja.dataset.errors import DatasetError

app = typer.Typer(
    name="kinerja",
    help="Kinerja: siklus akuntabilitas kinerja (SAKIP) instansi pemerintah.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


@app.command()
def measure(
    file: FileArg = None,
    agency: AgencyOpt = None,
    year: YearOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Hitung capaian kinerja dari berkas dataset atau dari basis data."""
    from kinerja.dataset.measure import measure as run_measure
    from kinerja.dataset.measure import to_json

    try:
        dataset = resolve(file, agency)
        try:
            result = run_measure(dataset, year)
        except KeyError:
            years = ", ".join(str(y.year) for y in dataset.all_years())
            raise fail(f"Tahun {year} tidak ada di dataset (tersedia: {years}).") from None
    except (DatasetError, SourceError) as exc:
        raise explain(exc) from exc
    if as_json:
        typer.echo(json.dumps(to_json(result), ensure_ascii=False, indent=2))
        return
    from kinerja.cli.tables import print_measure

    print_measure(result)


@app.command()
def load(
    file: Annotated[Path, typer.Argument(help="Berkas dataset (.yaml atau .xlsx).")],
    user: UserOpt = None,
    unlock_reason: Annotated[
        str | None,
        typer.Option(
            "--unlock-reason",
            help="Alasan membuka kunci tahun yang sudah disetujui (dicatat sebagai revisi; "
            "perlu --user). Tanpa ini, tahun yang dikunci ditolak.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Muat dataset ke basis data (semua atau tidak sama sekali).

    Nilai realisasi yang sama dengan yang tersimpan mempertahankan status dan verifikasinya;
    nilai baru atau berubah tercatat diajukan dan menunggu verifikasi.
    """
    from kinerja.cli.sources import importing_user, read_dataset

    try:
        dataset = read_dataset(file)
    except (DatasetError, SourceError) as exc:
        raise explain(exc) from exc
    setup_django()
    from kinerja.agencies.datasets import AgencyTreeConflict, import_dataset
    from kinerja.agencies.datasets.final_lke import FinalLkeConflict
    from kinerja.results.import_state import YearsLocked

    importer = importing_user(user)
    if unlock_reason is not None and importer is None:
        raise fail("--unlock-reason perlu --user: siapa yang membuka kunci tahun itu.")
    try:
        agency = import_dataset(dataset, importer=importer, unlock_reason=unlock_reason)
    except (AgencyTreeConflict, YearsLocked, FinalLkeConflict) as exc:
        raise fail(f"{file}: {exc}. Tidak ada data yang ditulis.") from exc
    years = ", ".join(str(y.year) for y in dataset.all_years())
    typer.echo(f"Dataset {agency.name} ({agency.code}) dimuat: tahun {years}.")


@app.command()
def export(
    agency: Annotated[str, typer.Option("--agency", "-a", help="Kode instansi.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Berkas tujuan (.yaml atau .xlsx).")
    ],
) -> None:
    """Tulis dataset sebuah instansi dari basis data ke berkas (juga sebagai cadangan)."""
    from kinerja.dataset.yamlio import write_yaml

    suffix = output.suffix.lower()
    if suffix not in (".yaml", ".yml", ".xlsx"):
        raise fail(f"{output}: jenis berkas tidak didukung; gunakan .yaml atau .xlsx")
    try:
        dataset = resolve(None, agency)
    except (DatasetError, SourceError) as exc:
        raise explain(exc) from exc
    if suffix == ".xlsx":
        from kinerja.dataset.excel.cell_writer import WorkbookWriteError
        from kinerja.dataset.excel.writer import write_xlsx

        try:
            write_xlsx(dataset, output)
        except WorkbookWriteError as exc:
            raise fail(f"{output}: {exc}") from exc
    else:
        write_yaml(dataset, output)
    typer.echo(f"Dataset {dataset.agency.name} ditulis ke {output}.")


def main() -> None:
    """Entry point of the `kinerja` script."""
    app()


for _module in (
    backup_cmd,
    excel_cmd,
    logo_cmd,
    period_cmd,
    remind_cmd,
    report_cmd,
    review_cmd,
    rollover_cmd,
    web_cmd,
    worker_cmd,
    synth_cmd,
    consolidate_cmd,
):
    app.add_typer(_module.commands)
