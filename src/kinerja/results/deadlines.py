"""When a quarter's realisation is due: the 10th day of the month after the quarter.

This follows the monitoring practice of KPU offices (quarterly e-Monev reports by the 10th of
the next month); the dashboard shows a quarter as overdue from the day after.
"""

from __future__ import annotations

import datetime as dt

DUE_DAY = 10


def due_date(year: int, quarter: int) -> dt.date:
    """The last day a quarter's realisation can be entered on time."""
    if quarter == 4:
        return dt.date(year + 1, 1, DUE_DAY)
    return dt.date(year, quarter * 3 + 1, DUE_DAY)


def is_overdue(year: int, quarter: int, today: dt.date) -> bool:
    return today > due_date(year, quarter)
