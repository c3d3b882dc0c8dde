"""Charts: drawn once with matplotlib, SVG for the PDF, the same drawing as PNG for the DOCX."""

from __future__ import annotations

from kinerja.core.scales import DEFAULT_RATING_SCALE
from kinerja.documents.charts import band_colours, indicators_chart, objectives_chart
from kinerja.documents.context import ReportContext


def test_chart_is_rendered_once_per_format(example_ctx: ReportContext) -> None:
    chart = objectives_chart(example_ctx.result)
    svg = chart.svg()
    assert svg.startswith(b"<?xml") and b"<svg" in svg
    assert chart.svg() is svg
    png = chart.png()
    assert png.startswith(b"\x89PNG")
    assert chart.png() is png


def test_svg_keeps_text_in_the_bundled_font(example_ctx: ReportContext) -> None:
    svg = indicators_chart(example_ctx.result).svg().decode()
    assert "Liberation Sans" in svg
    assert "166,67%" in svg and "belum diukur" in svg


def test_rating_bands_keep_their_colours_or_get_red_to_green(example_ctx: ReportContext) -> None:
    assert band_colours(DEFAULT_RATING_SCALE)["Sangat Baik"] == "#15803D"
    colours = band_colours(example_ctx.result.scale)
    assert colours["Gagal"] == "#B91C1C"
    assert colours["Sangat Baik"] == "#166534"


def test_indicator_chart_uses_the_scale_colours(example_ctx: ReportContext) -> None:
    svg = indicators_chart(example_ctx.result).svg().decode().lower()
    colours = band_colours(example_ctx.result.scale)
    assert colours["Sangat Baik"].lower() in svg
    assert colours["Baik"].lower() in svg
