"""The charts of a report, as data: what to draw, drawn once and shared by both writers.

A `Chart` holds only plain data (labels, numbers already formatted the Indonesian way, colours),
so it can be handed to another process (`chart_processes.py`) and drawn there. Drawing happens
once, with matplotlib (`chart_drawing.py`), as SVG: the PDF embeds that SVG, and the DOCX gets the
same SVG rasterised to a high-resolution PNG by Typst (identical look, and much faster than a
second matplotlib rendering). SVG text stays text in the bundled Liberation Sans.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kinerja.documents.bundled_fonts import rasterise_svg
from kinerja.documents.wording import group_state_text, state_text
from kinerja.formats import format_billions, format_percent

if TYPE_CHECKING:  # a chart worker imports this module before anything else (chart_processes)
    from kinerja.core.scales import RatingScale
    from kinerja.dataset.measure import BudgetResult, MeasureResult

PNG_DPI = 200
# Red to green, for rating bands that carry no colour of their own.
FALLBACK_COLOURS = ("#B91C1C", "#C2410C", "#A16207", "#4D7C0F", "#15803D", "#166534")
UNRATED = "#6B7280"


class Chart:
    """A chart to draw: `kind` names the drawing, `data` is plain data (picklable).

    `size` is in inches; `margins` are (left, right, top, bottom) in inches. The SVG and the PNG
    are rendered on first use and kept.
    """

    def __init__(
        self,
        key: str,
        kind: str,
        data: dict[str, Any],
        size: tuple[float, float],
        margins: tuple[float, float, float, float] = (0.6, 0.2, 0.5, 0.45),
    ):
        self.key = key
        self.kind = kind
        self.data = data
        self.size = size
        self.margins = margins
        self._svg: bytes | None = None
        self._png: bytes | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_svg": None, "_png": None}

    def svg(self) -> bytes:
        if self._svg is None:
            from kinerja.documents.chart_drawing import draw_svg

            self._svg = draw_svg(self)
        return self._svg

    def png(self) -> bytes:
        if self._png is None:
            self._png = rasterise_svg(self.svg(), self.size[0], PNG_DPI)
        return self._png


def _percent(value: Decimal | None, missing: str) -> str:
    """The figure, or the state words the tables print for it (`wording`)."""
    return format_percent(value) if value is not None else missing


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def band_colours(scale: RatingScale) -> dict[str, str]:
    """Each band's colour: its own, else a red-to-green colour by its place on the scale."""
    ordered = sorted(scale.bands, key=lambda b: (b.lower is not None, b.lower or 0))
    spread = [
        FALLBACK_COLOURS[round(i * (len(FALLBACK_COLOURS) - 1) / max(1, len(ordered) - 1))]
        for i in range(len(ordered))
    ]
    return {b.label: b.color or colour for b, colour in zip(ordered, spread, strict=True)}


def objectives_chart(result: MeasureResult) -> Chart:
    """Target (100%) against realisation (achievement) per objective."""
    objectives = result.objectives
    data = {
        "labels": [o.code for o in objectives],
        "values": [_number(o.achievement) for o in objectives],
        "texts": [
            _percent(o.achievement, group_state_text(i.achievement.status for i in o.indicators))
            for o in objectives
        ],
    }
    return Chart("sasaran", "objectives", data, (6.3, 1.1 + 0.27 * len(objectives)))


def indicators_chart(result: MeasureResult) -> Chart:
    """Achievement per indicator, coloured by the rating scale's categories."""
    indicators = result.indicators
    colours = band_colours(result.scale)
    ordered = sorted(result.scale.bands, key=lambda b: (b.lower is not None, b.lower or 0))
    legend = [(b.label, colours[b.label]) for b in ordered]
    if any(i.achievement.value is not None and i.rating is None for i in indicators):
        legend.append(("Di luar skala", UNRATED))
    data = {
        "labels": [i.code for i in indicators],
        # The figure shown in the tables (capped where the cap applies to the indicator).
        "values": [_number(i.shown) for i in indicators],
        "texts": [_percent(i.shown, state_text(i.achievement.status)) for i in indicators],
        "colours": [
            colours.get(i.rating.label, UNRATED) if i.rating else UNRATED for i in indicators
        ],
        "legend": legend,
    }
    return Chart("indikator", "indicators", data, (6.3, 1.2 + 0.21 * len(indicators)))


def budget_chart(budget: BudgetResult) -> Chart:
    """Budget ceiling against spending per program (Rupiah, in billions: `M`)."""
    programs = budget.programs
    data = {
        "labels": [textwrap.fill(p.name, 28) for p in programs],
        "ceilings": [float(p.ceiling) for p in programs],
        "spent": [float(p.spent) if p.spent is not None else None for p in programs],
        "ceiling_texts": [format_billions(p.ceiling) for p in programs],
        "spent_texts": [
            f"{format_billions(p.spent)} ({format_percent(p.absorption)})"
            if p.spent is not None
            else "belum dicatat"
            for p in programs
        ],
    }
    return Chart(
        "anggaran", "budget", data, (6.3, 1.4 + 0.75 * len(programs)), (2.0, 0.2, 0.5, 0.6)
    )


def trend_chart(points: Sequence[tuple[int, Decimal]]) -> Chart:
    """The office's achievement over the years."""
    data = {
        "years": [year for year, _ in points],
        "values": [float(value) for _, value in points],
        "texts": [format_percent(value) for _, value in points],
    }
    return Chart("tren", "trend", data, (6.3, 2.8), (0.6, 0.2, 0.2, 0.4))


def organisation_chart(key: str, rows: Sequence[dict[str, Any]]) -> Chart:
    """An organisation chart: rows of boxes, top to bottom.

    Each row is `{"boxes": [...], "centre_gap": bool}`; a box is `{"title", "name", "parent",
    "dashed"}`, `parent` being `[row, index]` of the box it reports to (or None) and `dashed`
    marking a line of coordination. The drawing works out the height from the wrapped texts.
    """
    return Chart(key, "organisation", {"rows": list(rows)}, (6.3, 3.0), (0.0, 0.0, 0.0, 0.0))
