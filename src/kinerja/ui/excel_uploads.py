"""Excel through the browser: the workbooks to download, and an upload read, previewed, applied.

The same readers and rules as the command line: a dataset workbook is read by
`dataset.excel.tree.read_xlsx` (as `kinerja load FILE.xlsx`) and then goes the way of a YAML
upload (`kinerja.ui.importing`: the preview of every change, then the import of the whole
dataset); a realisation workbook is checked and loaded by
`kinerja.results.realization_import.import_realizations` (as `kinerja load-realizations`),
restricted to the office of the page, first as a dry run for the preview. Every problem of a
workbook is listed at once, each with its sheet, row and column.

A realisation workbook waits under the data folder until it is applied, for at most a day, like
a dataset preview.
"""

from __future__ import annotations

import io
import secrets
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from kinerja.agencies.datasets import export_dataset
from kinerja.agencies.datasets.jsonforms import value_to_json
from kinerja.agencies.models import Agency
from kinerja.dataset.excel.realizations import read_realization_sheet
from kinerja.dataset.excel.tree import read_xlsx
from kinerja.dataset.excel.writer import dataset_workbook, realization_workbook
from kinerja.dataset.yamlio import dump_yaml
from kinerja.plans.actions import printed_text
from kinerja.results.models import Realization
from kinerja.results.realization_import import ImportSummary, import_realizations
from kinerja.ui import importing
from kinerja.ui.importing import Change, ImportRefused

DATASET = "dataset"
REALIZATIONS = "realisasi"
KINDS = {
    DATASET: "Dataset lengkap (semua sheet, mengganti dataset instansi)",
    REALIZATIONS: "Realisasi triwulan (sheet 'Realisasi', banyak baris)",
}
MAX_CHANGES = importing.MAX_CHANGES


@dataclass(frozen=True)
class Preview:
    """What applying the upload will change, and the token that applies it."""

    kind: str
    token: str
    changes: list[Change]
    more: int
    summary: str


def _book_bytes(book: object) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def template_bytes(kind: str) -> bytes:
    """The empty dataset workbook with its instructions, or the realisation workbook."""
    book = realization_workbook() if kind == REALIZATIONS else dataset_workbook(None)
    return _book_bytes(book)


def dataset_bytes(agency: Agency) -> bytes:
    """The office's whole dataset as a workbook (`kinerja export --format xlsx`)."""
    return _book_bytes(dataset_workbook(export_dataset(agency)))


def _folder() -> Path:
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def remove_stale_uploads(now: float | None = None) -> int:
    """Delete the realisation workbooks never applied within a day; return how many."""
    now = time.time() if now is None else now
    removed = 0
    for path in _folder().glob("*.xlsx"):
        try:
            if now - path.stat().st_mtime > importing.MAX_AGE_SECONDS:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed


def _write(upload: IO[bytes], path: Path) -> None:
    with path.open("wb") as out:
        for chunk in iter(lambda: upload.read(1 << 16), b""):
            out.write(chunk)


def prepare(agency: Agency, kind: str, upload: IO[bytes], name: str) -> Preview:
    """Read the uploaded workbook and keep what applying needs.

    Raises `DatasetError` with every problem of the workbook, or `ImportRefused`.
    """
    remove_stale_uploads()
    if kind == DATASET:
        with tempfile.TemporaryDirectory(dir=_folder()) as folder:
            path = Path(folder) / (Path(name).name or "dataset.xlsx")
            _write(upload, path)
            dataset = read_xlsx(path)
        prepared = importing.prepare(agency, dump_yaml(dataset), name)
        summary = f"Tahun dalam berkas: {', '.join(str(y) for y in prepared.years)}."
        return Preview(DATASET, prepared.token, prepared.changes, prepared.more, summary)
    if kind != REALIZATIONS:
        raise ImportRefused("Jenis buku kerja tidak dikenal.")
    token = secrets.token_hex(16)
    path = _folder() / f"{token}.xlsx"
    _write(upload, path)
    try:
        counted = import_realizations(path, None, only=agency.code, dry_run=True)
        changes = _realization_changes(agency, path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Preview(
        REALIZATIONS,
        token,
        changes[:MAX_CHANGES],
        max(0, len(changes) - MAX_CHANGES),
        _summary(counted, applied=False),
    )


def _realization_changes(agency: Agency, path: Path) -> list[Change]:
    """Each row that adds or changes a realisation: `2024 IK08 triwulan 2`, old, new."""
    sheet = read_realization_sheet(path)
    stored = {
        (year, code, quarter): (value, note)
        for year, code, quarter, value, note in Realization.objects.filter(
            reporting_year__agency=agency
        ).values_list("reporting_year__year", "indicator__code", "quarter", "value", "note")
    }
    changes = []
    for row in sheet.rows:
        entry = row.entry
        if entry is None:
            continue
        key = (entry.year, entry.indicator, entry.quarter)
        new = printed_text(value_to_json(entry.value)) + (f" ({entry.note})" if entry.note else "")
        if key in stored:
            value, note = stored[key]
            old = printed_text(value) + (f" ({note})" if note else "")
        else:
            old = "-"
        if old != new:
            where = f"{entry.year} {entry.indicator} triwulan {entry.quarter}"
            changes.append(Change(where, old, new))
    return changes


def _summary(counted: ImportSummary, *, applied: bool) -> str:
    verb = "dimuat" if applied else "akan dimuat"
    return (
        f"{counted.rows} realisasi {verb}: {counted.created} baru, {counted.updated} diganti, "
        f"{counted.unchanged} tidak berubah."
    )


def apply(agency: Agency, kind: str, token: str, importer: AbstractBaseUser) -> str:
    """Apply the prepared upload as `importer`, all or nothing; the message says what changed."""
    if kind == DATASET:
        importing.apply(agency, token, importer)
        return (
            "Dataset dari buku kerja diimpor. Realisasi yang baru atau berubah menunggu "
            "verifikasi perencana lain; yang tidak berubah tetap dengan statusnya."
        )
    path = _folder() / f"{token}.xlsx"
    if kind != REALIZATIONS or not token.isalnum() or not path.exists():
        raise ImportRefused("Pratinjau unggahan sudah tidak berlaku; unggah berkasnya lagi.")
    if time.time() - path.stat().st_mtime > importing.MAX_AGE_SECONDS:
        path.unlink()
        raise ImportRefused("Pratinjau unggahan sudah kedaluwarsa; unggah berkasnya lagi.")
    counted = import_realizations(path, importer, only=agency.code)
    path.unlink()
    return _summary(counted, applied=True) + " Nilai yang baru atau berubah menunggu verifikasi."
