"""Reading one cell of a workbook as the dataset field its column stands for.

Excel gives numbers as floats, dates as dates, and cannot tell an empty text from an empty cell.
Each conversion returns the value for the dataset (or `EMPTY`, for a cell that leaves the field
out) and, when the cell cannot be meant as its column's kind, an Indonesian message saying what
was expected. Values that only the schema can judge (a code's pattern, a year's range, a printed
value's grammar) pass through to it, so both readers of the format give the same messages.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

from kinerja.dataset.excel.columns import (
    EMPTY_TEXT,
    NO,
    YES,
    Column,
    Kind,
)

EMPTY: Any = object()
"""The cell is empty: the field is left out."""

_EXACT = 2**53
_TRUE = {"ya", "y", "true", "benar"}
_FALSE = {"tidak", "t", "false", "salah"}


class CellProblem(ValueError):
    """A cell that cannot be read as its column's kind; the message says what was expected."""


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < _EXACT:
        return str(int(value))
    return repr(value) if not isinstance(value, str) else f"'{value}'"


def found(value: Any) -> str:
    """The cell's content as shown in a problem."""
    text = _describe(value)
    return text if len(text) <= 80 else text[:77] + "...'"


def _whole(value: float) -> int | None:
    if math.isfinite(value) and value.is_integer() and abs(value) < _EXACT:
        return int(value)
    return None


def _text(value: Any, what: str) -> Any:
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return EMPTY
        return "" if text == EMPTY_TEXT else text
    if isinstance(value, bool):
        raise CellProblem(f"harus {what}, bukan TRUE/FALSE")
    if isinstance(value, int | float):
        whole = _whole(float(value))
        if whole is None:
            if isinstance(value, float) and value.is_integer():
                raise CellProblem(
                    f"harus {what}; angka sepanjang ini tidak utuh di Excel: format sel sebagai "
                    "Teks lalu ketik ulang"
                )
            return repr(value)
        return str(whole)
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        raise CellProblem(f"harus {what}, bukan tanggal atau jam: format sel sebagai Teks")
    raise CellProblem(f"harus {what}")


def _integer(value: Any) -> Any:
    if isinstance(value, bool):
        raise CellProblem("harus bilangan bulat")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        whole = _whole(value)
        if whole is not None:
            return whole
        if math.isfinite(value) and value.is_integer():
            raise CellProblem(
                "angka terlalu besar untuk dibaca utuh dari Excel; tulis sebagai teks"
            )
        return value  # the schema says "tanpa desimal"
    if isinstance(value, str):
        text = value.strip()
        return text if text else EMPTY
    raise CellProblem("harus bilangan bulat")


def _number(value: Any) -> Any:
    if isinstance(value, bool):
        raise CellProblem("harus angka")
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        text = value.strip()
        return text if text else EMPTY
    raise CellProblem("harus angka")


def _bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().casefold()
        if not text:
            return EMPTY
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise CellProblem(f"harus '{YES}' atau '{NO}'")


def _choice(value: Any, column: Column) -> Any:
    assert column.choice is not None
    if isinstance(value, str) and not value.strip():
        return EMPTY
    code = column.choice.code_of(value) if isinstance(value, str) else None
    if code is None:
        shown = [f"'{label}'" for label in column.choice.shown]
        raise CellProblem(f"harus salah satu dari {', '.join(shown[:-1])} atau {shown[-1]}")
    return code


def _date(value: Any) -> Any:
    if isinstance(value, dt.date):  # datetime too: the schema refuses a time of day
        return value
    if isinstance(value, str):
        text = value.strip()
        return text if text else EMPTY
    raise CellProblem("harus tanggal (ketik sebagai tanggal, atau teks YYYY-MM-DD)")


def _printed(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        return text if text else EMPTY
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CellProblem("harus teks nilai, mis. '95%', '3 orang', 'B' atau 'selesai'")
    whole = value if isinstance(value, int) else _whole(value)
    if whole is not None:
        # A whole number is a bare number in the indicator's Satuan, checked with the dataset.
        return str(whole)
    raise CellProblem(
        "harus teks nilai, mis. '95%', '3 orang' atau '0,16', bukan angka pecahan: format sel "
        "sebagai Teks lalu ketik nilainya (Excel dapat mengubah '95%' menjadi 0,95)"
    )


def _list(value: Any, what: str) -> Any:
    text = _text(value, what)
    if text is EMPTY:
        return EMPTY
    return [part.strip() for part in text.split(",") if part.strip()]


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return _text(value, "teks atau angka")
    if isinstance(value, bool):
        raise CellProblem("harus teks atau angka, bukan TRUE/FALSE")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        whole = _whole(value)
        return whole if whole is not None else value
    raise CellProblem("harus teks atau angka, bukan tanggal atau jam")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_cell(value: Any, column: Column) -> Any:
    """The field value a cell gives, `EMPTY` for none; `CellProblem` when it cannot be meant."""
    if is_blank(value):
        return EMPTY
    kind = column.kind
    if kind in (Kind.TEXT, Kind.CODE):
        return _text(value, "teks")
    if kind in (Kind.INT, Kind.AMOUNT):
        return _integer(value)
    if kind == Kind.FLOAT:
        return _number(value)
    if kind in (Kind.BOOL, Kind.PRESENCE):
        return _bool(value)
    if kind == Kind.CHOICE:
        return _choice(value, column)
    if kind == Kind.DATE:
        return _date(value)
    if kind in (Kind.VALUE, Kind.READING):
        return _printed(value)
    if kind in (Kind.CODES, Kind.TEXTS):
        return _list(value, "teks")
    return _cell(value)


def converter(column: Column) -> Callable[[Any], Any]:
    """`read_cell` for one column, with a fast path for the usual cell of its kind.

    Reading 110,000 rows spends most of its time here; the fast path gives the same result as
    `read_cell` for a text cell in a text column and a whole number in a number column.
    """
    kind = column.kind

    def general(value: Any) -> Any:
        return read_cell(value, column)

    if kind in (Kind.TEXT, Kind.CODE, Kind.VALUE, Kind.READING):
        marker = kind in (Kind.TEXT, Kind.CODE)

        def text(value: Any) -> Any:
            if type(value) is str:
                stripped = value.strip()
                if not stripped:
                    return EMPTY
                return "" if marker and stripped == EMPTY_TEXT else stripped
            return EMPTY if value is None else read_cell(value, column)

        return text
    if kind in (Kind.INT, Kind.AMOUNT):

        def whole(value: Any) -> Any:
            if type(value) is float and value.is_integer() and -_EXACT < value < _EXACT:
                return int(value)
            return EMPTY if value is None else read_cell(value, column)

        return whole
    return general
