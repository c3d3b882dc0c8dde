"""Reading a dataset from its Excel workbook form: the sheets turned into the dataset's nested
data, sheet by sheet, then validated by the one Pydantic schema (`read_xlsx`).

The workbook is turned into the same nested data the YAML reader gives, following the layout
table (`layout.SHEETS`). Parent sheets come before their children in the layout, so when a child
row is read its parent row is already placed; the parent is found by the values of the child's
parent-key columns. Every placed item remembers its sheet and row (`WorkbookReader.items`) for
error messages.
"""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Any

from pydantic import ValidationError

from kinerja.dataset.errors import format_path
from kinerja.dataset.excel.cells import EMPTY, CellProblem, found, is_blank, read_cell
from kinerja.dataset.excel.columns import (
    FORM_HEADERS,
    INSTRUCTIONS_SHEET,
    Column,
    Kind,
    Shape,
    Sheet,
    header_key,
)
from kinerja.dataset.excel.layout import (
    SHEETS,
    SHEETS_BY_NAME,
    children_of,
)
from kinerja.dataset.excel.package import RawBook, RawSheet, open_book
from kinerja.dataset.excel.reader import (
    _AMBIGUOUS,
    ColumnMap,
    Header,
    WorkbookReader,
    check_sheet_names,
    column_map,
    get_path,
    item_from,
    set_path,
)
from kinerja.dataset.references import Path
from kinerja.dataset.schema import Dataset

_FORM_COLUMNS = (
    Column(FORM_HEADERS[0], None, Kind.TEXT, True),
    Column(FORM_HEADERS[1], None, Kind.TEXT, True),
    Column(FORM_HEADERS[2], None, Kind.TEXT),
)


class _Tree:
    def __init__(self, reader: WorkbookReader) -> None:
        self.reader = reader
        self.data: dict[str, Any] = {}
        self.keys: dict[str, dict[tuple[Any, ...], Any]] = {}
        self.grid_rows: list[tuple[Path, int, dict[int, Any], dict[int, int]]] = []
        self.orphans: dict[tuple[int | None, str], list[int]] = {}
        self.dead: dict[str, set[tuple[Any, ...]]] = {}

    # --- placing --------------------------------------------------------------------------------

    def container(self, at: tuple[str, ...], empty: Any) -> Any:
        target: Any = self.data
        for part in at[:-1]:
            target = target.setdefault(part, {})
        return target.setdefault(at[-1], empty)

    def parent_path(
        self, sheet: Sheet, values: dict[str, Any], number: int, header: Header
    ) -> Path | None:
        assert sheet.parent is not None
        key = tuple(None if values.get(h, EMPTY) is EMPTY else values[h] for h in sheet.parent_keys)
        target = self.keys.get(sheet.parent, {}).get(key)
        if target is not None and target is not _AMBIGUOUS:
            return tuple(target)
        if key in self.dead.get(sheet.parent, set()):
            self.register_dead(sheet, values)
            return None  # the parent row was refused and is reported already
        self.register_dead(sheet, values)
        col = header.col_of(sheet.parent_keys[-1])
        place = self.reader.place(sheet.name, number, col)
        described = ", ".join(
            f"{h} {'kosong' if v is None else found(v)}"
            for h, v in zip(sheet.parent_keys, key, strict=True)
        )
        if target is _AMBIGUOUS:
            message = (
                f"lebih dari satu baris di sheet '{sheet.parent}' cocok dengan {described}; "
                "baris ini tidak dapat ditempatkan"
            )
        else:
            message = f"tidak ada baris dengan {described} di sheet '{sheet.parent}'"
        self.orphans.setdefault((place.col, message), []).append(number)
        return None

    def register_dead(self, sheet: Sheet, values: dict[str, Any]) -> None:
        """Remember the key of a row that was not placed, so its children stay quiet."""
        if sheet.key:
            key = tuple(None if values.get(h, EMPTY) is EMPTY else values[h] for h in sheet.key)
            self.dead.setdefault(sheet.name, set()).add(key)

    def report_orphans(self, sheet: Sheet) -> None:
        """Rows whose parent row is missing, one problem per missing parent (not per row)."""
        for (col, message), numbers in self.orphans.items():
            more = f"; juga baris {_ranges(numbers[1:])}" if len(numbers) > 1 else ""
            place = self.reader.place(sheet.name, numbers[0], col)
            self.reader.report(place, (), message + more, cell=True)
        self.orphans.clear()

    def register(self, sheet: Sheet, values: dict[str, Any], path: Path) -> None:
        if not sheet.key:
            return
        key = tuple(None if values.get(h, EMPTY) is EMPTY else values[h] for h in sheet.key)
        known = self.keys.setdefault(sheet.name, {})
        known[key] = _AMBIGUOUS if key in known else path

    def remember(self, sheet: Sheet, path: Path, number: int, columns: ColumnMap) -> None:
        self.reader.items[path] = (self.reader.place(sheet.name, number), columns)
        for child in children_of(sheet.name):
            if child.field:
                self.reader.hints[format_path((*path, child.field))] = (
                    f"isi di sheet '{child.name}'"
                )

    # --- sheets ---------------------------------------------------------------------------------

    def form(self, sheet: Sheet, raw: RawSheet) -> None:
        header = self.reader.header(sheet, raw, _FORM_COLUMNS)
        if header is None:
            return
        label_col = header.col_of(FORM_HEADERS[0])
        value_col = header.col_of(FORM_HEADERS[1])
        if label_col is None or value_col is None:
            return
        fields = {header_key(c.header): c for c in sheet.columns}
        seen: set[str] = set()
        target = self.container(sheet.at, {})
        for number, row in enumerate(raw.rows[1:], start=2):
            label = row[label_col] if label_col < len(row) else None
            cell = row[value_col] if value_col < len(row) else None
            if is_blank(label):
                if not is_blank(cell):
                    self.reader.report(
                        self.reader.place(sheet.name, number, label_col),
                        sheet.at,
                        "isian kosong: tulis nama isian di kolom 'Isian'",
                    )
                continue
            column = fields.get(header_key(str(label)))
            place = self.reader.place(sheet.name, number, label_col)
            if column is None:
                names = ", ".join(f"'{c.header}'" for c in sheet.columns)
                self.reader.report(place, sheet.at, f"isian tidak dikenal; isian: {names}", label)
                continue
            if column.header in seen:
                self.reader.report(place, sheet.at, "isian ditulis dua kali", label)
                continue
            seen.add(column.header)
            assert column.field is not None
            path = (*sheet.at, *column.field)
            one: ColumnMap = {(): value_col}
            self.reader.items[path] = (self.reader.place(sheet.name, number), one)
            if (number - 1, value_col) in raw.formulas or is_blank(cell):
                continue
            try:
                value = read_cell(cell, column)
            except CellProblem as exc:
                place = self.reader.place(sheet.name, number, value_col)
                self.reader.report(place, path, str(exc), cell, cell=True)
                continue
            if value is not EMPTY:
                set_path(target, column.field, value)

    def rows(self, sheet: Sheet, raw: RawSheet) -> None:
        header = self.reader.header(sheet, raw, sheet.columns)
        if header is None:
            return
        columns = column_map(header)
        if sheet.shape == Shape.MAP and sheet.map_key is not None:
            key_col = header.col_of(sheet.map_key)
            if key_col is not None:
                columns[("[key]",)] = key_col
        for number in range(2, len(raw.rows) + 1):
            values = self.reader.cells(sheet, raw, header, number, pattern(sheet))
            if values is None:
                continue
            if sheet.parent is None:
                items = self.container(sheet.at, [])
                path: Path = (*sheet.at, len(items))
            else:
                parent = self.parent_path(sheet, values, number, header)
                if parent is None:
                    continue
                if sheet.shape == Shape.GRID:
                    self.grid(sheet, raw, header, number, values, parent)
                    continue
                owner = get_path(self.data, parent)
                if sheet.shape == Shape.MAP:
                    self.entry(sheet, header, number, values, parent, owner, columns)
                    continue
                items = _ensure(owner, sheet.field_path, [])
                path = (*parent, *sheet.field_path, len(items))
            item = item_from(sheet, values)
            self.presence(sheet, header, number, values, item, path)
            items.append(item)
            self.remember(sheet, path, number, columns)
            self.register(sheet, values, path)
        self.report_orphans(sheet)

    def presence(
        self,
        sheet: Sheet,
        header: Header,
        number: int,
        values: dict[str, Any],
        item: dict[str, Any],
        path: Path,
    ) -> None:
        for column in sheet.columns:
            if column.kind != Kind.PRESENCE or column.field is None:
                continue
            flag = values.get(column.header, EMPTY)
            if flag is True and not _has(item, column.field):
                set_path(item, column.field, {})
            elif flag is False and _has(item, column.field):
                self.reader.report(
                    self.reader.place(sheet.name, number, header.col_of(column.header)),
                    (*path, *column.field),
                    "bertentangan dengan isian lain di baris ini: isi 'ya' atau kosongkan",
                    "tidak",
                    cell=True,
                )

    def entry(
        self,
        sheet: Sheet,
        header: Header,
        number: int,
        values: dict[str, Any],
        parent: Path,
        owner: dict[str, Any],
        columns: ColumnMap,
    ) -> None:
        assert sheet.map_key is not None
        key = values.get(sheet.map_key, EMPTY)
        value_column = next(c for c in sheet.columns if c.kind == Kind.VALUE)
        if key is EMPTY or not _has_value(sheet, values):
            missing = sheet.map_key if key is EMPTY else value_column.header
            place = self.reader.place(sheet.name, number, header.col_of(missing))
            if place not in self.reader.bad_cells:
                self.reader.report(place, pattern(sheet), "wajib diisi", cell=True)
            return
        entries = owner.setdefault(sheet.field, {})
        path = (*parent, sheet.field, key)
        if key in entries:
            self.reader.report(
                self.reader.place(sheet.name, number, header.col_of(sheet.map_key)),
                path,
                f"{sheet.map_key} {found(key)} ditulis dua kali untuk baris induk yang sama",
                cell=True,
            )
            return
        entries[key] = _entry_value(values, value_column)
        self.reader.items[path] = (self.reader.place(sheet.name, number), columns)

    def grid(
        self,
        sheet: Sheet,
        raw: RawSheet,
        header: Header,
        number: int,
        values: dict[str, Any],
        parent: Path,
    ) -> None:
        kind = values.get("Jenis", EMPTY)
        kind_col = header.col_of("Jenis")
        if kind is EMPTY:
            place = self.reader.place(sheet.name, number, kind_col)
            if place not in self.reader.bad_cells:
                self.reader.report(place, parent, "wajib diisi: 'kolom' atau 'baris'", cell=True)
            return
        row = raw.rows[number - 1]
        cells: dict[int, Any] = {}
        for index, position in header.cells.items():
            if (number - 1, index) in raw.formulas:
                continue
            cell = row[index] if index < len(row) else None
            if is_blank(cell):
                continue
            try:
                value = read_cell(cell, Column("Sel", None, Kind.CELL))
            except CellProblem as exc:
                place = self.reader.place(sheet.name, number, index)
                self.reader.report(place, parent, str(exc), cell, cell=True)
                continue
            if value is not EMPTY:
                cells[position] = value
        by_position = {position: index for index, position in header.cells.items()}
        table = get_path(self.data, parent)
        if kind == "columns":
            if "columns" in table:
                self.reader.report(
                    self.reader.place(sheet.name, number, kind_col),
                    parent,
                    "baris 'kolom' untuk tabel ini sudah ada",
                    cell=True,
                )
                return
            width = max(cells, default=-1) + 1
            table["columns"] = [cells.get(i, "") for i in range(width)]
            self.reader.items[(*parent, "columns")] = (
                self.reader.place(sheet.name, number),
                {(i,): col for i, col in by_position.items()},
            )
            return
        self.grid_rows.append((parent, number, cells, by_position))

    def finish_grid(self, sheet: Sheet) -> None:
        for parent, number, cells, by_position in self.grid_rows:
            table = get_path(self.data, parent)
            width = len(table.get("columns", []))
            rows = table.setdefault("rows", [])
            path = (*parent, "rows", len(rows))
            beyond = [i for i in cells if i >= width]
            for position in beyond:
                self.reader.report(
                    self.reader.place(sheet.name, number, by_position[position]),
                    path,
                    f"sel di luar kolom tabel (tabel ini punya {width} kolom di baris 'kolom')",
                    cells[position],
                    cell=True,
                )
            rows.append([cells.get(i) for i in range(width)])
            self.reader.items[path] = (
                self.reader.place(sheet.name, number),
                {(i,): col for i, col in by_position.items()},
            )


def _ranges(numbers: list[int]) -> str:
    """`[3, 4, 5, 8]` -> `3-5, 8`."""
    parts: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        parts.append(str(start) if start == previous else f"{start}-{previous}")
        if number is not None:
            start = previous = number
    return ", ".join(parts)


def _ensure(owner: dict[str, Any], path: tuple[str, ...], empty: Any) -> Any:
    for part in path[:-1]:
        owner = owner.setdefault(part, {})
    return owner.setdefault(path[-1], empty)


def _has(item: dict[str, Any], path: tuple[str | int, ...]) -> bool:
    try:
        get_path(item, path)
    except (KeyError, TypeError):
        return False
    return True


def _has_value(sheet: Sheet, values: dict[str, Any]) -> bool:
    return any(
        values.get(c.header, EMPTY) is not EMPTY
        for c in sheet.columns
        if c.kind in (Kind.VALUE, Kind.READING)
    )


def _entry_value(values: dict[str, Any], column: Column) -> Any:
    printed = values.get(column.header, EMPTY)
    reading = values.get(f"{column.header} (dibaca)", EMPTY)
    if reading is EMPTY:
        return printed
    return {"value": reading} if printed is EMPTY else {"printed": printed, "value": reading}


def pattern(sheet: Sheet) -> str:
    """The dataset path of a sheet's items, for problems found before an item is placed."""
    if sheet.parent is None:
        return format_path(sheet.at) + ("" if sheet.shape == Shape.FORM else "[]")
    parent = pattern(SHEETS_BY_NAME[sheet.parent])
    if sheet.shape == Shape.MAP:
        return f"{parent}.{sheet.field}[{sheet.map_key}]"
    if sheet.shape == Shape.GRID:
        return f"{parent}.rows[]"
    return f"{parent}.{sheet.field}[]"  # a dotted field reads as a path too


def build_tree(book: RawBook, reader: WorkbookReader) -> dict[str, Any]:
    """The dataset's nested data from the workbook's sheets; problems collected in `reader`."""
    tree = _Tree(reader)
    reader.sheet_fields.update({sheet.name: pattern(sheet) for sheet in SHEETS})
    sheets = check_sheet_names(book, reader, SHEETS)
    for sheet in SHEETS:
        if sheet.at:
            reader.roots[sheet.at] = reader.place(sheet.name)
            if sheet.required:
                reader.hints[format_path(sheet.at)] = f"sheet '{sheet.name}' tidak ada atau kosong"
        raw = sheets.get(sheet.name)
        if raw is None:
            continue
        if sheet.shape == Shape.FORM:
            tree.form(sheet, raw)
        else:
            tree.rows(sheet, raw)
            if sheet.shape == Shape.GRID:
                tree.finish_grid(sheet)
    reader.roots.setdefault(("settings", "rating_scale"), reader.place("Pengaturan"))
    return tree.data


def read_xlsx(path: str | FilePath) -> Dataset:
    """Read and validate a dataset workbook; `DatasetError` lists every problem with its cell."""
    return read_book(open_book(path, skip={INSTRUCTIONS_SHEET}))


def read_book(book: RawBook) -> Dataset:
    """Validate the sheets of an opened workbook as a dataset (see `read_xlsx`)."""
    reader = WorkbookReader(book.file, SHEETS)
    data = build_tree(book, reader)
    try:
        dataset = Dataset.model_validate(data)
    except ValidationError as exc:
        reader.raise_if_problems(exc)
        raise  # unreachable: a validation error always has problems
    reader.raise_if_problems()
    return dataset
