"""The pohon kinerja (cascade) page of an office's year, and the branches opened below it.

Thin: the tree comes from `kinerja.consolidation.cascade_tree` (stored results, a fixed number
of queries whatever the number of offices below). The offices below an indicator are loaded
when the user opens that branch (htmx on the `<details>` element's toggle); without JavaScript
the branch links to the same list as a page of its own.

Whoever sees the office sees the figures of the offices below it, as on the consolidation
pages; a link to a child office's own pages is shown only to whoever may open them.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_year
from kinerja.accounts.rules import User, can, lineage, memberships
from kinerja.agencies.models import Agency
from kinerja.consolidation.cascade_tree import office_tree, served_below
from kinerja.documents.wording import UNMEASURED
from kinerja.plans.models import Indicator, in_period
from kinerja.ui.pages import year_page

QUARTERS = (1, 2, 3, 4)
# The roles that see every office below their own (`rules.is_admin`, `rules.is_viewer`).
WIDE_ROLES = frozenset({"admin", "viewer"})  # Role.ADMIN, Role.VIEWER


def _sees(user: User, agency: Agency) -> tuple[bool, frozenset[int]]:
    """Whether the user sees every office below `agency` (an administrator or a viewer at it or
    above it), and the offices where they hold any role: what `rules.VIEW` decides, without a
    query per office below."""
    held = memberships(user)
    above = lineage(agency)
    wide = any(role in WIDE_ROLES and agency_id in above for agency_id, _, role in held)
    return wide, frozenset(agency_id for agency_id, _, _ in held)


@login_required
def cascade(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year)
    office = access.obj.agency
    tree = office_tree(office, year)
    parent = tree.parent
    return year_page(
        request,
        "ui/cascade.html",
        access,
        tree=tree,
        parent_visible=parent is not None and can(request.user, r.VIEW, parent),
        consolidation=office.level != "regency_city",
        quarters=QUARTERS,
        unmeasured=UNMEASURED,
    )


@login_required
def cascade_below(request: HttpRequest, agency: str, year: int, indicator: str) -> HttpResponse:
    """The child offices' indicators serving the office's indicator `indicator`."""
    access = access_year(request.user, agency, year)
    office = access.obj.agency
    own = (
        Indicator.objects.filter(objective__plan__agency=office, code=indicator, **in_period(year))
        .values_list("code", "name")
        .first()
    )
    if own is None:
        raise Http404("Indikator tidak ditemukan.")
    rows = served_below(office, year, indicator)
    wide, member_of = _sees(request.user, office)
    context = {
        "office": office,
        "indicator": own,
        "code": indicator,
        "rows": [(row, wide or row.office_pk in member_of) for row in rows],
        "y": year,
        "unmeasured": UNMEASURED,
    }
    if request.headers.get("HX-Request"):
        return render(request, "ui/_cascade_below.html", context)
    return year_page(request, "ui/cascade_below.html", access, **context)
