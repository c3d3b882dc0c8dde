"""BAB II D. Pohon Kinerja: how the office's indicators cascade, up and down.

Printed only when the plan links its indicators to the parent office's (`serves`): the table
lists each objective's indicators, the parent office's indicator each serves (its code and, where
the caller knows the parent's plan, its name: `ReportContext.parent_indicators`; the parent's
plan is another dataset) and the work units below that carry it, the unit that owns the
indicator and every unit whose PK of the year agrees it, with the unit PK's wording and
target. Both writers print the same table; nothing in it is a placeholder, so a final LKj
prints it as a draft does.
"""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.dataset import schema
from kinerja.documents.context import ReportContext
from kinerja.documents.tables import header
from kinerja.documents.tree import Block, Cell, Column, Numbering, Paragraph, Table
from kinerja.formats import number_words

KEY = "pohon_kinerja"


@dataclass(frozen=True)
class UnitLine:
    """A work unit carrying an office indicator: its name and the indicator as its PK words it."""

    unit: str
    indicator: str
    target: str | None


def cascaded(ctx: ReportContext) -> bool:
    """Whether the plan links any indicator of the year to a parent office's indicator."""
    return any(
        ind.serves is not None and ind.active_in(ctx.year)
        for obj in ctx.plan.objectives
        for ind in obj.indicators
    )


def parent_name(ctx: ReportContext) -> str | None:
    """The direct parent office, as the dataset names it."""
    return ctx.agency.parents[-1].name if ctx.agency.parents else None


def unit_lines(ctx: ReportContext, indicator: schema.Indicator) -> list[UnitLine]:
    """The units carrying `indicator`: its owner first, then each unit PK listing it."""
    lines: dict[str, UnitLine] = {}
    if indicator.work_unit is not None:
        lines[indicator.work_unit] = UnitLine(
            ctx.unit_name(indicator.work_unit), indicator.name, None
        )
    for agreement in ctx.entry.agreements:
        if agreement.work_unit is None:
            continue
        for row in agreement.rows:
            if row.indicator != indicator.code:
                continue
            lines[agreement.work_unit] = UnitLine(
                ctx.unit_name(agreement.work_unit),
                row.printed_indicator or indicator.name,
                str(schema.printed(row.target)) if row.target is not None else None,
            )
    return list(lines.values())


def served_text(ctx: ReportContext, code: str) -> str:
    """The parent office's indicator as the table prints it: `P-IK01 Persentase ...`, or the
    code alone where the parent's plan is not known."""
    name = ctx.parent_indicators.get(code)
    return f"{code} {name}" if name else code


def cascade_intro(ctx: ReportContext) -> list[str]:
    parent = parent_name(ctx)
    indicators = [i for o in ctx.plan.objectives for i in o.indicators if i.active_in(ctx.year)]
    serving = sum(1 for i in indicators if i.serves is not None)
    # "every indicator" only when the table shows every one serving the parent's
    which = (
        "setiap indikator"
        if serving == len(indicators)
        else f"{number_words(serving)} dari {number_words(len(indicators))} indikator"
    )
    up = f"indikator kinerja {parent} sebagai instansi induk" if parent else "instansi induk"
    return [
        f"Indikator kinerja {ctx.agency.name} disusun berjenjang (cascading) dalam pohon "
        f"kinerja: {which} mendukung pencapaian {up}, dan indikator diturunkan kepada unit "
        "kerja yang bertanggung jawab atas pencapaiannya melalui Perjanjian Kinerja unit "
        "kerja. Keterkaitan tersebut disajikan pada tabel berikut:"
    ]


def cascade_table(ctx: ReportContext, numbers: Numbering) -> Table:
    """One row per unit carrying an indicator (one row when none does), the objective and the
    indicator spanning their rows."""
    parent = parent_name(ctx)
    # A parent's indicator printed with its name needs the width of the office's own.
    named = any(
        i.serves in ctx.parent_indicators
        for o in ctx.plan.objectives
        for i in o.indicators
        if i.active_in(ctx.year)
    )
    rows: list[tuple[Cell, ...]] = []
    number = 0
    for obj in ctx.plan.objectives:
        indicators = [i for i in obj.indicators if i.active_in(ctx.year)]
        if not indicators:
            continue
        number += 1
        lines: dict[str, list[UnitLine | None]] = {
            i.code: [*unit_lines(ctx, i)] or [None] for i in indicators
        }
        span = sum(len(found) for found in lines.values())
        first = True
        for ind in indicators:
            for index, line in enumerate(lines[ind.code]):
                cells: list[Cell] = []
                if first:
                    cells += [Cell(str(number), rowspan=span), Cell(obj.name, rowspan=span)]
                    first = False
                if index == 0:
                    height = len(lines[ind.code])
                    cells += [
                        Cell(f"{ind.code} {ind.name}", rowspan=height),
                        Cell(
                            served_text(ctx, ind.serves) if ind.serves else "-",
                            align=None if named else "center",
                            rowspan=height,
                        ),
                    ]
                if line is None:
                    cells += [Cell("-"), Cell("-")]
                else:
                    target = f" (target {line.target})" if line.target else ""
                    cells += [Cell(line.unit), Cell(line.indicator + target)]
                rows.append(tuple(cells))
    served = f"Indikator {parent} yang Didukung" if parent else "Indikator Induk yang Didukung"
    return Table(
        columns=(
            Column(0.45, "center"),
            Column(1.9 if named else 2.2),
            Column(2.4 if named else 2.7),
            Column(2.4) if named else Column(1.6, "center"),
            Column(1.7 if named else 1.9),
            Column(2.7),
        ),
        header=(
            header(
                "No",
                "Sasaran Strategis",
                f"Indikator Kinerja {ctx.agency.name}",
                served,
                "Unit Kerja",
                "Indikator Kinerja Unit Kerja",
            ),
        ),
        rows=tuple(rows),
        caption=f"Pohon Kinerja {ctx.agency.name} Tahun {ctx.year}",
        number=numbers.table(),
        size=8.5,
    )


def cascade_blocks(
    written: list[Block] | None, ctx: ReportContext, numbers: Numbering
) -> list[Block]:
    """The section's text (the planner's `pohon_kinerja` narrative, else the drafted one) and
    the table."""
    intro: list[Block] = written or [
        Paragraph.of(text, keep_with_next=True) for text in cascade_intro(ctx)
    ]
    return [*intro, cascade_table(ctx, numbers)]
