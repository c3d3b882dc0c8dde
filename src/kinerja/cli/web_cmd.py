"""`kinerja demo`, `serve` and `manage`: the web application from the command line."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from typing import Annotated

import typer

from kinerja.cli.sources import fail, setup_django

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "kpu-kota-metro-2024.yaml"
DEMO_OFFICE = "kpu-kota-metro"
DEMO_PARENT = "kpu-provinsi-lampung"
# (user name, full name, role, office, operator's work unit)
DEMO_USERS = (
    ("admin", "Administrator Demo", "admin", DEMO_OFFICE, None),
    ("perencana", "Perencana Demo", "planner", DEMO_OFFICE, None),
    ("operator", "Operator Hukum dan SDM", "operator", DEMO_OFFICE, "hukum-sdm"),
    ("pimpinan", "Pimpinan Demo", "leader", DEMO_OFFICE, None),
    ("auditor", "Auditor Demo", "auditor", DEMO_OFFICE, None),
    ("pemantau", "Pemantau KPU Provinsi Lampung", "viewer", DEMO_PARENT, None),
)


def demo_users(password: str | None) -> list[tuple[str, str, str]]:
    """Create (or reset) one demo user per role; returns (user name, role, password)."""
    from django.contrib.auth import get_user_model

    from kinerja.accounts.choices import Role
    from kinerja.accounts.models import Membership
    from kinerja.agencies.models import Agency

    users = get_user_model()
    made = []
    for username, full_name, role, office, unit in DEMO_USERS:
        user, _ = users.objects.get_or_create(username=username)
        first, _, last = full_name.partition(" ")
        user.first_name, user.last_name = first, last
        secret = password or secrets.token_urlsafe(9)
        user.set_password(secret)
        user.save()
        Membership.objects.filter(user=user).delete()
        Membership.objects.create(
            user=user, agency=Agency.objects.get(code=office), role=role, work_unit_code=unit
        )
        made.append((username, str(Role(role).label), secret))
    return made


def demo(
    file: Annotated[
        Path, typer.Option("--file", "-f", help="Dataset contoh yang dimuat.")
    ] = EXAMPLE,
) -> None:
    """Muat contoh KPU Kota Metro dan buat satu pengguna demo per peran."""
    if not file.exists():
        raise fail(f"{file}: berkas contoh tidak ditemukan; sebutkan dengan --file.")
    setup_django()
    from kinerja.agencies.datasets import import_dataset
    from kinerja.dataset.yamlio import read_yaml

    agency = import_dataset(read_yaml(file))
    typer.echo(f"Contoh {agency.name} dimuat.")
    password = os.environ.get("KINERJA_DEMO_PASSWORD") or None
    typer.echo("Pengguna demo (nama pengguna / peran / kata sandi):")
    for username, role, secret in demo_users(password):
        typer.echo(f"  {username:<10} {role:<26} {secret}")
    typer.echo("Jalankan 'kinerja serve' lalu buka http://127.0.0.1:8000/masuk/")


def _serve_environment(host: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.web.settings")
    https = os.environ.get("KINERJA_HTTPS", "").strip().lower() in {"1", "true", "yes", "on"}
    if not os.environ.get("KINERJA_SECRET_KEY"):
        # Never a fixed default: a key for this run only (sessions end when the server stops).
        typer.echo(
            "Peringatan: KINERJA_SECRET_KEY belum diisi; memakai kunci acak untuk sesi ini.",
            err=True,
        )
        os.environ["KINERJA_SECRET_KEY"] = secrets.token_urlsafe(50)
    os.environ.setdefault(
        "KINERJA_ALLOWED_HOSTS", ",".join(dict.fromkeys([host, "127.0.0.1", "localhost"]))
    )
    # Plain HTTP on the local machine cannot carry secure cookies; KINERJA_HTTPS=1 turns them on.
    os.environ.setdefault("KINERJA_SECURE_COOKIES", "1" if https else "0")


def serve(
    port: Annotated[int, typer.Option("--port", "-p", help="Port HTTP.")] = 8000,
    host: Annotated[str, typer.Option("--host", help="Alamat yang didengarkan.")] = "127.0.0.1",
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", min=1, help="Jumlah proses gunicorn (bawaan KINERJA_WEB_WORKERS, 2)."
        ),
    ] = None,
    threads: Annotated[
        int | None,
        typer.Option("--threads", min=1, help="Utas per proses (bawaan KINERJA_WEB_THREADS, 4)."),
    ] = None,
) -> None:
    """Jalankan aplikasi web dengan gunicorn dan WhiteNoise (bukan runserver)."""
    _serve_environment(host)
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    workers = workers or settings.WEB_WORKERS
    threads = threads or settings.WEB_THREADS

    call_command("collectstatic", interactive=False, verbosity=0)
    typer.echo(f"Kinerja berjalan di http://{host}:{port}/ — masuk di http://{host}:{port}/masuk/")
    typer.echo(f"Data dan bukti dukung: {settings.DATA_DIR}. Hentikan dengan Ctrl+C.")
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "kinerja.web.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--access-logfile",
        "-",
        "--timeout",
        "120",
    ]
    sys.stdout.flush()
    os.execve(sys.executable, args, dict(os.environ))


def manage(ctx: typer.Context) -> None:
    """Perintah manage.py Django dengan pengaturan Kinerja, misalnya 'kinerja manage check'."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kinerja manage", *ctx.args])


commands = typer.Typer()
"""This module's commands; `app` adds them to the `kinerja` command."""
commands.command()(demo)
commands.command()(serve)
commands.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)(manage)
