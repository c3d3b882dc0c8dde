"""What every page of an office's year shows around its content: the office, year and menu."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from kinerja.accounts import rules as r
from kinerja.accounts.access import Access
from kinerja.accounts.rules import memberships
from kinerja.formats import format_date
from kinerja.results.models import ReportingYear

ROLE_NAMES = dict(r.Role.choices)


def roles_text(request: HttpRequest) -> str:
    roles = sorted({role for _, _, role in memberships(request.user)})
    return ", ".join(str(ROLE_NAMES[role]) for role in roles)


def year_page(
    request: HttpRequest,
    template: str,
    access: Access[ReportingYear],
    status: int = 200,
    **context: Any,
) -> HttpResponse:
    """Render a page of an office's year with its menu, as far as the user may use it."""
    year = access.obj
    agency = year.agency
    context.update(
        agency=agency,
        year=year,
        years=list(agency.reporting_years.order_by("-year").values_list("year", flat=True)),
        may=access.allowed,
        can_edit_plan=r.EDIT_PLAN in access.allowed,
        can_import=r.IMPORT in access.allowed,
        can_lock=r.LOCK_YEAR in access.allowed,
        can_export=r.EXPORT in access.allowed,
        locked_on=format_date(year.locked_at.date()) if year.locked_at else None,
        roles=roles_text(request),
    )
    return render(request, template, context, status=status)


def back_to(request: HttpRequest, fallback: str) -> str:
    """The page the form came from when it is ours, else `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def entry_url(year: ReportingYear, unit_code: str, quarter: int) -> str:
    return reverse("ui:entry", args=[year.agency.code, year.year, unit_code, quarter])
