"""The consolidation pages of upper offices: a subtree's results, with drill-down to the office.

Thin: the figures come from `kinerja.consolidation.summary` (stored results, a fixed number of
queries whatever the number of offices, kept per process until some office's results change:
`kinerja.consolidation.kept`), the workbook from `kinerja.consolidation.workbook`. The page
says how many offices' figures are being refreshed after a recent change.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.agencies.models import Agency
from kinerja.consolidation.access import access_subtree
from kinerja.consolidation.kept import consolidate_kept, updating
from kinerja.consolidation.summary import Consolidation
from kinerja.consolidation.workbook import workbook_bytes
from kinerja.ui.pages import roles_text

LEVELS = {
    "national": "Nasional",
    "province": "Provinsi",
    "regency_city": "Kabupaten/Kota",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _result(request: HttpRequest, agency: str, year: int) -> tuple[Agency, Consolidation]:
    office = access_subtree(request.user, agency)
    level = request.GET.get("tingkat") or None
    if level is not None and level not in LEVELS:
        raise Http404("Tingkat instansi tidak dikenal.")
    return office, consolidate_kept(office, year, level)


@login_required
def consolidation(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    office, result = _result(request, agency, year)
    ranked = [row for row in result.ranking if row.rank is not None]
    context = {
        "c": result,
        "office": office,
        "above": [a.name for a in office.ancestors()],
        "levels": LEVELS,
        "level_name": LEVELS.get(result.level_filter or "", ""),
        "top": ranked[:10],
        "bottom": list(reversed(ranked[-10:])) if len(ranked) > 10 else [],
        "unmeasured": [row for row in result.ranking if row.rank is None],
        "years": [point.year for point in result.trend],
        "roles": roles_text(request),
        "updating": updating(office),
    }
    return render(request, "ui/consolidation.html", context)


@login_required
def consolidation_workbook(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    _, result = _result(request, agency, year)
    response = HttpResponse(workbook_bytes(result), content_type=XLSX)
    name = f"konsolidasi-{result.code}-{result.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
