"""Keeping the stored results (`OfficeResult`) in step with each office's verified values.

`result_rows` measures every year of a verified dataset with `kinerja.dataset.measure` (the
core's formulas and roll-up) and turns the outcome into rows. `refresh_office` rewrites an
office's rows from the database; the workflow actions and the imports call it once their
transaction commits (`refresh_on_commit`), so the consolidation never recomputes realisations
per request. `kinerja synth` stores rows from the datasets it has just generated, by the same
`result_rows`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal

from django.db import transaction

from kinerja.agencies.models import Agency
from kinerja.consolidation.models import Kind, OfficeResult
from kinerja.core.caps import rollup_value
from kinerja.core.quarters import ALL_QUARTERS
from kinerja.dataset.due import applicable_quarters
from kinerja.dataset.measure import measure
from kinerja.dataset.schema import Dataset, Year
from kinerja.results.verified import verified_dataset

_PLACES = Decimal("1E-10")


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
    for year in dataset.years:
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


def store_results(rows_by_office: Iterable[tuple[int, list[OfficeResult]]]) -> None:
    """Replace the stored rows of the offices given (all their years) in one transaction."""
    with transaction.atomic():
        for agency_id, rows in rows_by_office:
            OfficeResult.objects.filter(agency_id=agency_id).delete()
            OfficeResult.objects.bulk_create(rows, batch_size=2000)


def refresh_office(agency: Agency) -> None:
    """Rewrite an office's stored results from its verified values in the database."""
    if not agency.has_dataset:
        OfficeResult.objects.filter(agency=agency).delete()
        return
    store_results([(agency.pk, result_rows(agency.pk, verified_dataset(agency)))])


def refresh_on_commit(agency_id: int) -> None:
    """Refresh the office once the current transaction commits (at once outside of one)."""

    def run() -> None:
        agency = Agency.objects.filter(pk=agency_id).first()
        if agency is not None:
            refresh_office(agency)

    # Robust: the change is committed; a failing refresh is logged, not shown as a failed save,
    # and the next change of the office refreshes it again.
    transaction.on_commit(run, robust=True)


_paused = threading.local()


@contextmanager
def refresh_paused() -> Iterator[None]:
    """Ignore `office_changed` within: for a caller that stores the results itself (synth)."""
    _paused.on = True
    try:
        yield
    finally:
        _paused.on = False


def on_office_changed(sender: object, agency_id: int, **kwargs: object) -> None:
    """The receiver of `kinerja.agencies.signals.office_changed`."""
    if not getattr(_paused, "on", False):
        refresh_on_commit(agency_id)
