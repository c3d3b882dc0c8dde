"""The dataset as the office has verified it: what dashboards and documents are built from.

A quarterly realisation counts only once a planner has verified it (or it came in with an
imported dataset, which is verified by definition). Drafts, submitted and returned values are
left out, so that unverified data is never shown or printed as achieved.
"""

from __future__ import annotations

from kinerja.agencies.datasets import export_dataset
from kinerja.agencies.models import Agency
from kinerja.dataset.pending import without_pending
from kinerja.dataset.schema import Dataset
from kinerja.results.choices import RealizationStatus
from kinerja.results.models import Realization


def unverified_keys(agency: Agency) -> set[tuple[int, str, int]]:
    """(year, indicator code, quarter) of every realisation not yet verified: one query."""
    return set(
        Realization.objects.filter(reporting_year__agency=agency)
        .exclude(status=RealizationStatus.VERIFIED)
        .values_list("reporting_year__year", "indicator__code", "quarter")
    )


def verified_dataset(agency: Agency) -> Dataset:
    """The office's dataset without its unverified quarterly realisations."""
    return without_pending(export_dataset(agency), unverified_keys(agency))
