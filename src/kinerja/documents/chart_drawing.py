"""Drawing the charts with matplotlib: the only module that imports it.

The charts are simple (bars, a line, value labels, a legend), so their geometry is worked out
here, in inches on a `Plot`, and drawn straight onto matplotlib's SVG renderer. Going through
matplotlib's Figure and Axes (tick objects, autoscaling, legend boxes, text layout per artist)
would cost ten times as long for the same picture, and importing `matplotlib.figure` (axes,
projections, widgets) alone takes longer than the rest of a report; a report is rendered while
its author waits. Text stays text in the bundled Liberation Sans. Axis numbers are Indonesian
(`25%`, `12,7 M`).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Protocol

import matplotlib
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.colors import to_rgba
from matplotlib.font_manager import FontProperties
from matplotlib.ft2font import FT2Font, LoadFlags
from matplotlib.path import Path as Shape
from matplotlib.transforms import Affine2D, IdentityTransform

from kinerja.documents.bundled_fonts import FONT_DIR
from kinerja.formats import format_billions, format_number

INK = "#1F2937"
AXIS = "#9CA3AF"
TARGET_GREY = "#C7CCD4"
PRIMARY = "#1D4ED8"
SECONDARY = "#F59E0B"
GRID = "#E5E7EB"
FONT = "Liberation Sans"
BODY_SIZE = 8.5
LABEL_SIZE = 7.0
CAP_HEIGHT = 0.69  # Liberation Sans, in em: centres a line of text on a point
LINE_HEIGHT = 1.2  # em, between the lines of a wrapped label
POINT = 1 / 72  # inches
MEASURE_SIZE = 100.0  # points
SVG_STYLE: dict[str, Any] = {"svg.fonttype": "none", "svg.hashsalt": "kinerja"}


class ChartData(Protocol):
    """What a drawing reads of a chart (`charts.Chart`, which draws itself with this module)."""

    kind: str
    data: dict[str, Any]
    size: tuple[float, float]
    margins: tuple[float, float, float, float]


@functools.cache
def _font() -> FT2Font:
    return FT2Font(str(FONT_DIR / "LiberationSans-Regular.ttf"))


@functools.cache
def text_width(text: str, size: float) -> float:
    """The width in inches of the widest line of `text` in the chart font at `size` points."""
    font = _font()
    font.set_size(MEASURE_SIZE, 72)  # unhinted, at a large size: widths scale linearly
    widest = 0.0
    for line in text.split("\n"):
        font.set_text(line, 0.0, flags=LoadFlags.NO_HINTING)
        widest = max(widest, font.get_width_height()[0] / 64)
    return widest * size / MEASURE_SIZE * POINT


def warm_up() -> None:
    """Load the font used for measuring text, so a worker is ready before it is asked."""
    text_width("0", BODY_SIZE)


@functools.cache
def _properties(size: float, weight: str = "normal") -> FontProperties:
    return FontProperties(family=FONT, size=size, weight=weight)


def nice_step(span: float, most: int, steps: Sequence[float]) -> float:
    """The first of `steps` (times a power of ten) that cuts `span` into at most `most` parts."""
    scale = 1.0
    while True:
        for step in steps:
            if span / (step * scale) <= most:
                return step * scale
        scale *= 10


class _Anchor:
    """What matplotlib's SVG renderer asks of a text to write it with an SVG text-anchor."""

    def __init__(self, x: float, y: float, anchor: str):
        self.position = (x, y)
        self.anchor = {"start": "left", "end": "right", "middle": "center"}[anchor]

    def get_transform(self) -> IdentityTransform:
        return IdentityTransform()

    def get_unitless_position(self) -> tuple[float, float]:
        return self.position

    def get_rotation_mode(self) -> str:
        return "anchor"

    def get_ha(self) -> str:
        return self.anchor


class Plot:
    """A chart's drawing: a plot area in data coordinates inside a canvas measured in inches.

    `chart.margins` (inches) place the plot area inside `chart.size`; `x` and `y` are the data
    ranges shown. Shapes are collected in drawing order, grid lines first.
    """

    def __init__(self, chart: ChartData, x: tuple[float, float], y: tuple[float, float]):
        self.width, self.height = chart.size
        left, right, top, bottom = chart.margins
        self.box = (left, bottom, self.width - right, self.height - top)  # inches
        self.x, self.y = x, y
        self.under: list[tuple[Any, ...]] = []  # grid lines, below the bars
        self.shapes: list[tuple[Any, ...]] = []

    # Data coordinates to inches.
    def ix(self, x: float) -> float:
        x0, _, x1, _ = self.box
        return x0 + (x - self.x[0]) / (self.x[1] - self.x[0]) * (x1 - x0)

    def iy(self, y: float) -> float:
        _, y0, _, y1 = self.box
        return y0 + (y - self.y[0]) / (self.y[1] - self.y[0]) * (y1 - y0)

    def rect(self, left: float, bottom: float, right: float, top: float, fill: str) -> None:
        """A filled rectangle, in inches."""
        self.shapes.append(("rect", left, bottom, right, top, fill))

    def bar(self, y: float, value: float, thickness: float, fill: str) -> None:
        """A horizontal bar from x = 0 to `value`, centred on row `y`, `thickness` in rows."""
        if value > 0:
            top, bottom = self.iy(y + thickness / 2), self.iy(y - thickness / 2)
            self.rect(self.ix(0), bottom, self.ix(value), top, fill)

    def line(
        self,
        points: Sequence[tuple[float, float]],
        colour: str,
        width: float = 0.8,
        dashed: bool = False,
        *,
        under: bool = False,
    ) -> None:
        """A straight line through `points` (inches); `under` puts it beneath the bars."""
        (self.under if under else self.shapes).append(("line", list(points), colour, width, dashed))

    def dot(self, x: float, y: float, radius: float, colour: str) -> None:
        """A filled circle (inches)."""
        self.shapes.append(("dot", x, y, radius, colour))

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: float = BODY_SIZE,
        ha: str = "left",
        va: str = "baseline",
        bold: bool = False,
    ) -> None:
        """Text anchored at (`x`, `y`) inches: `ha` left/center/right, `va` baseline/center/top.
        A text of several lines is centred as a block for `va` center."""
        lines = text.split("\n")
        step = LINE_HEIGHT * size * POINT
        cap = CAP_HEIGHT * size * POINT
        if va == "center":
            first = y + (len(lines) - 1) * step / 2 - cap / 2
        elif va == "top":
            first = y - cap
        else:
            first = y
        anchor = {"left": "start", "center": "middle", "right": "end"}[ha]
        for number, line in enumerate(lines):
            self.shapes.append(("text", x, first - number * step, line, size, anchor, bold))

    # Frames and axes.
    def spines(self) -> None:
        """The left and bottom axis lines."""
        x0, y0, x1, y1 = self.box
        self.line([(x0, y1), (x0, y0), (x1, y0)], AXIS)

    def x_ticks(self, ticks: Sequence[float], labels: Sequence[str], grid: bool = True) -> None:
        """Ticks and labels under the plot, and light vertical grid lines."""
        _, y0, _, y1 = self.box
        for tick, label in zip(ticks, labels, strict=True):
            x = self.ix(tick)
            if grid and tick != self.x[0]:
                self.line([(x, y0), (x, y1)], GRID, 0.6, under=True)
            self.line([(x, y0), (x, y0 - 3.5 * POINT)], AXIS)
            self.text(x, y0 - 5 * POINT, label, ha="center", va="top")

    def y_ticks(self, ticks: Sequence[float], labels: Sequence[str], grid: bool = True) -> None:
        """Ticks and labels left of the plot, and light horizontal grid lines."""
        x0, _, x1, _ = self.box
        for tick, label in zip(ticks, labels, strict=True):
            y = self.iy(tick)
            if grid and tick != self.y[0]:
                self.line([(x0, y), (x1, y)], GRID, 0.6, under=True)
            self.line([(x0, y), (x0 - 3.5 * POINT, y)], AXIS)
            self.text(x0 - 5 * POINT, y, label, ha="right", va="center")

    def categories(self, positions: Sequence[float], labels: Sequence[str]) -> None:
        """Category names left of the plot, right-aligned, one per row."""
        x0 = self.box[0]
        for y, label in zip(positions, labels, strict=True):
            self.text(x0 - 4 * POINT, self.iy(y), label, ha="right", va="center")

    def legend(self, entries: Sequence[tuple[str, str]]) -> None:
        """Colour swatches with their labels, in one centred row above the plot."""
        swatch, gap, spacing = 0.22, 0.08, 0.25
        widths = [swatch + gap + text_width(label, BODY_SIZE) for label, _ in entries]
        total = sum(widths) + spacing * (len(entries) - 1)
        x0, _, x1, y1 = self.box
        x = (x0 + x1 - total) / 2
        y = y1 + 0.2
        for (label, colour), width in zip(entries, widths, strict=True):
            self.rect(x, y - 0.045, x + swatch, y + 0.045, colour)
            self.text(x + swatch + gap, y, label, va="center")
            x += width + spacing

    def svg(self) -> bytes:
        """The drawing as SVG bytes, written by matplotlib's SVG renderer (deterministic: fixed
        ids, no date)."""
        buffer = io.StringIO()
        with matplotlib.rc_context(SVG_STYLE):
            renderer = RendererSVG(
                self.width * 72, self.height * 72, buffer, metadata={"Date": None}
            )
            inches = Affine2D().scale(72)
            for shape in self.under + self.shapes:
                _draw(renderer, inches, shape)
            renderer.finalize()
        return buffer.getvalue().encode("utf-8")


def _draw(renderer: RendererSVG, inches: Affine2D, shape: tuple[Any, ...]) -> None:
    gc = renderer.new_gc()
    kind = shape[0]
    if kind == "rect":
        _, left, bottom, right, top, fill = shape
        gc.set_linewidth(0)
        outline = Shape(
            [(left, bottom), (right, bottom), (right, top), (left, top), (left, bottom)],
            closed=True,
        )
        renderer.draw_path(gc, outline, inches, to_rgba(fill))
    elif kind == "line":
        _, points, colour, width, dashed = shape
        gc.set_foreground(colour)
        gc.set_linewidth(width)
        if dashed:
            gc.set_dashes(0, [3.7 * width, 1.6 * width])
        renderer.draw_path(gc, Shape(points), inches)
    elif kind == "dot":
        _, x, y, radius, colour = shape
        gc.set_linewidth(0)
        renderer.draw_path(gc, Shape.circle((x, y), radius), inches, to_rgba(colour))
    else:
        _, x, y, line, size, anchor, bold = shape
        gc.set_foreground(INK)
        px, py = x * 72, y * 72
        mark = _Anchor(px, py, anchor) if anchor != "start" else None
        font = _properties(size, "bold" if bold else "normal")
        renderer.draw_text(gc, px, renderer.height - py, line, font, 0, mtext=mark)
    gc.restore()


def _percent_limit(values: Sequence[float | None]) -> float:
    top = max((v for v in values if v is not None), default=100.0)
    return max(120.0, top * 1.15)


def _percent_ticks(limit: float) -> list[float]:
    step = nice_step(limit, 9, (25, 50, 100))
    return [step * i for i in range(int(limit // step) + 1)]


def _percent_label(value: float) -> str:
    return format_number(Decimal(str(round(value))), 0) + "%"


def _rows(count: int) -> tuple[list[float], tuple[float, float]]:
    """Row positions top to bottom, and the y range that leaves half a row above and below."""
    positions = [float(p) for p in range(count)][::-1]
    return positions, (-0.8, count - 0.2)


def _value_labels(
    plot: Plot, positions: Sequence[float], values: Sequence[float | None], texts: Sequence[str]
) -> None:
    room = (plot.x[1] - plot.x[0]) * 0.01
    for y, value, text in zip(positions, values, texts, strict=True):
        plot.text(plot.ix((value or 0.0) + room), plot.iy(y), text, va="center", size=LABEL_SIZE)


def _percent_frame(plot: Plot) -> None:
    ticks = _percent_ticks(plot.x[1])
    plot.x_ticks(ticks, [_percent_label(t) for t in ticks])
    plot.spines()


def objectives(chart: ChartData) -> Plot:
    data = chart.data
    values = data["values"]
    positions, rows = _rows(len(values))
    plot = Plot(chart, (0.0, _percent_limit(values)), rows)
    _percent_frame(plot)
    height = 0.38
    lower = [p - height / 2 for p in positions]
    for upper, below, value in zip(positions, lower, values, strict=True):
        plot.bar(upper + height / 2, 100.0, height, TARGET_GREY)
        plot.bar(below, value or 0.0, height, PRIMARY)
    _value_labels(plot, lower, values, data["texts"])
    plot.categories(positions, data["labels"])
    plot.legend([("Target", TARGET_GREY), ("Realisasi (capaian)", PRIMARY)])
    return plot


def indicators(chart: ChartData) -> Plot:
    data = chart.data
    values = data["values"]
    positions, rows = _rows(len(values))
    plot = Plot(chart, (0.0, _percent_limit(values)), rows)
    _percent_frame(plot)
    for y, value, colour in zip(positions, values, data["colours"], strict=True):
        plot.bar(y, value or 0.0, 0.7, colour)
    _value_labels(plot, positions, values, data["texts"])
    hundred = plot.ix(100.0)
    plot.line([(hundred, plot.box[1]), (hundred, plot.box[3])], INK, 0.8, dashed=True)
    plot.categories(positions, data["labels"])
    plot.legend([(label, colour) for label, colour in data["legend"]])
    return plot


def budget(chart: ChartData) -> Plot:
    data = chart.data
    ceilings, spent = data["ceilings"], data["spent"]
    top = max(ceilings, default=1.0) or 1.0
    positions, rows = _rows(len(ceilings))
    plot = Plot(chart, (0.0, top * 1.3), rows)
    step = nice_step(top * 1.3, 9, (1, 2, 2.5, 5))
    ticks = [step * i for i in range(int(top * 1.3 // step) + 1)]
    plot.x_ticks(ticks, [format_billions(t) for t in ticks], grid=False)
    plot.spines()
    height = 0.36
    upper = [p + height / 2 for p in positions]
    lower = [p - height / 2 for p in positions]
    for high, low, ceiling, used in zip(upper, lower, ceilings, spent, strict=True):
        plot.bar(high, ceiling, height, TARGET_GREY)
        plot.bar(low, used or 0.0, height, SECONDARY)
    _value_labels(plot, upper, ceilings, data["ceiling_texts"])
    _value_labels(plot, lower, spent, data["spent_texts"])
    plot.categories(positions, data["labels"])
    x0, y0, x1, _ = plot.box
    plot.text((x0 + x1) / 2, y0 - 0.3, "Rupiah (M = miliar)", ha="center", va="top")
    plot.legend([("Pagu", TARGET_GREY), ("Realisasi", SECONDARY)])
    return plot


def trend(chart: ChartData) -> Plot:
    data = chart.data
    years, values = data["years"], data["values"]
    limit = max(120.0, max(values) * 1.15)
    plot = Plot(chart, (years[0] - 0.5, years[-1] + 0.5), (0.0, limit))
    ticks = _percent_ticks(limit)
    plot.y_ticks(ticks, [_percent_label(t) for t in ticks])
    plot.x_ticks(years, [str(y) for y in years], grid=False)
    plot.spines()
    x0, _, x1, _ = plot.box
    plot.line([(x0, plot.iy(100.0)), (x1, plot.iy(100.0))], INK, 0.8, dashed=True)
    points = [(plot.ix(year), plot.iy(value)) for year, value in zip(years, values, strict=True)]
    plot.line(points, PRIMARY, 1.8)
    for x, y in points:
        plot.dot(x, y, 2.5 * POINT, PRIMARY)
    for year, value, text in zip(years, values, data["texts"], strict=True):
        plot.text(plot.ix(year), plot.iy(value) + 7 * POINT, text, ha="center", size=7.5)
    return plot


class _Canvas:
    """A chart whose height is worked out by its drawing (the organisation chart)."""

    def __init__(self, chart: ChartData, height: float):
        self.kind, self.data = chart.kind, chart.data
        self.size = (chart.size[0], height)
        self.margins = (0.0, 0.0, 0.0, 0.0)


ORG_SIZE = 7.0
ORG_FILL = "#EFF6FF"
ORG_EDGE = "#1E3A8A"
ORG_PAD = 0.07  # inches inside a box
ORG_GAP_X = 0.12  # between boxes of a row
ORG_GAP_Y = 0.3  # between rows
ORG_MARGIN = 0.05
ORG_WIDEST = 1.9  # the widest a box gets


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """`text` broken between words into lines no wider than `width` inches (a longer word keeps
    its own line). Bold text is measured a tenth wider."""
    lines: list[str] = []
    room = width / 1.1 if bold else width
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _org_rows(chart: ChartData) -> tuple[list[list[dict[str, Any]]], list[float]]:
    """Each box's place (centre x, width, lines) row by row, and each row's height (inches)."""
    width = chart.size[0]
    step = LINE_HEIGHT * ORG_SIZE * POINT
    placed: list[list[dict[str, Any]]] = []
    heights: list[float] = []
    for row in chart.data["rows"]:
        boxes, gap = row["boxes"], row.get("centre_gap", False)
        slots = len(boxes) + (1 if gap else 0)
        box = min(ORG_WIDEST, (width - 2 * ORG_MARGIN - ORG_GAP_X * (slots - 1)) / slots)
        start = (width - (slots * box + (slots - 1) * ORG_GAP_X)) / 2 + box / 2
        centres = [start + i * (box + ORG_GAP_X) for i in range(slots)]
        if gap:
            middle = (len(boxes) + 1) // 2
            centres = centres[:middle] + centres[middle + 1 :]
        laid = []
        for centre, item in zip(centres, boxes, strict=True):
            lines = [(line, False) for line in wrap(item["title"], box - 2 * ORG_PAD, ORG_SIZE)]
            if item.get("name"):
                name = wrap(item["name"], box - 2 * ORG_PAD, ORG_SIZE, bold=True)
                lines += [(line, True) for line in name]
            laid.append({**item, "x": centre, "width": box, "lines": lines})
        placed.append(laid)
        heights.append(max(len(b["lines"]) for b in laid) * step + 2 * ORG_PAD)
    return placed, heights


def organisation(chart: ChartData) -> Plot:
    """Boxes in rows, top to bottom, each joined to its parent box by an elbow line (dashed
    for a line of coordination rather than command). A row with `centre_gap` leaves its middle
    free, so that a line from above to a box below runs straight through."""
    rows, heights = _org_rows(chart)
    step = LINE_HEIGHT * ORG_SIZE * POINT
    total = sum(heights) + ORG_GAP_Y * (len(rows) - 1) + 2 * ORG_MARGIN
    plot = Plot(_Canvas(chart, total), (0.0, 1.0), (0.0, 1.0))
    top = total - ORG_MARGIN
    tops: list[float] = []
    for row, height in zip(rows, heights, strict=True):
        tops.append(top)
        for item in row:
            left, right = item["x"] - item["width"] / 2, item["x"] + item["width"] / 2
            plot.rect(left, top - height, right, top, ORG_FILL)
            outline = [(left, top), (right, top), (right, top - height), (left, top - height)]
            plot.line([*outline, (left, top)], ORG_EDGE, 0.7)
            lines = item["lines"]
            first = (
                top - height / 2 + (len(lines) - 1) * step / 2 - CAP_HEIGHT * ORG_SIZE * POINT / 2
            )
            for number, (line, bold) in enumerate(lines):
                plot.text(item["x"], first - number * step, line, size=ORG_SIZE, ha="center",
                          bold=bold)  # fmt: skip
        top -= height + ORG_GAP_Y
    for r, row in enumerate(rows):
        for item in row:
            if item.get("parent") is None:
                continue
            pr, pi = item["parent"]
            parent = rows[pr][pi]
            bottom = tops[pr] - heights[pr]
            child_top = tops[r]
            middle = child_top + ORG_GAP_Y / 2
            points = [(parent["x"], bottom)]
            if abs(parent["x"] - item["x"]) > 1e-6:
                points += [(parent["x"], middle), (item["x"], middle)]
            points.append((item["x"], child_top))
            plot.line(points, INK, 0.8, dashed=item.get("dashed", False), under=True)
    return plot


DRAWINGS = {
    "organisation": organisation,
    "objectives": objectives,
    "indicators": indicators,
    "budget": budget,
    "trend": trend,
}


def draw_svg(chart: ChartData) -> bytes:
    """The chart drawn as SVG bytes (deterministic: fixed ids, no date)."""
    return DRAWINGS[chart.kind](chart).svg()
