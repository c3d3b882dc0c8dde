"""The pohon kinerja of an office, from the database: the facts of the cascade review rules.

A dataset names, for each indicator, the code of the parent office's indicator it serves
(`serves`); whether that code exists, and whether every indicator of an upper office is served
from below, can only be known where the offices are stored together. Three queries.
"""

from __future__ import annotations

from kinerja.agencies.models import Agency
from kinerja.core.review.inputs import Cascade
from kinerja.plans.models import Indicator, in_period


def _in(year: int | None) -> dict[str, int]:
    """The filter of the Renstra period covering `year` (None: every period)."""
    return {} if year is None else in_period(year)


def cascade_facts(agency: Agency, year: int | None = None) -> Cascade:
    """The office's indicators with what each serves, its parent's codes, what is served below
    (of the Renstra periods covering `year`, when given)."""
    own = tuple(
        Indicator.objects.filter(objective__plan__agency=agency, **_in(year))
        .order_by("objective__position", "position", "pk")
        .values_list("code", "objective__code", "serves")
    )
    parent = agency.parent if agency.parent_id else None
    parent_codes: tuple[str, ...] = ()
    if parent is not None and parent.has_dataset:
        parent_codes = tuple(
            Indicator.objects.filter(objective__plan__agency=parent, **_in(year)).values_list(
                "code", flat=True
            )
        )
    children = tuple(
        Agency.objects.filter(parent=agency, has_dataset=True)
        .order_by("code")
        .values_list("name", flat=True)
    )
    served: tuple[str, ...] = ()
    if children:
        served = tuple(
            Indicator.objects.filter(
                objective__plan__agency__parent=agency, serves__isnull=False, **_in(year)
            )
            .values_list("serves", flat=True)
            .distinct()
        )
    return Cascade(
        parent_office=parent.name if parent is not None and parent.has_dataset else None,
        parent_indicators=parent_codes,
        serves=own,
        children=children,
        served=served,
    )
