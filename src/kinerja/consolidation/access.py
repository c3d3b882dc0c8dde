"""Who may see a subtree's consolidation: whoever may see its top office (`rules.VIEW`).

Unlike `access_agency`, the top office may be a bare node of the tree (a province named only
as the parent of the offices that imported a dataset): an upper office's page is about the
offices below it. Outside the user's scope the answer is 404, as everywhere.
"""

from __future__ import annotations

from django.http import Http404

from kinerja.accounts import rules as r
from kinerja.accounts.rules import User, can
from kinerja.agencies.models import Agency


def access_subtree(user: User, code: str) -> Agency:
    """The office named `code`, if the user may see it; else 404."""
    agency = Agency.objects.select_related("parent").filter(code=code).first()
    if agency is None or not can(user, r.VIEW, agency):
        raise Http404("Instansi tidak ditemukan.")
    return agency
