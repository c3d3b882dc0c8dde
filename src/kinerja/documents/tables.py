"""Table builders shared by the LKj and the Perjanjian Kinerja: agreements, measurements, budgets.

Each returns a `tree.Table` whose figures come from the context (`measure` and the core); names
are the Renstra's, not the printed variants, so one indicator reads the same everywhere.
"""

from __future__ import annotations

import re
from decimal import Decimal

from kinerja.core.budget import total
from kinerja.core.scales import RatingBand, RatingScale
from kinerja.dataset import schema
from kinerja.dataset.measure import IndicatorResult, ObjectiveResult
from kinerja.documents.context import BudgetItem, ReportContext
from kinerja.documents.narrative import achievement_text, rating_text
from kinerja.documents.tree import Align, Cell, Column, Numbering, Table
from kinerja.documents.wording import group_state_text, state_text
from kinerja.formats import format_number, format_percent, format_rupiah, with_unit

QUARTERS = ("TW I", "TW II", "TW III", "TW IV")


def header(*titles: str) -> tuple[Cell, ...]:
    return tuple(Cell(t, bold=True, align="center") for t in titles)


def column_numbers(count: int) -> tuple[Cell, ...]:
    """The `(1) (2) (3)` row under the header of Indonesian government tables."""
    return tuple(Cell(f"({n})", align="center", italic=True) for n in range(1, count + 1))


def cell(text: object, align: Align | None = None) -> Cell:
    """A cell for a value that may be missing (printed `-`)."""
    return Cell("-" if text is None or text == "" else str(text), align=align)


def _spans(keys: list[str]) -> list[int]:
    """For runs of equal keys: the run's length at its first row, 0 on the rows it covers."""
    spans = [0] * len(keys)
    start = 0
    for index in range(1, len(keys) + 1):
        if index == len(keys) or keys[index] != keys[start]:
            spans[start] = index - start
            start = index
    return spans


def _number(numbering: Numbering | None) -> int | None:
    return None if numbering is None else numbering.table()


def agreement_table(
    ctx: ReportContext,
    agreement: schema.Agreement,
    numbering: Numbering | None,
    caption: str | None,
    *,
    quarterly: bool | None = None,
) -> Table:
    """`No | Sasaran Strategis | Indikator Kinerja | Target` (and TW I-IV when asked or present)."""
    with_quarters = (
        any(row.quarterly_targets for row in agreement.rows) if quarterly is None else quarterly
    )
    titles = ["No", "Sasaran Strategis", "Indikator Kinerja", "Target"]
    # Widths that hold "No", a quarter's "4 laporan" and "Perundang-Undangan" without breaking
    # a word (tests/documents/test_printed_form.py measures every cell).
    columns = [Column(0.7, "center"), Column(3.25), Column(4.2), Column(1.3, "center")]
    if with_quarters:
        titles += QUARTERS
        columns[2] = Column(3.2)
        columns += [Column(1.35, "center")] * 4
    rows: list[tuple[Cell, ...]] = []
    spans = _spans([row.objective for row in agreement.rows])
    number = 0
    for row, span in zip(agreement.rows, spans, strict=True):
        cells = []
        if span:
            number += 1
            cells = [
                Cell(str(number), rowspan=span),
                Cell(ctx.objective(row.objective).name, rowspan=span),
            ]
        unit = ctx.indicator(row.indicator).unit
        cells += [
            Cell(ctx.indicator(row.indicator).name),
            cell(with_unit(schema.printed(row.target), unit) if row.target is not None else None),
        ]
        if with_quarters:
            cells += [
                cell(
                    with_unit(schema.printed(row.quarterly_targets[q]), unit)
                    if q in row.quarterly_targets
                    else None
                )
                for q in range(1, 5)
            ]
        rows.append(tuple(cells))
    return Table(
        columns=tuple(columns),
        header=(header(*titles), column_numbers(len(titles))),
        rows=tuple(rows),
        caption=caption,
        number=_number(numbering),
    )


def budget_lines_table(
    ctx: ReportContext,
    agreement: schema.Agreement,
    numbering: Numbering | None,
    caption: str | None,
) -> Table:
    """`No | Program | Anggaran` (or `Kegiatan`) with the `Jumlah` total."""
    programs = {p.code: p.name for p in ctx.plan.programs}
    activities = {a.code: a.name for p in ctx.plan.programs for a in p.activities}
    kinds = {"program" if line.program else "kegiatan" for line in agreement.budget}
    title = (
        "Program"
        if kinds == {"program"}
        else "Kegiatan"
        if kinds == {"kegiatan"}
        else ("Program / Kegiatan")
    )
    rows = []
    for number, line in enumerate(agreement.budget, start=1):
        name = (
            programs.get(line.program, line.program)
            if line.program
            else activities.get(line.activity or "", line.activity)
        )
        rows.append((Cell(str(number)), Cell(name or "-"), Cell(format_rupiah(line.amount))))
    amount = total(line.amount for line in agreement.budget)
    return Table(
        columns=(Column(0.5, "center"), Column(5.5), Column(2.2, "right")),
        header=(header("No", title, "Anggaran"),),
        rows=tuple(rows),
        footer=((Cell(""), Cell("Jumlah", bold=True), Cell(format_rupiah(amount), bold=True)),),
        caption=caption,
        number=_number(numbering),
    )


def _indicator_cells(ind: IndicatorResult) -> list[Cell]:
    return [
        cell(ind.target, align="center"),
        cell(ind.realization, align="center"),
        # A figure stands right-aligned with the others; a state in words is centred.
        Cell(
            achievement_text(ind), align="right" if ind.achievement.value is not None else "center"
        ),
        Cell(
            rating_text(ind.rating.label if ind.rating else None, ind.achievement.value),
            align="center",
        ),
    ]


def measurement_table(
    ctx: ReportContext, numbering: Numbering | None, caption: str | None
) -> Table:
    """Every indicator of the year: target, realisation, computed achievement and rating."""
    rows: list[tuple[Cell, ...]] = []
    for number, obj in enumerate(ctx.result.objectives, start=1):
        span = len(obj.indicators)
        for index, ind in enumerate(obj.indicators):
            lead = (
                [Cell(str(number), rowspan=span), Cell(f"{obj.code}\n{obj.name}", rowspan=span)]
                if index == 0
                else []
            )
            rows.append((*lead, Cell(f"{ind.code}\n{ind.name}"), *_indicator_cells(ind)))
    result = ctx.result
    return Table(
        columns=(
            Column(0.55, "center"),
            Column(2.6),
            Column(3.3),
            Column(1.1),
            Column(1.15),
            Column(1.1),
            Column(1.15),
        ),
        header=(
            header(
                "No",
                "Sasaran Strategis",
                "Indikator Kinerja",
                "Target",
                "Realisasi",
                "Capaian",
                "Kategori",
            ),
        ),
        rows=tuple(rows),
        footer=(
            (
                Cell(""),
                Cell(f"Capaian kinerja {ctx.agency.name}", bold=True, colspan=4),
                Cell(
                    format_percent(result.achievement)
                    if result.achievement is not None
                    else group_state_text(i.achievement.status for i in result.indicators),
                    bold=True,
                    align="right",
                ),
                Cell(
                    rating_text(result.rating.label if result.rating else None, result.achievement),
                    bold=True,
                    align="center",
                ),
            ),
        ),
        caption=caption,
        number=_number(numbering),
        size=8.5,
    )


def objective_table(
    obj: ObjectiveResult, numbering: Numbering | None, caption: str | None
) -> Table:
    """The indicators of one objective: target, realisation, achievement, rating."""
    rows = tuple(
        (Cell(f"{ind.code}\n{ind.name}"), *_indicator_cells(ind)) for ind in obj.indicators
    )
    return Table(
        columns=(Column(4.2), Column(1.2), Column(1.3), Column(1.1), Column(1.1)),
        header=(header("Indikator Kinerja", "Target", "Realisasi", "Capaian", "Kategori"),),
        rows=rows,
        footer=(
            (
                Cell("Capaian sasaran", bold=True, colspan=3),
                Cell(
                    format_percent(obj.achievement)
                    if obj.achievement is not None
                    else group_state_text(i.achievement.status for i in obj.indicators),
                    bold=True,
                    align="right",
                ),
                Cell(
                    rating_text(obj.rating.label if obj.rating else None, obj.achievement),
                    bold=True,
                    align="center",
                ),
            ),
        ),
        caption=caption,
        number=_number(numbering),
    )


def reference_table(
    obj: ObjectiveResult, numbering: Numbering | None, caption: str | None
) -> Table | None:
    """The realisation of each indicator against its reference targets: the Renstra's target
    for the year and for the end of the period, national and minimum-service standards."""
    rows = tuple(
        (
            Cell(f"{ind.code}\n{ind.name}"),
            cell(ref.label),
            cell(ref.target, align="center"),
            cell(ind.realization, align="center"),
            Cell(
                format_percent(ref.achievement.value)
                if ref.achievement.value is not None
                else state_text(ref.achievement.status),
                align="right",
            ),
        )
        for ind in obj.indicators
        for ref in ind.references
    )
    if not rows:
        return None
    return Table(
        columns=(Column(3.4), Column(1.6), Column(1.2), Column(1.2), Column(1.1)),
        header=(header("Indikator Kinerja", "Pembanding", "Target", "Realisasi", "Capaian"),),
        rows=rows,
        caption=caption,
        number=_number(numbering),
    )


def history_table(
    ctx: ReportContext, obj: ObjectiveResult, numbering: Numbering | None, caption: str | None
) -> Table | None:
    """Realisation and achievement of the objective's indicators over the years held."""
    years = [r.year for r in ctx.history]
    rows = []
    for ind in obj.indicators:
        earlier = dict(ctx.earlier_indicator(ind.code))
        if not earlier:
            continue
        cells = [Cell(f"{ind.code}\n{ind.name}")]
        for year in years:
            past = earlier.get(year)
            cells.append(
                Cell(
                    f"{past.realization or '-'}\n({achievement_text(past)})" if past else "-",
                    align="center",
                )
            )
        cells.append(Cell(f"{ind.realization or '-'}\n({achievement_text(ind)})", align="center"))
        rows.append(tuple(cells))
    if not rows:
        return None
    width = 5.0 / (len(years) + 1)
    return Table(
        columns=(Column(4.0), *[Column(width, "center")] * (len(years) + 1)),
        header=(header("Indikator Kinerja", *[str(y) for y in [*years, ctx.year]]),),
        rows=tuple(rows),
        caption=caption,
        number=_number(numbering),
    )


def unit_measurement_table(
    ctx: ReportContext,
    table: schema.MeasurementTable,
    numbering: Numbering | None,
    caption: str | None,
) -> Table:
    """A work unit's measurement table as printed, with the computed achievement beside it."""
    results = {i.code: i for i in ctx.result.indicators}
    rows = []
    for row in table.rows:
        for code in row.indicators:
            ind = results.get(code)
            rows.append(
                (
                    Cell(f"{code}\n{ctx.indicator(code).name}"),
                    cell(schema.printed(row.target) if row.target else None, align="center"),
                    cell(
                        schema.printed(row.activity_target) if row.activity_target else None,
                        align="center",
                    ),
                    cell(
                        schema.printed(row.realization) if row.realization else None, align="center"
                    ),
                    Cell(achievement_text(ind) if ind else "-", align="right"),
                    cell(
                        schema.printed(row.reported_achievement)
                        if row.reported_achievement
                        else None,
                        align="right",
                    ),
                )
            )
    return Table(
        columns=(Column(3.2), Column(1.0), Column(1.25), Column(1.25), Column(1.35), Column(1.35)),
        header=(
            header(
                "Indikator Kinerja",
                "Target (%)",
                "Target (Kegiatan)",
                "Realisasi",
                "Capaian (dihitung)",
                "Capaian (dilaporkan)",
            ),
        ),
        rows=tuple(rows),
        caption=caption,
        number=_number(numbering),
    )


def _item_row(
    item: BudgetItem, label: str, *, bold: bool = False, indent: str = ""
) -> tuple[Cell, ...]:
    return (
        Cell(label, bold=bold),
        Cell(indent + item.name, bold=bold),
        Cell(format_rupiah(item.ceiling), align="right", bold=bold),
        Cell(format_rupiah(item.spent), align="right", bold=bold),
        Cell(format_percent(item.absorption), align="right", bold=bold),
    )


def budget_table(ctx: ReportContext, numbering: Numbering | None, caption: str | None) -> Table:
    """Ceiling, spending and absorption per program (office PK) and its activities (unit PKs)."""
    budget = ctx.result.budget
    rows: list[tuple[Cell, ...]] = []
    for number, program in enumerate(budget.programs, start=1):
        rows.append(
            (
                Cell(str(number), bold=True),
                Cell(program.name, bold=True),
                Cell(format_rupiah(program.ceiling), align="right", bold=True),
                Cell(format_rupiah(program.spent), align="right", bold=True),
                Cell(format_percent(program.absorption), align="right", bold=True),
            )
        )
        for index, item in enumerate(ctx.activities(program.code), start=1):
            rows.append(_item_row(item, f"{number}.{index}", indent="Kegiatan: "))
    return Table(
        columns=(
            Column(0.6, "center"),
            Column(3.4),
            Column(2.2, "right"),
            Column(2.2, "right"),
            Column(1.4, "right"),
        ),
        header=(header("No", "Program / Kegiatan", "Pagu", "Realisasi", "Penyerapan"),),
        rows=tuple(rows),
        footer=(
            (
                Cell(""),
                Cell("Jumlah", bold=True),
                Cell(format_rupiah(budget.ceiling), bold=True, align="right"),
                Cell(format_rupiah(budget.spent), bold=True, align="right"),
                Cell(format_percent(budget.absorption), bold=True, align="right"),
            ),
        ),
        caption=caption,
        number=_number(numbering),
    )


def _bound(value: Decimal | None) -> str:
    return "" if value is None else format_number(value, 2, trim=True) + "%"


def band_range(band: RatingBand) -> str:
    """`> 90%`, `≤ 50%`, `> 75% s.d. ≤ 90%`, `≥ 55% s.d. ≤ 75%`."""
    low = (
        f"{'≥' if band.lower_inclusive else '>'} {_bound(band.lower)}"
        if band.lower is not None
        else ""
    )
    high = (
        f"{'≤' if band.upper_inclusive else '<'} {_bound(band.upper)}"
        if band.upper is not None
        else ""
    )
    if low and high:
        return f"{low} s.d. {high}"
    return low or high or "semua nilai"


def scale_table(
    scale: RatingScale, printed: dict[str, str], numbering: Numbering | None, caption: str | None
) -> Table:
    """The rating scale: category, range, and the range as the office wrote it in its own
    document, a column printed only when the office wrote some (never a column of dashes)."""
    ordered = sorted(scale.bands, key=lambda b: (b.lower is not None, b.lower or 0))
    written = any(printed.get(band.label) for band in ordered)
    rows = tuple(
        (
            Cell(str(n)),
            Cell(band.label),
            Cell(band_range(band), align="center"),
            *([cell(printed.get(band.label), align="center")] if written else []),
        )
        for n, band in enumerate(ordered, start=1)
    )
    titles = ["No", "Kategori Capaian", "Rentang Capaian"]
    columns = [Column(0.5, "center"), Column(2.2), Column(2.6)]
    if written:
        titles.append("Rentang (rumusan instansi)")
        columns.append(Column(2.6))
    return Table(
        columns=tuple(columns),
        header=(header(*titles),),
        rows=rows,
        caption=caption,
        number=_number(numbering),
    )


_YEAR_HEADER = re.compile(r"\b(tahun|tahun anggaran|ta)\b", re.IGNORECASE)


def year_columns(table: schema.SupportingTable) -> set[int]:
    """The columns that hold years: headed `Tahun`, or whose every number is a whole year
    between 1900 and 2100 and sits in the first column. A year is printed `2024`, never as
    a number with a thousands separator (`2.024`)."""
    found = set()
    for index, title in enumerate(table.columns):
        values = [row[index] for row in table.rows if index < len(row) and row[index] is not None]
        numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
        whole_years = bool(numbers) and all(
            float(v).is_integer() and 1900 <= v <= 2100 for v in numbers
        )
        if whole_years and (_YEAR_HEADER.search(title) or index == 0):
            found.add(index)
    return found


def supporting_table(table: schema.SupportingTable, numbering: Numbering) -> Table:
    """A supporting table of the dataset, cells as entered (numbers in Indonesian format,
    years as years)."""
    years = year_columns(table)

    def text(index: int, value: schema.Cell) -> Cell:
        if value is None:
            return Cell("")
        if isinstance(value, bool):
            return Cell("Ya" if value else "Tidak")
        if isinstance(value, int | float):
            if index in years:
                return Cell(str(int(value)), align="center")
            return Cell(format_number(Decimal(str(value)), 2, trim=True), align="right")
        return Cell(value)

    count = len(table.columns)
    return Table(
        columns=tuple(Column(3.0 if i == 0 or count <= 3 else 1.6) for i in range(count)),
        header=(header(*table.columns),),
        rows=tuple(tuple(text(i, v) for i, v in enumerate(row)) for row in table.rows),
        caption=table.title,
        number=_number(numbering),
    )
