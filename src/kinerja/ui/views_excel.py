"""Views of Excel in the browser: download the template and the year's workbook, upload a filled
workbook, see every problem or the preview of what changes, then apply (`excel_uploads`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_year
from kinerja.dataset.errors import DatasetError
from kinerja.dataset.excel.cell_writer import WorkbookWriteError
from kinerja.ui import excel_uploads
from kinerja.ui.importing import ImportRefused
from kinerja.ui.pages import year_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD = 20 * 1024 * 1024


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="Isi buku kerja",
        choices=list(excel_uploads.KINDS.items()),
        widget=forms.RadioSelect,
        initial=excel_uploads.REALIZATIONS,
    )
    file = forms.FileField(
        label="Buku kerja (.xlsx)",
        widget=forms.FileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Berkas harus buku kerja Excel (.xlsx).")
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("Buku kerja lebih dari 20 MB.")
        return upload


class ApplyForm(forms.Form):
    kind = forms.ChoiceField(choices=list(excel_uploads.KINDS.items()), widget=forms.HiddenInput)
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def excel(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year)
    form = UploadForm() if r.IMPORT in access.allowed else None
    return year_page(request, "ui/excel.html", access, form=form)


@login_required
def template_download(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access_year(request.user, agency, year)
    kind = request.GET.get("isi", excel_uploads.DATASET)
    if kind not in excel_uploads.KINDS:
        kind = excel_uploads.DATASET
    name = "templat-realisasi.xlsx" if kind == excel_uploads.REALIZATIONS else "templat.xlsx"
    return _xlsx(excel_uploads.template_bytes(kind), name)


@login_required
def dataset_download(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year, r.EXPORT)
    try:
        book = excel_uploads.dataset_bytes(access.obj.agency)
    except WorkbookWriteError as exc:
        messages.error(request, f"Dataset tidak dapat diunduh sebagai Excel: {exc}.")
        return redirect("ui:excel", agency, year)
    return _xlsx(book, f"dataset-{agency}.xlsx")


@login_required
@require_POST
def upload(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year, r.IMPORT)
    form = UploadForm(request.POST, request.FILES)
    preview = problems = None
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            preview = excel_uploads.prepare(
                access.obj.agency, data["kind"], data["file"], data["file"].name
            )
            status = 200
        except DatasetError as exc:
            problems = exc.problems
        except ImportRefused as exc:
            form.add_error("file", str(exc))
    apply_form = (
        ApplyForm(initial={"kind": preview.kind, "token": preview.token}) if preview else None
    )
    return year_page(
        request,
        "ui/excel.html",
        access,
        status=status,
        form=form,
        preview=preview,
        problems=problems,
        apply_form=apply_form,
    )


@login_required
@require_POST
def apply(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year, r.IMPORT)
    form = ApplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pratinjau unggahan tidak ditemukan; unggah berkasnya lagi.")
        return redirect("ui:excel", agency, year)
    data = form.cleaned_data
    try:
        done = excel_uploads.apply(access.obj.agency, data["kind"], data["token"], request.user)
    except (ImportRefused, DatasetError) as exc:
        messages.error(request, str(exc))
        return redirect("ui:excel", agency, year)
    messages.success(request, done)
    return redirect("ui:dashboard", agency, year)
