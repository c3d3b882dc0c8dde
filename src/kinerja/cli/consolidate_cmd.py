"""`kinerja consolidate`: the consolidation of an upper office's subtree for a year."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from kinerja.cli.options import JsonOpt
from kinerja.cli.sources import fail, setup_django

commands = typer.Typer()
LEVELS = ("national", "province", "regency_city")


@commands.command()
def consolidate(
    agency: Annotated[str, typer.Option("--agency", "-a", help="Kode instansi puncak subpohon.")],
    year: Annotated[int, typer.Option("--year", "-y", help="Tahun anggaran.")],
    level: Annotated[
        str | None,
        typer.Option(
            "--level",
            help="Hanya instansi tingkat ini: national, province, regency_city.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOpt = False,
    excel: Annotated[
        Path | None,
        typer.Option("--excel", help="Tulis juga buku kerja Excel (.xlsx).", show_default=False),
    ] = None,
) -> None:
    """Konsolidasi capaian instansi di bawah sebuah instansi: sebaran, peringkat, kelengkapan."""
    if level is not None and level not in LEVELS:
        raise fail(f"tingkat '{level}' tidak dikenal; pilih salah satu: {', '.join(LEVELS)}")
    setup_django()
    from kinerja.agencies.models import Agency
    from kinerja.consolidation.summary import consolidate as run
    from kinerja.consolidation.summary import to_json

    found = Agency.objects.filter(code=agency).first()
    if found is None:
        raise fail(f"instansi '{agency}' tidak ada di basis data")
    result = run(found, year, level)
    if excel is not None:
        from kinerja.consolidation.workbook import write_workbook

        write_workbook(result, excel)
    if as_json:
        typer.echo(json.dumps(to_json(result), ensure_ascii=False, indent=2))
        return
    from kinerja.cli.consolidation_tables import print_consolidation

    print_consolidation(result)
