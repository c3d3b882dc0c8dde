"""Drawing the charts with matplotlib: the only module that imports it.

Figures are drawn without pyplot and without a layout engine (which would draw each figure
twice): margins are fixed per chart. Axis numbers are Indonesian (`25%`, `12,7 M`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from kinerja.documents.charts import Chart, billions
from kinerja.formats import format_number

INK = "#1F2937"
TARGET_GREY = "#C7CCD4"
PRIMARY = "#1D4ED8"
SECONDARY = "#F59E0B"
GRID = "#E5E7EB"
STYLE: dict[str, Any] = {
    "font.family": "Liberation Sans",
    "font.size": 8.5,
    "axes.edgecolor": "#9CA3AF",
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "text.color": INK,
    "svg.fonttype": "none",
    "svg.hashsalt": "kinerja",
}
_fonts_ready = False


def setup_fonts() -> None:
    """Make the bundled Liberation Sans known to matplotlib (once per process)."""
    global _fonts_ready
    if _fonts_ready:
        return
    from kinerja.documents.typst_writer import FONT_DIR

    for path in sorted(FONT_DIR.glob("*.ttf")):
        font_manager.fontManager.addfont(str(path))
    _fonts_ready = True


def _percent_formatter() -> FuncFormatter:
    return FuncFormatter(lambda value, _: format_number(Decimal(str(round(value))), 0) + "%")


def _percent_axis(axes: Axes, limit: float) -> None:
    axes.set_xlim(0, limit)
    step = next(s for s in (25, 50, 100, 250, 500, 1000, 10**9) if limit / s <= 9)
    ticks = [float(t) for t in range(0, int(limit) + 1, step)]
    axes.set_xticks(ticks, [format_number(int(t)) + "%" for t in ticks])
    low, high = axes.get_ylim()
    axes.vlines(ticks[1:], low, high, colors=GRID, linewidth=0.6, zorder=0)
    axes.set_ylim(low, high)
    axes.spines[["top", "right"]].set_visible(False)


def _category_labels(axes: Axes, positions: Sequence[float], labels: Sequence[str]) -> None:
    """Category names left of the axis as plain text: a tick per category costs far more."""
    axes.set_yticks([])
    transform = axes.get_yaxis_transform()
    for y, label in zip(positions, labels, strict=True):
        axes.text(-0.012, y, label, transform=transform, ha="right", va="center")


def _limit(values: list[float | None]) -> float:
    top = max((v for v in values if v is not None), default=100.0)
    return max(120.0, top * 1.15)


def _label_bars(
    axes: Axes,
    positions: Sequence[float],
    values: Sequence[float | None],
    texts: Sequence[str],
    limit: float,
) -> None:
    for y, value, text in zip(positions, values, texts, strict=True):
        axes.text((value or 0.0) + limit * 0.01, y, text, va="center", fontsize=7)


def _legend_above(axes: Axes, **options: Any) -> None:
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False, **options)


def objectives(figure: Figure, data: dict[str, Any]) -> None:
    axes = figure.subplots()
    count = len(data["labels"])
    positions = list(range(count))[::-1]
    height = 0.38
    values = data["values"]
    axes.barh(
        [p + height / 2 for p in positions],
        [100] * count,
        height,
        color=TARGET_GREY,
        label="Target",
    )
    lower = [p - height / 2 for p in positions]
    axes.barh(lower, [v or 0 for v in values], height, color=PRIMARY, label="Realisasi (capaian)")
    limit = _limit(values)
    _label_bars(axes, lower, values, data["texts"], limit)
    _category_labels(axes, positions, data["labels"])
    _percent_axis(axes, limit)
    _legend_above(axes, ncols=2)


def indicators(figure: Figure, data: dict[str, Any]) -> None:
    axes = figure.subplots()
    values = data["values"]
    positions = list(range(len(values)))[::-1]
    axes.barh(positions, [v or 0 for v in values], 0.7, color=data["colours"])
    limit = _limit(values)
    _label_bars(axes, positions, values, data["texts"], limit)
    axes.axvline(100, color=INK, linewidth=0.8, linestyle="--")
    _category_labels(axes, positions, data["labels"])
    _percent_axis(axes, limit)
    handles = [Patch(color=colour, label=label) for label, colour in data["legend"]]
    _legend_above(axes, handles=handles, ncols=min(5, len(handles)))


def budget(figure: Figure, data: dict[str, Any]) -> None:
    axes = figure.subplots()
    ceilings, spent = data["ceilings"], data["spent"]
    positions = list(range(len(ceilings)))[::-1]
    height = 0.36
    upper = [p + height / 2 for p in positions]
    lower = [p - height / 2 for p in positions]
    axes.barh(upper, ceilings, height, color=TARGET_GREY, label="Pagu")
    axes.barh(lower, [s or 0 for s in spent], height, color=SECONDARY, label="Realisasi")
    top = max(ceilings, default=1.0)
    for y, x, text in zip(upper, ceilings, data["ceiling_texts"], strict=True):
        axes.text(x + top * 0.01, y, text, va="center", fontsize=7)
    for y, x, text in zip(lower, spent, data["spent_texts"], strict=True):
        axes.text((x or 0) + top * 0.01, y, text, va="center", fontsize=7)
    axes.set_xlim(0, top * 1.3)
    axes.set_yticks(positions, data["labels"])
    axes.tick_params(axis="y", length=0)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: billions(value)))
    axes.set_xlabel("Rupiah (M = miliar)")
    axes.spines[["top", "right"]].set_visible(False)
    _legend_above(axes, ncols=2)


def trend(figure: Figure, data: dict[str, Any]) -> None:
    axes = figure.subplots()
    years, values = data["years"], data["values"]
    axes.plot(years, values, marker="o", color=PRIMARY, linewidth=1.8)
    for year, value, text in zip(years, values, data["texts"], strict=True):
        axes.annotate(
            text,
            (year, value),
            textcoords="offset points",
            xytext=(0, 7),
            ha="center",
            fontsize=7.5,
        )
    axes.axhline(100, color=INK, linewidth=0.8, linestyle="--")
    axes.set_xticks(years, [str(y) for y in years])
    axes.set_ylim(0, max(120.0, max(values) * 1.15))
    axes.yaxis.set_major_formatter(_percent_formatter())
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color=GRID, linewidth=0.6)
    axes.set_xlim(years[0] - 0.5, years[-1] + 0.5)


DRAWINGS = {
    "objectives": objectives,
    "indicators": indicators,
    "budget": budget,
    "trend": trend,
}


def draw_svg(chart: Chart) -> bytes:
    """The chart drawn as SVG bytes (deterministic: fixed ids, no date)."""
    setup_fonts()
    width, height = chart.size
    left, right, top, bottom = chart.margins
    with matplotlib.rc_context(STYLE):  # type: ignore[arg-type]
        figure = Figure(figsize=chart.size)
        figure.subplots_adjust(
            left=left / width, right=1 - right / width, top=1 - top / height, bottom=bottom / height
        )
        DRAWINGS[chart.kind](figure, chart.data)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
