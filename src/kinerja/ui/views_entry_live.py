"""The entry card's own extras: the live achievement of a typed value (from the core),
withdrawing a submission, and deleting a wrong evidence file from a draft."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_evidence, access_realization, access_unit, access_year
from kinerja.plans.models import Indicator
from kinerja.results import actions
from kinerja.results.models import Realization
from kinerja.results.preview import preview
from kinerja.ui.forms import VersionForm
from kinerja.ui.pages import back_to, entry_url

DATABASE_DOWN = "Basis data tidak dapat dihubungi; tidak ada yang berubah. Coba lagi sebentar lagi."


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


def _card(z: Realization) -> str:
    unit = z.indicator.work_unit
    return entry_url(z.reporting_year, unit.code if unit else "", z.quarter) + (
        f"#row-{z.indicator_id}"
    )


def _run(request: HttpRequest, z: Realization, prefix: str, step: str, done: str) -> HttpResponse:
    form = VersionForm(request.POST, prefix=prefix)
    if not form.is_valid():
        messages.error(request, "Versi nilai tidak terkirim; muat ulang halaman.")
        return redirect(back_to(request, _card(z)))
    try:
        if step == "withdraw":
            actions.withdraw_realization(request.user, z, form.cleaned_data["version"])
        else:
            evidence = z.evidence.get(pk=int(prefix[1:]))
            actions.remove_evidence(request.user, evidence, form.cleaned_data["version"])
        messages.success(request, done)
    except actions.WorkflowError as exc:
        messages.error(request, str(exc))
    except (OperationalError, InterfaceError):
        messages.error(request, DATABASE_DOWN)
    return redirect(back_to(request, _card(z)))


@login_required
@require_POST
def realization_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    z = access_realization(request.user, pk, r.WITHDRAW).obj
    done = f"Pengajuan {z.indicator.code} ditarik kembali; kini draf yang dapat diubah."
    return _run(request, z, f"w{z.indicator_id}", "withdraw", done)


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = access_evidence(request.user, pk)
    if evidence.realization_id is None:
        raise PermissionDenied("Bukti dukung tabel pengukuran diubah lewat impor dataset.")
    z = access_realization(request.user, evidence.realization_id, r.EDIT_REALIZATION).obj
    return _run(request, z, f"e{evidence.pk}", "remove", f"Bukti dukung {evidence.title} dihapus.")
