"""The transaction of a workflow change: all or nothing, and on SQLite tried again when busy.

PostgreSQL makes a writer wait on the rows another transaction holds (`select_for_update`).
SQLite locks the whole database instead: the settings open every transaction with
`BEGIN IMMEDIATE` and a busy timeout, so a writer waits for the one before it rather than
failing. A shared in-memory database (the tests') cannot wait and answers "database table is
locked" at once; a change that meets that, or a busy timeout that ran out, is tried again from
the start after a short random pause. Never inside an outer transaction: that one decides.
"""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.db import OperationalError, connection, transaction

P = ParamSpec("P")
T = TypeVar("T")
ATTEMPTS = 50
# A busy timeout that ran out has already waited (settings: 20 s); do not wait much longer.
GIVE_UP_SECONDS = 30


def _busy(exc: OperationalError) -> bool:
    return connection.vendor == "sqlite" and "locked" in str(exc)


def write_transaction(change: Callable[P, T]) -> Callable[P, T]:
    """Run `change` in one transaction; on SQLite, start it again while the database is busy.

    A change so wrapped reads everything it decides on inside the transaction, so a second
    attempt starts from what is stored then.
    """

    @functools.wraps(change)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        outermost = not connection.in_atomic_block
        give_up = time.monotonic() + GIVE_UP_SECONDS
        for attempt in range(ATTEMPTS):
            try:
                with transaction.atomic():
                    return change(*args, **kwargs)
            except OperationalError as exc:
                last = attempt == ATTEMPTS - 1 or time.monotonic() > give_up
                if not (outermost and _busy(exc)) or last:
                    raise
            time.sleep(min(0.2, 0.005 * (attempt + 1)) * random.uniform(0.5, 1.5))
        raise AssertionError("unreachable")

    return run
