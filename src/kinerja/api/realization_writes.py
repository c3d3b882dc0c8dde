"""Writing realisations through the API: fetch with permission, call the workflow action.

Every write goes through `kinerja.results.actions`, which locks the row (`select_for_update`)
and compares the version the client read with the stored one inside the same transaction: of two
writers holding the same version, the second waits for the first, then sees the new version and
is refused with 409 and the current value. Nothing is lost and nothing is mixed.

SQLite has no row locks: a writer that meets another's transaction is told "database is locked"
at once. Such a write is tried again after a short, random pause (outside any transaction), so it
then reads the other's committed version and gets the same 409 as on PostgreSQL.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import IntegrityError, OperationalError, connection

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_realization, access_unit, access_year
from kinerja.accounts.rules import User
from kinerja.api import answers
from kinerja.api.errors import ApiError
from kinerja.plans.models import Indicator, in_period
from kinerja.results import actions
from kinerja.results.models import Realization

T = TypeVar("T")
SQLITE_ATTEMPTS = 50
STALE = (
    "Realisasi ini telah diubah orang lain sejak Anda membacanya. Nilai sekarang ada di details."
)
EXISTS = "Realisasi triwulan ini sudah ada; ubah dengan PUT /realizations/{id} beserta versinya."


def serialised(write: Callable[[], T]) -> T:
    """`write()`, tried again while SQLite reports another writer's lock (never on PostgreSQL)."""
    for attempt in range(SQLITE_ATTEMPTS):
        try:
            return write()
        except OperationalError as exc:
            if (
                connection.vendor != "sqlite"
                or connection.in_atomic_block
                or "locked" not in str(exc)
                or attempt == SQLITE_ATTEMPTS - 1
            ):
                raise
            time.sleep(min(0.2, 0.005 * (attempt + 1)) * random.uniform(0.5, 1.5))
    raise AssertionError("unreachable")


def current(pk: int) -> Realization:
    return Realization.objects.select_related(*answers.REALIZATION_RELATED).get(pk=pk)


def conflict(pk: int, message: str) -> ApiError:
    """409 with the realisation as it is stored now."""
    return ApiError(409, message, {"current": answers.realization(current(pk))})


def update(user: User, pk: int, value: str, note: str, version: int) -> Realization:
    """Correct a draft or returned realisation at the version the client read."""

    def write() -> Realization:
        z = access_realization(user, pk, r.EDIT_REALIZATION).obj
        try:
            actions.save_realization(
                user, z.reporting_year, z.indicator, z.quarter, value, note, version
            )
        except actions.StaleVersion as exc:
            raise conflict(pk, STALE) from exc
        return current(pk)

    return serialised(write)


def create(
    user: User, office: str, year: int, code: str, quarter: int, value: str, note: str
) -> Realization:
    """Enter a quarter's first realisation of an indicator; 409 when there already is one."""

    def write() -> Realization:
        record = access_year(user, office, year).obj
        indicator = (
            Indicator.objects.select_related("work_unit")
            .filter(objective__plan__agency=record.agency, code=code, **in_period(record.year))
            .first()
        )
        if indicator is None:
            raise ApiError(404, "Indikator tidak ditemukan di instansi ini.")
        if indicator.work_unit is None:
            raise ApiError(409, "Indikator ini tidak punya unit kerja pengisi.")
        access_unit(user, record, indicator.work_unit.code, r.ENTER)
        existing = Realization.objects.filter(
            reporting_year=record, indicator=indicator, quarter=quarter
        ).first()
        if existing is not None:
            raise conflict(existing.pk, EXISTS)
        try:
            # Version 0 is no stored version: a row another writer just made is refused.
            saved = actions.save_realization(user, record, indicator, quarter, value, note, 0)
        except (actions.StaleVersion, IntegrityError) as exc:
            found = Realization.objects.get(
                reporting_year=record, indicator=indicator, quarter=quarter
            )
            raise conflict(found.pk, EXISTS) from exc
        return current(saved.pk)

    return serialised(write)


def step(user: User, pk: int, name: str, version: int, reason: str = "") -> Realization:
    """Submit, verify or return a realisation exactly at the version the client read."""
    permission = {"submit": r.SUBMIT, "verify": r.VERIFY, "return": r.RETURN}[name]

    def write() -> Realization:
        z = access_realization(user, pk, permission).obj
        try:
            if name == "submit":
                actions.submit_realization(user, z, version)
            elif name == "verify":
                actions.verify_realization(user, z, version)
            else:
                actions.return_realization(user, z, version, reason)
        except actions.StaleVersion as exc:
            raise conflict(pk, STALE) from exc
        return current(pk)

    return serialised(write)
