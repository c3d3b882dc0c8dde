"""Writing one cell of a workbook safely, and the header style every workbook shares.

Texts are always written as text cells: a text starting with `=`, `+`, `-` or `@` is stored as
text with Excel's quote prefix, never as a formula (spreadsheet formula injection); a text Excel
cannot hold (too long, control characters) is refused with a message naming the cell.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.dataset.excel.package import column_letter

MAX_TEXT = 32_767
_FORMULA_START = ("=", "+", "-", "@")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")


class WorkbookWriteError(ValueError):
    """A dataset value Excel cannot hold; the message is Indonesian and names the cell."""


def put(sheet: Worksheet, row: int, col: int, value: Any) -> None:
    """Write one cell. Texts stay text: never a formula, whatever they start with."""
    cell = sheet.cell(row=row, column=col)
    if isinstance(value, str):
        where = f"sheet '{sheet.title}', sel {column_letter(col - 1)}{row}"
        if len(value) > MAX_TEXT:
            raise WorkbookWriteError(
                f"{where}: teks {len(value)} karakter melebihi batas Excel ({MAX_TEXT})"
            )
        if ILLEGAL_CHARACTERS_RE.search(value):
            raise WorkbookWriteError(
                f"{where}: teks berisi karakter kendali yang tidak dapat disimpan di Excel"
            )
        cell.value = value
        cell.data_type = "s"
        if value.startswith(_FORMULA_START):
            cell.quotePrefix = True
        return
    cell.value = value
