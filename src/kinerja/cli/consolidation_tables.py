"""The consolidation printed as Rich tables (`kinerja consolidate`)."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console
from rich.table import Table

from kinerja.consolidation.summary import Consolidation
from kinerja.core.consolidation import Summary
from kinerja.formats import format_percent

LEVEL_NAMES = {"national": "Nasional", "province": "Provinsi", "regency_city": "Kabupaten/Kota"}


def _pct(value: Decimal | None) -> str:
    return format_percent(value) if value is not None else "-"


def _cells(summary: Summary, complete: Decimal | None) -> list[str]:
    return [
        _pct(summary.achievement),
        _pct(summary.minimum),
        _pct(summary.median),
        _pct(summary.maximum),
        f"{summary.below_target}/{summary.measured}",
        _pct(complete),
    ]


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


_HEAD = ("Capaian", "Min", "Median", "Maks", "Di bawah target", "Kelengkapan")


def print_consolidation(result: Consolidation, console: Console | None = None) -> None:
    console = console or Console()
    scope = (
        f" (hanya {LEVEL_NAMES.get(result.level_filter, result.level_filter)})"
        if result.level_filter
        else ""
    )
    console.print(
        f"[bold]Konsolidasi {result.name} tahun {result.year}[/bold]{scope}: "
        f"{result.offices} instansi"
    )
    overall = Table(*_HEAD, title="Keseluruhan")
    overall.add_row(*_cells(result.overall, result.completeness))
    console.print(overall)
    for title, items in (("Sasaran", result.objectives), ("Indikator", result.indicators)):
        table = Table("Kode", *_HEAD, "Nama", title=title)
        for item in items:
            table.add_row(item.code, *_cells(item.summary, item.completeness), _short(item.name))
        console.print(table)
    if result.children:
        table = Table("Kode", "Instansi", "Jumlah", *_HEAD, title="Instansi di bawahnya")
        for child in result.children:
            table.add_row(
                child.code,
                child.name,
                str(child.offices),
                *_cells(child.summary, child.completeness),
            )
        console.print(table)
    ranking = Table(
        "Peringkat", "Kode", "Instansi", "Capaian", "Kelengkapan", title="Peringkat (10 teratas)"
    )
    for row in result.ranking[:10]:
        ranking.add_row(
            str(row.rank or "-"), row.code, row.name, _pct(row.achievement), _pct(row.completeness)
        )
    console.print(ranking)
    trend = Table("Tahun", *_HEAD, title="Tren")
    for point in result.trend:
        trend.add_row(str(point.year), *_cells(point.summary, point.completeness))
    console.print(trend)
