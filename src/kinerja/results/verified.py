"""The dataset as the office has verified it: what dashboards and documents are built from.

A quarterly realisation or a budget realisation counts only once a planner has verified it (or
it came in with an imported dataset, which is verified by definition). Drafts, submitted and
returned values are left out, so that unverified data is never shown or printed as achieved or
spent.
"""

from __future__ import annotations

from kinerja.agencies.datasets import export_dataset
from kinerja.agencies.models import Agency
from kinerja.dataset.schema import Dataset, Year
from kinerja.results.choices import RealizationStatus
from kinerja.results.models import Realization, Spending


def unverified_keys(agency: Agency) -> set[tuple[int, str, int]]:
    """(year, indicator code, quarter) of every realisation not yet verified: one query."""
    return set(
        Realization.objects.filter(reporting_year__agency=agency)
        .exclude(status=RealizationStatus.VERIFIED)
        .values_list("reporting_year__year", "indicator__code", "quarter")
    )


def spending_verified(agency: Agency) -> dict[int, list[bool]]:
    """Per year, whether each spending row is verified, in the order the export lists them."""
    found: dict[int, list[bool]] = {}
    rows = Spending.objects.filter(reporting_year__agency=agency).order_by(
        "reporting_year_id", "position", "id"
    )
    for year, status in rows.values_list("reporting_year__year", "status"):
        found.setdefault(year, []).append(status == RealizationStatus.VERIFIED)
    return found


def verified_copy(dataset: Dataset, agency: Agency) -> Dataset:
    """`dataset` (the office's export) without its unverified realisations and spending."""
    pending = unverified_keys(agency)
    spending = spending_verified(agency)
    if not pending and all(all(flags) for flags in spending.values()):
        return dataset

    def verified(year: Year) -> Year:
        return year.model_copy(
            update={
                "realizations": [
                    z
                    for z in year.realizations
                    if (year.year, z.indicator, z.quarter) not in pending
                ],
                "spending": [
                    s
                    for s, ok in zip(year.spending, spending.get(year.year, []), strict=True)
                    if ok
                ],
            }
        )

    return dataset.with_years(verified)


def verified_dataset(agency: Agency) -> Dataset:
    """The office's dataset without its unverified quarterly realisations and spending."""
    return verified_copy(export_dataset(agency), agency)
