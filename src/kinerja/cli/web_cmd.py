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


def demo_users(password: str | None, only_missing: bool = False) -> list[tuple[str, str, str]]:
    """Create (or reset) one demo user per role; returns (user name, role, password).

    With `only_missing`, a demo user who already exists keeps their password and memberships
    and is left out of the answer: only the missing ones are made.
    """
    from django.contrib.auth import get_user_model

    from kinerja.accounts.choices import Role
    from kinerja.accounts.models import Membership
    from kinerja.agencies.models import Agency

    users = get_user_model()
    made = []
    for username, full_name, role, office, unit in DEMO_USERS:
        user, created = users.objects.get_or_create(username=username)
        if only_missing and not created:
            continue
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


def _database_is_empty() -> bool:
    """No office holds a dataset yet: the only state in which the example is loaded unasked."""
    from kinerja.agencies.models import Agency

    return not Agency.objects.filter(has_dataset=True).exists()


def _erase_everything() -> None:
    """Empty every table and the evidence folder: what `--reset` starts again from."""
    import shutil

    from django.conf import settings
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.EVIDENCE_DIR, ignore_errors=True)


def demo(
    file: Annotated[
        Path, typer.Option("--file", "-f", help="Dataset contoh yang dimuat.")
    ] = EXAMPLE,
    reset: Annotated[
        bool,
        typer.Option(
            "--reset",
            help="Hapus SEMUA data (isian, bukti dukung, pengguna) lalu muat contoh dari awal.",
        ),
    ] = False,
    port: Annotated[
        int, typer.Option("--port", "-p", help="Port yang akan dipakai 'kinerja serve'.")
    ] = 8000,
) -> None:
    """Muat contoh KPU Kota Metro ke basis data yang masih kosong dan buat pengguna demo.

    Basis data yang sudah berisi dipertahankan apa adanya (isian, bukti dukung, kata sandi);
    --reset menghapus semuanya dan memulai dari contoh.
    """
    if not file.exists():
        raise fail(f"{file}: berkas contoh tidak ditemukan; sebutkan dengan --file.")
    setup_django()
    from kinerja.agencies.datasets import import_dataset
    from kinerja.dataset.yamlio import read_yaml

    password = os.environ.get("KINERJA_DEMO_PASSWORD") or None
    if reset:
        _erase_everything()
        typer.echo("Semua data dihapus (--reset).")
    if _database_is_empty():
        agency = import_dataset(read_yaml(file))
        typer.echo(f"Contoh {agency.name} dimuat.")
        made = demo_users(password)
    else:
        typer.echo(
            "Basis data sudah berisi: data, isian, bukti dukung dan kata sandi dipertahankan. "
            "Untuk memulai ulang dari contoh: python3 dev.py start --reset "
            "(atau kinerja demo --reset)."
        )
        made = demo_users(password, only_missing=True)
    if made:
        typer.echo("Pengguna demo (nama pengguna / peran / kata sandi):")
        for username, role, secret in made:
            typer.echo(f"  {username:<10} {role:<26} {secret}")
    else:
        typer.echo(
            "Pengguna demo sudah ada dengan kata sandi yang tercetak saat pertama dibuat "
            "(admin, perencana, operator, pimpinan, auditor, pemantau)."
        )
    typer.echo(f"Jalankan 'kinerja serve --port {port}' lalu buka http://127.0.0.1:{port}/masuk/")


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
