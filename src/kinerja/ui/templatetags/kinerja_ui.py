"""Template filters that print the Indonesian way (`kinerja.formats`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

from kinerja.formats import format_date, format_number, format_rupiah
from kinerja.plans.actions import printed_text

register = template.Library()


@register.filter
def tanggal(value: dt.date | dt.datetime | None) -> str:
    """`6 Januari 2025`; a moment also gets its local time, `6 Januari 2025 14.05`."""
    if value is None:
        return "-"
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value)
        return f"{format_date(local.date())} {local:%H.%M}"
    return format_date(value)


@register.filter
def rupiah(value: int | None) -> str:
    return format_rupiah(value)


@register.filter
def angka(value: int | None) -> str:
    return "-" if value is None else format_number(value)


@register.filter
def nilai(value: Any) -> str:
    """A stored target or realisation as printed."""
    return printed_text(value) or "-"


@register.filter
def ukuran(size: int | None) -> str:
    """A file size: `850 KB`, `2,4 MB`."""
    if size is None:
        return "-"
    if size < 1024 * 1024:
        return f"{format_number(max(1, round(size / 1024)))} KB"
    from decimal import Decimal

    return f"{format_number(Decimal(size) / (1024 * 1024), 1)} MB"


@register.filter
def get(mapping: dict, key: Any) -> Any:
    return mapping.get(key)


@register.filter
def triwulan(quarter: int) -> str:
    return {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}.get(quarter, str(quarter))


@register.filter
def angka2(value: Any) -> str:
    """A score with two decimals: `71,55`."""
    from decimal import Decimal

    return "-" if value is None else format_number(Decimal(str(value)), 2)
