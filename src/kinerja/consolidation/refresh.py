"""Keeping the stored results (`OfficeResult`) in step with each office's verified values.

`result_rows` measures every year of a verified dataset with `kinerja.dataset.measure` (the
core's formulas and roll-up) and turns the outcome into rows. A change of an office's verified
data (`agencies.signals.office_changed`) only marks the office inside the writing transaction
(`mark_changed`: its `OfficeState` version moves on, cheap); the rows are rewritten by a task
(`kinerja.consolidation.queue`, `run_refresh`), one queued per office however many saves come
before it runs. Until then the office's rows are stale and the pages say so. `kinerja synth`
stores rows from the datasets it has just generated, by the same `result_rows`
(`store_results`).
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from kinerja.agencies.models import Agency
from kinerja.consolidation.models import Kind, OfficeResult, OfficeState
from kinerja.core.caps import rollup_value
from kinerja.core.quarters import ALL_QUARTERS
from kinerja.dataset.due import applicable_quarters
from kinerja.dataset.measure import measure
from kinerja.dataset.schema import Dataset, Year
from kinerja.results.verified import verified_dataset

_PLACES = Decimal("1E-10")
# A refresh queued this long ago and not yet started is taken as lost (a restored backup, a
# worker that died with it) and queued again by the next change.
QUEUE_AGAIN_AFTER = dt.timedelta(minutes=10)


def _stored(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(_PLACES)


def _counts(year: Year, codes: Iterable[str]) -> dict[str, tuple[int, int]]:
    """(due, verified) quarterly realisations of each indicator under the year's PKs."""
    due = applicable_quarters(year)
    entered = {(z.indicator, z.quarter) for z in year.realizations}
    counts = {}
    for code in codes:
        quarters = due.get(code, ALL_QUARTERS)
        counts[code] = (len(quarters), sum((code, q) in entered for q in quarters))
    return counts


def _sum(pairs: Iterable[tuple[int, int]]) -> tuple[int, int]:
    listed = list(pairs)
    return sum(p[0] for p in listed), sum(p[1] for p in listed)


def result_rows(agency_id: int, dataset: Dataset) -> list[OfficeResult]:
    """The rows of every year of a verified dataset: the office, its objectives, indicators."""
    rows: list[OfficeResult] = []
    for year in dataset.all_years():
        result = measure(dataset, year.year)
        counts = _counts(year, (ind.code for ind in result.indicators))
        items: list[tuple[Kind, str, str, str, Decimal | None, tuple[int, int]]] = [
            (Kind.OFFICE, "", "", result.agency_name, result.achievement, _sum(counts.values()))
        ]
        for obj in result.objectives:
            own = _sum(counts[i.code] for i in obj.indicators)
            items.append((Kind.OBJECTIVE, obj.code, obj.code, obj.name, obj.achievement, own))
            for ind in obj.indicators:
                value = ind.achievement.value
                if value is not None:
                    value = rollup_value(value, result.settings, ind.cap_applies)
                items.append(
                    (Kind.INDICATOR, ind.code, obj.code, ind.name, value, counts[ind.code])
                )
        rows.extend(
            OfficeResult(
                agency_id=agency_id,
                year=year.year,
                kind=kind,
                code=code,
                objective=objective,
                name=name,
                position=position,
                value=_stored(value),
                expected=expected,
                entered=entered,
            )
            for position, (kind, code, objective, name, value, (expected, entered)) in enumerate(
                items
            )
        )
    return rows


def new_stamp() -> str:
    return uuid.uuid4().hex


def store_results(rows_by_office: Iterable[tuple[int, list[OfficeResult]]]) -> None:
    """Replace the stored rows of the offices given (all their years) in one transaction, for
    data just loaded (`kinerja synth`): the rows are current, the data has a new stamp."""
    now = timezone.now()
    with transaction.atomic():
        for agency_id, rows in rows_by_office:
            OfficeResult.objects.filter(agency_id=agency_id).delete()
            OfficeResult.objects.bulk_create(rows, batch_size=2000)
            state = OfficeState.objects.select_for_update().filter(pk=agency_id).first()
            if state is None:
                OfficeState.objects.create(
                    agency_id=agency_id, stamp=new_stamp(), changed_at=now, refreshed_at=now
                )
                continue
            state.stamp, state.changed_at, state.refreshed_at = new_stamp(), now, now
            state.refreshed_version = state.version
            state.save(update_fields=["stamp", "changed_at", "refreshed_at", "refreshed_version"])


def mark_changed(agency_id: int, *, queue: bool = True) -> bool:
    """Move the office's data version on, inside the caller's transaction (one row, locked).

    Returns whether a refresh must be queued once the transaction commits: not when one is
    already waiting (it will read this change too), nor when `queue` is False.
    """
    now = timezone.now()
    with transaction.atomic():
        state = OfficeState.objects.select_for_update().filter(pk=agency_id).first()
        if state is None:
            try:
                with transaction.atomic():
                    OfficeState.objects.create(
                        agency_id=agency_id,
                        version=1,
                        stamp=new_stamp(),
                        changed_at=now,
                        queued_at=now if queue else None,
                    )
                return queue
            except IntegrityError:  # another transaction made it first: take that one
                state = OfficeState.objects.select_for_update().get(pk=agency_id)
        waiting = state.queued_at is not None and state.queued_at > now - QUEUE_AGAIN_AFTER
        state.version += 1
        state.stamp = new_stamp()
        state.changed_at = now
        enqueue = queue and not waiting
        if enqueue:
            state.queued_at = now
        state.save(update_fields=["version", "stamp", "changed_at", "queued_at"])
        return enqueue


def run_refresh(agency_id: int) -> str:
    """Rewrite an office's stored results from its verified values (the refresh task's work).

    The version is read (and the queue mark cleared) before the data, so the rows stored are
    at least as new as the version recorded with them; a change during the refresh queues
    another. A refresh that finds a newer one already stored leaves it.
    """
    with transaction.atomic():
        state = OfficeState.objects.select_for_update().filter(pk=agency_id).first()
        version = 0
        if state is not None:
            version = state.version
            state.queued_at = None
            state.save(update_fields=["queued_at"])
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        return "gone"
    rows = result_rows(agency.pk, verified_dataset(agency)) if agency.has_dataset else []
    with transaction.atomic():
        state = OfficeState.objects.select_for_update().filter(pk=agency_id).first()
        if state is not None and state.refreshed_version > version:
            return "superseded"
        OfficeResult.objects.filter(agency_id=agency_id).delete()
        OfficeResult.objects.bulk_create(rows, batch_size=2000)
        if state is None:  # the office's first change or refresh: its state starts here
            OfficeState.objects.bulk_create(
                [OfficeState(agency_id=agency_id, stamp=new_stamp(), refreshed_at=timezone.now())],
                ignore_conflicts=True,
            )
        else:
            state.refreshed_version = version
            state.refreshed_at = timezone.now()
            state.save(update_fields=["refreshed_version", "refreshed_at"])
    return "refreshed"


def refresh_office(agency: Agency) -> None:
    """Rewrite an office's stored results from its verified values in the database, now."""
    run_refresh(agency.pk)


_paused = threading.local()


@contextmanager
def refresh_paused() -> Iterator[None]:
    """Queue no refresh within: for a caller that stores the results itself (synth)."""
    _paused.on = True
    try:
        yield
    finally:
        _paused.on = False


def paused() -> bool:
    return bool(getattr(_paused, "on", False))
