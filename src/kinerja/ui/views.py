"""Views of the yearly cycle: fetch with permission, validate, call one action, respond.

Plan editing, imports and downloads are in `views_plan.py`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError, transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from kinerja.accounts import rules as r
from kinerja.accounts.access import (
    access_evidence,
    access_realization,
    access_unit,
    access_year,
)
from kinerja.plans.actions import printed_text
from kinerja.plans.models import Indicator
from kinerja.results import actions
from kinerja.results.evidence_files import evidence_path
from kinerja.results.models import Realization, ReportingYear
from kinerja.ui.dashboard import build_dashboard
from kinerja.ui.entry import entry_items
from kinerja.ui.forms import RealizationForm, ReturnForm, ReviseForm, VersionForm
from kinerja.ui.history import realization_history, year_history
from kinerja.ui.pages import back_to, entry_url, year_page

QUARTERS = (1, 2, 3, 4)


@login_required
def dashboard(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year)
    board = build_dashboard(access.obj, timezone.localdate())
    return year_page(request, "ui/dashboard.html", access, board=board)


@login_required
def entry_index(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year)
    units = access.obj.agency.work_units.all()
    own = {code for _, code, role in r.memberships(request.user) if role == r.Role.OPERATOR}
    rows = [(unit, unit.code in own) for unit in units]
    return year_page(request, "ui/entry_index.html", access, units=rows, quarters=QUARTERS)


def _entry_page(
    request: HttpRequest, agency: str, year: int, unit: str, quarter: int, bound: dict | None = None
) -> HttpResponse:
    if quarter not in QUARTERS:
        raise Http404("Triwulan tidak dikenal.")
    access = access_year(request.user, agency, year)
    unit_access = access_unit(request.user, access.obj, unit)
    items = entry_items(request.user, access.obj, unit_access.obj, quarter, bound)
    return year_page(
        request,
        "ui/entry.html",
        access,
        unit=unit_access.obj,
        quarter=quarter,
        quarters=QUARTERS,
        items=items,
    )


@login_required
def entry(request: HttpRequest, agency: str, year: int, unit: str, quarter: int) -> HttpResponse:
    return _entry_page(request, agency, year, unit, quarter)


@login_required
@require_POST
def entry_save(
    request: HttpRequest, agency: str, year: int, unit: str, quarter: int, indicator: int
) -> HttpResponse:
    access = access_year(request.user, agency, year)
    unit_access = access_unit(request.user, access.obj, unit, r.ENTER)
    target = get_object_or_404(Indicator, pk=indicator, work_unit=unit_access.obj)
    form = RealizationForm(request.POST, request.FILES, prefix=f"i{target.pk}")
    status = 200
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # the value and its evidence file, both or neither
                saved = actions.save_realization(
                    request.user,
                    access.obj,
                    target,
                    quarter,
                    data["value"],
                    data["note"],
                    data["version"],
                )
                if data["evidence"] is not None:
                    upload = data["evidence"]
                    actions.add_evidence(request.user, saved, upload, upload.size, upload.name)
            messages.success(request, f"Realisasi {target.code} disimpan sebagai draf.")
            return redirect(entry_url(access.obj, unit, quarter) + f"#row-{target.pk}")
        except actions.StaleVersion:
            # Like the API's 409: nothing saved, and the user is shown what is stored now.
            form.add_error(None, _changed_meanwhile(access.obj, target, quarter))
            status = 409
        except actions.WorkflowError as exc:
            form.add_error(None, str(exc))
        except (OperationalError, InterfaceError):
            # The database failed during the save: the transaction rolled back whole.
            form.add_error(None, DATABASE_DOWN)
            status = 503
    page = _entry_page(request, agency, year, unit, quarter, bound={target.pk: form})
    # htmx swaps only 2xx answers into the card; a plain form post gets the true status.
    page.status_code = 200 if request.headers.get("HX-Request") else status
    return page


DATABASE_DOWN = (
    "Penyimpanan gagal karena basis data tidak dapat dihubungi; tidak ada yang tersimpan. "
    "Coba simpan lagi sebentar lagi."
)


def _changed_meanwhile(year: ReportingYear, indicator: Indicator, quarter: int) -> str:
    stored = Realization.objects.filter(
        reporting_year=year, indicator=indicator, quarter=quarter
    ).first()
    now = f" Nilai tersimpan sekarang: {printed_text(stored.value)}." if stored else ""
    return (
        "Nilai ini telah diubah orang lain sejak halaman dibuka; isian Anda belum disimpan."
        f"{now} Muat ulang halaman, periksa, lalu simpan lagi bila perlu."
    )


def _step(request: HttpRequest, pk: int, permission: str, step: str) -> HttpResponse:
    """Submit, verify or return one realisation, exactly at the version the user was shown."""
    access = access_realization(request.user, pk, permission)
    z: Realization = access.obj
    form_class = ReturnForm if step == "return" else VersionForm
    form = form_class(request.POST, prefix=f"{'r' if step == 'return' else 'v'}{z.indicator_id}")
    done = entry_url(z.reporting_year, z.indicator.work_unit.code, z.quarter)
    if not form.is_valid():
        messages.error(request, "Isian tidak lengkap: " + form.errors.as_text())
        return redirect(back_to(request, done))
    try:
        version = form.cleaned_data["version"]
        if step == "submit":
            actions.submit_realization(request.user, z, version)
        elif step == "verify":
            actions.verify_realization(request.user, z, version)
        else:
            actions.return_realization(request.user, z, version, form.cleaned_data["reason"])
        messages.success(request, f"Realisasi {z.indicator.code}: {z.get_status_display()}.")
    except actions.WorkflowError as exc:
        messages.error(request, str(exc))
    except (OperationalError, InterfaceError):
        messages.error(request, DATABASE_DOWN)
    return redirect(back_to(request, done))


@login_required
@require_POST
def realization_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, r.SUBMIT, "submit")


@login_required
@require_POST
def realization_verify(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, r.VERIFY, "verify")


@login_required
@require_POST
def realization_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, r.RETURN, "return")


@login_required
def realization_revise(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_realization(request.user, pk, r.REVISE_REALIZATION)
    z = access.obj
    form = ReviseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.revise_locked_value(
                request.user, z, form.cleaned_data["value"], form.cleaned_data["reason"]
            )
            messages.success(request, f"Revisi realisasi {z.indicator.code} dicatat.")
            return redirect("ui:realization_history", z.pk)
        except actions.WorkflowError as exc:
            form.add_error(None, str(exc))
    year_access = access_year(request.user, z.reporting_year.agency.code, z.reporting_year.year)
    return year_page(request, "ui/revise.html", year_access, realization=z, form=form)


@login_required
def realization_history_view(request: HttpRequest, pk: int) -> HttpResponse:
    z = access_realization(request.user, pk).obj
    year_access = access_year(request.user, z.reporting_year.agency.code, z.reporting_year.year)
    return year_page(
        request, "ui/history.html", year_access, realization=z, entries=realization_history(z)
    )


@login_required
def year_history_view(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year)
    revisions, entries = year_history(access.obj)
    return year_page(request, "ui/year_history.html", access, revisions=revisions, entries=entries)


@login_required
@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    evidence = access_evidence(request.user, pk)
    path = evidence_path(evidence.sha256 or "")
    if not path.is_file():
        raise Http404("Berkas bukti dukung tidak ditemukan.")
    extension = (evidence.file or "").rsplit(".", 1)[-1]
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"bukti-{evidence.pk}.{extension}",
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
