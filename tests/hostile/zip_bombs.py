"""Hostile ZIP archives built by hand, cheaply: about 1 MB that unpacks to about 1 GB."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

GIGABYTE = 1024 * 1024 * 1024
_MEGABYTE_OF_ZEROS = bytes(1024 * 1024)


def deflated_zeros(megabytes: int) -> bytes:
    """A raw deflate stream of `megabytes` MB of zeros, built from one compressed megabyte."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(_MEGABYTE_OF_ZEROS) + packer.flush(zlib.Z_FULL_FLUSH)
    return block * megabytes + packer.flush()


Member = tuple[str, bytes, int, int, int]
"""name, data as stored, declared unpacked size, CRC-32, method (0 stored, 8 deflated)."""


def stored(name: str, data: bytes) -> Member:
    return (name, data, len(data), zlib.crc32(data), zipfile.ZIP_STORED)


def bomb(name: str, megabytes: int = 1024, declared: int | None = None) -> Member:
    """A member of `megabytes` MB of zeros that declares `declared` bytes (the truth if None)."""
    size = megabytes * 1024 * 1024 if declared is None else declared
    return (name, deflated_zeros(megabytes), size, 0, zipfile.ZIP_DEFLATED)


def build_zip(members: list[Member]) -> bytes:
    out = io.BytesIO()
    central = []
    for name, data, size, crc, method in members:
        offset = out.tell()
        raw = name.encode()
        head = (b"PK\x03\x04", 20, 0, method, 0, 33, crc, len(data), size, len(raw), 0)
        out.write(struct.pack("<4s5H3L2H", *head) + raw + data)
        entry = (b"PK\x01\x02", 20, 20, 0, method, 0, 33, crc, len(data), size, len(raw))
        central.append(struct.pack("<4s6H3L5H2L", *entry, 0, 0, 0, 0, 0, offset) + raw)
    start = out.tell()
    for entry_bytes in central:
        out.write(entry_bytes)
    end = (b"PK\x05\x06", 0, 0, len(central), len(central), out.tell() - start, start, 0)
    out.write(struct.pack("<4s4H2LH", *end))
    return out.getvalue()


CONTENT_TYPES = (
    b'<Types><Override PartName="/word/document.xml" '
    b'ContentType="application/vnd...wordprocessingml.document.main+xml"/></Types>'
)


def docx_bomb(where: str = "word/document.xml", declared: int | None = None) -> bytes:
    """A DOCX of about 1 MB whose `where` member unpacks to 1 GB."""
    members = [stored("[Content_Types].xml", CONTENT_TYPES), stored("word/styles.xml", b"<s/>")]
    if where == "[Content_Types].xml":
        members[0] = bomb(where, declared=declared)
    else:
        members.append(bomb(where, declared=declared))
    return build_zip(members)


def workbook_with(source: Path, target: Path, extra: list[Member], replace: str = "") -> Path:
    """Copy a real workbook, every part stored, with `extra` members (replacing `replace`)."""
    members = []
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            if info.filename != replace:
                members.append(stored(info.filename, archive.read(info)))
    target.write_bytes(build_zip(members + extra))
    return target
