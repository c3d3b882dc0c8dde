"""The readiness of a year and the leader's approval that locks it.

The page lists what `kinerja.results.readiness` finds missing; the approval goes through
`kinerja.results.actions.lock_year`, which checks the same readiness again inside its
transaction: errors refuse the lock, warnings need the acknowledgement it records.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from kinerja.accounts import rules as r
from kinerja.accounts.access import Access, access_year
from kinerja.formats import format_date
from kinerja.results import actions
from kinerja.results.models import ReportingYear
from kinerja.results.readiness import Readiness, assess
from kinerja.ui.pages import year_page

# Where each section's problems are fixed: values, budget and the narrative on their pages; the
# review's findings and the signatories in the year's workbook (download, fix, upload).
FIX_URLS = {
    "values": "ui:verification",
    "budget": "ui:budget",
    "review": "ui:excel",
    "narrative": "ui:narrative",
    "signatories": "ui:excel",
}


class ApproveForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    warnings = forms.CharField(widget=forms.HiddenInput, max_length=64)
    acknowledge = forms.BooleanField(
        label="Saya telah membaca semua peringatan di atas dan tetap menyetujui tahun ini.",
        required=False,
    )


def _sections(readiness: Readiness, agency: str, year: int) -> list[tuple[str, str, list, str]]:
    return [
        (key, label, items, reverse(FIX_URLS[key], args=[agency, year]))
        for key, label, items in readiness.by_section()
    ]


def _locked_page(request: HttpRequest, access: Access[ReportingYear]) -> HttpResponse:
    record = access.obj
    acknowledgement = record.lock_acknowledgements.select_related("acknowledged_by").first()
    return year_page(
        request,
        "ui/readiness.html",
        access,
        locked=True,
        locked_by=record.locked_by,
        acknowledgement=acknowledgement,
        acknowledged_on=format_date(acknowledgement.created_at.date()) if acknowledgement else None,
    )


@login_required
def readiness(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year)
    if access.obj.is_locked:
        return _locked_page(request, access)
    found = assess(access.obj)
    return year_page(
        request,
        "ui/readiness.html",
        access,
        readiness=found,
        sections=_sections(found, agency, year),
    )


@login_required
def year_lock(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    """The leader's approval; a year already locked says so (and when, and by whom)."""
    seen = access_year(request.user, agency, year)
    if seen.obj.is_locked:
        return _locked_page(request, seen)
    access = access_year(request.user, agency, year, r.LOCK_YEAR)
    record = access.obj
    refused = None
    status = 200
    if request.method == "POST":
        posted = ApproveForm(request.POST)
        if not posted.is_valid():
            refused, status = "Formulir persetujuan tidak lengkap; muat ulang halaman.", 400
        else:
            data = posted.cleaned_data
            try:
                actions.lock_year(
                    request.user,
                    record,
                    data["fingerprint"],
                    acknowledge_warnings=data["acknowledge"],
                    warnings_shown=data["warnings"],
                )
                messages.success(request, f"Tahun {year} disetujui dan dikunci.")
                return redirect("ui:dashboard", agency, year)
            except actions.StaleVersion as exc:
                refused, status = str(exc), 409
            except actions.WorkflowError as exc:
                refused, status = str(exc), 400
            record.refresh_from_db()
            if record.is_locked:
                return _locked_page(request, seen)
    found = assess(record)
    # The form carries what the leader is shown now: a change before they approve is refused.
    form = ApproveForm(
        initial={"fingerprint": actions.year_fingerprint(record), "warnings": found.digest}
    )
    return year_page(
        request,
        "ui/readiness.html",
        access,
        status=status,
        readiness=found,
        sections=_sections(found, agency, year),
        form=form,
        refused=refused,
    )
