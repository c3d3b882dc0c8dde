"""Dataset import through the browser: read, show what will change, then apply.

The uploaded file waits under the data folder (never in the database) until the planner applies
it, for at most a day; previews never applied are deleted by the next preview after a day, or by
`kinerja manage remove_stale_files`. Applying replaces the office's whole dataset, like
`kinerja load`; it is refused while a year of the office is locked, since the import would replace
locked values. Realisations follow `kinerja.results.import_state`: unchanged ones keep their
state, new or changed ones wait for verification by a planner other than the importer.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from kinerja.agencies.datasets import export_dataset, final_lke, import_dataset
from kinerja.agencies.models import Agency
from kinerja.dataset.errors import DatasetError
from kinerja.dataset.schema import Dataset, as_plain
from kinerja.dataset.yamlio import parse_yaml
from kinerja.results.import_state import YearsLocked
from kinerja.results.models import ReportingYear

MAX_CHANGES = 200
MAX_AGE_SECONDS = 24 * 60 * 60


class ImportRefused(Exception):
    """The file cannot be imported into this office; the message is Indonesian."""


@dataclass(frozen=True)
class Change:
    path: str
    old: str
    new: str


@dataclass(frozen=True)
class Preview:
    token: str
    changes: list[Change]
    more: int
    years: list[int]


def _folder() -> Path:
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def remove_stale_previews(now: float | None = None) -> int:
    """Delete the prepared imports never applied within a day; return how many."""
    now = time.time() if now is None else now
    removed = 0
    for path in _folder().glob("*.yaml"):
        try:
            if now - path.stat().st_mtime > MAX_AGE_SECONDS:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed


def _short(value: Any) -> str:
    text = "-" if value is None else str(value)
    return text if len(text) <= 120 else text[:117] + "..."


def differences(old: Any, new: Any, path: str = "") -> list[Change]:
    """Every leaf that differs between two plain datasets, with a readable path."""
    if isinstance(old, dict) and isinstance(new, dict):
        found: list[Change] = []
        for key in list(old) + [k for k in new if k not in old]:
            found += differences(old.get(key), new.get(key), f"{path}.{key}" if path else key)
        return found
    if isinstance(old, list) and isinstance(new, list):
        found = []
        for i in range(max(len(old), len(new))):
            a = old[i] if i < len(old) else None
            b = new[i] if i < len(new) else None
            found += differences(a, b, f"{path}[{i + 1}]")
        return found
    return [] if old == new else [Change(path, _short(old), _short(new))]


def _check(agency: Agency, dataset: Dataset) -> None:
    if dataset.agency.code != agency.code:
        raise ImportRefused(
            f"Berkas ini milik instansi '{dataset.agency.code}', bukan '{agency.code}'."
        )
    if ReportingYear.objects.filter(agency=agency, locked_at__isnull=False).exists():
        raise ImportRefused(
            "Ada tahun yang sudah dikunci; impor akan mengganti nilainya. Ubah melalui revisi."
        )
    try:  # checked again by the import, under the rows' locks
        final_lke.check(
            dataset, final_lke.stored_finals(agency.pk, lock=False), final_from_file=False
        )
    except final_lke.FinalLkeConflict as exc:
        raise ImportRefused(f"{exc}.") from exc


def prepare(agency: Agency, text: str, name: str) -> Preview:
    """Read the file and keep it for `apply`; raises DatasetError or ImportRefused."""
    remove_stale_previews()
    dataset = parse_yaml(text, name)
    _check(agency, dataset)
    token = secrets.token_hex(16)
    (_folder() / f"{token}.yaml").write_text(text, encoding="utf-8")
    changes = differences(as_plain(export_dataset(agency)), as_plain(dataset))
    return Preview(
        token,
        changes[:MAX_CHANGES],
        max(0, len(changes) - MAX_CHANGES),
        [y.year for y in dataset.all_years()],
    )


def apply(agency: Agency, token: str, importer: AbstractBaseUser) -> Agency:
    """Import the prepared file into the office, all or nothing, as `importer`.

    New and changed realisations arrive submitted by the importer, who cannot verify them.
    """
    path = _folder() / f"{token}.yaml"
    if not token.isalnum() or not path.exists():
        raise ImportRefused("Pratinjau impor sudah tidak berlaku; unggah berkasnya lagi.")
    if time.time() - path.stat().st_mtime > MAX_AGE_SECONDS:
        path.unlink()
        raise ImportRefused("Pratinjau impor sudah kedaluwarsa; unggah berkasnya lagi.")
    dataset = parse_yaml(path.read_text(encoding="utf-8"), "dataset")
    _check(agency, dataset)
    try:
        imported = import_dataset(dataset, importer=importer, final_from_file=False)
    except YearsLocked as exc:  # locked after the check, while the import waited for the rows
        raise ImportRefused(
            "Ada tahun yang sudah dikunci; impor akan mengganti nilainya. Ubah melalui revisi."
        ) from exc
    except final_lke.FinalLkeConflict as exc:  # finalised after the check
        raise ImportRefused(f"{exc}.") from exc
    path.unlink()
    return imported


__all__ = ["DatasetError", "ImportRefused", "Preview", "apply", "prepare"]
