"""Reading the workbook of quarterly realisations of many offices (one sheet, `Realisasi`).

Each row is one office's realisation of one indicator in one quarter: `Kode Instansi`, `Tahun`,
`Kode Indikator`, `Triwulan`, `Nilai` (as printed; `Nilai (dibaca)` when the printed form cannot
be read), `Catatan`. This module checks what the file alone can tell (cells, formulas, codes,
quarter, year, the value's grammar) and returns the good rows with every problem found; what
needs the database (known offices and indicators) is checked by
`kinerja.results.realization_import`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path as FilePath
from typing import Annotated, Any

from pydantic import AfterValidator, Discriminator, Field, Tag, TypeAdapter, ValidationError

from kinerja.core.values import ValueParseError, parse_value
from kinerja.dataset.errors import DatasetError, Problem, problems_from_validation
from kinerja.dataset.excel.cells import EMPTY, CellProblem, converter
from kinerja.dataset.excel.columns import (
    INSTRUCTIONS_SHEET,
    Column,
    Kind,
    Shape,
    Sheet,
    header_key,
)
from kinerja.dataset.excel.layout import (
    REALIZATION_COLUMNS,
    REALIZATION_SHEET,
)
from kinerja.dataset.excel.package import open_book
from kinerja.dataset.excel.reader import Place, WorkbookReader
from kinerja.dataset.references import Path
from kinerja.dataset.schema import UNIT_CHECKED_LATER, Code, Model, PrintedValue, Quarter
from kinerja.dataset.storable import Note

SHEET = Sheet(
    REALIZATION_SHEET, Shape.LIST, "Realisasi triwulanan banyak instansi.", REALIZATION_COLUMNS
)


@lru_cache(maxsize=8192)
def _unreadable(text: str) -> str | None:
    """Why a printed value cannot be read, or None; cached, as a sheet repeats few values."""
    try:
        parse_value(text, UNIT_CHECKED_LATER)
    except ValueParseError as exc:
        return str(exc)
    return None


def _readable(text: str) -> str:
    problem = _unreadable(text)
    if problem is not None:
        raise ValueError(problem)
    return text


def _value_form(raw: Any) -> str:
    return "_text" if isinstance(raw, str) else "_mapping"


RowValue = Annotated[
    Annotated[Annotated[str, AfterValidator(_readable)], Tag("_text")]
    | Annotated[PrintedValue, Tag("_mapping")],
    Discriminator(_value_form),
]
"""The schema's `TargetValue`, checked through a cache."""


class RealizationEntry(Model):
    """One row of the realisation workbook, as the schema reads it."""

    agency: Code
    year: Annotated[int, Field(ge=2000, le=2100)]
    indicator: Code
    quarter: Quarter
    value: RowValue
    note: Note | None = None


_ROWS = TypeAdapter(list[RealizationEntry])


@dataclass(frozen=True)
class RealizationRow:
    """A row of the sheet: its number, its values, and the entry when all of them are valid."""

    number: int
    item: dict[str, Any]
    entry: RealizationEntry | None

    def get(self, name: str, kind: type) -> Any:
        """A value of the row when it has the right type (for checks of partly valid rows)."""
        value = self.item.get(name)
        return value if isinstance(value, kind) and not isinstance(value, bool) else None


@dataclass
class RealizationSheet:
    """The good rows of the sheet, the problems found, and where each column stands."""

    file: str
    rows: list[RealizationRow]
    reader: WorkbookReader
    columns: dict[str, int]

    def place(self, number: int, header: str) -> Place:
        return self.reader.place(REALIZATION_SHEET, number, self.columns.get(header))

    def report(
        self, number: int, header: str, message: str, value: Any = None, *, cell: bool = False
    ) -> None:
        field = next(c.field for c in REALIZATION_COLUMNS if c.header == header)
        path = str(field[0]) if field else header
        self.reader.report(self.place(number, header), path, message, value, cell=cell)

    def raise_if_problems(self) -> None:
        self.reader.raise_if_problems()


def read_realization_sheet(path: str | FilePath) -> RealizationSheet:
    """Read the sheet `Realisasi`; file-level problems raise `DatasetError` at once."""
    file = str(path)
    book = open_book(path, only={REALIZATION_SHEET}, skip={INSTRUCTIONS_SHEET})
    reader = WorkbookReader(file, (SHEET,))
    reader.sheet_fields[SHEET.name] = "(realisasi)"
    raw = next(
        (s for name, s in book.sheets.items() if header_key(name) == header_key(SHEET.name)),
        None,
    )
    if raw is None:
        names = ", ".join(f"'{n}'" for n in book.sheets) or "(tidak ada)"
        raise DatasetError(
            [Problem(file, None, "(berkas)", f"sheet '{REALIZATION_SHEET}' tidak ada", names)]
        )
    reader.check_raw(raw)
    header = reader.header(SHEET, raw, SHEET.columns)
    columns = {} if header is None else {c.header: i for i, c in header.columns.items()}
    sheet = RealizationSheet(file, [], reader, columns)
    if header is None or any(c.required and c.header not in columns for c in SHEET.columns):
        if header is None:
            reader.report(reader.place(SHEET.name), (), "sheet kosong: tidak ada realisasi")
        return sheet
    numbers, items, bad = _items(sheet, raw.rows, raw.formulas, sorted(header.columns.items()))
    sheet.rows = _validated(sheet, numbers, items, bad)
    return sheet


def _items(
    sheet: RealizationSheet,
    rows: list[list[Any]],
    formulas: dict[tuple[int, int], str],
    columns: list[tuple[int, Column]],
) -> tuple[list[int], list[dict[str, Any]], set[int]]:
    """Each non-blank row's fields; rows with a bad cell are kept (for their other checks).

    This loop runs once per cell of a sheet of 110,000 rows, so it is kept plain: one
    converter per column, the item built directly (a reading makes the value a mapping).
    """
    plan = [
        (col, column.header, str(column.field[0]), column.kind == Kind.READING, converter(column))
        for col, column in columns
        if column.field
    ]
    numbers: list[int] = []
    items: list[dict[str, Any]] = []
    bad_rows: set[int] = set()
    for index in range(1, len(rows)):
        row = rows[index]
        width = len(row)
        item: dict[str, Any] = {}
        reading: Any = EMPTY
        blank, bad = True, False
        for col, header, name, is_reading, convert in plan:
            if formulas and (index, col) in formulas:
                blank, bad = False, True
                continue
            cell = row[col] if col < width else None
            try:
                value = convert(cell)
            except CellProblem as exc:
                blank, bad = False, True
                sheet.report(index + 1, header, str(exc), cell, cell=True)
                continue
            if value is EMPTY:
                continue
            blank = False
            if is_reading:
                reading = value
            else:
                item[name] = value
        if blank:
            continue
        if reading is not EMPTY:
            printed = item.pop("value", EMPTY)
            item["value"] = {"value": reading} | ({} if printed is EMPTY else {"printed": printed})
        if bad:
            bad_rows.add(len(items))
        numbers.append(index + 1)
        items.append(item)
    return numbers, items, bad_rows


def _validated(
    sheet: RealizationSheet, numbers: list[int], items: list[dict[str, Any]], bad: set[int]
) -> list[RealizationRow]:
    try:
        entries: list[RealizationEntry | None] = list(_ROWS.validate_python(items))
    except ValidationError as exc:
        failed = {error["loc"][0] for error in exc.errors(include_url=False)}
        places: dict[str, Place] = {}

        def locate(path: Path) -> str | None:
            rest = path[1:]
            if rest[:2] == ("value", "value"):
                header = "Nilai (dibaca)"
            else:
                header = _HEADERS.get(str(rest[0]) if rest else "", "Kode Instansi")
            place = sheet.place(numbers[int(path[0])], header)
            places[place.render()] = place
            return place.render()

        for problem in problems_from_validation(exc, sheet.file, locate):
            field = problem.field.split("]", 1)[-1].lstrip(".") or "(baris)"
            place = places.get(problem.place or "")
            if place in sheet.reader.bad_cells:
                continue  # the cell's own problem is reported already
            sheet.reader.problems.append((place, replace(problem, field=field)))
        keep = [i for i in range(len(items)) if i not in failed]
        valid = iter(_ROWS.validate_python([items[i] for i in keep]))
        entries = [None if i in failed else next(valid) for i in range(len(items))]
    return [
        RealizationRow(number, item, None if index in bad else entry)
        for index, (number, item, entry) in enumerate(zip(numbers, items, entries, strict=True))
    ]


_FIELDS = [c for c in REALIZATION_COLUMNS if c.field and c.kind != Kind.READING]
_HEADERS = {str(c.field[0]): c.header for c in _FIELDS if c.field}
