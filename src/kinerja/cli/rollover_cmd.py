"""`kinerja rollover`: the next year's PKs, action plan and budget lines from the last year's."""

from __future__ import annotations

from typing import Annotated

import typer

from kinerja.cli.sources import fail, importing_user, setup_django

commands = typer.Typer()


@commands.command()
def rollover(
    agency: Annotated[str, typer.Option("--agency", "-a", help="Kode instansi.")],
    source: Annotated[int, typer.Option("--from", help="Tahun yang disalin strukturnya.")],
    target: Annotated[int, typer.Option("--to", help="Tahun baru yang dibuat.")],
    user: Annotated[
        str | None,
        typer.Option("--user", help="Nama pengguna perencana yang tercatat di riwayat."),
    ] = None,
) -> None:
    """Buat PK, rencana aksi dan anggaran tahun baru dari tahun sebelumnya, sebagai draf.

    Target tiap indikator diambil dari target Renstra tahun baru; tahun yang sudah ada tidak
    pernah ditimpa.
    """
    setup_django()
    from django.core.exceptions import PermissionDenied

    from kinerja.agencies.models import Agency
    from kinerja.plans.rollover import RolloverRefused
    from kinerja.plans.rollover import rollover as run_rollover

    found = Agency.objects.filter(code=agency, has_dataset=True).first()
    if found is None:
        raise fail(f"Instansi '{agency}' tidak ada di basis data.")
    planner = importing_user(user)
    try:
        result = run_rollover(planner, found, source, target)
    except (RolloverRefused, PermissionDenied) as exc:
        raise fail(f"{exc} Tidak ada data yang ditulis.") from exc
    typer.echo(result.summary())
