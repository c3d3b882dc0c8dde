"""Which offices a list may show: the user's visible offices, or the one asked for.

An office outside the user's scope answers 404, exactly as the web app and `access_agency` do.
"""

from __future__ import annotations

from django.db.models import QuerySet

from kinerja.accounts.access import access_agency, visible_agencies
from kinerja.accounts.rules import User
from kinerja.agencies.models import Agency


def offices(user: User, office: str | None) -> QuerySet[Agency]:
    """The offices to list from: `office` when given (404 outside scope), else all visible."""
    if office:
        agency = access_agency(user, office).obj
        return Agency.objects.filter(pk=agency.pk)
    return visible_agencies(user)
