"""`kinerja renstra-baru`: a new Renstra period, from the previous one or the office's first."""

from __future__ import annotations

from typing import Annotated

import typer

from kinerja.cli.sources import fail, importing_user, setup_django

commands = typer.Typer()


@commands.command("renstra-baru")
def start_plan(
    agency: Annotated[str, typer.Option("--agency", "-a", help="Kode instansi.")],
    start: Annotated[int, typer.Option("--start", help="Tahun mulai periode baru.")],
    source: Annotated[
        int | None,
        typer.Option(
            "--from",
            help="Tahun mulai Renstra yang disalin; tanpa ini: Renstra pertama instansi.",
        ),
    ] = None,
    end: Annotated[
        int | None,
        typer.Option(
            "--end",
            help="Tahun selesai (bawaan: sepanjang Renstra sebelumnya, "
            "atau 5 tahun untuk Renstra pertama).",
        ),
    ] = None,
    vision: Annotated[
        str | None,
        typer.Option("--vision", help="Visi (wajib untuk Renstra pertama; bawaan: visi lama)."),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", help="Renstra pertama: tahun pelaporan pertama (bawaan: --start)."),
    ] = None,
    user: Annotated[
        str | None,
        typer.Option("--user", help="Nama pengguna perencana yang tercatat di riwayat."),
    ] = None,
) -> None:
    """Mulai Renstra periode baru: salinan Renstra sebelumnya (kode tetap, target per tahun
    dikosongkan), atau Renstra pertama instansi yang belum punya (kosong, dengan tahun
    pelaporan pertamanya)."""
    setup_django()
    from django.core.exceptions import PermissionDenied

    from kinerja.agencies.models import Agency
    from kinerja.plans.models import StrategicPlan
    from kinerja.plans.periods import PeriodRefused, start_first_plan, start_next_plan

    found = Agency.objects.filter(code=agency).first()
    if found is None:
        raise fail(f"Instansi '{agency}' tidak ada di basis data.")
    planner = importing_user(user)
    try:
        if source is None:
            if not vision:
                raise fail('Renstra pertama perlu visinya: --vision "...".')
            plan = start_first_plan(planner, found, start, end or start + 4, vision, year)
            typer.echo(
                f"Renstra {plan.period} {found.name} dimulai, dengan tahun pelaporan "
                f"{year or start}. Tambahkan butirnya di katalog Renstra atau lewat API."
            )
            return
        copied = StrategicPlan.objects.filter(agency=found, start=source).first()
        if copied is None:
            raise fail(f"{found.name} tidak punya Renstra yang mulai tahun {source}.")
        last = end if end is not None else start + (copied.end - copied.start)
        plan = start_next_plan(planner, found, copied, start, last, vision)
    except (PeriodRefused, PermissionDenied) as exc:
        raise fail(f"{exc} Tidak ada data yang ditulis.") from exc
    typer.echo(
        f"Renstra {plan.period} {found.name} dimulai dari Renstra {copied.period}: kode tetap, "
        "target per tahun dikosongkan untuk diisi."
    )
