"""An office's verified dataset and its measurements, kept per process by the data's stamp.

The office dashboard, the entry page and the planner's and leader's homes show the office's
year measured from its verified data (`kinerja.results.verified`, `kinerja.dataset.measure`):
exporting the dataset and measuring it costs 0.1-0.6 s, far more than the page around it. The
result depends only on the verified data, and every change of that data gives the office a
new `OfficeState.stamp` inside the writing transaction (`refresh.mark_changed`, through
`agencies.signals.office_changed`). So a page reads the stamp (one query) and reuses what this
process measured under the same stamp; a verification makes a new stamp, so the next page
measures again. Stamps are random, never reused: a stamp read before a change's commit names
the data before it or a newer one, never an older one.

Only the verified dataset is kept: drafts, submissions and the completeness of the cards are
read fresh by the pages. Each process keeps the last `KEPT` offices (about 2 MB each for five
years of a synthetic office).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from kinerja.agencies.models import Agency
from kinerja.consolidation.models import OfficeState
from kinerja.consolidation.refresh import new_stamp
from kinerja.dataset.measure import MeasureResult, measure
from kinerja.dataset.schema import Dataset
from kinerja.results.verified import verified_dataset

KEPT = 64


class MeasuredOffice:
    """One office's verified dataset under one stamp, and what was derived from it."""

    def __init__(self, stamp: str, dataset: Dataset) -> None:
        self.stamp = stamp
        self.dataset = dataset
        self._derived: dict[tuple[str, int], Any] = {}

    def derived(self, name: str, year: int, make: Callable[[Dataset, int], Any]) -> Any:
        """`make(dataset, year)`, made once per process for this stamp (read-only to callers)."""
        key = (name, year)
        if key not in self._derived:
            self._derived[key] = make(self.dataset, year)
        return self._derived[key]

    def result(self, year: int) -> MeasureResult:
        """The year measured by the core (`kinerja.dataset.measure`)."""
        return self.derived("measure", year, measure)  # type: ignore[no-any-return]


_kept: OrderedDict[tuple[int, str], MeasuredOffice] = OrderedDict()
_lock = threading.Lock()


def office_stamp(agency_id: int) -> str:
    """The office's current data stamp: one query (and a row made the first time)."""
    found = OfficeState.objects.filter(pk=agency_id).values_list("stamp", flat=True).first()
    if found:
        return found
    OfficeState.objects.bulk_create(
        [OfficeState(agency_id=agency_id, stamp=new_stamp())], ignore_conflicts=True
    )
    return OfficeState.objects.filter(pk=agency_id).values_list("stamp", flat=True).get()


def measured_office(agency: Agency) -> MeasuredOffice:
    """The office's verified dataset as of now, from this process's memory when unchanged."""
    stamp = office_stamp(agency.pk)
    key = (agency.pk, stamp)
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
            return found
    made = MeasuredOffice(stamp, verified_dataset(agency))
    with _lock:
        for older in [k for k in _kept if k[0] == agency.pk]:
            del _kept[older]  # the office's data has changed since
        _kept[key] = made
        _kept.move_to_end(key)
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return made


def forget() -> None:
    """Drop everything kept (tests; a restored backup)."""
    with _lock:
        _kept.clear()
