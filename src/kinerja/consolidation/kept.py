"""Consolidations kept per process while no office's stored results change.

A national page consolidates 553 offices' stored rows (about 170 ms on the measured tree); the
rows change only when an office's refresh stores new ones, which also stamps its `OfficeState`
(`refreshed_at`). So the pages key a kept consolidation by the latest refresh and the number of
office states (one aggregate query over a table of one row per office), and consolidate again
only after some office's rows changed. Each process keeps the last `KEPT` consolidations.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from django.db.models import Count, F, Max

from kinerja.agencies.models import Agency
from kinerja.consolidation.models import OfficeState
from kinerja.consolidation.summary import Consolidation, below_ids, consolidate

KEPT = 128

_kept: OrderedDict[tuple[Any, ...], Consolidation] = OrderedDict()
_lock = threading.Lock()


def generation() -> tuple[Any, ...]:
    """What changes whenever any office's stored results are rewritten: one query."""
    found = OfficeState.objects.aggregate(latest=Max("refreshed_at"), states=Count("pk"))
    return (found["latest"], found["states"])


def consolidate_kept(agency: Agency, year: int, level: str | None = None) -> Consolidation:
    """`summary.consolidate`, from this process's memory while no office's results changed."""
    key = (agency.pk, year, level, *generation())
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
            return found
    made = consolidate(agency, year, level)
    with _lock:
        _kept[key] = made
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return made


def updating(agency: Agency) -> int:
    """How many offices of the subtree have results being refreshed (stale): one query."""
    return OfficeState.objects.filter(
        agency_id__in=below_ids(agency.pk), refreshed_version__lt=F("version")
    ).count()


def forget() -> None:
    """Drop everything kept (tests; a restored backup)."""
    with _lock:
        _kept.clear()
