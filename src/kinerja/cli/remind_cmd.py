"""`kinerja remind`: the day's deadline reminders (H-7, H-3, H-1), each sent once."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer

from kinerja.cli.options import JsonOpt
from kinerja.cli.sources import fail, setup_django

commands = typer.Typer()


def _day(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise fail(f"--today: tanggal {text!r} tidak terbaca; tulis TTTT-BB-HH.") from exc


@commands.command()
def remind(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Tampilkan saja; tidak ada yang dikirim.")
    ] = False,
    as_json: JsonOpt = False,
    today: Annotated[
        str | None,
        typer.Option("--today", help="Tanggal hari ini (TTTT-BB-HH), untuk uji; bawaan: hari ini."),
    ] = None,
) -> None:
    """Kirim pengingat tenggat isian (H-7, H-3, H-1) kepada unit yang belum mengisi.

    Jalankan sekali sehari dari penjadwal server; setiap pengingat dikirim sekali saja.
    """
    day = _day(today)
    setup_django()
    from django.utils import timezone

    from kinerja.formats import format_date
    from kinerja.notifications.reminders import remind as run_remind

    day = day or timezone.localdate()
    reminders = run_remind(day, dry_run=dry_run)
    if as_json:
        answer = {
            "today": day.isoformat(),
            "dry_run": dry_run,
            "reminders": [r.as_json() for r in reminders],
        }
        typer.echo(json.dumps(answer, ensure_ascii=False, indent=2))
        return
    fresh = [r for r in reminders if r.new]
    verb = "akan dikirim" if dry_run else "dikirim"
    typer.echo(f"Pengingat {format_date(day)}: {len(fresh)} {verb}.")
    for r in reminders:
        state = (verb if r.new else "sudah dikirim sebelumnya") + (
            " (dengan surel)" if r.email_copy else ""
        )
        typer.echo(
            f"  H-{r.days} {r.agency} {r.year} TW{r.quarter} {r.unit}: {r.username}, "
            f"{r.unfilled} belum diajukan, tenggat {format_date(r.due)} — {state}"
        )
