"""Rich tables for the terminal, in Indonesian."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kinerja.dataset.measure import IndicatorResult, MeasureResult
from kinerja.formats import format_percent, format_rupiah


def _achievement(ind: IndicatorResult) -> str:
    if ind.shown is not None and ind.is_capped:
        return f"{format_percent(ind.shown)} (tanpa batas {format_percent(ind.achievement.value)})"
    if ind.achievement.value is not None:
        return format_percent(ind.achievement.value)
    if ind.achievement.status.value == "unmeasured":
        return "belum diukur"
    return "tidak dapat dihitung"


def _reported(ind: IndicatorResult) -> str:
    if not ind.reported_differs:
        return ""
    return ind.reported_printed or ""


def _print_references(result: MeasureResult, console: Console) -> None:
    """Each indicator's realisation against its reference targets (Renstra end, standards)."""
    lines = [
        f"  {ind.code} {escape(ref.label)} ({escape(ref.target)}): "
        + (
            format_percent(ref.achievement.value)
            if ref.achievement.value is not None
            else escape(ref.achievement.reason or "tidak dapat dihitung")
        )
        for ind in result.indicators
        for ref in ind.references
    ]
    if lines:
        console.print("Realisasi terhadap target rujukan:")
        for line in lines:
            console.print(line)


def print_measure(result: MeasureResult, console: Console | None = None) -> None:
    """Print the achievement table of a measured year."""
    console = console or Console()
    table = Table(
        title=f"Capaian Kinerja {result.agency_name} Tahun {result.year}",
        show_lines=False,
        header_style="bold",
    )
    table.add_column("Kode", no_wrap=True)
    table.add_column("Sasaran / Indikator")
    table.add_column("Target")
    table.add_column("Realisasi")
    table.add_column("Capaian", justify="right", no_wrap=True)
    table.add_column("Kategori")
    table.add_column("Dilaporkan*", justify="right")
    for objective in result.objectives:
        table.add_row(
            objective.code,
            f"[bold]{escape(objective.name)}[/bold]",
            "",
            "",
            f"[bold]{format_percent(objective.achievement)}[/bold]",
            objective.rating.label if objective.rating else "",
            "",
            end_section=False,
        )
        for ind in objective.indicators:
            table.add_row(
                f"  {ind.code}",
                escape(ind.name),
                escape(ind.target or "-"),
                escape(ind.realization or "-"),
                _achievement(ind),
                ind.rating.label if ind.rating else "",
                _reported(ind),
            )
        table.add_section()
    console.print(table)
    rating = result.rating.label if result.rating else "-"
    console.print(
        f"Capaian kinerja instansi: [bold]{format_percent(result.achievement)}[/bold] ({rating})"
    )
    budget = result.budget
    if budget.ceiling is not None:
        spent = format_rupiah(budget.spent) if budget.spent is not None else "belum dicatat"
        absorption = format_percent(budget.absorption) if budget.absorption is not None else "-"
        console.print(
            f"Pagu anggaran: {format_rupiah(budget.ceiling)}; realisasi: {spent}; "
            f"penyerapan: {absorption}"
        )
    _print_references(result, console)
    unmeasured = [ind.code for ind in result.indicators if not ind.achievement.is_measured]
    if unmeasured:
        console.print(f"Belum diukur: {', '.join(unmeasured)} (tidak dihitung sebagai 0).")
    console.print(
        "* Dilaporkan: capaian yang tercetak di sumber, ditampilkan bila berbeda dari hasil hitung."
    )
