"""The backup archive: writing it, and reading its manifest and checking every member.

One ZIP file:

- `data/<app>.<model>.jsonl`: one table's rows, one JSON object a line (see `tables.py`);
- `evidence/<aa>/<sha256>`: each stored evidence file, kept under its SHA-256 as on disk;
- `manifest.json`, written last: the format and its version, the Kinerja and Django versions,
  when and from which engine it was made, the applied migrations, each table with its row
  count, and each member's size and SHA-256.

The archive is written beside its destination under a temporary name and renamed when complete,
so an interrupted backup never leaves a file that looks like a backup.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

FORMAT = "kinerja-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SHA_NAME = re.compile(r"^[0-9a-f]{64}$")
EVIDENCE_MEMBER = re.compile(r"^evidence/([0-9a-f]{2})/(\1[0-9a-f]{62})$")
BLOCK = 1024 * 1024

Progress = Callable[[str, int], None]
"""Called with what is being done and how many rows or files were just done."""


class BackupError(Exception):
    """A backup that cannot be made or read; the message is Indonesian and says why."""


@dataclass(frozen=True)
class Manifest:
    """What an archive says it holds."""

    data: dict[str, Any]

    @property
    def tables(self) -> list[dict[str, Any]]:
        return list(self.data["tables"])

    @property
    def files(self) -> dict[str, dict[str, Any]]:
        return dict(self.data["files"])

    @property
    def evidence(self) -> list[str]:
        """The archive members that are evidence files."""
        return sorted(name for name in self.files if name.startswith("evidence/"))

    @property
    def migrations(self) -> set[tuple[str, str]]:
        return {(app, name) for app, name in self.data["migrations"]}

    @property
    def evidence_missing(self) -> list[str]:
        return list(self.data.get("evidence_missing", []))

    @property
    def total_rows(self) -> int:
        return sum(int(t["rows"]) for t in self.tables)


class _Hashing:
    """A writable stream that counts and hashes what passes through it."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target = target
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.target.write(data)
        self.digest.update(data)
        self.size += len(data)

    def entry(self) -> dict[str, Any]:
        return {"sha256": self.digest.hexdigest(), "size": self.size}


def evidence_files(folder: Path) -> list[Path]:
    """The stored evidence files: `<aa>/<sha256>` under the evidence folder (no temporary files)."""
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.glob("??/*")
        if path.is_file() and SHA_NAME.match(path.name) and path.parent.name == path.name[:2]
    )


def applied_migrations() -> list[list[str]]:
    """Every migration applied to the database, as sorted [app, name] pairs."""
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def _member(archive: zipfile.ZipFile, name: str) -> IO[bytes]:
    """A new compressed member, dated now (a bare name would be dated 1980)."""
    info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    return archive.open(info, "w", force_zip64=True)


def write_backup(output: Path, evidence_dir: Path, progress: Progress) -> Manifest:
    """Write the whole deployment to `output`; returns the manifest written into it."""
    import django
    from django.db import connection, transaction
    from django.utils import timezone

    import kinerja
    from kinerja.backups.tables import (
        NaturalKeys,
        backed_up_models,
        referenced_files,
        rows,
        table_name,
    )

    directory = output.parent if str(output.parent) else Path(".")
    if not directory.is_dir():
        raise BackupError(f"Folder {directory} tidak ada.")
    handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=directory)
    os.close(handle)
    files: dict[str, dict[str, Any]] = {}
    tables: list[dict[str, Any]] = []
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            # One read transaction: every table is read from the same moment.
            outermost = not connection.in_atomic_block
            with transaction.atomic():
                if outermost and connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                keys = NaturalKeys()
                named = referenced_files()
                migrations = applied_migrations()
                for model in backed_up_models():
                    name = f"data/{table_name(model)}.jsonl"
                    count = 0
                    with _member(archive, name) as member:
                        stream = _Hashing(member)
                        for line in rows(model, keys):
                            stream.write(line.encode("utf-8") + b"\n")
                            count += 1
                            if count % 500 == 0:
                                progress(table_name(model), 500)
                    progress(table_name(model), count % 500)
                    files[name] = stream.entry()
                    tables.append({"model": table_name(model), "file": name, "rows": count})
            for path in evidence_files(evidence_dir):
                name = f"evidence/{path.parent.name}/{path.name}"
                with path.open("rb") as source, _member(archive, name) as member:
                    stream = _Hashing(member)
                    for block in iter(lambda: source.read(BLOCK), b""):
                        stream.write(block)
                entry = stream.entry()
                if entry["sha256"] != path.name:
                    raise BackupError(
                        f"Berkas bukti dukung {path} rusak: isinya tidak cocok dengan "
                        "SHA-256 pada namanya. Cadangan tidak dibuat."
                    )
                files[name] = entry
                progress("bukti dukung", 1)
            stored = {name.rsplit("/", 1)[-1] for name in files if name.startswith("evidence/")}
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "kinerja_version": kinerja.__version__,
                "django_version": django.get_version(),
                "created_at": timezone.now().isoformat(),
                "source_engine": connection.vendor,
                "migrations": migrations,
                "tables": tables,
                "files": files,
                # Evidence rows whose file was not in the evidence folder (they were not
                # downloadable before the backup either).
                "evidence_missing": sorted(named - stored),
            }
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Manifest(manifest)


def open_archive(path: Path) -> zipfile.ZipFile:
    """The archive, opened for reading, or a clear error."""
    if not path.is_file():
        raise BackupError(f"{path}: berkas cadangan tidak ditemukan.")
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupError(f"{path}: bukan berkas cadangan Kinerja (bukan arsip ZIP).") from exc


def read_manifest(archive: zipfile.ZipFile, path: Path) -> Manifest:
    """The archive's manifest, checked for its format."""
    try:
        data = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except KeyError:
        raise BackupError(f"{path}: manifest.json tidak ada; bukan cadangan Kinerja.") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"{path}: manifest.json tidak dapat dibaca ({exc}).") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(f"{path}: manifest.json bukan manifest cadangan Kinerja.")
    if data.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{path}: versi format cadangan {data.get('format_version')} tidak didukung "
            f"(didukung: {FORMAT_VERSION})."
        )
    for key in ("tables", "files", "migrations"):
        if key not in data:
            raise BackupError(f"{path}: manifest.json tidak memuat '{key}'.")
    return Manifest(data)


def verify(archive: zipfile.ZipFile, manifest: Manifest, path: Path, progress: Progress) -> None:
    """Check that the archive holds exactly the manifest's members, each with its SHA-256."""
    members = {info.filename for info in archive.infolist() if not info.is_dir()} - {MANIFEST}
    listed = set(manifest.files)
    if members - listed:
        extra = ", ".join(sorted(members - listed)[:5])
        raise BackupError(f"{path}: arsip memuat berkas yang tidak ada di manifest: {extra}.")
    if listed - members:
        missing = ", ".join(sorted(listed - members)[:5])
        raise BackupError(f"{path}: berkas di manifest tidak ada di arsip: {missing}.")
    table_files = {table["file"] for table in manifest.tables}
    for name in listed - table_files:
        if not EVIDENCE_MEMBER.match(name):
            raise BackupError(f"{path}: nama berkas '{name}' di arsip tidak dikenal.")
    for table in manifest.tables:
        if table["file"] not in listed:
            raise BackupError(f"{path}: tabel {table['model']} tidak ada di arsip.")
    for name in sorted(listed):
        expected = manifest.files[name]
        digest = hashlib.sha256()
        try:
            with archive.open(name) as member:
                for block in iter(lambda: member.read(BLOCK), b""):
                    digest.update(block)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise BackupError(f"{path}: {name} rusak di dalam arsip ({exc}).") from exc
        if digest.hexdigest() != expected.get("sha256"):
            raise BackupError(
                f"{path}: checksum {name} tidak cocok dengan manifest; cadangan rusak atau "
                "diubah. Tidak ada data yang ditulis."
            )
        if name not in table_files and name.rsplit("/", 1)[-1] != expected["sha256"]:
            raise BackupError(f"{path}: {name} tidak cocok dengan SHA-256 pada namanya.")
        progress("memeriksa checksum", 1)
