"""The entry card's live answer: the achievement a typed value would give, from the core."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_unit, access_year
from kinerja.plans.models import Indicator
from kinerja.results.preview import preview


@login_required
@require_GET
def entry_preview(
    request: HttpRequest, agency: str, year: int, unit: str, quarter: int, indicator: int
) -> HttpResponse:
    access = access_year(request.user, agency, year)
    unit_access = access_unit(request.user, access.obj, unit, r.ENTER)
    found = get_object_or_404(Indicator, pk=indicator, work_unit=unit_access.obj)
    text = request.GET.get(f"i{found.pk}-value", "")[:200]
    answer = preview(access.obj, found, quarter, text)
    return render(request, "ui/_preview.html", {"p": answer, "indicator": found})
