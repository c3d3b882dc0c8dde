"""Deadline reminders: H-7, H-3 and H-1 before each quarter's entry deadline.

`kinerja remind` runs this once a day (a systemd timer or cron, `docs/deployment.md`). On each
of those days, every operator of a work unit that still has unfilled cards in the quarter gets one
reminder (the office's planners when the unit has no operator). Each reminder is a
`Notification` with the key `remind:<year id>:<quarter>:H-<days>:<unit>`, so running the command
again the same day, or on a missed day, sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse

from kinerja.accounts.choices import Role
from kinerja.accounts.models import Membership
from kinerja.agencies.models import WorkUnit
from kinerja.formats import format_date
from kinerja.notifications.choices import Kind
from kinerja.notifications.models import Notification
from kinerja.notifications.send import email_enabled, notify
from kinerja.results.duties import owed
from kinerja.results.models import ReportingYear

DAYS_BEFORE = (7, 3, 1)


@dataclass(frozen=True)
class Reminder:
    """One reminder to one user: `new` unless it was sent on an earlier run."""

    username: str
    email: str
    agency: str
    year: int
    quarter: int
    unit: str
    days: int
    due: dt.date
    unfilled: int
    key: str
    new: bool
    email_copy: bool

    def as_json(self) -> dict[str, object]:
        return {
            "user": self.username,
            "email": self.email or None,
            "agency": self.agency,
            "year": self.year,
            "quarter": self.quarter,
            "unit": self.unit,
            "days_before": self.days,
            "due": self.due.isoformat(),
            "unfilled": self.unfilled,
            "new": self.new,
            "email_copy": self.email_copy,
        }


def _recipients(year: ReportingYear, unit: WorkUnit) -> list[object]:
    operators = Membership.objects.filter(
        agency_id=year.agency_id, role=Role.OPERATOR, work_unit_code=unit.code
    ).select_related("user")
    people = [m.user for m in operators if m.user.is_active]
    if people:
        return people
    planners = Membership.objects.filter(
        agency_id=year.agency_id, role=Role.PLANNER
    ).select_related("user")
    return [m.user for m in planners if m.user.is_active]


def remind(today: dt.date, dry_run: bool = False) -> list[Reminder]:
    """The reminders due today, sent unless `dry_run`; those already sent come back unsent."""
    answer: list[Reminder] = []
    years = ReportingYear.objects.filter(
        locked_at__isnull=True, agency__has_dataset=True, year__in=(today.year - 1, today.year)
    ).select_related("agency")
    for year in years.order_by("agency__code", "year"):
        units = {u.pk: u for u in WorkUnit.objects.filter(agency=year.agency)}
        for card in owed(year):
            days = (card.due - today).days
            if days not in DAYS_BEFORE or not card.unfilled:
                continue
            unit = units[card.unit_id]
            key = f"remind:{year.pk}:{card.quarter}:H-{days}:{unit.code}"
            title = (
                f"H-{days}: {len(card.unfilled)} isian triwulan {card.quarter} unit "
                f"{unit.short_name or unit.name} belum diajukan"
            )
            body = (
                f"Tenggat isian realisasi triwulan {card.quarter} tahun {year.year} adalah "
                f"{format_date(card.due)}. Belum diajukan: {len(card.unfilled)} dari "
                f"{card.total} indikator."
            )
            url = reverse("ui:entry", args=[year.agency.code, year.year, unit.code, card.quarter])
            for user in _recipients(year, unit):
                done = Notification.objects.filter(user=user, key=key).exists()
                if not done and not dry_run:
                    with transaction.atomic():
                        done = not notify([user], Kind.DEADLINE, title, body, url, key)
                answer.append(
                    Reminder(
                        username=user.get_username(),  # type: ignore[attr-defined]
                        email=getattr(user, "email", ""),
                        agency=year.agency.code,
                        year=year.year,
                        quarter=card.quarter,
                        unit=unit.code,
                        days=days,
                        due=card.due,
                        unfilled=len(card.unfilled),
                        key=key,
                        new=not done,
                        email_copy=not done and email_enabled(user),
                    )
                )
    return answer
