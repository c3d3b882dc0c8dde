"""The plan's catalogue in the browser (the Renstra item by item) and the new year's rollover.

Thin views over `kinerja.plans.catalogue` and `kinerja.plans.rollover`, the implementations the
API and the command line use too.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_year
from kinerja.agencies.models import Agency
from kinerja.plans import catalogue
from kinerja.plans.models import Goal, Objective, Program, StrategicPlan
from kinerja.plans.rollover import RolloverRefused, rollover
from kinerja.results.actions import WorkflowError
from kinerja.results.models import ReportingYear
from kinerja.ui.forms_plan import SLUG_OF, SLUGS, PlanItemForm
from kinerja.ui.pages import year_page

PARENTS = {"goal_indicator": Goal, "indicator": Objective, "activity": Program}


def _kind(slug: str) -> str:
    if slug not in SLUGS:
        raise Http404("Jenis butir rencana tidak dikenal.")
    return SLUGS[slug]


def _item(agency: Agency, kind: str, pk: int) -> models.Model:
    """The item of the office, or 404 (an item of another office does not exist here)."""
    if kind == "plan":
        found: Any = StrategicPlan.objects.filter(agency=agency, pk=pk).first()
    else:
        found = catalogue.KINDS[kind].model.objects.filter(pk=pk).first()  # type: ignore[attr-defined]
    if found is None or catalogue.agency_of_item(found) != agency:
        raise Http404("Butir rencana tidak ditemukan.")
    return found  # type: ignore[no-any-return]


def _years(agency: Agency) -> range:
    plan = agency.strategic_plan
    return range(plan.start, plan.end + 1)


def _back(agency: str, year: int, anchor: str = "") -> HttpResponse:
    return redirect(reverse("ui:plan_catalogue", args=[agency, year]) + anchor)


@login_required
def plan_catalogue(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year, r.EDIT_PLAN)
    office = access.obj.agency
    plan = (
        StrategicPlan.objects.filter(agency=office)
        .prefetch_related(
            "missions",
            "goals__indicators",
            "objectives__indicators__work_unit",
            "programs__activities",
        )
        .first()
    )
    if plan is None:
        raise Http404("Instansi ini belum punya Renstra.")
    realized = catalogue.realized_indicators(office)
    return year_page(
        request,
        "ui/plan_catalogue.html",
        access,
        plan=plan,
        units=office.work_units.order_by("position"),
        realized=realized,
        locked_years=catalogue.locked_years(office),
        next_year=year + 1,
        slug=SLUG_OF,
    )


def _form_page(
    request: HttpRequest, access: Any, kind: str, form: PlanItemForm, **context: Any
) -> HttpResponse:
    return year_page(
        request,
        "ui/plan_item.html",
        access,
        form=form,
        kind=kind,
        kind_label=_kind_label(kind),
        **context,
    )


def _kind_label(kind: str) -> str:
    return "Renstra" if kind == "plan" else catalogue.KINDS[kind].label


@login_required
def plan_item_edit(
    request: HttpRequest, agency: str, year: int, kind: str, pk: int
) -> HttpResponse:
    access = access_year(request.user, agency, year, r.EDIT_PLAN)
    office = access.obj.agency
    name = _kind(kind)
    record = _item(office, name, pk)
    needs_reason = bool(catalogue.locked_years(office))
    form = PlanItemForm(
        name,
        office,
        catalogue.item_data(record),
        _years(office),
        needs_reason,
        request.POST or None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = catalogue.update_item(
                request.user, record, form.data_item(), form.cleaned_data.get("reason", "")
            )
            label = _kind_label(name)
            messages.success(request, f"{label} disimpan." if changed else "Tidak ada perubahan.")
            return _back(agency, year)
        except catalogue.PlanItemInvalid as exc:
            form.show(exc)
        except WorkflowError as exc:
            form.add_error(None, str(exc))
    return _form_page(request, access, name, form, record=record, status=_status(form))


def _status(form: PlanItemForm) -> int:
    return 400 if form.is_bound and form.errors else 200


@login_required
def plan_item_add(request: HttpRequest, agency: str, year: int, kind: str) -> HttpResponse:
    access = access_year(request.user, agency, year, r.EDIT_PLAN)
    office = access.obj.agency
    name = _kind(kind)
    if name == "plan":
        raise Http404("Renstra tidak ditambahkan di sini.")
    parent = None
    if name in PARENTS:
        raw = request.GET.get("induk") or request.POST.get("induk") or ""
        parent = _item(office, _parent_kind(name), int(raw)) if raw.isdigit() else None
        if parent is None:
            raise Http404("Induk butir tidak ditemukan.")
    needs_reason = bool(catalogue.locked_years(office))
    years = _years(office)
    form = PlanItemForm(name, office, None, years, needs_reason, request.POST or None)
    first = (
        PlanItemForm("indicator", office, None, years, False, request.POST or None, prefix="ik")
        if name == "objective"
        else None
    )
    if request.method == "POST" and form.is_valid() and (first is None or first.is_valid()):
        data = form.data_item()
        if first is not None:
            data["indicators"] = [first.data_item()]
        try:
            catalogue.create_item(
                request.user, office, name, data, parent, form.cleaned_data.get("reason", "")
            )
            messages.success(request, f"{_kind_label(name)} {data.get('code')} ditambahkan.")
            return _back(agency, year)
        except catalogue.PlanItemInvalid as exc:
            nested = {k: v for k, v in exc.fields.items() if k != "indicators"}
            form.show(catalogue.PlanItemInvalid(nested))
            for message in exc.fields.get("indicators", ()):
                form.add_error(None, f"Indikator pertama: {message}")
        except WorkflowError as exc:
            form.add_error(None, str(exc))
    return _form_page(request, access, name, form, first=first, parent=parent, status=_status(form))


def _parent_kind(kind: str) -> str:
    parent = catalogue.KINDS[kind].parent
    assert parent is not None
    return parent


def _reason(request: HttpRequest) -> str:
    return request.POST.get("reason", "")


@login_required
@require_POST
def plan_item_move(
    request: HttpRequest, agency: str, year: int, kind: str, pk: int
) -> HttpResponse:
    access = access_year(request.user, agency, year, r.EDIT_PLAN)
    record = _item(access.obj.agency, _kind(kind), pk)
    offset = -1 if request.POST.get("arah") == "naik" else 1
    try:
        catalogue.move_item(request.user, record, offset, _reason(request))
    except WorkflowError as exc:
        messages.error(request, str(exc))
    return _back(agency, year)


@login_required
@require_POST
def plan_item_remove(
    request: HttpRequest, agency: str, year: int, kind: str, pk: int
) -> HttpResponse:
    access = access_year(request.user, agency, year, r.EDIT_PLAN)
    name = _kind(kind)
    if name == "plan":
        raise Http404("Renstra tidak dihapus di sini.")
    record = _item(access.obj.agency, name, pk)
    label = f"{_kind_label(name)} {getattr(record, 'code', '')}"
    try:
        catalogue.remove_item(request.user, record, _reason(request))
        messages.success(request, f"{label} dihapus.")
    except WorkflowError as exc:
        messages.error(request, str(exc))
    return _back(agency, year)


@login_required
@require_POST
def plan_item_retire(request: HttpRequest, agency: str, year: int, pk: int) -> HttpResponse:
    access = access_year(request.user, agency, year, r.EDIT_PLAN)
    record = _item(access.obj.agency, "indicator", pk)
    raw = request.POST.get("tahun", "").strip()
    if raw and not raw.isdigit():
        messages.error(request, "Tahun harus angka, mis. 2025.")
        return _back(agency, year)
    try:
        catalogue.retire_indicator(
            request.user,
            record,
            int(raw) if raw else None,
            _reason(request),  # type: ignore[arg-type]
        )
        done = f"tidak dipakai lagi mulai {raw}" if raw else "dipakai lagi"
        messages.success(request, f"Indikator {record.code} {done}.")  # type: ignore[attr-defined]
    except WorkflowError as exc:
        messages.error(request, str(exc))
    return _back(agency, year)


@login_required
def year_rollover(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    """Make the next year from this one (`kinerja rollover`)."""
    access = access_year(request.user, agency, year, r.EDIT_PLAN)
    office = access.obj.agency
    target = year + 1
    exists = ReportingYear.objects.filter(agency=office, year=target).exists()
    if request.method == "POST":
        try:
            result = rollover(request.user, office, year, target)
        except RolloverRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, result.summary())
            return redirect("ui:agreements", agency, target)
    return year_page(
        request,
        "ui/rollover.html",
        access,
        target=target,
        exists=exists,
        plan=StrategicPlan.objects.filter(agency=office).first(),
    )
