"""Writing a dataset as an Excel workbook (openpyxl), and the empty template.

Every sheet has a bold, frozen header row with a comment explaining each column, column widths
that fit the content, drop-down lists for fixed choices (level, polarity, quarter, yes/no, ...)
and for codes defined on another sheet (work unit, indicator, objective, program). Texts are
always written as text cells: a text starting with `=`, `+`, `-` or `@` is stored as text with
Excel's quote prefix, never as a formula (spreadsheet formula injection).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.dataset.excel.cell_writer import HEADER_FILL, HEADER_FONT, WorkbookWriteError, put
from kinerja.dataset.excel.columns import (
    EMPTY_TEXT,
    FORM_HEADERS,
    GRID_MIN_CELLS,
    INSTRUCTIONS_SHEET,
    NO,
    ROW_KINDS,
    YES,
    Column,
    Kind,
    Shape,
    Sheet,
)
from kinerja.dataset.excel.instructions import write_instructions, write_realization_instructions
from kinerja.dataset.excel.layout import (
    REALIZATION_COLUMNS,
    REALIZATION_SHEET,
    SHEETS,
    SHEETS_BY_NAME,
)
from kinerja.dataset.excel.package import column_letter
from kinerja.dataset.schema import Dataset

_EXACT = 2**53
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


# --- from the dataset to rows -------------------------------------------------------------------


@dataclass
class _Entry:
    """An item of a sheet and the cells of its row, by header."""

    item: Any
    cells: dict[str, Any]


def _get(item: Any, path: Iterable[str | int]) -> Any:
    for part in path:
        if item is None:
            return None
        item = item.get(part) if isinstance(item, dict) else None
    return item


def _cell(column: Column, value: Any) -> Any:
    kind = column.kind
    if kind == Kind.PRESENCE:
        return YES if value is not None else None
    if value is None:
        return None
    if kind == Kind.VALUE:
        return value["printed"] if isinstance(value, dict) else value
    if kind == Kind.READING:
        return value["value"] if isinstance(value, dict) else None
    if kind == Kind.BOOL:
        return YES if value else NO
    if kind == Kind.CHOICE:
        assert column.choice is not None
        return column.choice.label_of(str(value))
    if kind in (Kind.CODES, Kind.TEXTS):
        if any("," in str(part) for part in value):
            raise WorkbookWriteError(
                f"kolom '{column.header}': '{value}' memuat koma, yang dipakai sebagai pemisah"
            )
        return ", ".join(str(part) for part in value) or None
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and abs(value) >= _EXACT:
        return str(value)  # Excel keeps 15 digits of a number; the digits survive as text
    if isinstance(value, str):
        return value if value else EMPTY_TEXT
    if kind == Kind.FLOAT and isinstance(value, float) and float(f"{value:.16g}") != value:
        return repr(value)  # openpyxl writes 16 digits; the 17th survives as text
    return value


def _row(sheet: Sheet, item: Any, given: dict[str, Any]) -> dict[str, Any]:
    cells = dict(given)
    for column in sheet.columns:
        if column.header in cells or column.field is None:
            continue
        cells[column.header] = _cell(column, _get(item, column.field))
    return cells


def _entries(data: dict[str, Any]) -> dict[str, list[_Entry]]:
    """Each sheet's rows, parents before children."""
    by_sheet: dict[str, list[_Entry]] = {}
    for sheet in SHEETS:
        entries: list[_Entry] = []
        if sheet.shape == Shape.FORM:
            obj = _get(data, sheet.at)
            entries.append(_Entry(obj, _row(sheet, obj or {}, {})))
        elif sheet.parent is None:
            for item in _get(data, sheet.at) or []:
                entries.append(_Entry(item, _row(sheet, item, {})))
        else:
            parent = SHEETS_BY_NAME[sheet.parent]
            for owner in by_sheet[parent.name]:
                keys = {
                    mine: owner.cells[theirs]
                    for mine, theirs in zip(sheet.parent_keys, parent.key, strict=True)
                }
                entries.extend(_children(sheet, owner.item, keys))
        by_sheet[sheet.name] = entries
    return by_sheet


def _children(sheet: Sheet, owner: Any, keys: dict[str, Any]) -> Iterator[_Entry]:
    if sheet.shape == Shape.MAP:
        assert sheet.map_key is not None
        for key, value in (owner.get(sheet.field) or {}).items():
            yield _Entry(value, _row(sheet, value, {**keys, sheet.map_key: key}))
        return
    if sheet.shape == Shape.GRID:
        yield _Entry(owner["columns"], {**keys, "Jenis": ROW_KINDS.label_of("columns")})
        for row in owner.get("rows") or []:
            yield _Entry(row, {**keys, "Jenis": ROW_KINDS.label_of("row")})
        return
    for number, item in enumerate(_get(owner, sheet.field_path) or [], start=1):
        given = dict(keys)
        if any(c.header == "No" and c.field is None for c in sheet.columns):
            given["No"] = number
        yield _Entry(item, _row(sheet, item, given))


# --- sheets -------------------------------------------------------------------------------------


def _style_header(sheet: Worksheet, columns: list[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        put(sheet, 1, index, column.header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        note = _note(column)
        if note:
            cell.comment = Comment(note, "Kinerja", width=260, height=90)
    sheet.freeze_panes = "A2"


def _note(column: Column) -> str:
    parts = ["Wajib diisi." if column.required else ""]
    if column.note:
        parts.append(column.note[0].upper() + column.note[1:] + ".")
    if column.choice is not None:
        parts.append("Pilihan: " + "; ".join(column.choice.shown) + ".")
    if column.ref:
        parts.append(f"Kode dari sheet '{column.ref}'.")
    return " ".join(p for p in parts if p)


def _widths(sheet: Worksheet, columns: list[Column], rows: list[list[Any]]) -> None:
    for index, column in enumerate(columns):
        longest = max(
            (len(str(row[index]).split("\n", 1)[0]) for row in rows if row[index] is not None),
            default=0,
        )
        width = column.width or min(max(len(column.header) + 2, longest + 2, 8), 60)
        sheet.column_dimensions[column_letter(index)].width = width


def _formats(sheet: Worksheet, columns: list[Column], count: int) -> None:
    for index, column in enumerate(columns, start=1):
        letter = column_letter(index - 1)
        number_format = {
            Kind.AMOUNT: "#,##0",
            Kind.INT: "0",
            Kind.DATE: "yyyy-mm-dd",
            Kind.FLOAT: "General",
            Kind.CELL: "General",
        }.get(column.kind, "@")
        sheet.column_dimensions[letter].number_format = number_format
        wrap = column.width is not None and column.width >= 60
        for row in range(2, count + 2):
            cell = sheet.cell(row=row, column=index)
            cell.number_format = number_format
            cell.alignment = WRAP if wrap else TOP


def _validation(column: Column, sqref: str, refs: dict[str, str]) -> DataValidation | None:
    if column.choice is not None:
        options, strict = column.choice.shown, True
    elif column.kind in (Kind.BOOL, Kind.PRESENCE):
        options, strict = (YES, NO), True
    elif column.options:
        options, strict = column.options, column.kind != Kind.CODE
    elif column.ref and column.ref in refs:
        rule = DataValidation(type="list", formula1=refs[column.ref], allow_blank=True)
        rule.errorStyle = "warning"
        rule.error = f"Kode ini belum ada di sheet '{column.ref}'."
        rule.add(sqref)
        return rule
    else:
        return None
    rule = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
    rule.errorStyle = "stop" if strict else "warning"
    rule.error = "Pilih salah satu: " + "; ".join(options)
    rule.errorTitle = column.header
    rule.add(sqref)
    return rule


def _ref_ranges() -> dict[str, str]:
    """Drop-down sources: the code column of each sheet others refer to."""
    refs: dict[str, str] = {}
    for sheet in SHEETS:
        if sheet.shape != Shape.LIST:
            continue
        header = (
            "Kode" if any(c.header == "Kode" for c in sheet.columns) else sheet.columns[0].header
        )
        if sheet.name in ("Tabel Pendukung",):
            header = "Kunci"
        index = next(i for i, c in enumerate(sheet.columns) if c.header == header)
        letter = column_letter(index)
        refs[sheet.name] = f"'{sheet.name}'!${letter}$2:${letter}$5000"
    return refs


def _list_sheet(
    book: Workbook, sheet: Sheet, entries: list[_Entry], refs: dict[str, str], cells: int
) -> None:
    ws = book.create_sheet(sheet.name)
    columns = list(sheet.columns)
    if sheet.shape == Shape.GRID:
        columns += [Column(f"Sel {n}", None, Kind.CELL) for n in range(1, cells + 1)]
    rows = [[entry.cells.get(c.header) for c in columns] for entry in entries]
    if sheet.shape == Shape.GRID:
        width = len(sheet.columns)
        for row, entry in zip(rows, entries, strict=True):
            values = [EMPTY_TEXT if v == "" else v for v in entry.item]
            row[width : width + len(values)] = values
    _style_header(ws, columns)
    for number, row in enumerate(rows, start=2):
        for index, value in enumerate(row, start=1):
            if value is not None:
                put(ws, number, index, value)
    _formats(ws, columns, len(rows))
    _widths(ws, columns, rows)
    for index, column in enumerate(columns):
        letter = column_letter(index)
        rule = _validation(column, f"{letter}2:{letter}1048576", refs)
        if rule is not None:
            ws.add_data_validation(rule)
    if rows:
        ws.auto_filter.ref = f"A1:{column_letter(len(columns) - 1)}{len(rows) + 1}"


def _form_sheet(book: Workbook, sheet: Sheet, entry: _Entry, refs: dict[str, str]) -> None:
    ws = book.create_sheet(sheet.name)
    header = [Column(name, None, Kind.TEXT) for name in FORM_HEADERS]
    _style_header(ws, header)
    for number, column in enumerate(sheet.columns, start=2):
        put(ws, number, 1, column.header)
        ws.cell(row=number, column=1).font = Font(bold=column.required)
        value = entry.cells.get(column.header)
        if value is not None:
            put(ws, number, 2, value)
        put(ws, number, 3, _note(column))
        cell = ws.cell(row=number, column=2)
        cell.number_format = {Kind.INT: "0", Kind.DATE: "yyyy-mm-dd", Kind.FLOAT: "General"}.get(
            column.kind, "@"
        )
        cell.alignment = WRAP
        rule = _validation(column, f"B{number}", refs)
        if rule is not None:
            ws.add_data_validation(rule)
    ws.column_dimensions["A"].width = 32
    ws.column_dimensions["B"].width = 70
    ws.column_dimensions["C"].width = 60


def _instructions(book: Workbook) -> None:
    write_instructions(book.create_sheet(INSTRUCTIONS_SHEET, 0))


def dataset_workbook(dataset: Dataset | None) -> Workbook:
    """The workbook of a dataset; an empty template when `dataset` is None.

    A workbook holds one Renstra period: a dataset with `other_periods` is refused (its YAML
    holds them all), rather than written without them.
    """
    if dataset is not None and dataset.other_periods:
        periods = ", ".join(plan.period for plan in dataset.plans)
        raise WorkbookWriteError(
            f"buku kerja Excel memuat satu periode Renstra, sedangkan dataset ini punya "
            f"{len(dataset.plans)} periode ({periods}): ekspor sebagai YAML (.yaml) agar semua "
            "periode ikut"
        )
    data = dataset.model_dump(mode="python") if dataset is not None else {}
    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    _instructions(book)
    entries = _entries(data)
    refs = _ref_ranges()
    grid_cells = max(
        [GRID_MIN_CELLS]
        + [len(e.item) for e in entries.get("Isi Tabel Pendukung", []) if isinstance(e.item, list)]
    )
    for sheet in SHEETS:
        if sheet.shape == Shape.FORM:
            _form_sheet(book, sheet, entries[sheet.name][0], refs)
        else:
            _list_sheet(book, sheet, entries[sheet.name], refs, grid_cells)
    return book


def save_whole(book: Workbook, path: str | Path) -> None:
    """Save the workbook beside its target, then rename it: the whole file or nothing."""
    target = Path(path)
    temporary = target.with_name(f".{target.name}.tmp")
    try:
        book.save(temporary)
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)


def write_xlsx(dataset: Dataset, path: str | Path) -> None:
    """Write the dataset as a workbook, replacing the file in one step."""
    save_whole(dataset_workbook(dataset), path)


def write_template(path: str | Path) -> None:
    """Write an empty dataset workbook with the instructions sheet."""
    save_whole(dataset_workbook(None), path)


def realization_workbook(rows: Iterable[dict[str, Any]] = ()) -> Workbook:
    """The workbook of realisations of many offices (`kinerja load-realizations`)."""
    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    write_realization_instructions(book.create_sheet(INSTRUCTIONS_SHEET))
    sheet = Sheet(REALIZATION_SHEET, Shape.LIST, "", REALIZATION_COLUMNS)
    entries = [_Entry(row, _row(sheet, row, {})) for row in rows]
    _list_sheet(book, sheet, entries, {}, 0)
    return book


def write_realization_template(path: str | Path) -> None:
    save_whole(realization_workbook(), path)
