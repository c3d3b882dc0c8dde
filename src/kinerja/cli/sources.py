"""Where a command's dataset comes from: a file, or an agency in the database."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import typer

from kinerja.dataset.errors import DatasetError
from kinerja.dataset.schema import Dataset

SUPPORTED_SUFFIXES = (".yaml", ".yml", ".xlsx")


class SourceError(Exception):
    """A source that cannot be used; the message is Indonesian and names the source."""


def read_dataset(path: Path) -> Dataset:
    """Read a dataset file by its suffix."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        from kinerja.dataset.yamlio import read_yaml

        return read_yaml(path)
    if suffix == ".xlsx":
        from kinerja.dataset.excel.tree import read_xlsx

        return read_xlsx(path)
    raise SourceError(
        f"{path}: jenis berkas '{suffix or '(tanpa akhiran)'}' tidak didukung; "
        f"gunakan {', '.join(SUPPORTED_SUFFIXES)}"
    )


def setup_django(*, migrate: bool = True) -> None:
    """Configure Django for a command and bring the database schema up to date (unless
    `migrate` is False: a process whose parent command does it, see `kinerja worker`).

    The command line serves no web requests, so when no secret key is configured it uses a
    random one for this process only; `kinerja serve` never does.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.web.settings")
    os.environ.setdefault("KINERJA_SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()
    if not migrate:
        return
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)


def dataset_from_database(agency_code: str) -> Dataset:
    """Export the agency's dataset from the database."""
    setup_django()
    from kinerja.agencies.datasets import (
        AgencyNotDescribed,
        AgencyNotFound,
        export_dataset,
        find_agency,
    )

    try:
        return export_dataset(find_agency(agency_code))
    except AgencyNotFound as exc:
        raise SourceError(f"{exc}; muat datasetnya dahulu dengan 'kinerja load BERKAS'") from exc
    except AgencyNotDescribed as exc:
        raise SourceError(str(exc)) from exc


def resolve(file: Path | None, agency: str | None) -> Dataset:
    """The dataset named by a FILE argument or an --agency option (exactly one)."""
    if (file is None) == (agency is None):
        raise SourceError("sebutkan tepat satu sumber: BERKAS atau --agency KODE")
    if file is not None:
        return read_dataset(file)
    assert agency is not None
    return dataset_from_database(agency)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print an Indonesian error to stderr and return the exit to raise."""
    typer.echo(message, err=True)
    return typer.Exit(code)


def explain(exc: Exception) -> typer.Exit:
    """Turn a known error into a clear message and a non-zero exit."""
    if isinstance(exc, DatasetError):
        return fail(exc.render())
    return fail(f"Galat: {exc}")


def importing_user(username: str | None) -> Any:
    """The user a load is recorded under (`--user`), or None; fails when nobody has the name."""
    if username is None:
        return None
    from django.contrib.auth import get_user_model

    found = get_user_model().objects.filter(username=username, is_active=True).first()
    if found is None:
        raise fail(f"Pengguna '{username}' tidak ditemukan atau tidak aktif.")
    return found
