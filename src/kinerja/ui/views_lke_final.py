"""Finalising the LKE ("Finalkan LKE") and reopening it ("Buka kembali") from the LKE screen.

Both are the evaluator's (`FINALIZE_LKE`, `REOPEN_LKE`); the rules, four eyes and the
concurrency live in `kinerja.evaluations.finality`. Finalising needs the evaluator's statement
that they checked the score shown (a checkbox, the confirmation that works without JavaScript)
and the fingerprint of what was shown; reopening needs a reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_year
from kinerja.evaluations.finality import finalize_lke, reopen_lke
from kinerja.formats import format_number
from kinerja.results.actions import InvalidValue, WorkflowError
from kinerja.ui.views_lke import lke_page


def _back(agency: str, year: int) -> HttpResponse:
    return redirect(reverse("ui:lke", kwargs={"agency": agency, "year": year}) + "#status-lke")


@login_required
@require_POST
def lke_finalize(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year, r.FINALIZE_LKE)
    post = request.POST
    if post.get("confirm") != "1" or not post.get("fingerprint"):
        messages.error(
            request,
            "Centang pernyataan bahwa Anda telah memeriksa nilai dan predikatnya sebelum "
            "memfinalkan LKE.",
        )
        return lke_page(request, access, 422)
    try:
        done = finalize_lke(
            request.user,  # type: ignore[arg-type]
            access.obj,
            post["fingerprint"],
            post.get("position") or None,
        )
    except PermissionDenied as exc:  # four eyes: the message says why
        messages.error(request, str(exc))
        return lke_page(request, access, 403)
    except InvalidValue as exc:
        messages.error(request, str(exc))
        return lke_page(request, access, 422)
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return lke_page(request, access, 409)
    assert done.final_score is not None
    messages.success(
        request,
        f"LKE {year} difinalkan: nilai {format_number(done.final_score, 2)}, predikat "
        f"{done.final_predicate}. Jawaban tidak dapat diubah sampai dibuka kembali.",
    )
    return _back(agency, year)


@login_required
@require_POST
def lke_reopen(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year, r.REOPEN_LKE)
    post = request.POST
    reason = post.get("reason", "")
    if not reason.strip() or not post.get("fingerprint"):
        messages.error(request, "Tuliskan alasan membuka kembali LKE.")
        return lke_page(request, access, 422)
    try:
        reopen_lke(request.user, access.obj, post["fingerprint"], reason)  # type: ignore[arg-type]
    except InvalidValue as exc:
        messages.error(request, str(exc))
        return lke_page(request, access, 422)
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return lke_page(request, access, 409)
    messages.success(request, f"LKE {year} dibuka kembali; jawaban dapat diubah lagi.")
    return _back(agency, year)
