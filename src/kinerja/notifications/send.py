"""Making notifications: the rows in the app, and their email copies after the commit.

The workflow actions (`kinerja.results.actions`) call the event helpers below inside their
transaction, so a notification exists exactly when its change does; the email leaves only once
the transaction commits, through Django's email backend (console by default, SMTP when
`KINERJA_EMAIL_HOST` is set; `docs/deployment.md`). A user without an email address, or who
turned email off (`EmailSetting`), gets the notification in the app only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from kinerja.accounts.choices import Role
from kinerja.accounts.models import Membership
from kinerja.notifications.choices import Kind
from kinerja.notifications.models import EmailSetting, Notification
from kinerja.results.models import Realization, ReportingYear

log = logging.getLogger(__name__)


def email_enabled(user: Any) -> bool:
    """Whether copies go to this user's email: they have an address and did not turn it off."""
    if not getattr(user, "email", ""):
        return False
    setting = EmailSetting.objects.filter(user_id=user.pk).values_list("enabled", flat=True)
    return next(iter(setting), True)


def _email(notification_ids: list[int]) -> None:
    """Send the email copies of these notifications; a failure is logged, never raised."""
    for note in Notification.objects.filter(pk__in=notification_ids).select_related("user"):
        if not email_enabled(note.user):
            continue
        link = f"{settings.KINERJA_BASE_URL}{note.url}" if note.url else ""
        body = "\n\n".join(part for part in (note.body, link) if part)
        try:
            send_mail(f"[Kinerja] {note.title}", body, None, [note.user.email])
        except Exception:  # the notification stays in the app; the mail server may be down
            log.exception("email of notification %s to user %s failed", note.pk, note.user_id)
            continue
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())


def notify(
    users: Iterable[Any], kind: Kind, title: str, body: str = "", url: str = "", key: str = ""
) -> list[Notification]:
    """Notify each user once; with a `key`, a user who already has it gets nothing new."""
    made = []
    for user in {u.pk: u for u in users if u is not None and u.is_active}.values():
        if key and Notification.objects.filter(user=user, key=key).exists():
            continue
        try:
            with transaction.atomic():
                made.append(
                    Notification.objects.create(
                        user=user, kind=kind, key=key or None, title=title, body=body, url=url
                    )
                )
        except IntegrityError:  # the same key made by a concurrent run: once is enough
            continue
    ids = [n.pk for n in made]
    if ids:
        transaction.on_commit(lambda: _email(ids))
    return made


def _members(agency_id: int, roles: tuple[Role, ...], unit: str | None = None) -> list[Any]:
    found = Membership.objects.filter(agency_id=agency_id, role__in=roles).select_related("user")
    if unit is not None:
        found = found.filter(work_unit_code=unit)
    return [m.user for m in found]


def _card_url(z: Realization) -> str:
    year = z.reporting_year
    unit = z.indicator.work_unit
    code = unit.code if unit is not None else ""
    return reverse("ui:entry", args=[year.agency.code, year.year, code, z.quarter]) + (
        f"#row-{z.indicator_id}"
    )


def _unit_people(z: Realization) -> list[Any]:
    """The operators of the realisation's work unit and whoever submitted it."""
    unit = z.indicator.work_unit
    people = _members(
        z.reporting_year.agency_id, (Role.OPERATOR,), unit.code if unit is not None else ""
    )
    return [*people, z.submitted_by]


def _others(users: Iterable[Any], actor: Any) -> list[Any]:
    return [u for u in users if u is not None and u.pk != actor.pk]


def _what(z: Realization) -> str:
    return f"{z.indicator.code} triwulan {z.quarter} tahun {z.reporting_year.year}"


def realization_returned(z: Realization, actor: Any) -> None:
    notify(
        _others(_unit_people(z), actor),
        Kind.RETURNED,
        f"Realisasi {_what(z)} dikembalikan",
        f"Alasan: {z.returned_reason}. Perbaiki lalu ajukan lagi.",
        _card_url(z),
    )


def realization_verified(z: Realization, actor: Any) -> None:
    notify(
        _others(_unit_people(z), actor),
        Kind.VERIFIED,
        f"Realisasi {_what(z)} terverifikasi",
        f"Nilai {z.value} diverifikasi dan kini dihitung dalam capaian.",
        _card_url(z),
    )


def realization_submitted(z: Realization, actor: Any) -> None:
    """Planners get it to verify; the unit's operators hear when someone submitted for them."""
    agency_id = z.reporting_year.agency_id
    verify_url = reverse(
        "ui:verification", args=[z.reporting_year.agency.code, z.reporting_year.year]
    )
    notify(
        _others(_members(agency_id, (Role.PLANNER, Role.ADMIN)), actor),
        Kind.SUBMITTED,
        f"Realisasi {_what(z)} diajukan untuk Anda verifikasi",
        f"Nilai {z.value}, diajukan oleh {actor.get_full_name() or actor.get_username()}.",
        verify_url,
    )
    unit = z.indicator.work_unit
    operators = _members(agency_id, (Role.OPERATOR,), unit.code if unit is not None else "")
    notify(
        _others(operators, actor),
        Kind.SUBMITTED,
        f"Realisasi {_what(z)} diajukan atas nama unit Anda",
        f"Diajukan oleh {actor.get_full_name() or actor.get_username()}; menunggu verifikasi.",
        _card_url(z),
    )


def year_locked(year: ReportingYear, actor: Any) -> None:
    members = Membership.objects.filter(agency_id=year.agency_id).select_related("user")
    notify(
        _others((m.user for m in members), actor),
        Kind.LOCKED,
        f"Tahun {year.year} disetujui dan dikunci",
        "Perubahan nilai tahun ini kini hanya melalui revisi dengan alasan.",
        reverse("ui:dashboard", args=[year.agency.code, year.year]),
    )
