"""The offices below an upper office, each with its stored figures of its current year.

What the upper offices' home page and office page list: for every office below (at any depth),
its current reporting year (this calendar year when it has one, else its latest), its own
achievement and its verified and due realisations from the stored results (`OfficeResult`),
whether those are being refreshed (`OfficeState`), and its rating scale. Five queries whatever
the number of offices: nothing is measured per request.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F

from kinerja.agencies.models import Agency
from kinerja.consolidation.models import Kind, OfficeResult, OfficeState
from kinerja.consolidation.summary import below_ids
from kinerja.core.scales import RatingBand, RatingScale
from kinerja.dataset import schema
from kinerja.dataset.measure import rating_scale
from kinerja.results.models import ReportingYear


@dataclass(frozen=True)
class StoredOffice:
    """An office below with its stored figures of its current year (None: no year)."""

    agency: Agency
    year: int | None
    achievement: Decimal | None
    rating: RatingBand | None
    scale: RatingScale
    expected: int
    entered: int
    stale: bool


def current_years(ids: Any, today: dt.date) -> dict[int, int]:
    """Per office, this calendar year when it has a reporting year for it, else its latest."""
    found: dict[int, set[int]] = {}
    for agency_id, year in ReportingYear.objects.filter(agency_id__in=ids).values_list(
        "agency_id", "year"
    ):
        found.setdefault(agency_id, set()).add(year)
    return {a: today.year if today.year in years else max(years) for a, years in found.items()}


def _scales(raw: Any, known: dict[str, RatingScale]) -> RatingScale:
    key = json.dumps(raw, sort_keys=True, default=str)
    if key not in known:
        known[key] = rating_scale(schema.Settings.model_validate({"rating_scale": raw}))
    return known[key]


def stored_offices_below(agency: Agency, today: dt.date) -> list[StoredOffice]:
    """Every office below `agency`, by name, with its stored figures."""
    ids = below_ids(agency.pk)
    offices = list(
        Agency.objects.filter(pk__in=ids)
        .exclude(pk=agency.pk)
        .select_related("achievement_settings")
        .order_by("name", "code")
    )
    years = current_years(ids, today)
    results = {
        (a, y): (value, expected, entered)
        for a, y, value, expected, entered in OfficeResult.objects.filter(
            agency_id__in=ids, kind=Kind.OFFICE
        ).values_list("agency_id", "year", "value", "expected", "entered")
    }
    stale = set(
        OfficeState.objects.filter(
            agency_id__in=ids, refreshed_version__lt=F("version")
        ).values_list("agency_id", flat=True)
    )
    known: dict[str, RatingScale] = {}
    found = []
    for office in offices:
        settings = getattr(office, "achievement_settings", None)
        scale = _scales(settings.rating_scale if settings is not None else None, known)
        year = years.get(office.pk) if office.has_dataset else None
        value, expected, entered = results.get((office.pk, year), (None, 0, 0))
        found.append(
            StoredOffice(
                agency=office,
                year=year,
                achievement=value,
                rating=scale.rate(value),
                scale=scale,
                expected=expected,
                entered=entered,
                stale=office.pk in stale,
            )
        )
    return found
