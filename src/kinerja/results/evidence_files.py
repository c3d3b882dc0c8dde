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
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings

KINDS = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


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
    """The kind of file by its content (`pdf`, `jpg`, `png`, `xlsx`, `docx`), or None."""
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


def store(stream: IO[bytes], size: int) -> StoredFile:
    """Check an upload and keep it; raises `EvidenceRejected` with the reason."""
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
    target_dir = Path(settings.EVIDENCE_DIR)
    target_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target_dir, delete=False) as temporary:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(chunk)
            temporary.write(chunk)
    sha = digest.hexdigest()
    final = evidence_path(sha)
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(temporary.name, final)
    os.chmod(final, 0o600)
    return StoredFile(sha, size, kind)


def store_bytes(data: bytes) -> StoredFile:
    """`store` for content already in memory (tests, imports)."""
    return store(io.BytesIO(data), len(data))
