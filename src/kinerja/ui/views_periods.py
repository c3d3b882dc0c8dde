"""Renstra periods in the browser: the next period from the last one, the first of an office.

Thin views over `kinerja.plans.periods`, the implementation the API and `kinerja renstra-baru`
use too. The next period opens in the catalogue editor (`?renstra=<start>`) as a draft for the
planner; the first Renstra of an office that has none starts its first reporting year too.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_office, access_year
from kinerja.plans.models import StrategicPlan
from kinerja.plans.periods import (
    FIRST_YEAR,
    LAST_YEAR,
    PeriodRefused,
    next_period,
    start_first_plan,
    start_next_plan,
)
from kinerja.ui.pages import roles_text, year_page


def _year_field(label: str, required: bool = True, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "required": "Wajib diisi.",
            "invalid": "Tulis tahun dengan angka, mis. 2025.",
            "min_value": f"Tahun paling awal {FIRST_YEAR}.",
            "max_value": f"Tahun paling akhir {LAST_YEAR}.",
        },
        **kwargs,
    )


class PeriodForm(forms.Form):
    """The period of a new Renstra, and its vision (the next period: kept when left empty)."""

    start = _year_field("Tahun mulai")
    end = _year_field("Tahun selesai")
    vision = forms.CharField(
        label="Visi", max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None and end < start:
            self.add_error("end", "Tahun selesai tidak boleh sebelum tahun mulai.")
        return data


class NextPeriodForm(PeriodForm):
    vision = forms.CharField(
        label="Visi (kosongkan untuk memakai visi Renstra sebelumnya)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FirstPeriodForm(PeriodForm):
    year = _year_field(
        "Tahun pelaporan pertama (kosongkan: awal periode)",
        required=False,
    )


@login_required
def plan_next(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    """Start the Renstra period after the office's latest, copied from it."""
    access = access_year(request.user, agency, year, r.EDIT_PLAN)
    office = access.obj.agency
    source = StrategicPlan.objects.latest_of(office)
    if source is None:
        return redirect("ui:plan_start", agency)
    start, end = next_period(source)
    form = NextPeriodForm(request.POST or None, initial={"start": start, "end": end})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                plan = start_next_plan(
                    request.user, office, source, data["start"], data["end"], data["vision"]
                )
            except PeriodRefused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    f"Renstra {plan.period} dimulai dari Renstra {source.period}: isi target "
                    "per tahunnya di katalog ini.",
                )
                url = reverse("ui:plan_catalogue", args=[agency, year])
                return redirect(f"{url}?renstra={plan.start}")
    return year_page(request, "ui/plan_next.html", access, status=status, form=form, source=source)


@login_required
def plan_start(request: HttpRequest, agency: str) -> HttpResponse:
    """The first Renstra of an office that has none: its period, its vision, its first year."""
    access = access_office(request.user, agency, r.EDIT_PLAN)
    office = access.obj
    existing = list(StrategicPlan.objects.filter(agency=office).order_by("start"))
    form = FirstPeriodForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                plan = start_first_plan(
                    request.user,
                    office,
                    data["start"],
                    data["end"],
                    data["vision"],
                    data.get("year"),
                )
            except PeriodRefused as exc:
                form.add_error(None, str(exc))
            else:
                first = office.reporting_years.order_by("year").values_list("year", flat=True)[0]
                messages.success(
                    request,
                    f"Renstra {plan.period} dimulai. Tambahkan misi, tujuan, sasaran dan "
                    "indikatornya di katalog ini.",
                )
                return redirect("ui:plan_catalogue", agency, first)
    latest_year = office.reporting_years.order_by("-year").values_list("year", flat=True).first()
    context = {
        "office": office,
        "form": form,
        "existing": existing,
        "latest_year": latest_year,
        "roles": roles_text(request),
    }
    return render(request, "ui/plan_start.html", context, status=status)
