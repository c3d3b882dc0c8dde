"""Template filters of the consolidation pages: percentages and bar widths the Indonesian way."""

from __future__ import annotations

from decimal import Decimal

from django import template

from kinerja.formats import format_percent

register = template.Library()
BAR_MAX = Decimal(150)  # the dashboard's axis: 0-150%


@register.filter
def persen(value: Decimal | None) -> str:
    """`95,50%`, or `-` when unmeasured."""
    return format_percent(value)


@register.filter
def lebar(value: Decimal | None) -> str:
    """The width of a bar on the 0-150% axis, in percent of the track."""
    if value is None:
        return "0"
    return f"{max(Decimal(0), min(value, BAR_MAX)) / BAR_MAX * 100:.1f}"
