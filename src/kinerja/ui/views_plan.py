"""Views of the plan (Renstra, PK, action plan, budgets), downloads and the dataset import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from kinerja.accounts import rules as r
from kinerja.accounts.access import Access, access_year
from kinerja.dataset.errors import DatasetError
from kinerja.plans.actions import RowChange, update_agreement, update_strategic_plan
from kinerja.plans.first_year import draftable
from kinerja.plans.models import PerformanceAgreement, StrategicPlan
from kinerja.plans.parties import shown
from kinerja.results.actions import WorkflowError
from kinerja.results.models import ReportingYear
from kinerja.ui import downloads, importing
from kinerja.ui.forms import AgreementForm, ApplyImportForm, ImportForm, RenstraForm
from kinerja.ui.pages import year_page

FORMATS = ("docx", "pdf")
QUARTERS = (1, 2, 3, 4)


@login_required
def renstra(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year, r.EDIT_PLAN)
    office = access.obj.agency
    periods = list(StrategicPlan.objects.filter(agency=office).order_by("start"))
    covering = next((p for p in periods if p.covers(year)), None)
    if covering is None:
        # No Renstra covers the year: the page offers to start one.
        return year_page(request, "ui/renstra.html", access, plan=None, periods=periods)
    plan = StrategicPlan.objects.prefetch_related("objectives__indicators").get(pk=covering.pk)
    form = RenstraForm(plan, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = update_strategic_plan(
                request.user, plan, data["vision"], form.names(), data["reason"]
            )
            messages.success(request, f"Renstra disimpan ({changed} perubahan).")
            return redirect("ui:renstra", agency, year)
        except WorkflowError as exc:
            form.add_error("reason", str(exc))
    return year_page(
        request,
        "ui/renstra.html",
        access,
        plan=plan,
        form=form,
        periods=periods,
        is_latest=plan.pk == periods[-1].pk,
    )


@login_required
def agreements(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year)
    found = PerformanceAgreement.objects.filter(agency=access.obj.agency, year=year).select_related(
        "work_unit"
    )
    offer = draftable(access.obj) if r.EDIT_PLAN in access.allowed else None
    return year_page(request, "ui/agreements.html", access, agreements=found, draft=offer)


@login_required
def agreement_edit(request: HttpRequest, agency: str, year: int, pk: int) -> HttpResponse:
    access = access_year(request.user, agency, year, r.EDIT_PLAN)
    agreement = get_object_or_404(
        PerformanceAgreement.objects.select_related("work_unit", "agency"),
        pk=pk,
        agency=access.obj.agency,
        year=year,
    )
    rows = list(agreement.rows.select_related("indicator"))
    lines = list(agreement.budget_lines.select_related("program", "activity"))
    form = AgreementForm(rows, lines, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = [
            RowChange(row, data[f"t-{row.pk}"], {q: data[f"q{q}-{row.pk}"] for q in (1, 2, 3, 4)})
            for row in rows
        ]
        budget = {line: data[f"b-{line.pk}"] for line in lines}
        try:
            changed = update_agreement(request.user, agreement, changes, budget, data["reason"])
            messages.success(request, f"PK disimpan ({changed} perubahan).")
            return redirect("ui:agreement_edit", agency, year, pk)
        except WorkflowError as exc:
            form.add_error("reason", str(exc))
    return year_page(
        request,
        "ui/agreement_edit.html",
        access,
        agreement=agreement,
        form=form,
        parties=shown(agreement),
    )


@login_required
def agreement_view(request: HttpRequest, agency: str, year: int, pk: int) -> HttpResponse:
    """A PK as agreed, for every role: parties, targets with the action plan, and budget."""
    access = access_year(request.user, agency, year)
    agreement = get_object_or_404(
        PerformanceAgreement.objects.select_related("work_unit", "agency"),
        pk=pk,
        agency=access.obj.agency,
        year=year,
    )
    rows = []
    for row in agreement.rows.select_related("objective", "indicator"):
        quarters = {int(q): value for q, value in row.quarterly_targets}
        rows.append((row, [quarters.get(q) for q in (1, 2, 3, 4)]))
    lines = list(agreement.budget_lines.select_related("program", "activity"))
    return year_page(
        request,
        "ui/agreement_view.html",
        access,
        agreement=agreement,
        rows=rows,
        lines=lines,
        total=sum(line.amount for line in lines),
    )


@login_required
def download_list(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year)
    found = PerformanceAgreement.objects.filter(agency=access.obj.agency, year=year).select_related(
        "work_unit"
    )
    return year_page(
        request,
        "ui/downloads.html",
        access,
        agreements=found,
        ready=downloads.documents_available(),
        formats=FORMATS,
        can_publish=r.can(request.user, r.PUBLISH, access.obj),
        quarters=QUARTERS,
    )


def _refused(
    request: HttpRequest, access: Access[ReportingYear], exc: downloads.Incomplete
) -> HttpResponse:
    """The downloads page again, listing why the final document cannot be made yet."""
    return year_page(
        request, "ui/download_refused.html", access, status=409, title=exc.title, gaps=exc.gaps
    )


@login_required
def download_lkj(request: HttpRequest, agency: str, year: int, fmt: str) -> HttpResponse:
    access = access_year(request.user, agency, year)
    if fmt not in FORMATS:
        raise Http404("Format tidak dikenal.")
    mode = request.GET.get("mode", "draft")
    try:
        content = downloads.document(access.obj.agency, year, "lkj", fmt, mode=mode)
    except downloads.Incomplete as exc:
        return _refused(request, access, exc)
    suffix = "" if mode == "final" else "-draf"
    return downloads.attachment(content, f"LKj-{agency}-{year}{suffix}.{fmt}", fmt)


@login_required
def download_pk(request: HttpRequest, agency: str, year: int, unit: str, fmt: str) -> HttpResponse:
    access = access_year(request.user, agency, year)
    if fmt not in FORMATS:
        raise Http404("Format tidak dikenal.")
    code = None if unit == "kantor" else unit
    mode = request.GET.get("mode", "draft")
    try:
        content = downloads.document(access.obj.agency, year, "pk", fmt, code, mode=mode)
    except downloads.Incomplete as exc:
        return _refused(request, access, exc)
    suffix = "" if mode == "final" else "-draf"
    return downloads.attachment(content, f"PK-{agency}-{unit}-{year}{suffix}.{fmt}", fmt)


@login_required
def download_action_plan(
    request: HttpRequest, agency: str, year: int, unit: str, fmt: str
) -> HttpResponse:
    access = access_year(request.user, agency, year)
    if fmt not in FORMATS:
        raise Http404("Format tidak dikenal.")
    code = None if unit == "kantor" else unit
    mode = request.GET.get("mode", "draft")
    try:
        content = downloads.document(access.obj.agency, year, "rencana-aksi", fmt, code, mode=mode)
    except downloads.Incomplete as exc:
        return _refused(request, access, exc)
    suffix = "" if mode == "final" else "-draf"
    name = f"Rencana-Aksi-{agency}-{unit}-{year}{suffix}.{fmt}"
    return downloads.attachment(content, name, fmt)


@login_required
def download_quarterly(
    request: HttpRequest, agency: str, year: int, quarter: int, fmt: str
) -> HttpResponse:
    access = access_year(request.user, agency, year)
    if fmt not in FORMATS or quarter not in QUARTERS:
        raise Http404("Dokumen tidak dikenal.")
    mode = request.GET.get("mode", "draft")
    try:
        content = downloads.document(
            access.obj.agency, year, "triwulan", fmt, mode=mode, quarter=quarter
        )
    except downloads.Incomplete as exc:
        return _refused(request, access, exc)
    suffix = "" if mode == "final" else "-draf"
    return downloads.attachment(content, f"LKj-TW{quarter}-{agency}-{year}{suffix}.{fmt}", fmt)


@login_required
def download_dataset(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year, r.EXPORT)
    content = downloads.dataset_file(access.obj.agency)
    return downloads.attachment(content, f"dataset-{agency}.yaml", "yaml")


@login_required
def import_upload(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year, r.IMPORT)
    form = ImportForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = upload.read().decode("utf-8")
            preview = importing.prepare(access.obj.agency, text, upload.name)
        except UnicodeDecodeError:
            form.add_error("file", "Berkas bukan teks UTF-8 (YAML).")
        except DatasetError as exc:
            form.add_error("file", exc.render())
        except importing.ImportRefused as exc:
            form.add_error("file", str(exc))
    apply_form = ApplyImportForm(initial={"token": preview.token}) if preview else None
    return year_page(
        request, "ui/import.html", access, form=form, preview=preview, apply_form=apply_form
    )


@login_required
@require_POST
def import_apply(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year, r.IMPORT)
    form = ApplyImportForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pratinjau impor tidak ditemukan; unggah berkasnya lagi.")
        return redirect("ui:import", agency, year)
    try:
        importing.apply(access.obj.agency, form.cleaned_data["token"], request.user)
        messages.success(
            request,
            "Dataset diimpor. Realisasi yang baru atau berubah menunggu verifikasi "
            "perencana lain; yang tidak berubah tetap dengan statusnya.",
        )
    except (importing.ImportRefused, DatasetError) as exc:
        messages.error(request, str(exc))
        return redirect("ui:import", agency, year)
    return redirect("ui:dashboard", agency, year)
