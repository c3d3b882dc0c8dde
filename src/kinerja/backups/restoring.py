"""Restoring a backup: into an empty database of either engine, all or nothing.

The order is what keeps a failure, or a process killed at any moment, from leaving half a
deployment:

1. Every member of the archive is checked against the manifest's SHA-256 before anything is
   written, and the archive's migrations must be the ones this installation applies.
2. The evidence files are copied into a staging folder (`.restore-*` inside the evidence folder,
   so that moving them is a rename on one file system); nothing the application reads changes.
3. Every row is inserted in one transaction, with the primary keys of the archive; the row
   counts are checked against the manifest and PostgreSQL's sequences are moved past the
   highest key. The database refuses a restore over existing rows unless asked to replace them.
4. Only after the commit are the staged files renamed into place.

A process killed in step 2 or 3 leaves no row (the transaction never committed) and only a staging
folder; killed in step 4, the rows are committed and some files still staged. The next restore
finishes either case first (`finish_interrupted`): a staged file that a stored evidence row names
is moved into place, any other is deleted, and the staging folder is removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, models, transaction

from kinerja.backups.archive import (
    BLOCK,
    BackupError,
    Manifest,
    Progress,
    applied_migrations,
    open_archive,
    read_manifest,
    verify,
)
from kinerja.backups.tables import Inserter, referenced_files

STAGING_PREFIX = ".restore-"
LOCK_FILE = ".restore.lock"
BATCH = 500


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    rows: int
    files: int
    recovered: int


def restore_backup(
    path: Path,
    evidence_dir: Path,
    *,
    replace: bool = False,
    progress: Progress = lambda what, done: None,
    on_manifest: Callable[[Manifest], None] = lambda manifest: None,
) -> RestoreResult:
    """Restore the archive at `path` into this deployment (see the module's steps)."""
    evidence_dir.mkdir(parents=True, exist_ok=True)
    with _restore_lock(evidence_dir):
        recovered = finish_interrupted(evidence_dir)
        with open_archive(path) as archive:
            manifest = read_manifest(archive, path)
            on_manifest(manifest)
            verify(archive, manifest, path, progress)
            _check_schema(manifest, path)
            if not replace:
                _check_empty(recovered)
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=evidence_dir))
            try:
                _stage(archive, manifest, staging, progress)
                try:
                    with transaction.atomic():
                        if replace:
                            _flush()
                        else:
                            _check_empty()
                        rows = _load(archive, manifest, path, progress)
                except DatabaseError as exc:
                    raise BackupError(
                        f"{path}: isi cadangan tidak utuh ({exc}). Tidak ada data yang ditulis."
                    ) from exc
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
        files = _place(staging, evidence_dir)
    return RestoreResult(manifest, rows, files, recovered)


@contextlib.contextmanager
def _restore_lock(evidence_dir: Path) -> Iterator[None]:
    """One restore at a time in a deployment (the staging folders are then surely stale)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not a POSIX system: no second restore to fear
        yield
        return
    with (evidence_dir / LOCK_FILE).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BackupError(
                "Pemulihan lain sedang berjalan untuk data ini; tunggu selesai."
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def finish_interrupted(evidence_dir: Path) -> int:
    """Finish the file step of a restore that was killed; returns how many files it moved."""
    stale = sorted(p for p in evidence_dir.glob(STAGING_PREFIX + "*") if p.is_dir())
    if not stale:
        return 0
    named = referenced_files()
    moved = 0
    for folder in stale:
        for staged in folder.iterdir():
            if staged.name in named and staged.is_file():
                moved += _move(staged, evidence_dir)
            else:
                staged.unlink()
        shutil.rmtree(folder, ignore_errors=True)
    return moved


def _check_schema(manifest: Manifest, path: Path) -> None:
    here = {(app, name) for app, name in applied_migrations()}
    newer = sorted(manifest.migrations - here)
    older = sorted(here - manifest.migrations)
    if newer:
        listed = ", ".join(f"{app}.{name}" for app, name in newer[:3])
        raise BackupError(
            f"{path}: cadangan dibuat dengan Kinerja {manifest.data.get('kinerja_version')} yang "
            f"lebih baru (migrasi {listed} belum dikenal). Perbarui Kinerja dahulu."
        )
    if older:
        listed = ", ".join(f"{app}.{name}" for app, name in older[:3])
        raise BackupError(
            f"{path}: cadangan dibuat dengan Kinerja {manifest.data.get('kinerja_version')} yang "
            f"lebih lama (belum memuat migrasi {listed}). Pulihkan dengan versi itu, lalu "
            "perbarui Kinerja."
        )


def _check_empty(recovered: int = 0) -> None:
    from kinerja.backups.tables import backed_up_models, table_name

    filled = [table_name(m) for m in backed_up_models() if m._base_manager.exists()]
    if filled:
        finished = (
            "Pemulihan sebelumnya yang terputus ternyata sudah tersimpan; "
            f"{recovered} berkas bukti dukungnya kini dipindahkan ke tempatnya. "
            if recovered
            else ""
        )
        raise BackupError(
            f"{finished}Basis data tujuan tidak kosong (berisi data pada tabel "
            f"{', '.join(filled[:3])}{' dan lainnya' if len(filled) > 3 else ''}). Pulihkan ke "
            "basis data yang kosong, atau pakai --ganti untuk menghapus seluruh isinya lebih "
            "dahulu."
        )


def _flush() -> None:
    """Delete every row a backup holds (DELETE, not TRUNCATE: it is part of the transaction)."""
    from kinerja.backups.tables import backed_up_models

    with connection.cursor() as cursor:
        for model in reversed(backed_up_models()):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def _stage(archive: zipfile.ZipFile, manifest: Manifest, staging: Path, progress: Progress) -> None:
    for name in manifest.evidence:
        sha = name.rsplit("/", 1)[-1]
        digest = hashlib.sha256()
        with archive.open(name) as member, (staging / sha).open("wb") as target:
            for block in iter(lambda: member.read(BLOCK), b""):
                digest.update(block)
                target.write(block)
        if digest.hexdigest() != sha:
            raise BackupError(f"{name} berubah saat dibaca; tidak ada data yang ditulis.")
        progress("menyiapkan bukti dukung", 1)


def _insert_rows(inserter: Inserter, batch: list[list[Any]]) -> None:
    """Insert one batch of a table's rows (keys and timestamps as in the archive)."""
    with connection.cursor() as cursor:
        cursor.executemany(inserter.sql, batch)


def _load(archive: zipfile.ZipFile, manifest: Manifest, path: Path, progress: Progress) -> int:
    from django.core.management.color import no_style

    from kinerja.backups.tables import NaturalKeys, backed_up_models, model_of

    keys = NaturalKeys()
    expected = {m._meta.label_lower for m in backed_up_models()}
    listed = {t["model"] for t in manifest.tables}
    if expected != listed:
        missing = ", ".join(sorted(expected ^ listed)[:3])
        raise BackupError(f"{path}: tabel cadangan tidak cocok dengan aplikasi ini ({missing}).")
    loaded: list[type[models.Model]] = []
    total = 0
    for table in manifest.tables:
        inserter = Inserter(model_of(table["model"]), keys)
        count = 0
        batch: list[list[Any]] = []
        with archive.open(table["file"]) as member:
            for number, line in enumerate(io.TextIOWrapper(member, encoding="utf-8"), start=1):
                try:
                    batch.append(inserter.parameters(line))
                except (ValueError, KeyError, TypeError, ValidationError) as exc:
                    raise BackupError(
                        f"{path}: {table['file']} baris {number} tidak dapat dibaca ({exc}). "
                        "Tidak ada data yang ditulis."
                    ) from exc
                if len(batch) >= BATCH:
                    _insert_rows(inserter, batch)
                    count += len(batch)
                    progress(table["model"], len(batch))
                    batch = []
            if batch:
                _insert_rows(inserter, batch)
                count += len(batch)
                progress(table["model"], len(batch))
        if count != int(table["rows"]):
            raise BackupError(
                f"{path}: tabel {table['model']} memuat {count} baris, manifest menyebut "
                f"{table['rows']}. Tidak ada data yang ditulis."
            )
        loaded.append(inserter.model)
        total += count
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), loaded):
            cursor.execute(sql)
    if connection.vendor == "sqlite":
        connection.check_constraints(table_names=[m._meta.db_table for m in loaded])
    return total


def _move(staged: Path, evidence_dir: Path) -> int:
    target = evidence_dir / staged.name[:2] / staged.name
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        staged.unlink()
        return 0
    os.chmod(staged, 0o600)
    os.replace(staged, target)
    return 1


def _place(staging: Path, evidence_dir: Path) -> int:
    """Rename the staged files into place (after the commit); returns how many were new."""
    placed = sum(_move(staged, evidence_dir) for staged in sorted(staging.iterdir()))
    shutil.rmtree(staging, ignore_errors=True)
    return placed
