"""The bundled fonts (Liberation), the only fonts a report is drawn with, and an SVG drawn with
them as PNG. Typst is imported only when it is used."""

from __future__ import annotations

from pathlib import Path
from typing import Any

FONT_DIR = Path(__file__).parent / "fonts"
_fonts: Any = None


def font_book() -> Any:
    """The bundled fonts as Typst reads them, loaded once."""
    global _fonts
    if _fonts is None:
        import typst

        _fonts = typst.Fonts(
            include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONT_DIR)]
        )
    return _fonts


RASTER_SOURCE = b"""#set page(width: auto, height: auto, margin: 0pt)
#image(bytes(sys.inputs.svg), format: "svg", width: float(sys.inputs.width) * 1in)
"""


def rasterise_svg(svg: bytes, width_inches: float, dpi: int) -> bytes:
    """An SVG as a PNG of `width_inches` at `dpi`, drawn with the bundled fonts."""
    import typst

    png = typst.compile(
        RASTER_SOURCE,
        font_paths=font_book(),
        ignore_system_fonts=True,
        sys_inputs={"svg": svg.decode("utf-8"), "width": str(width_inches)},
        format="png",
        ppi=dpi,
    )
    assert isinstance(png, bytes)
    return png
