"""Evidence files (bukti dukung): checked by their content, stored outside any web root.

Accepted: PDF, JPEG, PNG, and the Office Open XML workbook (XLSX) and document (DOCX), at most
`settings.EVIDENCE_MAX_BYTES` (10 MB). The kind is read from the first bytes and, for the two
ZIP-based formats, from `[Content_Types].xml`: a file's name and the browser's declared type
are never trusted. A file is kept once, under `settings.EVIDENCE_DIR` by its SHA-256.
"""

from __future__ import annotations

import hashlib
import io
import os
import socket
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings

from kinerja.dataset.archive_limits import ArchiveRefused, check_archive

KINDS = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


MAX_MEMBERS = 2_000
"""Members an evidence DOCX or XLSX may hold (a long report with images has a few hundred)."""
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""What an evidence DOCX or XLSX may unpack to; the file itself is at most 10 MB."""


class EvidenceRejected(ValueError):
    """An upload that is not accepted; the message is Indonesian and says why."""


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    kind: str

    @property
    def content_type(self) -> str:
        return KINDS[self.kind]


def _office_kind(head: bytes, stream: IO[bytes]) -> str | None:
    try:
        check_archive(stream, max_members=MAX_MEMBERS, max_unpacked=MAX_UNPACKED_BYTES)
    except ArchiveRefused as exc:
        raise EvidenceRejected(f"Berkas DOCX/XLSX ditolak: {exc}.") from exc
    except (zipfile.BadZipFile, OSError):
        return None
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names:
                return None
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    if "/word/document" in types and any(n.startswith("word/") for n in names):
        return "docx"
    if "/xl/workbook" in types and any(n.startswith("xl/") for n in names):
        return "xlsx"
    return None


def sniff(stream: IO[bytes]) -> str | None:
    """The kind of file by its content (`pdf`, `jpg`, `png`, `xlsx`, `docx`), or None.

    Raises `EvidenceRejected` for a DOCX or XLSX over the archive limits (a "zip bomb").
    """
    stream.seek(0)
    head = stream.read(8)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(head, stream)
    return None


def evidence_path(sha256: str) -> Path:
    """Where a stored file lives: outside static files and any web root."""
    return Path(settings.EVIDENCE_DIR) / sha256[:2] / sha256


class EvidenceNotStored(OSError):
    """The file could not be written to the evidence folder (read-only, full, missing)."""


def _copy(stream: IO[bytes], out: IO[bytes], digest: hashlib._Hash) -> None:
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(chunk)
        out.write(chunk)


_TEMPORARY = ".upload-"
ABANDONED_AFTER_SECONDS = 24 * 60 * 60


def _temporary_file(folder: Path) -> tuple[int, Path]:
    """A new temporary file in `folder`, named after this host and process so that one left by
    a killed process can be told from one still being written (`remove_abandoned_uploads`)."""
    prefix = f"{_TEMPORARY}{socket.gethostname()}-{os.getpid()}-"
    descriptor, name = tempfile.mkstemp(dir=folder, prefix=prefix)
    return descriptor, Path(name)


def _writer_is_gone(name: str, host: str) -> bool:
    try:
        writer_host, pid, _ = name.removeprefix(_TEMPORARY).rsplit("-", 2)
        number = int(pid)
    except ValueError:
        return False
    if writer_host != host or number == os.getpid():
        return False
    try:
        os.kill(number, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def remove_abandoned_uploads(now: float | None = None) -> int:
    """Remove temporary upload files whose writer was killed (its process is gone from this
    host) or that are older than a day; return how many were removed."""
    folder = Path(settings.EVIDENCE_DIR)
    if not folder.is_dir():
        return 0
    now = time.time() if now is None else now
    host = socket.gethostname()
    removed = 0
    for path in folder.glob(f"{_TEMPORARY}*"):
        try:
            old = now - path.stat().st_mtime > ABANDONED_AFTER_SECONDS
            if old or _writer_is_gone(path.name, host):
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed


def _keep(named: Path, final: Path) -> None:
    """Give the complete, synced file its final name, and sync the folder that names it."""
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(named, final)
    folder = os.open(final.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def store(stream: IO[bytes], size: int) -> StoredFile:
    """Check an upload and keep it; raises `EvidenceRejected` with the reason, or
    `EvidenceNotStored` when the folder cannot take it.

    The file gets its final name only once its content is complete and on disk (fsync); a
    database row that names the file is written after this returns, in the caller's
    transaction. No temporary file outlives the call; one left by a killed process is removed by
    the next upload (`remove_abandoned_uploads`).
    """
    if size > settings.EVIDENCE_MAX_BYTES:
        limit = settings.EVIDENCE_MAX_BYTES // (1024 * 1024)
        raise EvidenceRejected(f"Berkas lebih dari {limit} MB.")
    if size == 0:
        raise EvidenceRejected("Berkas kosong.")
    kind = sniff(stream)
    if kind is None:
        raise EvidenceRejected(
            "Isi berkas bukan PDF, JPG, PNG, XLSX atau DOCX (jenis diperiksa dari isinya, "
            "bukan dari namanya)."
        )
    stream.seek(0)
    digest = hashlib.sha256()
    named: Path | None = None
    try:
        target_dir = Path(settings.EVIDENCE_DIR)
        target_dir.mkdir(parents=True, exist_ok=True)
        remove_abandoned_uploads()
        descriptor, named = _temporary_file(target_dir)
        with os.fdopen(descriptor, "wb") as out:
            _copy(stream, out, digest)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(named, 0o600)
        final = evidence_path(digest.hexdigest())
        _keep(named, final)
        named = None
    except OSError as exc:
        raise EvidenceNotStored(
            "Berkas bukti dukung tidak dapat disimpan di server (folder bukti tidak dapat "
            "ditulisi atau penuh); nilai tidak disimpan. Coba lagi atau hubungi pengelola."
        ) from exc
    finally:
        if named is not None:
            named.unlink(missing_ok=True)
    return StoredFile(digest.hexdigest(), size, kind)


def store_bytes(data: bytes) -> StoredFile:
    """`store` for content already in memory (tests, imports)."""
    return store(io.BytesIO(data), len(data))
