"""Raster images a document may carry (the office logo): PNG or JPEG, checked by their header.

The kind and the size in pixels are read from the bytes themselves (the PNG `IHDR` chunk, the
JPEG start-of-frame marker), never from a file name; anything else is refused with an Indonesian
message. No Django here: the agencies app checks uploads with it, the writers place the bytes.
"""

from __future__ import annotations

import base64
import struct
from dataclasses import dataclass

MAX_LOGO_BYTES = 1024 * 1024
"""An office logo is a small emblem: at most 1 MB."""
MAX_LOGO_SIDE = 4000
"""And at most 4000 pixels on either side."""

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


class ImageRejected(ValueError):
    """Not an acceptable image; the message is Indonesian and says why."""


@dataclass(frozen=True)
class ImageInfo:
    kind: str  # "png" or "jpeg"
    width: int
    height: int

    @property
    def content_type(self) -> str:
        return f"image/{self.kind}"


def _png(data: bytes) -> tuple[int, int] | None:
    if len(data) < 33 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _jpeg(data: bytes) -> tuple[int, int] | None:
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:
            position += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if length < 2:
            return None
        if marker in _JPEG_FRAMES:
            if position + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return width, height
        if marker == 0xDA:
            return None
        position += 2 + length
    return None


def inspect_image(data: bytes) -> ImageInfo:
    """The kind and size of a PNG or JPEG logo; `ImageRejected` for anything else."""
    if not data:
        raise ImageRejected("Berkas logo kosong.")
    if len(data) > MAX_LOGO_BYTES:
        raise ImageRejected(
            f"Berkas logo lebih dari {MAX_LOGO_BYTES // (1024 * 1024)} MB; perkecil gambarnya."
        )
    if data.startswith(_PNG):
        kind, size = "png", _png(data)
    elif data.startswith(b"\xff\xd8\xff"):
        kind, size = "jpeg", _jpeg(data)
    else:
        raise ImageRejected(
            "Berkas logo bukan gambar PNG atau JPEG (jenis diperiksa dari isinya, bukan dari "
            "namanya)."
        )
    if size is None:
        raise ImageRejected(f"Berkas logo {kind.upper()} rusak: ukuran gambar tidak terbaca.")
    width, height = size
    if not (0 < width <= MAX_LOGO_SIDE and 0 < height <= MAX_LOGO_SIDE):
        raise ImageRejected(
            f"Ukuran logo {width}×{height} piksel; paling besar {MAX_LOGO_SIDE} piksel per sisi."
        )
    return ImageInfo(kind, width, height)


def as_svg(data: bytes) -> str:
    """The image wrapped in an SVG document (how the PDF writer hands pictures to Typst)."""
    info = inspect_image(data)
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" '
        f'xmlns:xlink="http://www.w3.org/1999/xlink" width="{info.width}" '
        f'height="{info.height}" viewBox="0 0 {info.width} {info.height}">'
        f'<image width="{info.width}" height="{info.height}" '
        f'xlink:href="data:{info.content_type};base64,{encoded}"/></svg>'
    )
