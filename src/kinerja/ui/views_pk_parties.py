"""The two parties of a PK (who promises, and their superior): seen and set by planners.

A thin view over `kinerja.plans.parties`: the form shows what the PK prints now, offers the
office's officials, and stores the parties in the PK as the dataset does; a locked year refuses,
and parties changed since the page was shown answer 409 with the current ones.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_year
from kinerja.plans.models import PerformanceAgreement
from kinerja.plans.parties import PartiesChanged, PartiesRefused, set_parties, shown
from kinerja.ui.forms_parties import PartiesForm
from kinerja.ui.pages import year_page


def _agreement(agency_id: int, year: int, pk: int) -> PerformanceAgreement:
    return get_object_or_404(
        PerformanceAgreement.objects.select_related("work_unit", "agency"),
        pk=pk,
        agency_id=agency_id,
        year=year,
    )


@login_required
def agreement_parties(request: HttpRequest, agency: str, year: int, pk: int) -> HttpResponse:
    access = access_year(request.user, agency, year, r.EDIT_PLAN)
    agreement = _agreement(access.obj.agency_id, year, pk)
    form = PartiesForm(agreement, request.POST or None)
    status, conflict = 200, ""
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                done = set_parties(
                    request.user, agreement, data["first"], data["second"], data["seen"]
                )
            except PartiesChanged as exc:
                # What the PK holds now, for the planner to decide again.
                agreement = _agreement(access.obj.agency_id, year, pk)
                form, status, conflict = PartiesForm(agreement), 409, str(exc)
            except PartiesRefused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, "Pihak PK disimpan." if done else "Pihak PK tidak berubah."
                )
                return redirect("ui:agreement_parties", agency, year, pk)
    first, second = shown(agreement)
    return year_page(
        request,
        "ui/agreement_parties.html",
        access,
        status=status,
        agreement=agreement,
        form=form,
        conflict=conflict,
        first=first,
        second=second,
    )
