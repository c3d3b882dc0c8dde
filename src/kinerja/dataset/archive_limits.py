"""Bounds on ZIP archives (.xlsx, .docx) checked before any member is read ("zip bombs").

A ZIP member names its unpacked size in the archive's directory, and the directory can lie. So an
archive is accepted only when it has few enough members, when the sizes it declares add up to no
more than the limit, and when every compressed member, unpacked as a stream that is thrown away,
really is no longer than it declares. Memory stays at one chunk whatever the archive holds, and a
reader that trusts the declared sizes (python-calamine) is then right to.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from typing import IO

from kinerja.formats import format_number

_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_CHUNK = 1024 * 1024


class ArchiveRefused(ValueError):
    """An archive over the limits or inconsistent with itself; the message is Indonesian."""


def _megabytes(size: int) -> str:
    return format_number(size // (1024 * 1024)) + " MB"


def _unpacked_size(stream: IO[bytes], info: zipfile.ZipInfo, limit: int) -> int:
    """How many bytes the member really unpacks to, counting no further than `limit` + 1."""
    stream.seek(info.header_offset)
    header = stream.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size or header[:4] != _LOCAL_SIGNATURE:
        raise ArchiveRefused("berkas ZIP rusak: kepala anggota arsip tidak sah")
    name_length, extra_length = _LOCAL_HEADER.unpack(header)[-2:]
    stream.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
    left = info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        return left
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise ArchiveRefused("berkas ZIP memakai cara kompresi yang tidak didukung")
    inflater = zlib.decompressobj(-15)
    total = 0
    while left > 0 and not inflater.eof:
        chunk = stream.read(min(_CHUNK, left))
        if not chunk:
            break
        left -= len(chunk)
        pending = chunk
        while pending and not inflater.eof:
            try:
                total += len(inflater.decompress(pending, _CHUNK))
            except zlib.error as exc:
                raise ArchiveRefused("berkas ZIP rusak: data terkompresi tidak sah") from exc
            pending = inflater.unconsumed_tail
            if total > limit:
                return total
    return total


def check_archive(stream: IO[bytes], *, max_members: int, max_unpacked: int) -> None:
    """Refuse an archive over `max_members` members or `max_unpacked` bytes once unpacked.

    Raises `ArchiveRefused` (Indonesian) or `zipfile.BadZipFile` when it is no ZIP archive.
    Leaves `stream` at its start.
    """
    stream.seek(0)
    with zipfile.ZipFile(stream) as archive:
        members = archive.infolist()
    if len(members) > max_members:
        raise ArchiveRefused(
            f"arsip berisi terlalu banyak bagian ({format_number(len(members))}; "
            f"batas {format_number(max_members)})"
        )
    declared = sum(info.file_size for info in members)
    if declared > max_unpacked:
        raise ArchiveRefused(
            f"isi berkas terlalu besar setelah dibuka: {_megabytes(declared)} "
            f"(batas {_megabytes(max_unpacked)})"
        )
    for info in members:
        real = _unpacked_size(stream, info, info.file_size)
        if real > info.file_size:
            raise ArchiveRefused(
                f"berkas ZIP tidak jujur: bagian '{info.filename[:80]}' lebih besar setelah "
                "dibuka daripada yang tercatat"
            )
    stream.seek(0)
