"""Each role's home page, and the page of an office with the offices below it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_office
from kinerja.accounts.models import Membership
from kinerja.plans.models import StrategicPlan
from kinerja.ui.homes import current_year, offices_below, sections
from kinerja.ui.pages import roles_text


@login_required
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    held = (
        Membership.objects.filter(user_id=request.user.pk)
        .select_related("agency")
        .order_by("agency__name", "role")
    )
    parts = sections([(m.agency, m.work_unit_code, m.role) for m in held], today)
    unread = list(request.user.notifications.filter(read_at__isnull=True)[:8])  # type: ignore[union-attr]
    context = {"sections": parts, "unread": unread, "roles": roles_text(request), "today": today}
    return render(request, "ui/home_role.html", context)


@login_required
def office(request: HttpRequest, agency: str) -> HttpResponse:
    access = access_office(request.user, agency, r.VIEW)
    today = timezone.localdate()
    found = access.obj
    years = list(found.reporting_years.order_by("-year")) if found.has_dataset else []
    context = {
        "office": found,
        "years": years,
        "current": current_year(found, today) if found.has_dataset else None,
        "offices": offices_below(found, today),
        "can_start_plan": r.EDIT_PLAN in access.allowed
        and not StrategicPlan.objects.filter(agency=found).exists(),
        "roles": roles_text(request),
    }
    return render(request, "ui/office.html", context)
