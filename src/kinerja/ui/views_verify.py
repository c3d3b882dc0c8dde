"""The verification queue: each card with what is needed to decide, and several at once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_year
from kinerja.results import actions
from kinerja.results.models import Realization
from kinerja.ui.forms import ReturnForm, VersionForm
from kinerja.ui.pages import year_page
from kinerja.ui.verify_cards import verification_cards


@login_required
def verification(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year)
    rows = []
    for card in verification_cards(access.obj):
        z = card.realization
        may = r.allowed(request.user, z, (r.VERIFY, r.RETURN))
        rows.append(
            (
                card,
                may,
                VersionForm(initial={"version": z.version}, prefix=f"v{z.indicator_id}"),
                ReturnForm(initial={"version": z.version}, prefix=f"r{z.indicator_id}"),
            )
        )
    batch = any(may for _, may, _, _ in rows)
    return year_page(request, "ui/verification_cards.html", access, rows=rows, batch=batch)


@login_required
@require_POST
def verification_batch(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    """Verify or return the ticked values, each at the version the planner was shown."""
    access = access_year(request.user, agency, year)
    if not r.allowed(request.user, access.obj, (r.EDIT_PLAN,)):
        raise PermissionDenied("Hanya perencana yang memverifikasi.")
    step = request.POST.get("step")
    reason = (request.POST.get("reason") or "").strip()
    back = redirect("ui:verification", agency, year)
    if step not in ("verify", "return"):
        messages.error(request, "Pilih Verifikasi atau Kembalikan.")
        return back
    if step == "return" and not reason:
        messages.error(request, "Tuliskan alasan pengembalian untuk isian yang dipilih.")
        return back
    picked = [int(pk) for pk in request.POST.getlist("pick") if pk.isdigit()]
    if not picked:
        messages.error(request, "Belum ada isian yang dipilih.")
        return back
    found = Realization.objects.filter(reporting_year=access.obj, pk__in=picked).select_related(
        "indicator__work_unit"
    )
    done, refused = [], []
    for z in found:
        z.reporting_year = access.obj
        version = request.POST.get(f"version-{z.pk}", "")
        try:
            if not version.isdigit():
                raise actions.StaleVersion("versi tidak terkirim")
            if step == "verify":
                actions.verify_realization(request.user, z, int(version))
            else:
                actions.return_realization(request.user, z, int(version), reason)
            done.append(f"{z.indicator.code} TW {z.quarter}")
        except (actions.WorkflowError, PermissionDenied) as exc:
            refused.append(f"{z.indicator.code} TW {z.quarter}: {exc}")
        except (OperationalError, InterfaceError):
            refused.append(f"{z.indicator.code} TW {z.quarter}: basis data tidak dapat dihubungi")
    word = "diverifikasi" if step == "verify" else "dikembalikan"
    if done:
        messages.success(request, f"{len(done)} isian {word}: {', '.join(done)}.")
    if refused:
        messages.error(request, f"{len(refused)} tidak diproses: " + "; ".join(refused))
    return back
