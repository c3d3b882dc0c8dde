"""A first year's PK drafted from the Renstra, and the signing data of the year's documents.

Thin views over `kinerja.plans.first_year`: the office that starts in the web app has no last
year to roll over, and the final LKj and PK need who signs them, where and when. The signing
page lists each PK's two parties as printed, each with its page (`views_pk_parties`).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_year
from kinerja.plans.first_year import FirstYearRefused, draft_agreements, set_signing
from kinerja.plans.models import PerformanceAgreement
from kinerja.plans.parties import shown
from kinerja.ui.pages import year_page

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SigningForm(forms.Form):
    report_date = forms.DateField(label="Tanggal LKj", widget=DATE)
    place = forms.CharField(label="Tempat penandatanganan", max_length=200)
    name = forms.CharField(label="Nama penanda tangan LKj", max_length=200)
    position = forms.CharField(label="Jabatan penanda tangan LKj", max_length=200)
    nip = forms.RegexField(
        label="NIP penanda tangan LKj",
        regex=r"^[0-9 ]{8,24}$",
        required=False,
        error_messages={"invalid": "NIP hanya angka (8 sampai 24 digit)."},
    )
    signed_on = forms.DateField(label="Tanggal PK ditandatangani", widget=DATE)


@login_required
@require_POST
def agreements_draft(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    """The office's PK and the ticked work units' PKs (`unit`), from the Renstra."""
    access = access_year(request.user, agency, year, r.EDIT_PLAN)
    try:
        result = draft_agreements(request.user, access.obj, request.POST.getlist("unit"))
    except FirstYearRefused as exc:
        messages.error(request, str(exc))
        return redirect("ui:agreements", agency, year)
    messages.success(request, result.summary())
    office = next((d for d in result.made if d.work_unit is None), None)
    if office is None:
        return redirect("ui:agreements", agency, year)
    return redirect("ui:agreement_edit", agency, year, office.agreement.pk)


@login_required
def signing(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year, r.EDIT_PLAN)
    record = access.obj
    office = PerformanceAgreement.objects.filter(
        agency=record.agency, year=year, work_unit=None
    ).first()
    person = record.report_signatory or record.agency.head or {}
    initial = {
        "report_date": record.report_date,
        "place": record.report_place or record.agency.signing_place or record.agency.city,
        "name": person.get("name"),
        "position": person.get("position"),
        "nip": person.get("nip"),
        "signed_on": office.signed_on if office else None,
    }
    form = SigningForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            set_signing(
                request.user,
                record,
                report_date=data["report_date"],
                place=data["place"].strip(),
                signatory={k: data[k] for k in ("name", "position", "nip")},
                signed_on=data["signed_on"],
            )
        except FirstYearRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Data penandatanganan disimpan.")
            return redirect("ui:signing", agency, year)
    status = 400 if form.is_bound and form.errors else 200
    agreements = PerformanceAgreement.objects.filter(
        agency=record.agency, year=year
    ).select_related("agency", "work_unit")
    return year_page(
        request,
        "ui/signing.html",
        access,
        status=status,
        form=form,
        agreements=[(a, *shown(a)) for a in agreements],
    )
