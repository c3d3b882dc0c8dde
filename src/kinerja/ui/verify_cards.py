"""What the verification card shows so a planner can decide on it: the target the calculation
uses, the value, the achievement it gives, the previous quarter and last year, the operator's
note and the evidence."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.results.choices import RealizationStatus
from kinerja.results.models import Realization, ReportingYear
from kinerja.results.preview import Preview, previews


@dataclass
class Card:
    realization: Realization
    preview: Preview
    previous: Realization | None
    last_year: Realization | None


def verification_cards(year: ReportingYear) -> list[Card]:
    """The year's submitted values with their context, in quarter and unit order."""
    waiting = list(
        Realization.objects.filter(reporting_year=year, status=RealizationStatus.SUBMITTED)
        .select_related("indicator__work_unit", "submitted_by")
        .prefetch_related("evidence")
        .order_by("quarter", "indicator__work_unit__position", "position")
    )
    indicators = {z.indicator_id for z in waiting}
    around = {
        (z.reporting_year.year, z.indicator_id, z.quarter): z
        for z in Realization.objects.filter(
            reporting_year__agency_id=year.agency_id,
            reporting_year__year__in=(year.year, year.year - 1),
            indicator_id__in=indicators,
        ).select_related("reporting_year")
    }
    answers = previews(year, [(z.indicator, z.quarter, str(z.value)) for z in waiting])
    cards = []
    for z, answer in zip(waiting, answers, strict=True):
        z.reporting_year = year
        cards.append(
            Card(
                realization=z,
                preview=answer,
                previous=around.get((year.year, z.indicator_id, z.quarter - 1)),
                last_year=around.get((year.year - 1, z.indicator_id, z.quarter)),
            )
        )
    return cards
