"""Reading a dataset workbook's cells, with every problem named by sheet, row and column.

`WorkbookReader` collects the problems of a workbook: it checks the sheets and headers, reads
each cell by its column's kind, and keeps the sheet and row each item came from, so a schema
problem at `years[0].agreements[0].rows[4].target` is reported at the cell it came from
(`sheet 'PK Target', baris 6, kolom E`). Problems found in the cells themselves (a formula, a
merged range, text where a number belongs, an unknown column or sheet, a row whose parent row
does not exist) are listed with them, all at once. Formulas are never evaluated: a cell holding
one is refused. `tree` builds the dataset from the sheets with it (`read_xlsx`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from kinerja.dataset.errors import DatasetError, Problem, format_path, problems_from_validation
from kinerja.dataset.excel.cells import EMPTY, CellProblem, found, is_blank, read_cell
from kinerja.dataset.excel.columns import (
    CELL_HEADER,
    INSTRUCTIONS_SHEET,
    Column,
    Kind,
    Shape,
    Sheet,
    header_key,
)
from kinerja.dataset.excel.layout import (
    children_of,
)
from kinerja.dataset.excel.package import RawBook, RawSheet, column_letter
from kinerja.dataset.references import Path

_AMBIGUOUS: Any = object()
ColumnMap = dict[tuple[str | int, ...], int]


@dataclass(frozen=True)
class Place:
    """Where a person finds a problem: a sheet, and maybe a row (1-based) and a column."""

    order: int
    sheet: str
    row: int | None = None
    col: int | None = None

    def render(self) -> str:
        text = f"sheet '{self.sheet}'"
        if self.row is not None:
            text += f", baris {self.row}"
        if self.col is not None:
            text += f", kolom {column_letter(self.col)}"
        return text


@dataclass
class Header:
    """The columns a sheet's header row names: column index -> layout column (or cell number)."""

    columns: dict[int, Column] = field(default_factory=dict)
    cells: dict[int, int] = field(default_factory=dict)  # grid: column index -> 0-based cell

    def col_of(self, header: str) -> int | None:
        return next((i for i, c in self.columns.items() if c.header == header), None)


class WorkbookReader:
    """Collects problems and places while a workbook's sheets are read."""

    def __init__(self, file: str, sheets: tuple[Sheet, ...]) -> None:
        self.file = file
        self.order = {sheet.name: index for index, sheet in enumerate(sheets)}
        self.problems: list[tuple[Place | None, Problem]] = []
        self.bad_cells: set[Place] = set()
        self.items: dict[Path, tuple[Place, ColumnMap]] = {}
        self.roots: dict[Path, Place] = {}
        self.hints: dict[str, str] = {}
        self.sheet_fields: dict[str, str] = {}

    def place(self, sheet: str, row: int | None = None, col: int | None = None) -> Place:
        return Place(self.order.get(sheet, -1), sheet, row, col)

    def report(
        self,
        place: Place | None,
        path: Path | str,
        message: str,
        value: Any = None,
        *,
        cell: bool = False,
    ) -> None:
        shown = None if value is None else found(value)
        where = place.render() if place else None
        field_path = path if isinstance(path, str) else format_path(path)
        if path == () and place is not None:
            field_path = self.sheet_fields.get(place.sheet, field_path)
        self.problems.append((place, Problem(self.file, where, field_path, message, shown)))
        if cell and place is not None:
            self.bad_cells.add(place)

    def check_raw(self, raw: RawSheet) -> None:
        """Formulas and merged ranges are refused wherever they stand."""
        for (row, col), formula in sorted(raw.formulas.items()):
            self.report(
                self.place(raw.name, row + 1, col),
                (),
                "rumus tidak diizinkan: tulis nilainya saja (Salin, lalu Tempel Nilai)",
                formula,
                cell=True,
            )
        for row, col, cells in raw.merged:
            self.report(
                self.place(raw.name, row + 1, col),
                (),
                "sel gabungan (merge) tidak diizinkan: pisahkan selnya dan isi tiap sel",
                cells,
                cell=True,
            )

    def header(self, sheet: Sheet, raw: RawSheet, expected: tuple[Column, ...]) -> Header | None:
        """Match the header row to the layout; report unknown, doubled and missing columns."""
        if not raw.rows or all(is_blank(cell) for cell in raw.rows[0]):
            if any(not is_blank(cell) for row in raw.rows for cell in row):
                self.report(self.place(sheet.name, 1), (), "baris 1 harus berisi judul kolom")
            return None
        known = {header_key(c.header): c for c in expected}
        result = Header()
        seen: dict[str, int] = {}
        for index, cell in enumerate(raw.rows[0]):
            if is_blank(cell):
                continue
            text = str(cell).strip()
            key = header_key(text)
            place = self.place(sheet.name, 1, index)
            if key in seen:
                self.report(place, (), "judul kolom ditulis dua kali", text)
                continue
            seen[key] = index
            if key in known:
                result.columns[index] = known[key]
            elif sheet.shape == Shape.GRID and (match := CELL_HEADER.match(text)):
                result.cells[index] = int(match.group(1)) - 1
            else:
                names = ", ".join(f"'{c.header}'" for c in expected)
                self.report(place, (), f"kolom tidak dikenal; kolom yang dikenal: {names}", text)
        for column in expected:
            if column.required and header_key(column.header) not in seen:
                self.report(
                    self.place(sheet.name, 1),
                    (),
                    f"kolom wajib '{column.header}' tidak ada di baris judul",
                )
        self._unnamed(sheet, raw, result)
        return result

    def _unnamed(self, sheet: Sheet, raw: RawSheet, header: Header) -> None:
        named = set(header.columns) | set(header.cells)
        first = raw.rows[0]
        reported: set[int] = set()
        for number, row in enumerate(raw.rows[1:], start=2):
            for index, cell in enumerate(row):
                if index in named or index in reported or is_blank(cell):
                    continue
                if index < len(first) and not is_blank(first[index]):
                    continue  # an unknown column, reported at its header
                reported.add(index)
                self.report(
                    self.place(sheet.name, number, index),
                    (),
                    "kolom tanpa judul berisi data: beri judul kolom atau hapus isinya",
                    cell,
                )

    def cells(
        self, sheet: Sheet, raw: RawSheet, header: Header, number: int, path: str
    ) -> dict[str, Any] | None:
        """The row's values by header; None for a blank row. Bad cells are reported, left out."""
        row = raw.rows[number - 1]
        values: dict[str, Any] = {}
        blank = True
        for index, column in header.columns.items():
            cell = row[index] if index < len(row) else None
            if (number - 1, index) in raw.formulas:
                values[column.header] = EMPTY
                blank = False
                continue
            if is_blank(cell):
                values[column.header] = EMPTY
                continue
            blank = False
            try:
                values[column.header] = read_cell(cell, column)
            except CellProblem as exc:
                values[column.header] = EMPTY
                where = ".".join([path, *map(str, column.field)]) if column.field else path
                self.report(self.place(sheet.name, number, index), where, str(exc), cell, cell=True)
        grid_blank = not any(
            (number - 1, i) in raw.formulas or (i < len(row) and not is_blank(row[i]))
            for i in header.cells
        )
        if blank and grid_blank:
            return None
        return values

    def locate(self, path: Path) -> Place | None:
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in self.items:
                place, columns = self.items[prefix]
                rest = path[end:]
                for cut in range(len(rest), -1, -1):
                    if rest[:cut] in columns:
                        return self.place(place.sheet, place.row, columns[rest[:cut]])
                return place
            if prefix in self.roots:
                return self.roots[prefix]
        return None

    def raise_if_problems(self, error: ValidationError | None = None) -> None:
        problems = list(self.problems)
        if error is not None:
            located: dict[str, Place | None] = {}

            def locate(path: Path) -> str | None:
                place = self.locate(path)
                rendered = place.render() if place else None
                if rendered is not None:
                    located[rendered] = place
                return rendered

            for problem in problems_from_validation(error, self.file, locate):
                place = located.get(problem.place) if problem.place else None
                if place in self.bad_cells:
                    continue  # already reported as a cell problem
                hint = self.hints.get(problem.field)
                if hint and problem.message in ("wajib diisi", "tidak boleh kosong"):
                    problem = Problem(
                        problem.file,
                        problem.place,
                        problem.field,
                        f"{problem.message} ({hint})",
                        problem.found,
                    )
                problems.append((place, problem))
        if problems:
            problems.sort(key=lambda pair: _sort_key(pair[0]))
            raise DatasetError([problem for _, problem in problems])


def _sort_key(place: Place | None) -> tuple[int, str, int, int]:
    if place is None:
        return (-2, "", 0, 0)
    return (place.order, place.sheet, place.row or 0, -1 if place.col is None else place.col)


def column_map(header: Header) -> ColumnMap:
    """Field path inside an item -> column index, for locating schema problems."""
    columns: ColumnMap = {}
    for index, column in header.columns.items():
        if column.field is None:
            continue
        if column.kind == Kind.READING:
            columns[(*column.field, "value")] = index
            continue
        columns.setdefault(column.field, index)
        if column.kind == Kind.VALUE:
            columns[(*column.field, "printed")] = index
    return columns


def item_from(sheet: Sheet, values: dict[str, Any]) -> dict[str, Any]:
    """The dataset item a row gives: fields set from its non-empty cells."""
    item: dict[str, Any] = {}
    for column in sheet.columns:
        if column.field is None or column.header not in values:
            continue
        if column.kind in (Kind.READING, Kind.PRESENCE):
            continue
        value = values[column.header]
        if column.kind == Kind.VALUE:
            reading = values.get(f"{column.header} (dibaca)", EMPTY)
            if reading is not EMPTY:
                value = (
                    {"value": reading} if value is EMPTY else {"printed": value, "value": reading}
                )
        if value is not EMPTY:
            set_path(item, column.field, value)
    return item


def set_path(target: dict[Any, Any], path: tuple[str | int, ...], value: Any) -> None:
    for part in path[:-1]:
        target = target.setdefault(part, {})
    if path:
        target[path[-1]] = value


def get_path(target: Any, path: Path) -> Any:
    for part in path:
        target = target[part]
    return target


def check_sheet_names(
    book: RawBook, reader: WorkbookReader, known: tuple[Sheet, ...]
) -> dict[str, RawSheet]:
    """Sheets by layout name (names match without regard to case); unknown sheets reported."""
    names = {header_key(sheet.name): sheet for sheet in known}
    found_sheets: dict[str, RawSheet] = {}
    for name, raw in book.sheets.items():
        key = header_key(name)
        if key == header_key(INSTRUCTIONS_SHEET):
            continue
        if key not in names:
            reader.report(
                reader.place(name),
                (),
                "sheet tidak dikenal: ganti namanya sesuai templat (kinerja template) atau hapus",
                name,
            )
            continue
        reader.check_raw(raw)
        found_sheets[names[key].name] = raw
    return found_sheets


__all__ = ["Place", "WorkbookReader", "children_of"]
