"""What storage holds: the bounds every number and text of a dataset keeps to.

A value past these bounds would pass validation and then fail in the database (an integer
overflow, PostgreSQL refusing a NUL character), as a traceback or a 500. The schema, the
realisation workbook, the web forms and the URL converters take their limits from here.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, Field

MAX_AMOUNT = 2**63 - 1
"""The largest amount storage holds (a 64-bit integer column); also the largest row id."""
MAX_COUNT = 2**31 - 1
"""The largest count storage holds (a 32-bit integer column)."""
FIRST_YEAR, LAST_YEAR = 1900, 2200
"""The plausible calendar years (a Renstra period, a commissioners' term, a target's year)."""
NOTE_MAX_LENGTH = 2000
"""The longest note of a realisation: the dataset, the realisation workbook, the web form and
the API share it."""
NUL_MESSAGE = "tidak boleh berisi karakter NUL"

Amount = Annotated[int, Field(ge=0, le=MAX_AMOUNT)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
CalendarYear = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]


def refuse_nul(text: str) -> str:
    """A text validator for models read outside a `Dataset` (the realisation workbook)."""
    if "\x00" in text:
        raise ValueError(NUL_MESSAGE)
    return text


Note = Annotated[str, AfterValidator(refuse_nul), Field(max_length=NOTE_MAX_LENGTH)]


def nul_paths(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """The path of every text (or key) holding a NUL character in plain data."""
    if isinstance(value, str):
        return [path] if "\x00" in value else []
    found: list[tuple[str | int, ...]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and "\x00" in key:
                found.append((*path, key))
            found += nul_paths(item, (*path, key))
    elif isinstance(value, list | tuple):
        for number, item in enumerate(value):
            found += nul_paths(item, (*path, number))
    return found
