"""Charts: drawn once with matplotlib, SVG for the PDF, the same drawing as PNG for the DOCX."""

from __future__ import annotations

from decimal import Decimal
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.core.scales import DEFAULT_RATING_SCALE
from kinerja.documents import chart_drawing
from kinerja.documents.charts import (
    band_colours,
    budget_chart,
    indicators_chart,
    objectives_chart,
    trend_chart,
)
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


def test_drawing_is_deterministic(example_ctx: ReportContext) -> None:
    first = objectives_chart(example_ctx.result).svg()
    assert objectives_chart(example_ctx.result).svg() == first


def _texts(svg: bytes) -> list[tuple[str, str, float]]:
    """(text, style, x) of every SVG text element."""
    root = ElementTree.fromstring(svg)
    found = []
    for element in root.iter("{http://www.w3.org/2000/svg}text"):
        transform = element.get("transform", "")
        x = element.get("x") or transform.removeprefix("translate(").split()[0].rstrip(",)")
        found.append((element.text or "", element.get("style", ""), float(x)))
    return found


def test_category_names_end_at_the_axis_and_values_start_after_the_bars(
    example_ctx: ReportContext,
) -> None:
    texts = _texts(indicators_chart(example_ctx.result).svg())
    names = [(style, x) for text, style, x in texts if text == "IK01"]
    values = [(style, x) for text, style, x in texts if text == "166,67%"]
    assert len(names) == 1 and "text-anchor: end" in names[0][0]
    assert len(values) == 1 and "text-anchor" not in values[0][0]
    assert names[0][1] < values[0][1]


def test_bars_are_as_long_as_the_achievement(example_ctx: ReportContext) -> None:
    chart = indicators_chart(example_ctx.result)
    plot = chart_drawing.indicators(chart)
    bars = [shape for shape in plot.shapes if shape[0] == "rect"]
    legend = len(chart.data["legend"])
    measured = [v for v in chart.data["values"] if v is not None and v > 0]
    assert len(bars) == len(measured) + legend
    lengths = [right - left for _, left, _, right, _, _ in bars[: len(measured)]]
    assert lengths[0] / lengths[1] == pytest.approx(measured[0] / measured[1])
    assert measured[0] == pytest.approx(166.6667, abs=1e-3) and measured[1] == 100


def test_trend_chart_marks_every_year() -> None:
    chart = trend_chart(
        [(2022, Decimal("92.5")), (2023, Decimal("98.1")), (2024, Decimal("105.24"))]
    )
    svg = chart.svg()
    words = [text for text, _, _ in _texts(svg)]
    for expected in ("2022", "2023", "2024", "92,50%", "98,10%", "105,24%", "100%"):
        assert expected in words
    plot = chart_drawing.trend(chart)
    assert sum(1 for shape in plot.shapes if shape[0] == "dot") == 3


def test_long_programme_names_wrap_onto_lines(example_ctx: ReportContext) -> None:
    svg = budget_chart(example_ctx.result.budget).svg()
    words = [text for text, _, _ in _texts(svg)]
    assert "Penyelenggaraan Pemilu dalam" in words
    assert "Proses Konsolidasi Demokrasi" in words
    assert "Rupiah (M = miliar)" in words


def test_text_width_grows_with_text_and_size() -> None:
    narrow = chart_drawing.text_width("Baik", 8.5)
    assert 0 < narrow < chart_drawing.text_width("Sangat Baik", 8.5)
    assert chart_drawing.text_width("Baik", 17) == pytest.approx(2 * narrow, rel=0.02)
    assert chart_drawing.text_width("a\nSangat Baik", 8.5) == chart_drawing.text_width(
        "Sangat Baik", 8.5
    )


@given(st.floats(min_value=0.01, max_value=1e13), st.integers(min_value=1, max_value=12))
def test_axis_steps_are_the_first_nice_step_that_fits(span: float, most: int) -> None:
    steps = (1, 2, 2.5, 5)
    step = chart_drawing.nice_step(span, most, steps)
    assert span / step <= most
    candidates = [s * 10**k for k in range(16) for s in steps]
    earlier = candidates[: candidates.index(step)]
    assert all(span / candidate > most for candidate in earlier)
