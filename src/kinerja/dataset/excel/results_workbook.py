"""The achievement workbook: measured results of offices and years, formatted for Excel users.

A summary sheet lists each office and year; one sheet per office and year holds the achievement
table (objectives in bold, their indicators below), the budget table and the rating scale.
Achievements are stored as numbers, never as formulas: the value Kinerja computed, rounded half
up to two decimals as everywhere else it is printed, shown with Excel's `0.00%` format; rupiah
with `"Rp" #,##0`. Rating cells take their band's colour. An unmeasured indicator has an empty
achievement cell and says so: it is never shown as 0. Every text is written as text (see
`cell_writer.put`), so a name starting with `=` cannot become a formula.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.core.scales import RatingBand, RatingScale
from kinerja.dataset.excel.cell_writer import HEADER_FILL, HEADER_FONT, put
from kinerja.dataset.excel.package import column_letter
from kinerja.dataset.excel.writer import save_whole
from kinerja.dataset.measure import IndicatorResult, MeasureResult
from kinerja.formats import format_percent, round_half_up

PERCENT = "0.00%"
RUPIAH = '"Rp" #,##0'
# Red to green, as the default rating scale's colours; used for bands that set no colour.
FALLBACK_COLOURS = ("B91C1C", "C2410C", "A16207", "4D7C0F", "15803D")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
THIN = Side(style="thin", color="BFBFBF")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
OBJECTIVE_FILL = PatternFill("solid", fgColor="DDEBF7")
STATUS_TEXT = {
    "unmeasured": "belum diukur (tidak dihitung sebagai 0)",
    "not_computable": "tidak dapat dihitung",
}


def _fraction(percent: Decimal | None) -> float | None:
    """95,5% is stored as 0.955, so Excel's percent format shows `95,50%`."""
    if percent is None:
        return None
    return float(round_half_up(percent, 2) / 100)


def _colours(scale: RatingScale) -> dict[str, str]:
    """Band label -> fill colour (RRGGBB): the band's own, else red to green by its position."""
    order = sorted(
        scale.bands,
        key=lambda band: (band.lower is not None, band.lower or 0, band.upper or 0),
    )
    colours: dict[str, str] = {}
    last = len(FALLBACK_COLOURS) - 1
    for position, band in enumerate(order):
        if band.color:
            colours[band.label] = band.color.lstrip("#").upper()
            continue
        step = round(position * last / max(len(order) - 1, 1))
        colours[band.label] = FALLBACK_COLOURS[step]
    return colours


def _readable_on(colour: str) -> Font:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    light = 0.299 * red + 0.587 * green + 0.114 * blue > 150
    return Font(bold=True, color="000000" if light else "FFFFFF")


def _rate(
    sheet: Worksheet, row: int, col: int, band: RatingBand | None, colours: dict[str, str]
) -> None:
    if band is None:
        return
    put(sheet, row, col, band.label)
    colour = colours.get(band.label)
    if colour:
        cell = sheet.cell(row=row, column=col)
        cell.fill = PatternFill("solid", fgColor=colour)
        cell.font = _readable_on(colour)


def _header(sheet: Worksheet, row: int, titles: Sequence[str]) -> None:
    for col, title in enumerate(titles, start=1):
        put(sheet, row, col, title)
        cell = sheet.cell(row=row, column=col)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = GRID


def _number(sheet: Worksheet, row: int, col: int, value: float | int | None, fmt: str) -> None:
    cell = sheet.cell(row=row, column=col)
    if value is not None:
        cell.value = value
    cell.number_format = fmt


def _remark(ind: IndicatorResult) -> str:
    parts = []
    if not ind.achievement.is_measured:
        parts.append(STATUS_TEXT.get(ind.achievement.status.value, ind.achievement.status.value))
    if ind.achievement.reason:
        parts.append(ind.achievement.reason)
    parts.extend(ind.achievement.notes)
    if ind.is_capped and ind.achievement.value is not None:
        parts.append(f"tanpa batas {format_percent(ind.achievement.value)}")
    if ind.reported_differs:
        parts.append("capaian tercetak berbeda dari hasil hitung")
    return "; ".join(parts)


ACHIEVEMENT_HEADERS = (
    "Kode",
    "Sasaran / Indikator",
    "Unit Kerja",
    "Target",
    "Realisasi",
    "Capaian",
    "Kategori",
    "Capaian Tercetak",
    "Keterangan",
)
ACHIEVEMENT_WIDTHS = (10, 70, 22, 16, 16, 11, 16, 12, 60)


def _achievements(
    sheet: Worksheet, result: MeasureResult, row: int, colours: dict[str, str]
) -> int:
    _header(sheet, row, ACHIEVEMENT_HEADERS)
    sheet.freeze_panes = f"A{row + 1}"
    for objective in result.objectives:
        row += 1
        put(sheet, row, 1, objective.code)
        put(sheet, row, 2, objective.name)
        _number(sheet, row, 6, _fraction(objective.achievement), PERCENT)
        _rate(sheet, row, 7, objective.rating, colours)
        for col in range(1, len(ACHIEVEMENT_HEADERS) + 1):
            cell = sheet.cell(row=row, column=col)
            cell.border = GRID
            if col != 7 or objective.rating is None:
                cell.fill = OBJECTIVE_FILL
                cell.font = BOLD
            if col == 2:
                cell.alignment = WRAP
        for ind in objective.indicators:
            row += 1
            put(sheet, row, 1, ind.code)
            put(sheet, row, 2, ind.name)
            sheet.cell(row=row, column=2).alignment = Alignment(
                wrap_text=True, vertical="top", indent=1
            )
            if ind.work_unit:
                put(sheet, row, 3, ind.work_unit)
            if ind.target:
                put(sheet, row, 4, ind.target)
            if ind.realization:
                put(sheet, row, 5, ind.realization)
            _number(sheet, row, 6, _fraction(ind.shown), PERCENT)
            _rate(sheet, row, 7, ind.rating, colours)
            _number(sheet, row, 8, _fraction(ind.reported_achievement), PERCENT)
            remark = _remark(ind)
            if remark:
                put(sheet, row, 9, remark)
            for col in range(1, len(ACHIEVEMENT_HEADERS) + 1):
                cell = sheet.cell(row=row, column=col)
                cell.border = GRID
                if col in (3, 4, 5, 9):
                    cell.alignment = WRAP
    row += 1
    put(sheet, row, 2, "Capaian kinerja instansi")
    _number(sheet, row, 6, _fraction(result.achievement), PERCENT)
    _rate(sheet, row, 7, result.rating, colours)
    for col in (2, 6):
        sheet.cell(row=row, column=col).font = BOLD
    return row


def _budget(sheet: Worksheet, result: MeasureResult, row: int) -> int:
    budget = result.budget
    if budget.ceiling is None:
        return row
    row += 2
    put(sheet, row, 1, "Realisasi Anggaran")
    sheet.cell(row=row, column=1).font = BOLD
    row += 1
    titles = ("Kode", "Program", "Pagu (Rp)", "Realisasi (Rp)", "Penyerapan")
    _header(sheet, row, titles)
    for program in budget.programs:
        row += 1
        put(sheet, row, 1, program.code)
        put(sheet, row, 2, program.name)
        _number(sheet, row, 3, program.ceiling, RUPIAH)
        _number(sheet, row, 4, program.spent, RUPIAH)
        _number(sheet, row, 5, _fraction(program.absorption), PERCENT)
        for col in range(1, len(titles) + 1):
            sheet.cell(row=row, column=col).border = GRID
    row += 1
    put(sheet, row, 2, "Jumlah")
    _number(sheet, row, 3, budget.ceiling, RUPIAH)
    _number(sheet, row, 4, budget.spent, RUPIAH)
    _number(sheet, row, 5, _fraction(budget.absorption), PERCENT)
    for col in range(1, len(titles) + 1):
        cell = sheet.cell(row=row, column=col)
        cell.font = BOLD
        cell.border = GRID
    if budget.spent is None:
        row += 1
        put(sheet, row, 2, "Realisasi anggaran belum dicatat.")
    return row


def _scale(sheet: Worksheet, scale: RatingScale, row: int, colours: dict[str, str]) -> int:
    row += 2
    put(sheet, row, 1, "Skala Penilaian")
    put(sheet, row, 2, scale.name)
    sheet.cell(row=row, column=1).font = BOLD
    for band in scale.bands:
        row += 1
        _rate(sheet, row, 1, band, colours)
        put(sheet, row, 2, _band_text(band))
    return row


def _band_text(band: RatingBand) -> str:
    def number(value: Decimal) -> str:
        return f"{value:f}".rstrip("0").rstrip(".").replace(".", ",") + "%"

    if band.lower is None and band.upper is None:
        return "semua nilai"
    if band.lower is None:
        assert band.upper is not None
        return f"{'≤' if band.upper_inclusive else '<'} {number(band.upper)}"
    if band.upper is None:
        return f"{'≥' if band.lower_inclusive else '>'} {number(band.lower)}"
    low = "" if band.lower_inclusive else "lebih dari "
    high = "" if band.upper_inclusive else " (tidak termasuk)"
    return f"{low}{number(band.lower)} sampai {number(band.upper)}{high}"


def _sheet_name(result: MeasureResult, single: bool, taken: set[str]) -> str:
    base = f"Capaian {result.year}" if single else f"{result.agency_code} {result.year}"
    base = re.sub(r"[\[\]:*?/\\']", "-", base)[:31]
    name, number = base, 2
    while name.casefold() in taken:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.casefold())
    return name


def _summary(sheet: Worksheet, results: Sequence[MeasureResult]) -> None:
    put(sheet, 1, 1, "Ringkasan Capaian Kinerja")
    sheet.cell(row=1, column=1).font = TITLE
    titles = (
        "Kode Instansi",
        "Instansi",
        "Tahun",
        "Capaian",
        "Kategori",
        "Indikator Terukur",
        "Pagu (Rp)",
        "Realisasi (Rp)",
        "Penyerapan",
    )
    _header(sheet, 3, titles)
    sheet.freeze_panes = "A4"
    for row, result in enumerate(results, start=4):
        colours = _colours(result.scale)
        measured = sum(1 for ind in result.indicators if ind.achievement.is_measured)
        put(sheet, row, 1, result.agency_code)
        put(sheet, row, 2, result.agency_name)
        _number(sheet, row, 3, result.year, "0")
        _number(sheet, row, 4, _fraction(result.achievement), PERCENT)
        _rate(sheet, row, 5, result.rating, colours)
        put(sheet, row, 6, f"{measured} dari {len(result.indicators)}")
        _number(sheet, row, 7, result.budget.ceiling, RUPIAH)
        _number(sheet, row, 8, result.budget.spent, RUPIAH)
        _number(sheet, row, 9, _fraction(result.budget.absorption), PERCENT)
        for col in range(1, len(titles) + 1):
            sheet.cell(row=row, column=col).border = GRID
    for col, width in enumerate((24, 40, 8, 11, 16, 16, 20, 20, 12)):
        sheet.column_dimensions[column_letter(col)].width = width
    if results:
        sheet.auto_filter.ref = f"A3:{column_letter(len(titles) - 1)}{len(results) + 3}"


def results_workbook(results: Sequence[MeasureResult]) -> Workbook:
    """A workbook with a summary sheet and one achievement sheet per office and year."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Ringkasan"
    _summary(summary, results)
    taken = {"ringkasan"}
    single = len({r.agency_code for r in results}) == 1
    for result in results:
        sheet = book.create_sheet(_sheet_name(result, single, taken))
        colours = _colours(result.scale)
        put(sheet, 1, 1, f"Capaian Kinerja {result.agency_name} Tahun {result.year}")
        sheet.cell(row=1, column=1).font = TITLE
        put(
            sheet,
            2,
            1,
            "Capaian dihitung Kinerja dari target dan realisasi; angka di sini adalah nilai, "
            "bukan rumus. Indikator yang belum diukur tidak dihitung sebagai 0.",
        )
        row = _achievements(sheet, result, 4, colours)
        row = _budget(sheet, result, row)
        _scale(sheet, result.scale, row, colours)
        for col, width in enumerate(ACHIEVEMENT_WIDTHS):
            sheet.column_dimensions[column_letter(col)].width = width
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = "4:4"
    return book


def write_results(results: Sequence[MeasureResult], path: str | Path) -> None:
    """Write the achievement workbook, replacing the file in one step."""
    save_whole(results_workbook(results), path)
