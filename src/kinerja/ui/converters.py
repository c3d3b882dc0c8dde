"""Path converters: a URL whose year, quarter or id cannot exist does not match (404).

Django's `int` takes any run of digits, so a quarter of 5 reached the database's check
constraint and an id of 99999999999999999999 overflowed the column: both were 500s.
"""

from __future__ import annotations

from kinerja.dataset.storable import FIRST_YEAR, LAST_YEAR
from kinerja.dataset.storable import MAX_AMOUNT as MAX_ID


class YearConverter:
    """A calendar year of four digits, 1900 to 2200."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(value)
        return year

    def to_url(self, value: int) -> str:
        return str(value)


class QuarterConverter:
    """A quarter (triwulan): 1, 2, 3 or 4."""

    regex = "[1-4]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class IdConverter:
    """A row id: 1 to 2^63 - 1 (a big integer primary key)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(value)
        return number

    def to_url(self, value: int) -> str:
        return str(value)
