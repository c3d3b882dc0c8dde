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
from kinerja.results.actions import StaleVersion, WorkflowError
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


def _years(plan: StrategicPlan) -> range:
    return range(plan.start, plan.end + 1)


def selected_plan(request: HttpRequest, office: Agency, year: int) -> StrategicPlan | None:
    """The Renstra the catalogue shows: `?renstra=<start year>` (another period of the office,
    e.g. one just started), else the one covering the page's year, else the latest."""
    raw = request.GET.get("renstra") or request.POST.get("renstra") or ""
    if raw.isdigit():
        found = StrategicPlan.objects.filter(agency=office, start=int(raw)).first()
        if found is None:
            raise Http404("Renstra periode itu tidak ditemukan.")
        return found
    return StrategicPlan.objects.covering(office, year) or StrategicPlan.objects.latest_of(office)


def plan_query(plan: StrategicPlan | None, year: int) -> str:
    """The query naming `plan` in the catalogue's URLs, when it is not the year's own."""
    return "" if plan is None or plan.covers(year) else f"?renstra={plan.start}"


def _back(
    agency: str, year: int, plan: StrategicPlan | None = None, anchor: str = ""
) -> HttpResponse:
    url = reverse("ui:plan_catalogue", args=[agency, year]) + plan_query(plan, year)
    return redirect(url + anchor)


@login_required
def plan_catalogue(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year, r.EDIT_PLAN)
    office = access.obj.agency
    chosen = selected_plan(request, office, year)
    if chosen is None:
        raise Http404("Instansi ini belum punya Renstra.")
    plan = StrategicPlan.objects.prefetch_related(
        "missions",
        "goals__indicators",
        "objectives__indicators__work_unit",
        "programs__activities",
    ).get(pk=chosen.pk)
    realized = catalogue.realized_indicators(office)
    periods = list(StrategicPlan.objects.filter(agency=office).order_by("start"))
    return year_page(
        request,
        "ui/plan_catalogue.html",
        access,
        plan=plan,
        periods=periods,
        q=plan_query(plan, year),
        is_latest=plan.pk == periods[-1].pk,
        units=office.work_units.order_by("position"),
        realized=realized,
        locked_years=catalogue.locked_years(office, plan),
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
    plan = catalogue.plan_of_item(record) or selected_plan(request, office, year)
    assert plan is not None
    needs_reason = bool(catalogue.locked_years(office, catalogue.plan_of_item(record)))
    stored = catalogue.item_data(record)
    form = PlanItemForm(
        name,
        office,
        stored,
        _years(plan),
        needs_reason,
        request.POST or None,
        plan=plan,
        shown=catalogue.data_fingerprint(stored),
    )
    stale = False
    if request.method == "POST" and form.is_valid():
        try:
            changed = catalogue.update_item(
                request.user,
                record,
                form.data_item(),
                form.cleaned_data.get("reason", ""),
                form.cleaned_data["shown"],
            )
            label = _kind_label(name)
            messages.success(request, f"{label} disimpan." if changed else "Tidak ada perubahan.")
            return _back(agency, year, plan)
        except catalogue.PlanItemInvalid as exc:
            form.show(exc)
        except StaleVersion as exc:
            form.add_error(None, str(exc))
            stale = True
        except WorkflowError as exc:
            form.add_error(None, str(exc))
    return _form_page(
        request,
        access,
        name,
        form,
        record=record,
        q=plan_query(plan, year),
        status=409 if stale else _status(form),
    )


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
    plan = catalogue.plan_of_item(parent) if parent is not None else None
    plan = plan or selected_plan(request, office, year)
    if plan is None:
        raise Http404("Instansi ini belum punya Renstra.")
    owner_plan = None if name == "work_unit" else plan
    needs_reason = bool(catalogue.locked_years(office, owner_plan))
    years = _years(plan)
    form = PlanItemForm(name, office, None, years, needs_reason, request.POST or None, plan=plan)
    first = (
        PlanItemForm(
            "indicator", office, None, years, False, request.POST or None, prefix="ik", plan=plan
        )
        if name == "objective"
        else None
    )
    if request.method == "POST" and form.is_valid() and (first is None or first.is_valid()):
        data = form.data_item()
        if first is not None:
            data["indicators"] = [first.data_item()]
        try:
            catalogue.create_item(
                request.user,
                office,
                name,
                data,
                parent,
                form.cleaned_data.get("reason", ""),
                plan=owner_plan,
            )
            messages.success(request, f"{_kind_label(name)} {data.get('code')} ditambahkan.")
            return _back(agency, year, plan)
        except catalogue.PlanItemInvalid as exc:
            nested = {k: v for k, v in exc.fields.items() if k != "indicators"}
            form.show(catalogue.PlanItemInvalid(nested))
            for message in exc.fields.get("indicators", ()):
                form.add_error(None, f"Indikator pertama: {message}")
        except WorkflowError as exc:
            form.add_error(None, str(exc))
    return _form_page(
        request,
        access,
        name,
        form,
        first=first,
        parent=parent,
        q=plan_query(plan, year),
        status=_status(form),
    )


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
    return _back(agency, year, catalogue.plan_of_item(record))


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
    plan = catalogue.plan_of_item(record)
    label = f"{_kind_label(name)} {getattr(record, 'code', '')}"
    try:
        catalogue.remove_item(request.user, record, _reason(request))
        messages.success(request, f"{label} dihapus.")
    except WorkflowError as exc:
        messages.error(request, str(exc))
    return _back(agency, year, plan)


@login_required
@require_POST
def plan_item_retire(request: HttpRequest, agency: str, year: int, pk: int) -> HttpResponse:
    access = access_year(request.user, agency, year, r.EDIT_PLAN)
    record = _item(access.obj.agency, "indicator", pk)
    plan = catalogue.plan_of_item(record)
    raw = request.POST.get("tahun", "").strip()
    if raw and not raw.isdigit():
        messages.error(request, "Tahun harus angka, mis. 2025.")
        return _back(agency, year, plan)
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
    return _back(agency, year, plan)


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
        plan=StrategicPlan.objects.covering(office, target),
        source_plan=StrategicPlan.objects.covering(office, year),
    )
